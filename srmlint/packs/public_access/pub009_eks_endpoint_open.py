"""PUB009: eks api endpoint is open to the internet.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``eks_endpoint``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class EksEndpointOpen(ExposureRule):
    kind = "eks_endpoint"
    message = "EKS cluster '{name}' has a public API endpoint open to {detail}"
    meta = RuleMeta(
        id="PUB009",
        slug="eks-endpoint-open",
        title="EKS API endpoint is open to the internet",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("eks",),
        setting="public_access",
        rationale=(
            "The Kubernetes API server endpoint of an EKS cluster is public and open to 0.0.0.0/0 unless the "
            "customer turns public access off or lists CIDRs. Anyone can then reach the API server, probe it "
            "and try stolen credentials or API-server exploits."
        ),
        remediation={
            "terraform": (
                'In vpc_config set endpoint_public_access = false (with endpoint_private_access = '
                "true), or public_access_cidrs to the administrators' networks."
            ),
            "cloudformation": (
                'In ResourcesVpcConfig set EndpointPublicAccess: false (with EndpointPrivateAccess: '
                "true), or PublicAccessCidrs to the administrators' networks."
            ),
        },
        url="https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_eks_cluster" "k8s" {\n  name = "k8s"\n  role_arn = '
                    '"arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = '
                    '["subnet-1"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_eks_cluster" "k8s" {\n  name = "k8s"\n  role_arn = '
                    '"arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = '
                    '["subnet-1"]\n    endpoint_public_access = true\n    public_access_cidrs = '
                    '["203.0.113.0/24"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    'Resources:\n  K8s:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: '
                    'arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: '
                    '[subnet-1]\n        EndpointPublicAccess: true\n        PublicAccessCidrs: '
                    '[0.0.0.0/0]\n'
                ),
                pass_=(
                    'Resources:\n  K8s:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: '
                    'arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: '
                    '[subnet-1]\n        EndpointPublicAccess: false\n        EndpointPrivateAccess: '
                    'true\n'
                ),
            ),
        },
        tags=("public-access", "eks", "kubernetes"),
    )
