"""NET001: a security group open to the whole internet on every port.

Anti-pattern: ingress from ``0.0.0.0/0`` or ``::/0`` with protocol ``-1``
(all traffic) or a TCP/UDP range covering every port.
Fix: open only the ports the service needs, from the sources that need them.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import IngressRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network.cidr import covers_all_ports, is_internet
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class IngressAllPortsFromInternet(Rule):
    meta = RuleMeta(
        id="NET001",
        slug="ingress-all-ports-from-internet",
        title="Security group allows ingress from the internet on all ports",
        severity=Severity.CRITICAL,
        layer="network_configuration",
        facts=(IngressRule,),
        setting="network_ingress",
        rationale=(
            "Security groups are the customer's virtual firewall: AWS enforces the rules, the "
            "customer writes them. A rule that admits every port from 0.0.0.0/0 or ::/0 exposes "
            "every service listening on the instance, including administration and database "
            "ports, to the whole internet."
        ),
        remediation={
            "terraform": (
                "Replace protocol = \"-1\" (or 0-65535) with the single port the service needs, "
                "and narrow cidr_blocks to the clients or a load balancer's security group."
            ),
            "cloudformation": (
                "Replace IpProtocol: -1 (or FromPort 0 / ToPort 65535) with the port the service "
                "needs, and narrow CidrIp to the clients or use SourceSecurityGroupId."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 0\n'
                    '    to_port = 0\n    protocol = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n'
                    '    to_port = 443\n    protocol = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: web\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: '-1'\n          CidrIpv6: ::/0\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: web\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n"
                    "          CidrIp: 0.0.0.0/0\n"
                ),
            ),
        },
        tags=("network", "security-group", "firewall"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for rule in facts.of(IngressRule):
            if rule.source_kind != "cidr" or not is_internet(rule.cidr):
                continue
            if covers_all_ports(rule):
                what = "all protocols and ports" if rule.protocol == "-1" else f"all {rule.protocol} ports"
                yield Hit(
                    f"Security group rule in '{resource.name}' allows ingress from {rule.cidr} on {what}",
                    location=locate_fact(resource, rule, graph),
                )
