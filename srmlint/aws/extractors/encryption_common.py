"""Readers the encryption extractors share (no extractors of their own)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srmlint.aws.facts import EncryptionAtRest, EncryptionState
from srmlint.aws.values import as_bool, is_set
from srmlint.model import AttrPath, Unknown


def dig(attrs: Any, *path: str | int) -> tuple[Any, AttrPath]:
    """The value at ``path`` (a Terraform nested block's first body is taken
    for a name that meets a list), and the concrete path to it. An Unknown on
    the way is returned as the value; a missing step gives ``None``."""
    value = attrs
    concrete: list[str | int] = []
    for step in path:
        if isinstance(value, Unknown):
            return value, tuple(concrete)
        if isinstance(step, str) and isinstance(value, list):
            bodies = [v for v in value if v is not None]
            if not bodies:
                return None, tuple(concrete)
            value = bodies[0]
            concrete.append(value_index(value, bodies))
        if isinstance(step, str):
            if not isinstance(value, Mapping):
                return (value if isinstance(value, Unknown) else None), tuple(concrete)
            value = value.get(step)
        else:
            if not isinstance(value, list) or step >= len(value):
                return None, tuple(concrete)
            value = value[step]
        concrete.append(step)
        if value is None:
            return None, tuple(concrete)
    return value, tuple(concrete)


def value_index(value: Any, bodies: list[Any]) -> int:
    return 0 if not bodies else bodies.index(value)


def key_state(key: Any) -> EncryptionState:
    """A key that is set: AWS-managed when it names an ``alias/aws/...`` key,
    else customer-managed (a reference to a key the template or a variable
    supplies: no finding is ever raised for not using a customer key then)."""
    if isinstance(key, str) and ("alias/aws/" in key or key.startswith("aws/")):
        return "aws_managed_key"
    return "customer_key"


def flag_state(flag: Any, key: Any, *, key_implies_enabled: bool = True) -> EncryptionState:
    """An on/off encryption flag with an optional KMS key."""
    value = as_bool(flag)
    if isinstance(value, Unknown):
        return "unknown"
    if value is False:
        return "disabled"
    if value is None:
        if key_implies_enabled and is_set(key):
            return key_state(key)
        return "unset"
    return key_state(key) if is_set(key) else "aws_managed_key"


def flag_fact(attrs: Mapping[str, Any], flag_path: tuple[str | int, ...],
              key_path: tuple[str | int, ...] | None = None, *,
              key_implies_enabled: bool = True) -> EncryptionAtRest:
    """One EncryptionAtRest from an on/off flag and an optional key."""
    flag, fpath = dig(attrs, *flag_path)
    key, kpath = dig(attrs, *key_path) if key_path else (None, ())
    state = flag_state(flag, key, key_implies_enabled=key_implies_enabled)
    path = fpath if flag is not None else (kpath if is_set(key) else _parent(fpath, attrs))
    return EncryptionAtRest(path=path, source=None, state=state, key=key)


def key_fact(attrs: Mapping[str, Any], key_path: tuple[str | int, ...]) -> EncryptionAtRest:
    """Services that always encrypt: only the key is a choice (unset: AWS's key)."""
    key, kpath = dig(attrs, *key_path)
    if not is_set(key):
        return EncryptionAtRest(path=_parent(kpath, attrs), source=None, state="unset")
    return EncryptionAtRest(path=kpath, source=None, state=key_state(key), key=key)


def _parent(path: AttrPath, attrs: Mapping[str, Any]) -> AttrPath:
    """The deepest existing part of ``path`` (a finding then points at the
    block that lacks the setting, or at the resource)."""
    existing: list[str | int] = []
    value: Any = attrs
    for step in path:
        if isinstance(step, str):
            if not isinstance(value, Mapping) or step not in value:
                break
            value = value[step]
        else:
            if not isinstance(value, list) or step >= len(value):
                break
            value = value[step]
        existing.append(step)
    return tuple(existing)
