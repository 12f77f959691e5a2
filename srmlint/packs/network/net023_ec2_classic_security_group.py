"""NET023: an EC2-Classic security group (DB, ElastiCache or Redshift security group).

Anti-pattern: ``aws_db_security_group``, ``aws_elasticache_security_group``,
``aws_redshift_security_group`` and their CloudFormation counterparts. Fix:
run the database or cache in a VPC and control access with VPC security groups.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import LegacyNetworking
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class Ec2ClassicSecurityGroup(Rule):
    meta = RuleMeta(
        id="NET023",
        slug="ec2-classic-security-group",
        title="EC2-Classic security group for a database, cache or warehouse",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(LegacyNetworking,),
        services=("rds", "elasticache", "redshift"),
        setting="network_ingress",
        rationale=(
            "DB, ElastiCache and Redshift security groups control access to clusters on the EC2-Classic "
            "network, which AWS retired in 2023: it has none of a VPC's isolation, network ACLs or flow "
            "logs, and the resources can no longer be created. A template that still declares them keeps "
            "an access model nobody can review or deploy; the data store belongs in a VPC behind VPC "
            "security groups."
        ),
        remediation={
            "terraform": (
                "Remove the resource; place the database, cache or cluster in a VPC subnet group and use "
                "aws_security_group rules (vpc_security_group_ids / security_group_ids)."
            ),
            "cloudformation": (
                "Remove the resource; place the database, cache or cluster in a VPC subnet group and use "
                "AWS::EC2::SecurityGroup (VPCSecurityGroups / VpcSecurityGroupIds)."
            ),
        },
        url="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-classic-platform.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_db_security_group" "db" {\n  name = "db"\n'
                    '  ingress {\n    cidr = "10.0.0.0/24"\n  }\n}\n'
                ),
                pass_='resource "aws_security_group" "db" {\n  name = "db"\n  vpc_id = "vpc-123"\n}\n',
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Db:\n    Type: AWS::Redshift::ClusterSecurityGroup\n    Properties:\n"
                    "      Description: classic\n"
                ),
                pass_=(
                    "Resources:\n  Db:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: db\n      VpcId: vpc-123\n"
                ),
            ),
        },
        tags=("network", "ec2-classic", "legacy"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if any(f.kind == "ec2_classic_security_group" for f in facts.of(LegacyNetworking)):
            yield Hit(f"'{resource.name}' is an EC2-Classic security group ({resource.type}); "
                      "EC2-Classic is retired: use a VPC and VPC security groups")
