"""The responsibility catalog: resource type → service, model and AWS defaults.

The catalog is data (``rules/catalog.yaml``, shipped in the wheel) gathered
through the ``srmlint_catalog_paths`` hook, so adding a service never needs a
code change. A type is matched exactly first, then by the longest ``prefix*``
pattern. Types of other providers (Terraform types not starting with
``aws_``, CloudFormation types that are neither ``AWS::`` nor ``Custom::``)
are not AWS: neither classified nor unclassified.

Where a resource's owners depend on how it is configured (an ECS service on
Fargate, Beanstalk with managed platform updates), the entry states it as
declarative ``when`` conditions over the resource's attributes; they are
evaluated here, in the classify stage, so the engine stays free of any AWS
knowledge. A condition::

    when:
      - types: [aws_ecs_service]          # optional: exact names or prefix*
        attribute: launch_type            # a path: "a.b", or a list whose
                                          # mapping steps filter list items
        in: [FARGATE]                     # or `equals: value`, `startswith: text`
        owners: {operating_system: aws}   # layers that change when it holds
        note: Fargate launch type ...     # why, shown in reports

A condition without ``attribute`` holds for every resource of its ``types``
(EKS cluster vs node group). Values compare as case-insensitive text, so
``true``, ``"true"`` and ``True`` are one value. A value the template does
not state statically never makes a condition hold; the model's owners are
kept and a note says the owner depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from srmlint.model import Resource, Unknown
from srmlint.responsibility import CONTROL_KINDS, LAYERS, MODELS, Owner, Responsibility, unclassified


class CatalogError(ValueError):
    """The catalog data is malformed: a packaging or plugin bug, exit 2."""


@dataclass(frozen=True)
class Condition:
    """One ``when`` entry, compiled once at load."""

    owners: Mapping[str, Owner]
    note: str
    types: tuple[str, ...] = ()
    path: tuple[str | Mapping[str, str], ...] = ()
    #: Accepted values, normalised by :func:`_norm`; empty with ``prefix``.
    values: frozenset[str] = frozenset()
    prefix: str | None = None

    def applies_to(self, type_: str) -> bool:
        if not self.types:
            return True
        return any(type_ == t or (t.endswith("*") and type_.startswith(t[:-1])) for t in self.types)

    def evaluate(self, attributes: Mapping[str, Any]) -> bool | None:
        """Whether the condition holds; ``None`` when a value it reads is not static."""
        if not self.path:
            return True
        unknown = False
        for value in _walk(attributes, self.path):
            if isinstance(value, Unknown):
                unknown = True
                continue
            text = _norm(value)
            if text is None:
                continue
            if text in self.values or (self.prefix is not None and text.startswith(self.prefix)):
                return True
        return None if unknown else False


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    model: str
    owners: Mapping[str, Owner]
    aws_defaults: Mapping[str, str]
    note: str | None = None
    control: str | None = None
    conditions: tuple[Condition, ...] = field(default=(), compare=False)


def rules_dir() -> Path:
    """The shipped ``rules/`` data: inside the wheel as ``srmlint/_rules``,
    at the top of the source tree when running from a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def is_aws_type(format_: str, type_: str) -> bool:
    if format_ == "terraform":
        return type_.startswith("aws_")
    return type_.startswith(("AWS::", "Custom::"))


def _looks_like_aws(format_: str, type_: str) -> bool:
    """An AWS type misspelt in case: ``AWS_S3_Bucket``, ``aws::s3::bucket``."""
    if format_ == "terraform":
        return type_.lower().startswith("aws_")
    return type_.upper().startswith(("AWS::", "CUSTOM::"))


_TF_TYPE = re.compile(r"aws_[a-z0-9]+(?:_[a-z0-9]+)*")


def _well_formed(format_: str, type_: str) -> bool:
    """Whether a type is spelt as its format spells types: Terraform's are
    lower-case; CloudFormation's segments start upper-case (``AWS::S3::Bucket``),
    so ``AWS::S3::bucket`` is a typo CloudFormation rejects, not an S3 type."""
    if format_ == "terraform":
        return _TF_TYPE.fullmatch(type_) is not None
    if type_.startswith("Custom::"):
        return len(type_) > len("Custom::")
    parts = type_.split("::")
    return len(parts) == 3 and all(p[:1].isupper() and p.replace("_", "").isalnum() for p in parts)


def _norm(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value).strip().lower()
    return None


_UNSTATED = Unknown(None, "a value that selects a list item")


def _walk(value: Any, path: Sequence[str | Mapping[str, str]]) -> Iterable[Any]:
    """The values at ``path``; lists are searched item by item (any item may
    match), so one path reads a block list and a property list alike."""
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, path)
        return
    if not path:
        yield value
        return
    step, rest = path[0], path[1:]
    if isinstance(step, str):
        if isinstance(value, Mapping) and step in value:
            yield from _walk(value[step], rest)
        elif isinstance(value, Unknown):
            yield value
    elif isinstance(value, Mapping):
        got = [value.get(key) for key in step]
        if any(isinstance(v, Unknown) for v in got):
            yield _UNSTATED  # cannot tell whether this item is the one the filter means
        elif all(_norm(v) == _norm(want) for v, want in zip(got, step.values(), strict=True)):
            yield from _walk(value, rest)
    elif isinstance(value, Unknown):
        yield value


