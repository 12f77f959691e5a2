"""NET018: an OpenSearch domain in a VPC names no security group.

Anti-pattern: ``vpc_options`` / ``VPCOptions`` without
``security_group_ids``: the VPC's default security group applies. Fix: give
the domain a security group of its own that admits only its clients on 443.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import VpcPlacement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class OpenSearchDefaultSecurityGroup(Rule):
    meta = RuleMeta(
        id="NET018",
        slug="opensearch-default-security-group",
        title="OpenSearch domain in a VPC uses the default security group",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(VpcPlacement,),
        services=("opensearch",),
        setting="network_ingress",
        rationale=(
            "Security groups are the customer's firewall. A VPC domain created without security groups gets "
            "the VPC's default group, which admits all traffic from every other member of that group and is "
            "shared by whatever else was launched without a group: the domain's reach is then decided by "
            "unrelated resources."
        ),
        remediation={
            "terraform": (
                "Set vpc_options.security_group_ids to a group that admits only the domain's clients on 443."
            ),
            "cloudformation": (
                "Set VPCOptions.SecurityGroupIds to a group that admits only the domain's clients on 443."
            ),
        },
        url="https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_opensearch_domain" "logs" {\n  domain_name = "logs"\n  vpc_options {\n'
                    '    subnet_ids = ["subnet-123"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_opensearch_domain" "logs" {\n  domain_name = "logs"\n  vpc_options {\n'
                    '    subnet_ids = ["subnet-123"]\n    security_group_ids = ["sg-123"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Logs:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n"
                    "      VPCOptions:\n        SubnetIds: [subnet-123]\n"
                ),
                pass_=(
                    "Resources:\n  Logs:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n"
                    "      VPCOptions:\n        SubnetIds: [subnet-123]\n        SecurityGroupIds: [sg-123]\n"
                ),
            ),
        },
        tags=("network", "vpc", "opensearch", "security-group"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(VpcPlacement):
            if fact.in_vpc is True and fact.security_groups == ():
                yield Hit(f"OpenSearch domain '{resource.name}' is in a VPC without a security group: "
                          "the VPC's default security group applies", path=fact.path)
