"""The dated engine table CMP015 and CMP016 share: ``rules/engine_versions.yaml``."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from srmlint.catalog import rules_dir

#: how messages name an engine
ENGINE_NAMES = {"activemq": "ActiveMQ", "rabbitmq": "RabbitMQ", "postgres": "PostgreSQL",
                "aurora-postgresql": "Aurora PostgreSQL"}


@dataclass(frozen=True)
class Bulletin:
    id: str
    url: str
    what: str
    fixed: str
    #: engine -> major version -> last affected minor version
    engines: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class EngineTable:
    #: engine -> "major.minor" -> end of support
    end_of_support: Mapping[str, Mapping[str, datetime.date]]
    sources: Mapping[str, str]
    bulletins: tuple[Bulletin, ...]


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def table() -> EngineTable:
    with open(rules_dir() / "engine_versions.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    eos: dict[str, dict[str, datetime.date]] = {}
    sources: dict[str, str] = {}
    for engine, entry in (data.get("end_of_support") or {}).items():
        eos[str(engine)] = {str(v): _date(d) for v, d in (entry.get("versions") or {}).items()}
        sources[str(engine)] = str(entry.get("source", ""))
    bulletins = tuple(
        Bulletin(str(b["id"]), str(b["url"]), str(b["what"]), str(b.get("fixed", "")),
                 {str(e): {str(m): int(n) for m, n in majors.items()} for e, majors in b["engines"].items()})
        for b in data.get("vulnerable") or ())
    return EngineTable(eos, sources, bulletins)


def numbers(version: str) -> tuple[int, ...] | None:
    """``"5.17.6"`` → ``(5, 17, 6)``; None when a part is not a number."""
    parts = version.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)