def _owners(raw: Any, where: str) -> dict[str, Owner]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{where}: owners must be a mapping of layer to owner")
    owners = {}
    for layer, owner in raw.items():
        if layer not in LAYERS:
            raise CatalogError(f"{where}: unknown layer {layer!r}")
        try:
            owners[layer] = Owner(owner)
        except ValueError:
            raise CatalogError(f"{where}: unknown owner {owner!r} for layer {layer!r}") from None
    return owners


def _condition(raw: Any, where: str) -> Condition:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{where}: a condition must be a mapping")
    unknown_keys = set(raw) - {"types", "attribute", "equals", "in", "startswith", "owners", "note"}
    if unknown_keys:
        raise CatalogError(f"{where}: unknown condition keys {sorted(unknown_keys)}")
    attribute = raw.get("attribute")
    path: tuple[str | Mapping[str, str], ...]
    if attribute is None:
        path = ()
    elif isinstance(attribute, str):
        path = tuple(attribute.split("."))
    elif isinstance(attribute, list) and all(isinstance(s, str | Mapping) for s in attribute):
        path = tuple(s if isinstance(s, str) else MappingProxyType(dict(s)) for s in attribute)
    else:
        raise CatalogError(f"{where}: attribute must be a dotted path or a list of steps")
    tests = [k for k in ("equals", "in", "startswith") if k in raw]
    if path and len(tests) != 1:
        raise CatalogError(f"{where}: an attribute needs exactly one of equals, in, startswith")
    if not path and tests:
        raise CatalogError(f"{where}: {tests[0]} needs an attribute")
    values: set[str] = set()
    if "equals" in raw:
        values.add(_norm(raw["equals"]) or "")
    if "in" in raw:
        values.update(_norm(v) or "" for v in raw["in"])
    prefix = _norm(raw["startswith"]) if "startswith" in raw else None
    owners = _owners(raw.get("owners"), where)
    if not owners:
        raise CatalogError(f"{where}: a condition must change at least one owner")
    note = raw.get("note")
    if not isinstance(note, str) or not note:
        raise CatalogError(f"{where}: a condition needs a note saying why the owners change")
    return Condition(owners=MappingProxyType(owners), note=note.strip(), types=tuple(raw.get("types") or ()),
                     path=path, values=frozenset(values), prefix=prefix)


