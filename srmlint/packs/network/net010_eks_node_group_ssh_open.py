"""NET010: an EKS managed node group opens SSH to the internet.

Anti-pattern: ``remote_access { ec2_ssh_key = ... }`` / ``RemoteAccess.Ec2SshKey``
without source security groups: EKS then opens port 22 on the nodes to
``0.0.0.0/0``.
Fix: name the security groups allowed to SSH (``source_security_group_ids`` /
``SourceSecurityGroups``), or drop remote access and use SSM Session Manager.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import NodeGroupRemoteAccess
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class EksNodeGroupSshOpen(Rule):
    meta = RuleMeta(
        id="NET010",
        slug="eks-node-group-ssh-open",
        title="EKS node group opens SSH to the internet",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(NodeGroupRemoteAccess,),
        services=("eks",),
        setting="network_ingress",
        rationale=(
            "Worker nodes of a managed node group are the customer's, and so is the firewall in "
            "front of them. When remote access names an SSH key but no source security groups, EKS "
            "creates a security group rule that opens port 22 on every node to 0.0.0.0/0."
        ),
        remediation={
            "terraform": (
                "Add source_security_group_ids to the remote_access block (a bastion's or the "
                "administrators' security group), or remove remote_access and use SSM Session Manager."
            ),
            "cloudformation": (
                "Add RemoteAccess.SourceSecurityGroups (a bastion's or the administrators' security "
                "group), or remove RemoteAccess and use SSM Session Manager."
            ),
        },
        url="https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_eks_node_group" "workers" {\n  cluster_name  = "main"\n'
                    '  node_role_arn = "arn:aws:iam::123456789012:role/nodes"\n  subnet_ids    = ["subnet-1"]\n'
                    '  remote_access {\n    ec2_ssh_key = "ops"\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_eks_node_group" "workers" {\n  cluster_name  = "main"\n'
                    '  node_role_arn = "arn:aws:iam::123456789012:role/nodes"\n  subnet_ids    = ["subnet-1"]\n'
                    '  remote_access {\n    ec2_ssh_key               = "ops"\n'
                    '    source_security_group_ids = ["sg-0123456789abcdef0"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Workers:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n"
                    "      ClusterName: main\n      NodeRole: arn:aws:iam::123456789012:role/nodes\n"
                    "      Subnets: [subnet-1]\n      RemoteAccess:\n        Ec2SshKey: ops\n"
                ),
                pass_=(
                    "Resources:\n  Workers:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n"
                    "      ClusterName: main\n      NodeRole: arn:aws:iam::123456789012:role/nodes\n"
                    "      Subnets: [subnet-1]\n      RemoteAccess:\n        Ec2SshKey: ops\n"
                    "        SourceSecurityGroups: [sg-0123456789abcdef0]\n"
                ),
            ),
        },
        tags=("network", "eks", "ssh"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(NodeGroupRemoteAccess):
            if fact.ssh_key is None or fact.ssh_key == "" or isinstance(fact.ssh_key, Unknown):
                continue
            if isinstance(fact.source_groups, Unknown) or fact.source_groups:
                continue
            yield Hit(
                f"EKS node group '{resource.name}' allows SSH with a key but names no source security "
                "groups, so port 22 of its nodes is open to 0.0.0.0/0",
                path=fact.path,
            )
