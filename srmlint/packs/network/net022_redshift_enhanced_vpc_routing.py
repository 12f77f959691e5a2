"""NET022: a Redshift cluster does not use enhanced VPC routing.

Anti-pattern: ``enhanced_vpc_routing`` unset or false. Fix: true, so COPY
and UNLOAD traffic goes through the VPC (endpoints, security groups, flow
logs).
"""

from __future__ import annotations

from srmlint.aws.facts import NetworkSwitch
from srmlint.packs.network._switch import SwitchRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_redshift_cluster" "dw" {{\n  cluster_identifier = "dw"\n  node_type = "ra3.xlplus"\n'
    '  cluster_subnet_group_name = "private"\n{routing}}}\n'
)
_CFN = (
    "Resources:\n  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n"
    "      ClusterType: single-node\n      DBName: dw\n      MasterUsername: admin\n"
    "      ManageMasterPassword: true\n      ClusterSubnetGroupName: private\n{routing}"
)


class RedshiftEnhancedVpcRouting(SwitchRule):
    kind = "enhanced_vpc_routing"
    unset = "Redshift cluster '{name}' does not enable enhanced VPC routing (AWS's default is off)"
    stated = "Redshift cluster '{name}' has enhanced VPC routing turned off"
    meta = RuleMeta(
        id="NET022",
        slug="redshift-enhanced-vpc-routing",
        title="Redshift cluster does not use enhanced VPC routing",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(NetworkSwitch,),
        services=("redshift",),
        setting="network_egress",
        rationale=(
            "Without enhanced VPC routing, Redshift sends COPY and UNLOAD traffic to S3 and other data "
            "sources over the internet path outside the customer's VPC, where no VPC endpoint policy, "
            "security group, network ACL or flow log applies. The setting is off unless the customer turns "
            "it on. Low severity: the traffic stays encrypted and authenticated."
        ),
        remediation={
            "terraform": "Set enhanced_vpc_routing = true (and give the VPC an S3 gateway endpoint).",
            "cloudformation": "Set EnhancedVpcRouting: true (and give the VPC an S3 gateway endpoint).",
        },
        url="https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html",
        examples={
            "terraform": Example(
                fail=_TF.format(routing="  enhanced_vpc_routing = false\n"),
                pass_=_TF.format(routing="  enhanced_vpc_routing = true\n"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(routing=""),
                pass_=_CFN.format(routing="      EnhancedVpcRouting: true\n"),
            ),
        },
        tags=("network", "redshift", "egress"),
    )