class Catalog:
    def __init__(self, documents: Iterable[Mapping[str, Any] | None]) -> None:
        self._exact: dict[tuple[str, str], Service] = {}
        self._prefixes: dict[str, list[tuple[str, Service]]] = {"terraform": [], "cloudformation": []}
        self._cache: dict[tuple[str, str], tuple[Responsibility | None, tuple[Condition, ...]]] = {}
        self._folded: dict[tuple[str, str], str] | None = None
        self.services: list[Service] = []
        for document in documents:
            if not isinstance(document, Mapping):
                raise CatalogError("a catalog file must be a mapping with a `services` list")
            for entry in document.get("services") or []:
                self._add(entry)
        for patterns in self._prefixes.values():
            patterns.sort(key=lambda p: -len(p[0]))

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Catalog:
        """One YAML load per file with libyaml's C loader: this runs on every
        scan, so it must cost milliseconds; compiling conditions is cheap."""
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        documents = []
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                documents.append(yaml.load(fh, Loader=loader))
        return cls(documents)

    def _add(self, entry: Mapping[str, Any]) -> None:
        try:
            where = f"service {entry.get('id')!r}"
            model = entry["model"]
            if model not in MODELS:
                raise CatalogError(f"{where}: unknown model {model!r}")
            control = entry.get("control")
            if control is not None and (model != "control" or control not in CONTROL_KINDS):
                raise CatalogError(f"{where}: control kind {control!r} needs model control and one of "
                                   f"{', '.join(CONTROL_KINDS)}")
            owners = dict(MODELS[model])
            owners.update(_owners(entry.get("owners"), where))
            service = Service(
                id=entry["id"],
                name=entry.get("name", entry["id"]),
                model=model,
                owners=MappingProxyType(owners),
                aws_defaults=MappingProxyType({k: " ".join(str(v).split()) for k, v in
                                               (entry.get("aws_defaults") or {}).items()}),
                note=entry.get("note"),
                control=control,
                conditions=tuple(_condition(c, f"{where}, condition {i + 1}")
                                 for i, c in enumerate(entry.get("when") or ())),
            )
            self.services.append(service)
            for fmt in ("terraform", "cloudformation"):
                for pattern in entry.get(fmt) or ():
                    if pattern.endswith("*"):
                        self._prefixes[fmt].append((pattern[:-1], service))
                    else:
                        self._exact[(fmt, pattern)] = service
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, CatalogError):
                raise
            raise CatalogError(f"malformed catalog entry {entry!r}: {exc}") from exc

    def service_for(self, format_: str, type_: str) -> Service | None:
        service = self._exact.get((format_, type_))
        if service is not None:
            return service
        for prefix, candidate in self._prefixes.get(format_, ()):
            if type_.startswith(prefix):
                return candidate
        return None

    def classify(self, format_: str, type_: object) -> Responsibility | None:
        """The responsibility of a type; ``None`` for other providers' types;
        an unclassified responsibility, with a note saying why, for an AWS
        type the catalog does not know (or a type that is not a string)."""
        return self._lookup(format_, type_)[0]

    def classify_resource(self, resource: Resource) -> Responsibility | None:
        """The responsibility of one resource: its type's, with the catalog's
        ``when`` conditions applied to its attributes."""
        base, conditions = self._lookup(resource.format, resource.type)
        if base is None or not conditions:
            return base
        owners = dict(base.owners)
        notes = [base.note] if base.note else []
        attributes = resource.attributes if isinstance(resource.attributes, Mapping) else {}
        changed = False
        for condition in conditions:
            holds = condition.evaluate(attributes)
            if holds:
                owners.update(condition.owners)
                notes.append(condition.note)
                changed = True
            elif holds is None:
                notes.append(f"not statically known whether this applies: {condition.note}")
                changed = True
        if not changed:
            return base
        return Responsibility(
            service=base.service, service_model=base.service_model, service_id=base.service_id,
            owners=MappingProxyType(owners), aws_defaults=base.aws_defaults,
            note="; ".join(notes) or None, control=base.control,
        )

    def _lookup(self, format_: str, type_: object) -> tuple[Responsibility | None, tuple[Condition, ...]]:
        if not isinstance(type_, str):
            shown = repr(type_)[:60]
            return unclassified(f"resource type is not a string ({shown}); cannot be placed in the model"), ()
        key = (format_, type_)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result: tuple[Responsibility | None, tuple[Condition, ...]]
        if not is_aws_type(format_, type_):
            result = (unclassified(self._misspelt_note(format_, type_)), ()) \
                if _looks_like_aws(format_, type_) else (None, ())
        elif not _well_formed(format_, type_):
            result = (unclassified(self._malformed_note(format_, type_)), ())
        else:
            service = self.service_for(format_, type_)
            if service is None:
                result = (unclassified(self._unknown_note(format_, type_)), ())
            else:
                result = (
                    Responsibility(
                        service=service.name,
                        service_id=service.id,
                        service_model=service.model,
                        owners=service.owners,
                        aws_defaults=service.aws_defaults,
                        note=service.note,
                        control=service.control,
                    ),
                    tuple(c for c in service.conditions if c.applies_to(type_)),
                )
        self._cache[key] = result
        return result

    def _suggestion(self, format_: str, type_: str) -> str | None:
        """The catalog's spelling of a type written in the wrong case."""
        if self._folded is None:
            self._folded = {(fmt, name.lower()): name for fmt, name in self._exact}
        exact = self._folded.get((format_, type_.lower()))
        if exact is not None:
            return exact
        if format_ == "terraform":
            lowered = type_.lower()
            return lowered if self.service_for(format_, lowered) is not None else None
        for prefix, _ in self._prefixes.get(format_, ()):
            if type_.lower().startswith(prefix.lower()):
                rest = type_[len(prefix):]
                return prefix + rest[:1].upper() + rest[1:]
        return None

    def _misspelt_note(self, format_: str, type_: str) -> str:
        fix = self._suggestion(format_, type_)
        rule = ("Terraform resource types are lower-case" if format_ == "terraform"
                else "CloudFormation resource types are case-sensitive")
        hint = f"; did you mean {fix!r}?" if fix else ""
        return f"{type_!r} looks like an AWS type in the wrong case: {rule}{hint}"

    def _malformed_note(self, format_: str, type_: str) -> str:
        if format_ == "terraform" and _well_formed(format_, type_.lower()):
            return self._misspelt_note(format_, type_)
        parts = type_.split("::")
        if format_ == "cloudformation" and len(parts) == 3 and all(p.replace("_", "").isalnum() for p in parts):
            return self._misspelt_note(format_, type_)
        shape = ("aws_<service>_<thing> in lower case" if format_ == "terraform"
                 else "AWS::<Service>::<Thing>, each part starting upper-case")
        return f"{type_!r} is not a well-formed type name ({shape})"

    def _unknown_note(self, format_: str, type_: str) -> str:
        fix = self._suggestion(format_, type_)
        if fix and fix != type_:
            return self._misspelt_note(format_, type_)
        if format_ == "terraform":
            parts = type_.split("_")
            namespace = "_".join(parts[:2]) + "_" if len(parts) > 2 else type_
        else:
            namespace = "::".join(type_.split("::")[:2]) + "::"
        known = self.service_for(format_, namespace) is not None or any(
            name.startswith(namespace) for fmt, name in self._exact if fmt == format_)
        if known:
            return f"{type_!r} is not in the responsibility catalog (its service is; the type may be new)"
        return f"{type_!r}: no responsibility catalog entry for the service {namespace}*"
