"""NET012-NET024: network ACLs open on every port, WAF coverage, VPC placement
and network switches, legacy networking; both formats, unknowns never flagged."""

from __future__ import annotations

import pytest

from tests.conftest import ScanFiles, rule_ids


def _net(result: object) -> list[str]:
    return sorted(r for r in rule_ids(result) if r.startswith("NET"))  # type: ignore[arg-type]


def nacl_rule(body: str) -> str:
    return (f'resource "aws_network_acl_rule" "r" {{\n  network_acl_id = "acl-1"\n  rule_number = 100\n'
            f'  rule_action = "allow"\n{body}}}\n')


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('  egress = false\n  protocol = "all"\n  cidr_block = "0.0.0.0/0"\n', ["NET012"]),
        # AWS ignores the ports of protocol -1: still every port.
        ('  egress = false\n  protocol = "-1"\n  from_port = 80\n  to_port = 80\n  cidr_block = "0.0.0.0/0"\n',
         ["NET012"]),
        ('  protocol = "tcp"\n  from_port = 0\n  to_port = 65535\n  ipv6_cidr_block = "::/0"\n', ["NET012"]),
        ('  egress = true\n  protocol = "-1"\n  cidr_block = "0.0.0.0/0"\n', []),
        ('  egress = false\n  protocol = "-1"\n  cidr_block = "10.0.0.0/8"\n', []),
        ('  egress = false\n  protocol = "-1"\n  cidr_block = var.cidr\n', []),
        ('  egress = false\n  protocol = var.protocol\n  cidr_block = "0.0.0.0/0"\n', []),
        ('  egress = false\n  protocol = "tcp"\n  from_port = 32768\n  to_port = 65535\n'
         '  cidr_block = "0.0.0.0/0"\n', []),
    ],
)
def test_nacl_all_ports(body: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert _net(scan_files({"main.tf": nacl_rule(body)})) == expected


def test_nacl_all_traffic_after_denies_is_left_to_net006(scan_files: ScanFiles) -> None:
    acl = (
        'resource "aws_network_acl" "public" {\n  vpc_id = "vpc-1"\n'
        '  ingress {\n    rule_no = 10\n    protocol = "tcp"\n    action = "deny"\n'
        '    cidr_block = "0.0.0.0/0"\n    from_port = 3389\n    to_port = 3389\n  }\n'
        '  ingress {\n    rule_no = 100\n    protocol = "-1"\n    action = "allow"\n'
        '    cidr_block = "0.0.0.0/0"\n    from_port = 0\n    to_port = 0\n  }\n}\n'
    )
    result = scan_files({"main.tf": acl})
    assert _net(result) == ["NET006"]
    assert "3389" not in result.findings[0].message and "22 (SSH)" in result.findings[0].message


def test_nacl_all_traffic_cloudformation(scan_files: ScanFiles) -> None:
    entry = (
        "Resources:\n  In:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: acl-1\n"
        "      RuleNumber: 100\n      Protocol: '-1'\n      RuleAction: allow\n      Egress: 'false'\n"
        "      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: '0'\n        To: '65535'\n"
    )
    assert _net(scan_files({"t.yaml": entry})) == ["NET012"]


def test_cloudfront_web_acl_unknown_is_not_flagged(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  web_acl_id = var.acl\n}\n'
          'resource "aws_cloudfront_distribution" "e" {\n  enabled = true\n  web_acl_id = ""\n}\n')
    result = scan_files({"main.tf": tf})
    assert [(f.rule_id, f.resource.name if f.resource else None) for f in result.findings
            if f.rule_id.startswith("NET")] == [("NET013", "e")]


def _acl(rule: str) -> str:
    return (
        'resource "aws_wafv2_web_acl" "a" {\n  name = "a"\n  scope = "REGIONAL"\n'
        '  default_action {\n    allow {}\n  }\n' + rule + '}\n'
    )


