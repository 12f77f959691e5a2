"""PUB008: instances get public ip addresses.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``public_ip``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class PublicIpAssignment(ExposureRule):
    kind = "public_ip"
    message = "{type} '{name}' assigns public IP addresses to what it launches"
    meta = RuleMeta(
        id="PUB008",
        slug="public-ip-assignment",
        title="Instances get public IP addresses",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("ec2", "autoscaling", "vpc", "ecs"),
        setting="public_access",
        rationale=(
            "An instance, launch template, launch configuration, subnet or ECS service that assigns public IP"
            " addresses puts workloads directly on the internet, with only security groups in front. Defence "
            "in depth: keep workloads in private subnets behind load balancers or NAT."
        ),
        remediation={
            "terraform": (
                'Set associate_public_ip_address = false (aws_instance, aws_launch_template '
                'network_interfaces, aws_launch_configuration), map_public_ip_on_launch = false '
                '(aws_subnet) or assign_public_ip = false (aws_ecs_service), and place workloads in '
                'private subnets.'
            ),
            "cloudformation": (
                'Set AssociatePublicIpAddress: false (AWS::EC2::Instance NetworkInterfaces, '
                'LaunchTemplateData, AWS::AutoScaling::LaunchConfiguration), MapPublicIpOnLaunch: '
                'false (AWS::EC2::Subnet) or AssignPublicIp: DISABLED (AWS::ECS::Service).'
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_instance" "web" {\n  ami = "ami-123"\n  instance_type = "t3.micro"\n'
                    '  associate_public_ip_address = true\n}\n'
                ),
                pass_=(
                    'resource "aws_instance" "web" {\n  ami = "ami-123"\n  instance_type = "t3.micro"\n'
                    '  associate_public_ip_address = false\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    'Resources:\n  Public:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: '
                    'vpc-123\n      CidrBlock: 10.0.0.0/24\n      MapPublicIpOnLaunch: true\n'
                ),
                pass_=(
                    'Resources:\n  Public:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: '
                    'vpc-123\n      CidrBlock: 10.0.0.0/24\n'
                ),
            ),
        },
        tags=("public-access", "ec2", "public-ip"),
    )
