"""NET021: a transit gateway or VPC endpoint service accepts attachments or
connections automatically.

Anti-pattern: ``auto_accept_shared_attachments = "enable"``,
``acceptance_required = false`` / ``AcceptanceRequired`` false or unset.
Fix: require acceptance and review each request.
"""

from __future__ import annotations

from srmlint.aws.facts import NetworkSwitch
from srmlint.packs.network._switch import SwitchRule
from srmlint.rule import Example, RuleMeta, Severity


class AutoAcceptConnections(SwitchRule):
    kind = "auto_accept"
    unset = "{kind} '{name}' accepts connection requests automatically (acceptance is not required by default)"
    stated = "{kind} '{name}' accepts attachment or connection requests automatically"
    meta = RuleMeta(
        id="NET021",
        slug="auto-accept-connections",
        title="Transit gateway or VPC endpoint service accepts connections automatically",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(NetworkSwitch,),
        services=("vpc",),
        setting="network_ingress",
        rationale=(
            "Which networks connect to the customer's is the customer's decision. A transit gateway that "
            "auto-accepts shared attachments joins any VPC of an account it is shared with to the routing "
            "domain without review; a VPC endpoint service that does not require acceptance lets every "
            "allowed principal's VPC open a private connection to the service's load balancer at once."
        ),
        remediation={
            "terraform": (
                "Transit gateway: set auto_accept_shared_attachments = \"disable\". Endpoint service: set "
                "acceptance_required = true and accept each connection explicitly."
            ),
            "cloudformation": (
                "Transit gateway: set AutoAcceptSharedAttachments: disable. Endpoint service: set "
                "AcceptanceRequired: true and accept each connection explicitly."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html",
        examples={
            "terraform": Example(
                fail='resource "aws_ec2_transit_gateway" "hub" {\n  auto_accept_shared_attachments = "enable"\n}\n',
                pass_='resource "aws_ec2_transit_gateway" "hub" {\n  auto_accept_shared_attachments = "disable"\n}\n',
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Service:\n    Type: AWS::EC2::VPCEndpointService\n    Properties:\n"
                    "      NetworkLoadBalancerArns: [arn:aws:elasticloadbalancing:us-east-1:111122223333:"
                    "loadbalancer/net/api/1]\n"
                ),
                pass_=(
                    "Resources:\n  Service:\n    Type: AWS::EC2::VPCEndpointService\n    Properties:\n"
                    "      AcceptanceRequired: true\n"
                    "      NetworkLoadBalancerArns: [arn:aws:elasticloadbalancing:us-east-1:111122223333:"
                    "loadbalancer/net/api/1]\n"
                ),
            ),
        },
        tags=("network", "transit-gateway", "privatelink"),
    )
