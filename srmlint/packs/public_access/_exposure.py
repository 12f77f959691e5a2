"""Shared logic of the rules on one :class:`PublicExposure` kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from srmlint.aws.facts import PublicExposure
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule, locate_fact


class ExposureRule(Rule):
    """Reports every fact of ``kind`` whose state is ``public``; ``message`` is
    formatted with ``name`` (the resource's name), ``type`` and ``detail``."""

    kind: ClassVar[str]
    message: ClassVar[str]

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(PublicExposure):
            if fact.kind == self.kind and fact.state == "public":
                yield Hit(
                    self.message.format(name=resource.name, type=resource.type, detail=fact.detail or ""),
                    location=locate_fact(resource, fact, graph),
                )
