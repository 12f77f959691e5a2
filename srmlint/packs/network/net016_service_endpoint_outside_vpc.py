"""NET016: an OpenSearch domain or SageMaker notebook instance is not in a VPC.

Anti-pattern: ``aws_opensearch_domain``/``aws_elasticsearch_domain`` without
``vpc_options`` (a public endpoint), ``aws_sagemaker_notebook_instance``
without ``subnet_id`` (internet access through SageMaker's network). Fix:
place them in private subnets with security groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

from srmlint.aws.facts import VpcPlacement
from srmlint.packs.network._placement import OutsideVpcRule
from srmlint.rule import Example, RuleMeta, Severity

_DOMAIN = "OpenSearch domain '{name}' is not in a VPC: its endpoint is public, guarded only by its access policy"
_NOTEBOOK = ("SageMaker notebook instance '{name}' is not in a VPC: it reaches the internet through SageMaker's "
             "network, outside your security groups")


class ServiceEndpointOutsideVpc(OutsideVpcRule):
    messages: ClassVar[Mapping[str, str]] = MappingProxyType({
        "aws_opensearch_domain": _DOMAIN, "aws_elasticsearch_domain": _DOMAIN,
        "AWS::OpenSearchService::Domain": _DOMAIN, "AWS::Elasticsearch::Domain": _DOMAIN,
        "aws_sagemaker_notebook_instance": _NOTEBOOK, "AWS::SageMaker::NotebookInstance": _NOTEBOOK,
    })
    meta = RuleMeta(
        id="NET016",
        slug="service-endpoint-outside-vpc",
        title="OpenSearch domain or SageMaker notebook instance is not in a VPC",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(VpcPlacement,),
        services=("opensearch", "sagemaker"),
        setting="network_ingress",
        rationale=(
            "Where a service's network interfaces live is the customer's choice. An OpenSearch domain "
            "created without VPC options gets a public endpoint that anyone on the internet can reach; "
            "only its access policy stands between the data and the world. A SageMaker notebook instance "
            "without a subnet runs in SageMaker's network with direct internet access: no security group, "
            "network ACL or VPC flow log applies to it, and data can leave it freely. AWS's default for both "
            "is outside the customer's VPC."
        ),
        remediation={
            "terraform": (
                "OpenSearch: add vpc_options { subnet_ids = [...] security_group_ids = [...] } (a new domain). "
                "SageMaker notebook: set subnet_id and security_groups, and direct_internet_access = "
                "\"Disabled\"."
            ),
            "cloudformation": (
                "OpenSearch: add VPCOptions with SubnetIds and SecurityGroupIds (a new domain). SageMaker "
                "notebook: set SubnetId and SecurityGroupIds, and DirectInternetAccess: Disabled."
            ),
        },
        url="https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html",
        examples={
            "terraform": Example(
                fail='resource "aws_opensearch_domain" "logs" {\n  domain_name = "logs"\n}\n',
                pass_=(
                    'resource "aws_opensearch_domain" "logs" {\n  domain_name = "logs"\n  vpc_options {\n'
                    '    subnet_ids = ["subnet-123"]\n    security_group_ids = ["sg-123"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Notebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
                    "      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::111122223333:role/nb\n"
                ),
                pass_=(
                    "Resources:\n  Notebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
                    "      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::111122223333:role/nb\n"
                    "      SubnetId: subnet-123\n      SecurityGroupIds: [sg-123]\n"
                    "      DirectInternetAccess: Disabled\n"
                ),
            ),
        },
        tags=("network", "vpc", "opensearch", "sagemaker"),
    )
