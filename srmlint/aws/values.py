"""Small readers of attribute values that extractors share.

They accept the shapes both readers produce (Terraform nested blocks are
lists of bodies; CloudFormation lists and mappings) and never raise on a type
the template got wrong: a wrong type is simply not the expected setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srmlint.model import Unknown


def blocks(value: Any) -> list[Mapping[str, Any]]:
    """The bodies of a nested block (or of a list of mappings)."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, Mapping)]
    return []


def items(value: Any) -> list[Any]:
    """A list attribute's items; a scalar counts as a one-item list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def as_int(value: Any) -> int | Unknown | None:
    """Ports and counts: ints, or numeric strings (CloudFormation writes "22")."""
    if value is None or isinstance(value, Unknown):
        return value
    if isinstance(value, bool):
        return Unknown(None, repr(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return Unknown(None, value)
    return Unknown(None, repr(value))


def as_bool(value: Any) -> bool | Unknown | None:
    """Booleans, also as the strings "true"/"false" both formats accept."""
    if value is None or isinstance(value, bool | Unknown):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return Unknown(None, repr(value))


def is_set(value: Any) -> bool:
    """A value that is present and not empty (an Unknown counts as present)."""
    return value is not None and value != "" and value != [] and value != {}


def dynamic_block(attributes: Mapping[str, Any], name: str) -> bool:
    """Whether a Terraform ``dynamic "<name>"`` block may generate ``name``
    blocks: what they say is not statically known (the resolve stage expands
    the ones whose ``for_each`` is static; those left are unknown)."""
    return any(name in body for body in blocks(attributes.get("dynamic")))
