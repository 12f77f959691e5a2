"""NET001 across every way an ingress rule is declared, in both formats."""

from __future__ import annotations

import pytest

from tests.conftest import ScanFiles, rule_ids


def sg(ingress: str) -> str:
    return f'resource "aws_security_group" "web" {{\n  ingress {{\n{ingress}  }}\n}}\n'


@pytest.mark.parametrize(
    ("ingress", "expected"),
    [
        ('    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["0.0.0.0/0"]\n', True),
        ('    protocol = "all"\n    from_port = 0\n    to_port = 0\n    ipv6_cidr_blocks = ["::/0"]\n', True),
        ('    protocol = -1\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["0.0.0.0/0"]\n', True),
        ('    protocol = "tcp"\n    from_port = 0\n    to_port = 65535\n    cidr_blocks = ["0.0.0.0/0"]\n', True),
        ('    protocol = "6"\n    from_port = 1\n    to_port = 65535\n    cidr_blocks = ["0.0.0.0/0"]\n', True),
        ('    protocol = "tcp"\n    from_port = 443\n    to_port = 443\n    cidr_blocks = ["0.0.0.0/0"]\n', False),
        ('    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["10.0.0.0/8"]\n', False),
        ('    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = var.cidrs\n', False),
        ('    protocol = var.p\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["0.0.0.0/0"]\n', False),
        ('    protocol = "icmp"\n    from_port = -1\n    to_port = -1\n    cidr_blocks = ["0.0.0.0/0"]\n', False),
        ('    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    security_groups = ["sg-1"]\n', False),
    ],
)
def test_inline_ingress(ingress: str, expected: bool, scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": sg(ingress)})
    assert ("NET001" in rule_ids(result)) is expected
    if expected:
        assert result.findings[0].line == 2  # the ingress block, not the group


def test_standalone_rules_are_reported_on_the_rule(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_security_group" "web" {\n  name = "web"\n}\n'
        'resource "aws_security_group_rule" "all_in" {\n  type = "ingress"\n  protocol = "-1"\n'
        "  from_port = 0\n  to_port = 0\n  cidr_blocks = [\"0.0.0.0/0\"]\n"
        "  security_group_id = aws_security_group.web.id\n}\n"
        'resource "aws_security_group_rule" "all_out" {\n  type = "egress"\n  protocol = "-1"\n'
        "  from_port = 0\n  to_port = 0\n  cidr_blocks = [\"0.0.0.0/0\"]\n"
        "  security_group_id = aws_security_group.web.id\n}\n"
        'resource "aws_vpc_security_group_ingress_rule" "v6" {\n  ip_protocol = "-1"\n'
        '  cidr_ipv6 = "::/0"\n  security_group_id = aws_security_group.web.id\n}\n'
    )})
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings] == [
        ("NET001", "aws_security_group_rule.all_in"),
        ("NET001", "aws_vpc_security_group_ingress_rule.v6"),
    ]


def test_dynamic_ingress_with_static_content(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_security_group" "web" {\n  dynamic "ingress" {\n    for_each = var.ports\n'
        "    content {\n      protocol = \"-1\"\n      from_port = 0\n      to_port = 0\n"
        '      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n'
    )})
    assert rule_ids(result) == ["NET001"]


def test_cfn_inline_and_standalone(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n"
        "  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: w\n"
        "      SecurityGroupIngress:\n"
        "        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}\n"
        "        - {IpProtocol: -1, CidrIp: 0.0.0.0/0}\n"
        "  AllTcp:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
        "      GroupId: !Ref Web\n      IpProtocol: tcp\n      FromPort: '0'\n      ToPort: '65535'\n"
        "      CidrIpv6: ::/0\n"
        "  Internal:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
        "      GroupId: !Ref Web\n      IpProtocol: -1\n      CidrIp: 10.1.0.0/16\n"
    )})
    assert [(f.rule_id, f.line, f.resource.address if f.resource else None) for f in result.findings] == [
        ("NET001", 8, "Web"),
        ("NET001", 9, "AllTcp"),
    ]
