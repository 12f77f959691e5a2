"""NET017: a Redshift cluster names no cluster subnet group.

Anti-pattern: ``aws_redshift_cluster`` / ``AWS::Redshift::Cluster`` without
``cluster_subnet_group_name``: the cluster lands in the account's default
VPC. Fix: a subnet group of private subnets built for the warehouse.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from srmlint.aws.facts import VpcPlacement
from srmlint.packs.network._placement import OutsideVpcRule
from srmlint.rule import Example, RuleMeta, Severity

_REDSHIFT = ("Redshift cluster '{name}' names no cluster subnet group: it is launched in the account's default "
             "VPC")


class RedshiftWithoutSubnetGroup(OutsideVpcRule):
    messages: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"aws_redshift_cluster": _REDSHIFT, "AWS::Redshift::Cluster": _REDSHIFT})
    meta = RuleMeta(
        id="NET017",
        slug="redshift-without-subnet-group",
        title="Redshift cluster is not placed in a VPC of your choosing",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(VpcPlacement,),
        services=("redshift",),
        setting="network_egress",
        rationale=(
            "The network a data warehouse runs in is the customer's to choose. A Redshift cluster created "
            "without a cluster subnet group is launched in the account's default VPC, whose subnets are "
            "public (they assign public addresses and route to an internet gateway) and whose default "
            "security group is shared with whatever else was launched there. Low severity: the cluster is "
            "not publicly accessible by this alone."
        ),
        remediation={
            "terraform": (
                "Create an aws_redshift_subnet_group of private subnets and set cluster_subnet_group_name "
                "(and vpc_security_group_ids)."
            ),
            "cloudformation": (
                "Create an AWS::Redshift::ClusterSubnetGroup of private subnets and set ClusterSubnetGroupName "
                "(and VpcSecurityGroupIds)."
            ),
        },
        url="https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-cluster-subnet-groups.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n'
                    '  node_type = "ra3.xlplus"\n}\n'
                ),
                pass_=(
                    'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n'
                    '  node_type = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n"
                    "      NodeType: ra3.xlplus\n      ClusterType: single-node\n      DBName: dw\n"
                    "      MasterUsername: admin\n      ManageMasterPassword: true\n"
                ),
                pass_=(
                    "Resources:\n  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n"
                    "      NodeType: ra3.xlplus\n      ClusterType: single-node\n      DBName: dw\n"
                    "      MasterUsername: admin\n      ManageMasterPassword: true\n"
                    "      ClusterSubnetGroupName: private\n"
                ),
            ),
        },
        tags=("network", "vpc", "redshift"),
    )
