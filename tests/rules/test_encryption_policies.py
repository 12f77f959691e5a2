"""ENC015 (Transfer Family SHA-1 policies), ENC016 (ElastiCache without
authentication) and ENC004 on S3 objects judged through their bucket."""

from __future__ import annotations

import pytest

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles


def hits(result: ScanResult, rule: str) -> list[tuple[str, str]]:
    return [(f.resource.address if f.resource else "", f.message) for f in result.findings if f.rule_id == rule]


def _server(policy: str | None) -> str:
    line = f'  security_policy_name = "{policy}"\n' if policy is not None else ""
    return f'resource "aws_transfer_server" "s" {{\n  endpoint_type = "VPC"\n{line}}}\n'


@pytest.mark.parametrize(("policy", "flagged"), [
    (None, True),  # the provider's default, TransferSecurityPolicy-2018-11
    ("TransferSecurityPolicy-2018-11", True),
    ("TransferSecurityPolicy-2020-06", True),
    ("TransferSecurityPolicy-FIPS-2020-06", True),
    ("TransferSecurityPolicy-FIPS-2024-01", True),
    ("TransferSecurityPolicy-2022-03", False),
    ("TransferSecurityPolicy-2024-01", False),
    ("TransferSecurityPolicy-FIPS-2024-05", False),
    ("TransferSecurityPolicy-2034-01", False),  # not a real policy: not judged
])
def test_transfer_policies(scan_files: ScanFiles, policy: str | None, flagged: bool) -> None:
    found = hits(scan_files({"main.tf": _server(policy)}), "ENC015")
    assert bool(found) == flagged


def test_transfer_default_policy_message(scan_files: ScanFiles) -> None:
    [(_, message)] = hits(scan_files({"main.tf": _server(None)}), "ENC015")
    assert "no security policy, so TransferSecurityPolicy-2018-11" in message
    assert "diffie-hellman-group14-sha1" in message


def test_transfer_policy_from_variable_is_not_judged(scan_files: ScanFiles) -> None:
    text = ('variable "policy" {}\nresource "aws_transfer_server" "s" {\n'
            "  security_policy_name = var.policy\n}\n")
    assert hits(scan_files({"main.tf": text}), "ENC015") == []


def test_transfer_cloudformation_named_old_policy(scan_files: ScanFiles) -> None:
    text = ("Resources:\n  S:\n    Type: AWS::Transfer::Server\n    Properties:\n"
            "      SecurityPolicyName: TransferSecurityPolicy-FIPS-2023-05\n")
    [(_, message)] = hits(scan_files({"t.yaml": text}), "ENC015")
    assert "ssh-rsa" in message


GROUP = ('resource "aws_elasticache_replication_group" "g" {{\n  replication_group_id = "g"\n'
         '  description = "g"\n  transit_encryption_enabled = true\n{extra}}}\n')


@pytest.mark.parametrize(("extra", "flagged"), [
    ("", True),
    ('  engine = "valkey"\n', True),
    ('  auth_token = "0123456789abcdef0123"\n', False),
    ("  auth_token = var.token\n", False),
    ('  user_group_ids = ["users"]\n', False),
    ("  user_group_ids = []\n", True),
    ('  global_replication_group_id = "ldgnf-global"\n', False),  # the primary's settings apply
    ("  engine = var.engine\n", False),
])
def test_cache_authentication(scan_files: ScanFiles, extra: str, flagged: bool) -> None:
    text = 'variable "token" {}\nvariable "engine" {}\n' + GROUP.format(extra=extra)
    assert bool(hits(scan_files({"main.tf": text}), "ENC016")) == flagged


def test_cache_authentication_message_names_engine(scan_files: ScanFiles) -> None:
    [(_, message)] = hits(scan_files({"main.tf": GROUP.format(extra='  engine = "valkey"\n')}), "ENC016")
    assert message.startswith("ElastiCache replication group 'g' accepts Valkey clients without authentication")


BUCKETS = (
    'resource "aws_s3_bucket" "plain" {\n  bucket = "plain-bucket"\n}\n'
    'resource "aws_s3_bucket" "cmk" {\n  bucket = "cmk-bucket"\n}\n'
    'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'
    'resource "aws_s3_bucket_server_side_encryption_configuration" "cmk" {\n  bucket = aws_s3_bucket.cmk.id\n'
    '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n'
    "      kms_master_key_id = aws_kms_key.k.arn\n    }\n  }\n}\n"
    'variable "bucket" {}\n'
)


@pytest.mark.parametrize(("body", "flagged"), [
    ('  bucket = aws_s3_bucket.plain.id\n', True),  # SSE-S3 by default
    ('  bucket = "plain-bucket"\n', True),  # the bucket by its literal name
    ('  bucket = aws_s3_bucket.cmk.id\n', False),  # the bucket's CMK applies
    ('  bucket = aws_s3_bucket.plain.id\n  kms_key_id = aws_kms_key.k.arn\n', False),
    ('  bucket = aws_s3_bucket.cmk.id\n  server_side_encryption = "AES256"\n', True),
    ("  bucket = var.bucket\n", False),  # bucket not known
    ('  bucket = "elsewhere"\n', False),  # bucket not in the scan
])
@pytest.mark.parametrize("type_", ["aws_s3_object", "aws_s3_bucket_object", "aws_s3_object_copy"])
def test_s3_object_key_follows_bucket(scan_files: ScanFiles, type_: str, body: str, flagged: bool) -> None:
    text = BUCKETS + f'resource "{type_}" "o" {{\n  key = "k"\n{body}}}\n'
    found = [address for address, _ in hits(scan_files({"main.tf": text}), "ENC004") if address.endswith(".o")]
    assert bool(found) == flagged
