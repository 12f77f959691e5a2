"""The responsibility catalog: resource type → service, model and AWS defaults.

The catalog is data (``rules/catalog.yaml``, shipped in the wheel) gathered
through the ``srmlint_catalog_paths`` hook. A type is matched exactly first,
then by the longest ``prefix*`` pattern. Types of other providers (Terraform
types not starting with ``aws_``, CloudFormation types that are neither
``AWS::`` nor ``Custom::``) are not AWS: neither classified nor unclassified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from srmlint.responsibility import LAYERS, MODELS, UNCLASSIFIED, Owner, Responsibility


class CatalogError(ValueError):
    """The catalog data is malformed: a packaging or plugin bug, exit 2."""


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    model: str
    owners: dict[str, Owner]
    aws_defaults: dict[str, str]


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


class Catalog:
    def __init__(self, documents: Iterable[Mapping[str, Any]]) -> None:
        self._exact: dict[tuple[str, str], Service] = {}
        self._prefixes: dict[str, list[tuple[str, Service]]] = {"terraform": [], "cloudformation": []}
        self._cache: dict[tuple[str, str], Responsibility | None] = {}
        for document in documents:
            for entry in document.get("services", []):
                self._add(entry)
        for patterns in self._prefixes.values():
            patterns.sort(key=lambda p: -len(p[0]))

    @classmethod
    def load(cls, paths: Iterable[Path]) -> Catalog:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        documents = []
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                documents.append(yaml.load(fh, Loader=loader))
        return cls(documents)

    def _add(self, entry: Mapping[str, Any]) -> None:
        try:
            model = entry["model"]
            if model not in MODELS:
                raise CatalogError(f"service {entry.get('id')!r}: unknown model {model!r}")
            owners = dict(MODELS[model])
            for layer, owner in (entry.get("owners") or {}).items():
                if layer not in LAYERS:
                    raise CatalogError(f"service {entry['id']!r}: unknown layer {layer!r}")
                owners[layer] = Owner(owner)
            service = Service(
                id=entry["id"],
                name=entry.get("name", entry["id"]),
                model=model,
                owners=owners,
                aws_defaults=dict(entry.get("aws_defaults") or {}),
            )
            for fmt in ("terraform", "cloudformation"):
                for pattern in entry.get(fmt) or ():
                    if pattern.endswith("*"):
                        self._prefixes[fmt].append((pattern[:-1], service))
                    else:
                        self._exact[(fmt, pattern)] = service
        except (KeyError, TypeError, ValueError) as exc:
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
        :data:`UNCLASSIFIED` for an AWS type the catalog does not know."""
        if not isinstance(type_, str):
            return UNCLASSIFIED
        key = (format_, type_)
        if key in self._cache:
            return self._cache[key]
        result: Responsibility | None
        if not is_aws_type(format_, type_):
            result = None
        else:
            service = self.service_for(format_, type_)
            if service is None:
                result = UNCLASSIFIED
            else:
                result = Responsibility(
                    service=service.name,
                    service_id=service.id,
                    service_model=service.model,
                    owners=service.owners,
                    aws_defaults=service.aws_defaults,
                )
        self._cache[key] = result
        return result
