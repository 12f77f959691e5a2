"""NET024: the template adopts the account's default VPC.

Anti-pattern: ``aws_default_vpc``. Fix: build workloads in purpose-made VPCs
(and delete the default VPC, ``force_destroy = true``, if nothing uses it).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import LegacyNetworking
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class DefaultVpcInUse(Rule):
    meta = RuleMeta(
        id="NET024",
        slug="default-vpc-in-use",
        title="Template manages the default VPC",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(LegacyNetworking,),
        services=("vpc",),
        setting="network_ingress",
        rationale=(
            "AWS creates a default VPC in every region with public subnets that assign public IPv4 "
            "addresses, an internet gateway and a default security group: anything launched into it is one "
            "security-group mistake away from the internet. Network design is the customer's; workloads "
            "belong in VPCs built for them, and an unused default VPC is best deleted. Low severity: "
            "adopting the default VPC exposes nothing by itself."
        ),
        remediation={
            "terraform": (
                "Create an aws_vpc with private subnets for the workload; if aws_default_vpc is kept only to "
                "manage the default VPC, set force_destroy = true and remove it once nothing uses it."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
        examples={
            "terraform": Example(
                fail='resource "aws_default_vpc" "default" {\n  tags = {\n    Name = "Default VPC"\n  }\n}\n',
                pass_='resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
            ),
        },
        tags=("network", "vpc", "default-vpc"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if any(f.kind == "default_vpc" for f in facts.of(LegacyNetworking)):
            yield Hit(f"'{resource.name}' adopts the account's default VPC (public subnets, internet gateway)")
