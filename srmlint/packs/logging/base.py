"""What the logging rules share: each reads :class:`LoggingSetting` facts of
one ``kind`` and reports the ones its ``flags`` says are wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from srmlint.aws.facts import LoggingSetting, MonitoringSetting
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule, locate_fact


class LoggingRule(Rule):
    #: The :class:`LoggingSetting` kind the rule reads.
    kind: ClassVar[str]
    #: The fact type the kind belongs to (:class:`MonitoringSetting` for performance telemetry).
    fact_type: ClassVar[type[LoggingSetting] | type[MonitoringSetting]] = LoggingSetting
    #: The states that are a finding (``unknown`` never is).
    bad_states: ClassVar[frozenset[str]] = frozenset({"unset", "disabled"})

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        return fact.state in self.bad_states

    def exempt(self, resource: Resource, facts: FactSet) -> bool:
        """Whether the resource's other facts make the setting moot (no finding)."""
        return False

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        raise NotImplementedError

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(self.fact_type):
            if fact.kind == self.kind and fact.state != "unknown" and self.flags(resource, fact):  # type: ignore[arg-type]
                if self.exempt(resource, facts):
                    return
                location = locate_fact(resource, fact, graph) if fact.source is not None else None
                yield Hit(self.message(resource, fact), path=fact.path, location=location)  # type: ignore[arg-type]
                return
