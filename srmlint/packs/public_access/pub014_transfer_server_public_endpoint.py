"""PUB014: Transfer Family server has a public endpoint.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``public_endpoint``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class TransferServerPublicEndpoint(ExposureRule):
    kind = "public_endpoint"
    message = ("Transfer Family server '{name}' has a public endpoint ({detail}): reachable from the whole "
               "internet, with no security group to limit who connects")
    meta = RuleMeta(
        id="PUB014",
        slug="transfer-server-public-endpoint",
        title="Transfer Family server has a public endpoint",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("transfer",),
        setting="public_access",
        rationale=(
            "A Transfer Family server with endpoint type PUBLIC (the default) listens on the internet and "
            "cannot be put behind a security group or given fixed addresses, so only user credentials stand "
            "between anyone on the internet and the file store. Where the endpoint lives is the customer's "
            "choice: a VPC endpoint (internal, or internet-facing with Elastic IPs) lets security groups "
            "limit the clients."
        ),
        remediation={
            "terraform": (
                'Set endpoint_type = "VPC" on aws_transfer_server with an endpoint_details block (subnet_ids, '
                'vpc_id, security_group_ids; address_allocation_ids for an internet-facing endpoint).'
            ),
            "cloudformation": (
                "Set EndpointType: VPC on AWS::Transfer::Server with EndpointDetails (SubnetIds, VpcId, "
                "SecurityGroupIds; AddressAllocationIds for an internet-facing endpoint)."
            ),
        },
        url="https://docs.aws.amazon.com/transfer/latest/userguide/create-server-in-vpc.html",
        examples={
            "terraform": Example(
                fail='resource "aws_transfer_server" "sftp" {\n  protocols = ["SFTP"]\n}\n',
                pass_=(
                    'resource "aws_transfer_server" "sftp" {\n  protocols = ["SFTP"]\n  endpoint_type = "VPC"\n'
                    '  endpoint_details {\n    vpc_id = "vpc-123"\n    subnet_ids = ["subnet-1"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Sftp:\n    Type: AWS::Transfer::Server\n    Properties:\n"
                    "      EndpointType: PUBLIC\n"
                ),
                pass_=(
                    "Resources:\n  Sftp:\n    Type: AWS::Transfer::Server\n    Properties:\n"
                    "      EndpointType: VPC\n      EndpointDetails:\n        VpcId: vpc-123\n"
                    "        SubnetIds: [subnet-1]\n"
                ),
            ),
        },
        tags=("public-access", "transfer"),
    )
