"""NET005: the VPC's default security group has rules.

Anti-pattern: ``aws_default_security_group`` with ingress or egress rules.
Fix: leave the default group empty and give resources purpose-made groups.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EgressRule, IngressRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

DEFAULT_SECURITY_GROUP = "aws_default_security_group"


class DefaultSecurityGroupRules(Rule):
    meta = RuleMeta(
        id="NET005",
        slug="default-security-group-rules",
        title="Default security group has rules",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(IngressRule, EgressRule),
        services=("security_group",),
        setting="network_ingress",
        rationale=(
            "Every resource launched without an explicit security group lands in the VPC's default "
            "group. Rules on it silently apply to all of them; CIS AWS Foundations 5.4 asks for "
            "the default group to restrict all traffic. Terraform manages the default group through "
            "aws_default_security_group (CloudFormation cannot change it)."
        ),
        remediation={
            "terraform": (
                "Declare aws_default_security_group with no ingress and no egress blocks (Terraform "
                "then removes its rules) and attach purpose-made security groups to resources."
            ),
        },
        url="https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-123"\n'
                    '  ingress {\n    protocol = "-1"\n    self = true\n    from_port = 0\n'
                    '    to_port = 0\n  }\n}\n'
                ),
                pass_='resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-123"\n}\n',
            ),
        },
        tags=("network", "security-group", "cis"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type != DEFAULT_SECURITY_GROUP:
            return
        rules = [*facts.of(IngressRule), *facts.of(EgressRule)]
        if rules:
            first = rules[0]
            yield Hit(
                f"Default security group '{resource.name}' has {len(rules)} rule source(s); "
                "it should allow no traffic",
                location=locate_fact(resource, first, graph),
            )
