"""Shared logic of the rules on where a service runs (:class:`VpcPlacement`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from srmlint.aws.facts import VpcPlacement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule


class OutsideVpcRule(Rule):
    """Reports a resource whose :class:`VpcPlacement` is known to be outside a
    customer-chosen VPC; ``messages`` per resource type, ``{name}`` filled in."""

    messages: ClassVar[Mapping[str, str]]

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        message = self.messages.get(resource.type)
        if message is None:
            return
        for fact in facts.of(VpcPlacement):
            if fact.in_vpc is False:
                yield Hit(message.format(name=resource.name), path=fact.path)


def not_in_vpc(facts: FactSet) -> bool:
    return any(f.in_vpc is False for f in facts.of(VpcPlacement))
