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
        ("NET004", "aws_security_group_rule.all_out"),
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


# --------------------------------------------------------------------------- NET002-NET006


def ingress_rule(body: str) -> str:
    return ('resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  security_group_id = "sg-1"\n'
            f"{body}}}\n")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET002"]),
        ('  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["0.0.0.0/00"]\n', ["NET002"]),
        ('  protocol = "tcp"\n  from_port = 20\n  to_port = 25\n  ipv6_cidr_blocks = ["::/0"]\n', ["NET002"]),
        ('  protocol = "udp"\n  from_port = 3389\n  to_port = 3389\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET002"]),
        ('  protocol = "udp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["0.0.0.0/0"]\n', []),
        ('  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["0.0.0.0/1"]\n', ["NET002"]),
        ('  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = ["10.0.0.0/8"]\n', []),
        ('  protocol = "tcp"\n  from_port = 22\n  to_port = 22\n  cidr_blocks = var.cidrs\n', []),
        ('  protocol = "tcp"\n  from_port = var.p\n  to_port = 22\n  cidr_blocks = ["0.0.0.0/0"]\n', []),
        # all ports from the internet is NET001's alone
        ('  protocol = "-1"\n  from_port = 0\n  to_port = 0\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET001"]),
        # all traffic from a wide public block: NET001 does not apply, NET002 and NET003 do
        ('  protocol = "-1"\n  from_port = 0\n  to_port = 0\n  cidr_blocks = ["128.0.0.0/1"]\n',
         ["NET002", "NET003"]),
        ('  protocol = "tcp"\n  from_port = 3000\n  to_port = 6000\n  cidr_blocks = ["0.0.0.0/0"]\n',
         ["NET002", "NET003"]),
        ('  protocol = "tcp"\n  from_port = 6379\n  to_port = 6379\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET003"]),
        ('  protocol = "tcp"\n  from_port = 443\n  to_port = 443\n  cidr_blocks = ["0.0.0.0/0"]\n', []),
    ],
)
def test_sensitive_ports(body: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert rule_ids(scan_files({"main.tf": ingress_rule(body)})) == expected


def test_cfn_admin_port_in_range_and_string_ports(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n"
        "      SecurityGroupIngress:\n        - IpProtocol: '6'\n          FromPort: '1'\n          ToPort: '1024'\n"
        "          CidrIp: 0.0.0.0/0\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n"
        "          CidrIp: !Ref Admins\n"
    )})
    assert rule_ids(result) == ["NET002"]
    assert result.findings[0].line == 7


@pytest.mark.parametrize(
    ("egress", "expected"),
    [
        ('protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["0.0.0.0/0"]', True),
        ('protocol = "-1"\n    from_port = 20\n    to_port = 200\n    cidr_blocks = ["0.0.0.0/0"]', True),
        ('protocol = "tcp"\n    from_port = 0\n    to_port = 65535\n    ipv6_cidr_blocks = ["::/0"]', True),
        ('protocol = "tcp"\n    from_port = 443\n    to_port = 443\n    cidr_blocks = ["0.0.0.0/0"]', False),
        ('protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_blocks = ["10.0.0.0/8"]', False),
    ],
)
def test_unrestricted_egress(egress: str, expected: bool, scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": f'resource "aws_security_group" "app" {{\n  egress {{\n    {egress}\n  }}\n}}\n'})
    assert ("NET004" in rule_ids(result)) is expected


def test_cfn_standalone_egress(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Out:\n    Type: AWS::EC2::SecurityGroupEgress\n    Properties:\n      GroupId: sg-1\n"
        "      IpProtocol: -1\n      CidrIp: 0.0.0.0/0\n"
    )})
    assert rule_ids(result) == ["NET004"]


def test_default_security_group(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_default_security_group" "d" {\n  vpc_id = "vpc-1"\n  egress {\n    protocol = "-1"\n'
        '    from_port = 0\n    to_port = 0\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
        'resource "aws_security_group" "s" {\n  ingress {\n    protocol = "tcp"\n    from_port = 80\n'
        '    to_port = 80\n    security_groups = ["sg-1"]\n  }\n}\n'
    )})
    assert sorted(rule_ids(result)) == ["NET004", "NET005"]


def nacl(*entries: str) -> str:
    return 'resource "aws_network_acl" "n" {\n  vpc_id = "vpc-1"\n' + "".join(entries) + "}\n"