_BAD_INPUTS = (
    '  rule {{\n    name = "bad"\n    priority = 1\n    override_action {{\n      {override} {{}}\n    }}\n'
    '    statement {{\n      managed_rule_group_statement {{\n'
    '        name = "AWSManagedRulesKnownBadInputsRuleSet"\n        vendor_name = "AWS"\n{extra}'
    '      }}\n    }}\n  }}\n'
)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (_BAD_INPUTS.format(override="none", extra=""), []),
        (_BAD_INPUTS.format(override="count", extra=""), ["NET014"]),
        (_BAD_INPUTS.format(override="none", extra='        excluded_rule {\n          name = "Log4JRCE"\n'
                                                   '        }\n'), ["NET014"]),
        (_BAD_INPUTS.format(override="none", extra='        rule_action_override {\n          name = '
                                                   '"Log4JRCE_HEADER"\n          action_to_use {\n'
                                                   '            count {}\n          }\n        }\n'), ["NET014"]),
        (_BAD_INPUTS.format(override="none", extra='        excluded_rule {\n          name = "PROPFIND_METHOD"\n'
                                                   '        }\n'), []),
        # a rule group of the customer's own may block Log4Shell: not known
        ('  rule {\n    name = "own"\n    priority = 1\n    override_action {\n      none {}\n    }\n'
         '    statement {\n      rule_group_reference_statement {\n        arn = aws_wafv2_rule_group.g.arn\n'
         '      }\n    }\n  }\n', []),
        ('  dynamic "rule" {\n    for_each = var.rules\n    content {\n      name = rule.value\n    }\n  }\n', []),
        # no rules at all: NET011's
        ("", ["NET011"]),
        # a rate-based rule without an action
        ('  rule {\n    name = "rate"\n    priority = 1\n    statement {\n      rate_based_statement {\n'
         '        limit = 100\n        aggregate_key_type = "IP"\n      }\n    }\n  }\n', ["NET014", "NET015"]),
    ],
)
def test_waf_web_acl_rules(rule: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert _net(scan_files({"main.tf": _acl(rule)})) == expected


def test_managed_group_without_override_action_is_not_a_rule_without_action(scan_files: ScanFiles) -> None:
    rule = ('  rule {\n    name = "common"\n    priority = 1\n    statement {\n'
            '      managed_rule_group_statement {\n        name = "AWSManagedRulesKnownBadInputsRuleSet"\n'
            '        vendor_name = "AWS"\n      }\n    }\n  }\n')
    assert _net(scan_files({"main.tf": _acl(rule)})) == []


def test_waf_cloudformation_excluded_log4j(scan_files: ScanFiles) -> None:
    tpl = (
        "Resources:\n  Acl:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Scope: REGIONAL\n"
        "      DefaultAction:\n        Allow: {}\n      Rules:\n        - Name: bad\n          Priority: 1\n"
        "          OverrideAction:\n            None: {}\n          Statement:\n"
        "            ManagedRuleGroupStatement:\n              VendorName: AWS\n"
        "              Name: AWSManagedRulesKnownBadInputsRuleSet\n"
        "              ExcludedRules:\n                - Name: Log4JRCE\n"
    )
    assert _net(scan_files({"t.yaml": tpl})) == ["NET014"]


def _notebook(extra: str) -> str:
    return ('resource "aws_sagemaker_notebook_instance" "nb" {\n  name = "nb"\n'
            '  instance_type = "ml.t3.medium"\n  role_arn = "arn:aws:iam::1:role/r"\n' + extra + '}\n')


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("", ["NET016"]),  # outside a VPC: NET016 only, not also NET019
        ('  subnet_id = "subnet-1"\n  security_groups = ["sg-1"]\n', ["NET019"]),
        ('  subnet_id = "subnet-1"\n  direct_internet_access = "Enabled"\n', ["NET019"]),
        ('  subnet_id = "subnet-1"\n  direct_internet_access = "Disabled"\n', []),
        ('  subnet_id = var.subnet\n  direct_internet_access = "Disabled"\n', []),
        ('  subnet_id = "subnet-1"\n  direct_internet_access = var.access\n', []),
    ],
)
def test_sagemaker_notebook(extra: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert _net(scan_files({"main.tf": _notebook(extra)})) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", ["NET016"]),
        ('  vpc_options {\n    subnet_ids = ["subnet-1"]\n  }\n', ["NET018"]),
        ('  vpc_options {\n    subnet_ids = ["subnet-1"]\n    security_group_ids = ["sg-1"]\n  }\n', []),
        ('  vpc_options {\n    subnet_ids = ["subnet-1"]\n    security_group_ids = var.sgs\n  }\n', []),
        ('  dynamic "vpc_options" {\n    for_each = var.vpc\n    content {\n'
         '      subnet_ids = vpc_options.value\n    }\n  }\n', []),
    ],
)
def test_opensearch_placement(body: str, expected: list[str], scan_files: ScanFiles) -> None:
    tf = 'resource "aws_elasticsearch_domain" "es" {\n  domain_name = "es"\n' + body + '}\n'
    assert _net(scan_files({"main.tf": tf})) == expected


