"""Every built-in fix on a fixture of each format it covers: fix → the rule's
finding is gone → a second run changes nothing. CloudFormation cases are
written in YAML and also run as the same template in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from srmlint.cli import main
from srmlint.engine import Engine

TF: dict[str, tuple[str, str]] = {
    # case id: (rule, template); the rule fires on it and has a fix.
    "ENC002-replace": ("ENC002", 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n'
                                 "  size              = 20\n  encrypted         = false\n}\n"),
    "ENC002-insert": ("ENC002", 'resource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n'
                                "  size              = 20\n}\n"),
    "ENC003-rds": ("ENC003", 'resource "aws_db_instance" "db" {\n  engine            = "mysql"\n'
                             '  instance_class    = "db.t3.micro"\n  storage_encrypted = false\n}\n'),
    "ENC003-cluster": ("ENC003", 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n}\n'),
    "ENC003-root-volume": ("ENC003", 'resource "aws_instance" "i" {\n  ami = "ami-1"\n'
                                     "  root_block_device {\n    volume_size = 8\n  }\n}\n"),
    "ENC005-replace": ("ENC005", 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n'),
    "ENC005-insert": ("ENC005", 'resource "aws_kms_key" "k" {\n  description = "data"\n}\n'),
    "LOG001": ("LOG001", 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n'
                         '  s3_bucket_name = "b"\n  is_multi_region_trail = false\n}\n'),
    "LOG002": ("LOG002", 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "b"\n}\n'),
    "BKP007": ("BKP007", 'resource "aws_db_instance" "db" {\n  engine            = "mysql"\n'
                         '  instance_class    = "db.t3.micro"\n  storage_encrypted = true\n}\n'),
    "BKP006": ("BKP006", 'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n}\n'),
    "BKP006-replace": ("BKP006", 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n'
                                 "  point_in_time_recovery {\n    enabled = false\n  }\n}\n"),
    "LOG010": ("LOG010", 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n'
                         '  runtime       = "python3.12"\n}\n'),
    "LOG010-replace": ("LOG010", 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n'
                                 '  tracing_config {\n    mode = "PassThrough"\n  }\n}\n'),
    "CMP007": ("CMP007", 'resource "aws_ecr_repository" "r" {\n  name = "r"\n'
                         "  image_scanning_configuration {\n    scan_on_push = false\n  }\n}\n"),
    "CMP001-replace": ("CMP001", 'resource "aws_instance" "i" {\n  ami = "ami-1"\n'
                                 '  metadata_options {\n    http_tokens = "optional"\n  }\n}\n'),
    "CMP001-insert": ("CMP001", 'resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n'),
    "BKP001": ("BKP001", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
                         'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n'
                         '  versioning_configuration {\n    status = "Suspended"\n  }\n}\n'),
}

CFN: dict[str, tuple[str, str]] = {
    "ENC002": ("ENC002", "    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n"
                         "      Size: 20\n      Encrypted: false\n"),
    "ENC002-insert": ("ENC002", "    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n"
                                "      Size: 20\n"),
    "ENC003": ("ENC003", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n"
                         "      DBInstanceClass: db.t3.micro\n      StorageEncrypted: false\n"),
    "ENC003-cluster": ("ENC003", "    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n"),
    "ENC005": ("ENC005", "    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n"),
    "ENC005-insert": ("ENC005", "    Type: AWS::KMS::Key\n    Properties:\n      Description: data\n"),
    "LOG001": ("LOG001", "    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
                         "      S3BucketName: b\n      IsMultiRegionTrail: false\n"),
    "LOG002": ("LOG002", "    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
                         "      S3BucketName: b\n"),
    "BKP007": ("BKP007", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n"
                         "      DBInstanceClass: db.t3.micro\n      StorageEncrypted: true\n"),
    "BKP006": ("BKP006", "    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: t\n"),
    "BKP006-replace": ("BKP006", "    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: t\n"
                                 "      PointInTimeRecoverySpecification:\n"
                                 "        PointInTimeRecoveryEnabled: false\n"),
    "LOG010": ("LOG010", "    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
                         "      Handler: app.handler\n"),
    "LOG010-replace": ("LOG010", "    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
                                 "      TracingConfig:\n        Mode: PassThrough\n"),
    "CMP007": ("CMP007", "    Type: AWS::ECR::Repository\n    Properties:\n"
                         "      ImageScanningConfiguration:\n        ScanOnPush: false\n"),
    "CMP001": ("CMP001", "    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n"
                         "        MetadataOptions:\n          HttpTokens: optional\n"),
    "BKP001": ("BKP001", "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n"),
    "BKP001-replace": ("BKP001", "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n"
                                 "      VersioningConfiguration:\n        Status: Suspended\n"),
    "ENC001": ("ENC001", "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n"),
}

_PAB = {"PUB002": ("block_public_acls", "BlockPublicAcls"), "PUB003": ("block_public_policy", "BlockPublicPolicy"),
        "PUB004": ("ignore_public_acls", "IgnorePublicAcls"),
        "PUB005": ("restrict_public_buckets", "RestrictPublicBuckets")}
for _rule, (_tf, _cfn) in _PAB.items():  # one flag off at a time, the other three on
    TF[_rule] = (_rule, 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
                        'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.b.id\n'
                 + "".join(f"  {t} = {'false' if t == _tf else 'true'}\n" for t, _ in _PAB.values()) + "}\n")
    CFN[_rule] = (_rule, "    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n"
                  + "".join(f"        {c}: {'false' if c == _cfn else 'true'}\n" for _, c in _PAB.values()))


def _cfn_yaml(body: str) -> str:
    return 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Thing:\n' + body


def _cfn_json(body: str) -> str:
    return json.dumps(yaml.safe_load(_cfn_yaml(body)), indent=2) + "\n"


def _rule_findings(engine: Engine, path: Path, rule: str) -> list[str]:
    result = engine.scan([str(path)], select=lambda m: m.id == rule)
    assert not [f for f in result.findings if f.rule_id == "SRM000"], result.findings
    return [f.message for f in result.active_findings if f.rule_id == rule]


def _round_trip(engine: Engine, path: Path, rule: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert _rule_findings(engine, path, rule), f"{rule} must fire on the fixture"
    before = path.read_text(encoding="utf-8")
    main(["--fix", "--unsafe-fixes", "--select", rule, "--no-cache", str(path)])
    after = path.read_text(encoding="utf-8")
    assert after != before
    assert _rule_findings(engine, path, rule) == [], after
    main(["--fix", "--unsafe-fixes", "--select", rule, "--no-cache", str(path)])
    assert path.read_text(encoding="utf-8") == after, "a second --fix must change nothing"
    err = capsys.readouterr().err
    assert "rolled back" not in err
    return after


@pytest.mark.parametrize("case", sorted(TF))
def test_terraform_fix_round_trips(case: str, engine: Engine, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    rule, text = TF[case]
    path = tmp_path / "main.tf"
    path.write_text(text, encoding="utf-8")
    _round_trip(engine, path, rule, capsys)


@pytest.mark.parametrize("case", sorted(CFN))
@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_cloudformation_fix_round_trips(case: str, kind: str, engine: Engine, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    rule, body = CFN[case]
    path = tmp_path / f"stack.{kind}"
    path.write_text(_cfn_yaml(body) if kind == "yaml" else _cfn_json(body), encoding="utf-8")
    after = _round_trip(engine, path, rule, capsys)
    if kind == "json":
        json.loads(after)  # still strict JSON, not just YAML


def test_every_builtin_fix_rule_has_a_case_in_each_format_it_covers() -> None:
    from srmlint.fixes import FixRegistry
    from srmlint.fixes.builtin import srmlint_fixes

    registry = FixRegistry(srmlint_fixes())
    tf_rules = {rule for rule, _ in TF.values()}
    cfn_rules = {rule for rule, _ in CFN.values()}
    for rule in registry.rule_ids():
        formats = registry.formats(rule)
        assert ("terraform" in formats) <= (rule in tf_rules), rule
        assert ("cloudformation" in formats) <= (rule in cfn_rules), rule
