"""Rules and their metadata.

A rule is a pure function of (resource, facts, responsibility, graph) that
yields :class:`Hit` s; the engine turns hits into findings with the rule's
metadata and the resource's place in the shared responsibility model. A rule
never reads files or raw parser output: it reads facts, so it holds for every
format an extractor covers.

Each rule carries a failing and a passing example per format it covers; they
are its documentation (``srmlint explain``) and its test cases.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType
from typing import Any, ClassVar

from srmlint.facts import Fact, FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Location, Resource
from srmlint.responsibility import Responsibility


class Severity(IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


@dataclass(frozen=True)
class Example:
    """A template snippet that must fail (``fail``) or pass (``pass_``) the rule."""

    fail: str
    pass_: str


@dataclass(frozen=True)
class RuleMeta:
    id: str
    slug: str
    title: str
    severity: Severity
    #: The responsibility layer the rule enforces (a key of ``responsibility.LAYERS``).
    layer: str
    #: The facts the rule reads; the engine calls it only for resources that have one.
    facts: Sequence[type[Fact]]
    rationale: str
    remediation: Mapping[str, str]
    url: str
    examples: Mapping[str, Example] = field(default_factory=dict)
    #: Catalog service ids the rule is limited to (empty: every resource
    #: with one of ``facts``). Service ids, not resource types, so a rule
    #: names no format-specific spelling.
    services: Sequence[str] = ()
    #: Key into the catalog's ``aws_defaults`` of the resource's service.
    setting: str | None = None
    #: What AWS does when the setting is unset, when the catalog says nothing.
    aws_default: str | None = None
    tags: Sequence[str] = ()
    #: Settings a user may change in the configuration (``[tool.srmlint.options]``).
    options: Sequence[RuleOption] = ()


@dataclass(frozen=True, slots=True)
class RuleOption:
    """A setting of a rule: its name in ``[tool.srmlint.options]``, its default
    (whose type the configured value must have) and what it changes."""

    name: str
    default: int | float | str | bool
    help: str


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a rule found: the message and where. ``path`` points into
    the resource's attributes; ``location`` overrides it (a connected resource)."""

    message: str
    path: AttrPath = ()
    location: Location | None = None


def locate_fact(resource: Resource, fact: Fact, graph: ResourceGraph) -> Location:
    """Where a fact was stated: in a connected resource (``fact.source``) or in
    ``resource`` itself."""
    if fact.source is not None:
        other = graph.get(resource.scope, fact.source)
        if other is not None:
            return other.locate(*fact.path)
    return resource.locate(*fact.path)


class Rule:
    """Base class of Python rules: set ``meta``, implement ``check``."""

    meta: ClassVar[RuleMeta]
    #: The configured values of ``meta.options`` (see :meth:`with_options`).
    _options: Mapping[str, Any] = MappingProxyType({})

    def option(self, name: str) -> Any:
        """The configured value of one of ``meta.options``, else its default."""
        if name in self._options:
            return self._options[name]
        return next(o.default for o in self.meta.options if o.name == name)

    def with_options(self, options: Mapping[str, Any]) -> Rule:
        """A copy of the rule reading these option values (only its own are kept)."""
        mine = {o.name: options[o.name] for o in self.meta.options if o.name in options}
        if not mine:
            return self
        configured = copy.copy(self)
        configured._options = MappingProxyType(mine)
        return configured

    def check(
        self,
        resource: Resource,
        facts: FactSet,
        responsibility: Responsibility,
        graph: ResourceGraph,
    ) -> Iterable[Hit]:
        raise NotImplementedError