def entry(no: int, action: str, proto: str, lo: int, hi: int, cidr: str = "0.0.0.0/0", d: str = "ingress") -> str:
    return (f'  {d} {{\n    rule_no = {no}\n    action = "{action}"\n    protocol = "{proto}"\n'
            f'    cidr_block = "{cidr}"\n    from_port = {lo}\n    to_port = {hi}\n  }}\n')


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ((entry(100, "allow", "-1", 0, 0),), True),
        ((entry(100, "allow", "tcp", 22, 22),), True),
        ((entry(100, "allow", "tcp", 22, 22, d="egress"),), False),
        ((entry(100, "deny", "tcp", 22, 22),), False),
        ((entry(100, "allow", "tcp", 22, 22, cidr="10.0.0.0/16"),), False),
        ((entry(100, "allow", "tcp", 443, 443),), False),
        # lower-numbered denies win
        ((entry(10, "deny", "tcp", 22, 22), entry(20, "deny", "-1", 3389, 3389), entry(100, "allow", "-1", 0, 0)),
         False),
        ((entry(10, "deny", "tcp", 22, 22), entry(100, "allow", "-1", 0, 0)), True),
        ((entry(200, "deny", "tcp", 22, 22), entry(100, "allow", "tcp", 22, 22)), True),
    ],
)
def test_nacl(entries: tuple[str, ...], expected: bool, scan_files: ScanFiles) -> None:
    # An allow of every port not narrowed by an earlier deny is NET012's, the rest NET006's.
    assert bool({"NET006", "NET012"} & set(rule_ids(scan_files({"main.tf": nacl(*entries)})))) is expected


def test_nacl_standalone_entries(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": (
            'resource "aws_network_acl_rule" "rdp" {\n  network_acl_id = "acl-1"\n  rule_number = 1\n'
            '  protocol = "6"\n  rule_action = "allow"\n  ipv6_cidr_block = "::/0"\n  from_port = 3389\n'
            "  to_port = 3389\n}\n"
        ),
        "t.yaml": (
            "Resources:\n  E:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: acl-1\n"
            "      RuleNumber: 1\n      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n"
            "      Egress: false\n      PortRange:\n        From: 1\n        To: 1024\n"
        ),
    })
    assert rule_ids(result) == ["NET006", "NET006"]


# ---------------------------------------------------------------- second pass: NET006-NET010

def _cfn_sg_with_parameter(default: str | None, port: int = 22) -> str:
    param = "  Where:\n    Type: String\n" + (f"    Default: '{default}'\n" if default is not None else "")
    return (
        f"Parameters:\n{param}Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
        "      GroupDescription: x\n      SecurityGroupIngress:\n"
        f"        - IpProtocol: tcp\n          FromPort: {port}\n          ToPort: {port}\n"
        "          CidrIp: !Ref Where\n"
    )


def test_cfn_cidr_from_an_open_parameter_default_is_reported(scan_files: ScanFiles) -> None:
    # The resolve stage gives !Ref Where the parameter's default.
    result = scan_files({"t.yaml": _cfn_sg_with_parameter("0.0.0.0/0")})
    assert rule_ids(result) == ["NET002"]
    assert result.findings[0].line == 11  # the rule's item


@pytest.mark.parametrize("default", [None, "10.0.0.0/8", "not a cidr"])
def test_cfn_cidr_from_a_safe_or_missing_parameter_default_is_not(default: str | None,
                                                                   scan_files: ScanFiles) -> None:
    assert rule_ids(scan_files({"t.yaml": _cfn_sg_with_parameter(default)})) == []


