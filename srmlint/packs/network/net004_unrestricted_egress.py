"""NET004: a security group allows all outbound traffic to the internet.

Anti-pattern: an explicit egress rule to ``0.0.0.0/0`` or ``::/0`` on every
protocol and port. Fix: allow only the destinations and ports the workload
needs (HTTPS to VPC endpoints, the database's security group).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EgressRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network.cidr import is_internet, port_range
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class UnrestrictedEgress(Rule):
    meta = RuleMeta(
        id="NET004",
        slug="unrestricted-egress",
        title="Security group allows all outbound traffic to the internet",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(EgressRule,),
        setting="network_egress",
        rationale=(
            "Unrestricted egress lets a compromised workload download tooling and exfiltrate data "
            "to any address. It is also what AWS gives a new security group by default, so this is "
            "defence in depth: srmlint reports only egress rules the template writes out, not the "
            "implicit default."
        ),
        remediation={
            "terraform": (
                "Replace the egress block's protocol = \"-1\" / cidr_blocks = [\"0.0.0.0/0\"] with "
                "the ports and destinations the workload needs (prefix lists of VPC endpoints, "
                "security groups of its dependencies)."
            ),
            "cloudformation": (
                "Replace the SecurityGroupEgress entry with IpProtocol -1 to 0.0.0.0/0 by entries "
                "for the ports and destinations the workload needs (DestinationPrefixListId, "
                "DestinationSecurityGroupId)."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_security_group" "app" {\n  egress {\n    from_port = 0\n'
                    '    to_port = 0\n    protocol = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_security_group" "app" {\n  egress {\n    from_port = 443\n'
                    '    to_port = 443\n    protocol = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  App:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: app\n      SecurityGroupEgress:\n"
                    "        - IpProtocol: '-1'\n          CidrIp: 0.0.0.0/0\n"
                ),
                pass_=(
                    "Resources:\n  App:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: app\n      SecurityGroupEgress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n"
                    "          CidrIp: 0.0.0.0/0\n"
                ),
            ),
        },
        tags=("network", "security-group", "egress"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for rule in facts.of(EgressRule):
            if rule.source_kind != "cidr" or not is_internet(rule.cidr):
                continue
            span = port_range(rule.protocol, rule.from_port, rule.to_port)
            if span is None or span[0] > 1 or span[1] < 65535:
                continue
            what = "all protocols and ports" if rule.protocol == "-1" else f"all {rule.protocol} ports"
            yield Hit(
                f"Security group rule in '{resource.name}' allows egress to {rule.cidr} on {what}",
                location=locate_fact(resource, rule, graph),
            )
