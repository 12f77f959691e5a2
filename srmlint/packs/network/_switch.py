"""Shared logic of the rules on one on/off network control (:class:`NetworkSwitch`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from srmlint.aws.facts import NetworkSwitch
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule


def insecure(fact: NetworkSwitch) -> bool:
    """The switch is known to be in its insecure position (stated, or by AWS's default)."""
    if isinstance(fact.enabled, Unknown):
        return False
    value = fact.default if fact.enabled is None else fact.enabled
    return value is not fact.secure_when


class SwitchRule(Rule):
    """Reports a :class:`NetworkSwitch` of ``kind`` in its insecure position;
    ``unset`` and ``stated`` are the messages (``{kind}``/``{name}`` filled in)."""

    kind: ClassVar[str]
    unset: ClassVar[str]
    stated: ClassVar[str]

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(NetworkSwitch):
            if fact.kind != self.kind or not insecure(fact) or not self.applies(resource, facts):
                continue
            template = self.unset if fact.enabled is None else self.stated
            yield Hit(template.format(name=resource.name, kind=_kind(resource.type)), path=fact.path)

    def applies(self, resource: Resource, facts: FactSet) -> bool:
        return True


def _kind(type_: str) -> str:
    return {
        "aws_ec2_transit_gateway": "Transit gateway", "AWS::EC2::TransitGateway": "Transit gateway",
        "aws_vpc_endpoint_service": "VPC endpoint service",
        "AWS::EC2::VPCEndpointService": "VPC endpoint service",
    }.get(type_, "Resource")