def test_cfn_standalone_ingress_with_parameter_default(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Parameters:\n  Where:\n    Type: String\n    Default: ::/0\nResources:\n  In:\n"
        "    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: sg-1\n      IpProtocol: tcp\n"
        "      FromPort: 80\n      ToPort: 80\n      CidrIpv6: !Ref Where\n"
    )})
    assert rule_ids(result) == ["NET007"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('  protocol = "tcp"\n  from_port = 80\n  to_port = 80\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET007"]),
        ('  protocol = "tcp"\n  from_port = 80\n  to_port = 80\n  cidr_blocks = ["10.0.0.0/8"]\n', []),
        # a range that also opens SSH is NET002's alone
        ('  protocol = "tcp"\n  from_port = 1\n  to_port = 1024\n  cidr_blocks = ["0.0.0.0/0"]\n', ["NET002"]),
        ('  protocol = "udp"\n  from_port = 80\n  to_port = 80\n  cidr_blocks = ["0.0.0.0/0"]\n', []),
    ],
)
def test_http_from_internet(body: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert rule_ids(scan_files({"main.tf": ingress_rule(body)})) == expected


def test_nacl_ftp_ports_and_lower_deny(scan_files: ScanFiles) -> None:
    acl = (
        'resource "aws_network_acl" "a" {{\n  vpc_id = "vpc-1"\n{deny}'
        '  ingress {{\n    rule_no = 100\n    protocol = "tcp"\n    action = "allow"\n'
        '    cidr_block = "0.0.0.0/0"\n    from_port = 21\n    to_port = 21\n  }}\n}}\n'
    )
    result = scan_files({"main.tf": acl.format(deny="")})
    assert rule_ids(result) == ["NET006"] and "21 (FTP)" in result.findings[0].message
    deny = ('  ingress {\n    rule_no = 10\n    protocol = "tcp"\n    action = "deny"\n'
            '    cidr_block = "0.0.0.0/0"\n    from_port = 20\n    to_port = 22\n  }\n')
    assert rule_ids(scan_files({"main.tf": acl.format(deny=deny)})) == []


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ("", ["NET008"]),
        ('  load_balancer_type = "network"\n', []),
        ("  drop_invalid_header_fields = var.drop\n", []),
        ('  drop_invalid_header_fields = true\n  desync_mitigation_mode = "monitor"\n', ["NET009"]),
        ('  drop_invalid_header_fields = true\n  desync_mitigation_mode = "defensive"\n', []),
    ],
)
def test_alb_http_handling_tf(attrs: str, expected: list[str], scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": f'resource "aws_lb" "web" {{\n  name = "web"\n  internal = true\n{attrs}}}\n'})
    assert [r for r in rule_ids(result) if r in ("NET008", "NET009")] == expected


def test_alb_http_handling_cfn_unknown_attributes_and_classic_elb(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  A:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n"
        "      Scheme: internal\n      LoadBalancerAttributes: !If [C, [], []]\n"
        "  N:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Type: network\n"
        "      Scheme: internal\n"
    )})
    assert not {"NET008", "NET009"} & set(rule_ids(result))
    classic = scan_files({"main.tf": 'resource "aws_elb" "c" {\n  desync_mitigation_mode = "monitor"\n}\n'})
    assert "NET009" in rule_ids(classic) and "NET008" not in rule_ids(classic)


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ('  remote_access {\n    ec2_ssh_key = "ops"\n  }\n', True),
        ('  remote_access {\n    ec2_ssh_key = "ops"\n    source_security_group_ids = []\n  }\n', True),
        ('  remote_access {\n    ec2_ssh_key = "ops"\n    source_security_group_ids = var.sgs\n  }\n', False),
        ('  remote_access {\n    ec2_ssh_key = var.key\n  }\n', False),
        ("", False),
    ],
)
def test_eks_node_group_ssh(remote: str, expected: bool, scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        f'resource "aws_eks_node_group" "n" {{\n  cluster_name = "c"\n  node_role_arn = "r"\n'
        f'  subnet_ids = ["s"]\n{remote}}}\n'
    )})
    assert ("NET010" in rule_ids(result)) is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('resource "aws_waf_web_acl" "w" {\n  default_action {\n    type = "ALLOW"\n  }\n}\n', True),
        ('resource "aws_waf_web_acl" "w" {\n  default_action {\n    type = "BLOCK"\n  }\n}\n', False),
        ('resource "aws_wafregional_web_acl" "w" {\n  default_action {\n    type = "ALLOW"\n  }\n  rule {\n  }\n}\n',
         True),
        ('resource "aws_wafv2_web_acl" "w" {\n  default_action {\n    allow {}\n  }\n'
         '  dynamic "rule" {\n    for_each = var.rules\n    content {\n      name = rule.value\n    }\n  }\n}\n',
         False),
        ('resource "aws_wafv2_web_acl" "w" {\n  default_action {\n    allow {}\n  }\n  rule_json = var.rules\n}\n',
         False),
    ],
)
def test_waf_web_acl_without_rules(body: str, expected: bool, scan_files: ScanFiles) -> None:
    assert ("NET011" in rule_ids(scan_files({"main.tf": body}))) is expected