def test_opensearch_cloudformation(scan_files: ScanFiles) -> None:
    tpl = "Resources:\n  Es:\n    Type: AWS::Elasticsearch::Domain\n    Properties:\n      DomainName: es\n"
    assert _net(scan_files({"t.yaml": tpl})) == ["NET016"]


@pytest.mark.parametrize(
    ("tf", "expected"),
    [
        ('resource "aws_ec2_transit_gateway" "t" {\n}\n', []),
        ('resource "aws_ec2_transit_gateway" "t" {\n  auto_accept_shared_attachments = "enable"\n}\n', ["NET021"]),
        ('resource "aws_ec2_transit_gateway" "t" {\n  auto_accept_shared_attachments = var.a\n}\n', []),
        ('resource "aws_vpc_endpoint_service" "s" {\n  acceptance_required = false\n}\n', ["NET021"]),
        ('resource "aws_vpc_endpoint_service" "s" {\n  acceptance_required = true\n}\n', []),
        ('resource "aws_vpc_endpoint_service" "s" {\n  acceptance_required = var.r\n}\n', []),
        ('resource "aws_redshift_cluster" "r" {\n  cluster_subnet_group_name = var.g\n'
         '  enhanced_vpc_routing = var.e\n}\n', []),
        ('resource "aws_redshift_cluster" "r" {\n  enhanced_vpc_routing = true\n}\n', ["NET017"]),
        ('resource "aws_sagemaker_model" "m" {\n  enable_network_isolation = var.i\n}\n', []),
        ('resource "aws_sagemaker_model" "m" {\n}\n', ["NET020"]),
        ('resource "aws_elasticache_security_group" "c" {\n  name = "c"\n}\n', ["NET023"]),
        ('resource "aws_redshift_security_group" "c" {\n  name = "c"\n}\n', ["NET023"]),
    ],
)
def test_switches_and_legacy_terraform(tf: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert _net(scan_files({"main.tf": tf})) == expected


@pytest.mark.parametrize(
    ("tpl", "expected"),
    [
        ("Resources:\n  S:\n    Type: AWS::EC2::VPCEndpointService\n", ["NET021"]),
        ("Resources:\n  S:\n    Type: AWS::EC2::VPCEndpointService\n    Properties:\n"
         "      AcceptanceRequired: !Ref Required\n", []),
        ("Resources:\n  T:\n    Type: AWS::EC2::TransitGateway\n    Properties:\n"
         "      AutoAcceptSharedAttachments: enable\n", ["NET021"]),
        ("Resources:\n  M:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
         "      ExecutionRoleArn: arn:aws:iam::1:role/r\n", ["NET020"]),
        ("Resources:\n  G:\n    Type: AWS::RDS::DBSecurityGroup\n    Properties:\n"
         "      GroupDescription: classic\n", ["NET023"]),
        ("Resources:\n  G:\n    Type: AWS::ElastiCache::SecurityGroup\n    Properties:\n"
         "      Description: classic\n", ["NET023"]),
    ],
)
def test_switches_and_legacy_cloudformation(tpl: str, expected: list[str], scan_files: ScanFiles) -> None:
    tpl = "Parameters:\n  Required:\n    Type: String\n" + tpl
    assert _net(scan_files({"t.yaml": tpl})) == expected


def test_default_vpc_not_created_is_not_flagged(scan_files: ScanFiles) -> None:
    tf = ('variable "manage" {\n  default = false\n}\n'
          'resource "aws_default_vpc" "d" {\n  count = var.manage ? 1 : 0\n}\n')
    assert _net(scan_files({"main.tf": tf})) == []
