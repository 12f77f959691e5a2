"""Shared logic of the rules on sensitive ports open to the internet (NET002, NET003)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from srmlint.aws.facts import IngressRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network.cidr import (
    covers_all_ports,
    is_internet,
    is_open,
    names,
    ports_opened,
    wide_prefix,
)
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule, locate_fact


class SensitivePortsFromInternet(Rule):
    """Ingress from the internet (or a public block wider than the threshold)
    that opens one of ``ports``. Rules NET001 already reports (every port from
    ``0.0.0.0/0`` / ``::/0``) are left to it."""

    ports: ClassVar[dict[int, tuple[str, str]]]
    what: ClassVar[str]

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for rule in facts.of(IngressRule):
            if rule.source_kind != "cidr" or not is_open(rule.cidr, wide_prefix(self)):
                continue
            if is_internet(rule.cidr) and covers_all_ports(rule):
                continue  # NET001
            opened = ports_opened(rule.protocol, rule.from_port, rule.to_port, self.ports)
            if not opened:
                continue
            yield Hit(
                f"Security group rule in '{resource.name}' allows ingress from {rule.cidr} to "
                f"{self.what} port{'s' if len(opened) > 1 else ''} {names(opened, self.ports)}",
                location=locate_fact(resource, rule, graph),
            )
