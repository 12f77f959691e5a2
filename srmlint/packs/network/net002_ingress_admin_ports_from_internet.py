"""NET002: SSH or RDP open to the internet.

Anti-pattern: ingress from ``0.0.0.0/0``, ``::/0`` (or a public block wider
than the threshold) on port 22 or 3389, alone, in a range, or as protocol -1.
Fix: reach instances through Session Manager, a bastion or a VPN, or admit
only the administrators' addresses.
"""

from __future__ import annotations

from srmlint.aws.facts import IngressRule
from srmlint.packs.network._ports import SensitivePortsFromInternet
from srmlint.packs.network.cidr import ADMIN_PORTS, WIDE_PREFIX_OPTIONS
from srmlint.rule import Example, RuleMeta, Severity


class IngressAdminPortsFromInternet(SensitivePortsFromInternet):
    ports = ADMIN_PORTS
    what = "remote administration"
    meta = RuleMeta(
        id="NET002",
        slug="ingress-admin-ports-from-internet",
        title="Security group allows SSH or RDP from the internet",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(IngressRule,),
        setting="network_ingress",
        rationale=(
            "Security-group rules are the customer's to write. SSH (22) and RDP (3389) open to "
            "0.0.0.0/0 or ::/0 are scanned within minutes of launch and attacked with stolen or "
            "guessed credentials and protocol exploits; a port range or protocol -1 that includes "
            "them exposes them just the same. The OS behind them is the customer's too."
        ),
        remediation={
            "terraform": (
                "Remove the rule and use SSM Session Manager, or restrict cidr_blocks / cidr_ipv4 to "
                "the administrators' addresses (or reference a bastion's security group)."
            ),
            "cloudformation": (
                "Remove the rule and use SSM Session Manager, or restrict CidrIp / CidrIpv6 to the "
                "administrators' addresses (or use SourceSecurityGroupId of a bastion)."
            ),
        },
        url="https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_security_group_rule" "ssh" {\n  type = "ingress"\n'
                    '  security_group_id = "sg-123"\n  protocol = "tcp"\n  from_port = 22\n'
                    '  to_port = 22\n  cidr_blocks = ["0.0.0.0/0"]\n}\n'
                ),
                pass_=(
                    'resource "aws_security_group_rule" "ssh" {\n  type = "ingress"\n'
                    '  security_group_id = "sg-123"\n  protocol = "tcp"\n  from_port = 22\n'
                    '  to_port = 22\n  cidr_blocks = ["203.0.113.10/32"]\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Admin:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: admin\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 3000\n          ToPort: 4000\n"
                    "          CidrIp: 0.0.0.0/0\n"
                ),
                pass_=(
                    "Resources:\n  Admin:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: admin\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 3389\n          ToPort: 3389\n"
                    "          CidrIp: 10.20.0.0/16\n"
                ),
            ),
        },
        tags=("network", "security-group", "ssh", "rdp"),
        options=WIDE_PREFIX_OPTIONS,
    )
