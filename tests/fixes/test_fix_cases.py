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

TF.update({
    "BKP001-inline": ("BKP001", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  versioning {\n'
                                '    enabled = false\n  }\n}\n'),
    "BKP001-companion": ("BKP001", '# logs\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'),
    "ENC001-companion": ("ENC001", 'resource "aws_s3_bucket" "b" {\n    bucket = "b"\n}\n\noutput "x" {\n'
                                   '    value = 1\n}\n'),
    "PUB013-companion": ("PUB013", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}'),
    "CMP005": ("CMP005", 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n'
                         "  auto_minor_version_upgrade = false\n}\n"),
    "CMP006": ("CMP006", 'resource "aws_elasticache_replication_group" "r" {\n  description = "r"\n'
                         "  auto_minor_version_upgrade = false\n}\n"),
    "CMP006-redshift": ("CMP006", 'resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n'
                                  "  allow_version_upgrade = false\n}\n"),
    "CMP008": ("CMP008", 'resource "aws_ecr_repository" "r" {\n  name = "r"\n}\n'),
    "CMP008-replace": ("CMP008", 'resource "aws_ecr_repository" "r" {\n  name                 = "r"\n'
                                 '  image_tag_mutability = "MUTABLE"\n}\n'),
    "CMP011": ("CMP011", 'resource "aws_launch_template" "t" {\n  metadata_options {\n'
                         '    http_tokens                 = "required"\n    http_put_response_hop_limit = 3\n'
                         "  }\n}\n"),
    "BKP003": ("BKP003", 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n'
                         "  backup_retention_period = 0\n}\n"),
    "BKP004": ("BKP004", 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\n'),
    "BKP004-replace": ("BKP004", 'resource "aws_docdb_cluster" "c" {\n  cluster_identifier = "c"\n'
                                 "  backup_retention_period = 1\n}\n"),
    "BKP004-five-days": ("BKP004", 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n'
                                   "  backup_retention_period = 5\n}\n"),
    "LOG004": ("LOG004", 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "b"\n'
                         "  enable_logging = false\n}\n"),
    "LOG019": ("LOG019", 'resource "aws_config_configuration_recorder_status" "s" {\n  name       = "default"\n'
                         "  is_enabled = false\n}\n"),
    "LOG020": ("LOG020", 'resource "aws_guardduty_detector" "d" {\n  enable = false\n}\n'),
    "LOG021": ("LOG021", 'resource "aws_ecs_cluster" "c" {\n  name = "c"\n}\n'),
    "LOG021-replace": ("LOG021", 'resource "aws_ecs_cluster" "c" {\n  name = "c"\n  setting {\n'
                                 '    name  = "containerInsights"\n    value = "disabled"\n  }\n}\n'),
    "PUB001": ("PUB001", 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_acl" "a" {\n'
                         '  bucket = aws_s3_bucket.b.id\n  acl    = "public-read"\n}\n'),
    "PUB007": ("PUB007", 'resource "aws_db_instance" "db" {\n  engine              = "postgres"\n'
                         "  publicly_accessible = true\n}\n"),
    "ENC006": ("ENC006", 'resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n'
                         '  default_cache_behavior {\n    viewer_protocol_policy = "allow-all"\n  }\n}\n'),
    "IAM014": ("IAM014", 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n'
                         '  instance_class = "db.t3.micro"\n}\n'),
    "ENC010": ("ENC010", 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n'),
})
_POLICY = ('resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length      = 14\n'
           "  require_lowercase_characters = true\n  require_uppercase_characters = true\n"
           "  require_numbers              = true\n  require_symbols              = true\n"
           "  password_reuse_prevention    = 24\n  max_password_age             = 90\n}\n")
for _rule, _name, _bad in [("IAM013", "minimum_password_length", "8"),
                           ("IAM017", "require_lowercase_characters", "false"),
                           ("IAM018", "require_uppercase_characters", "false"),
                           ("IAM019", "require_numbers", "false"), ("IAM020", "require_symbols", "false"),
                           ("IAM021", "password_reuse_prevention", "3"), ("IAM022", "max_password_age", "365")]:
    _line = next(line for line in _POLICY.splitlines() if f" {_name} " in line)
    TF[_rule] = (_rule, _POLICY.replace(_line, _line.rsplit("= ", 1)[0] + "= " + _bad))
    TF[f"{_rule}-insert"] = (_rule, _POLICY.replace(_line + "\n", ""))

CFN.update({
    "PUB013": ("PUB013", "    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n"),
    "CMP005": ("CMP005", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
                         "      AutoMinorVersionUpgrade: false\n"),
    "CMP006": ("CMP006", "    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: ACTIVEMQ\n"
                         "      AutoMinorVersionUpgrade: false\n"),
    "CMP008": ("CMP008", "    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: r\n"),
    "CMP011": ("CMP011", "    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n"
                         "        MetadataOptions:\n          HttpTokens: required\n"
                         "          HttpPutResponseHopLimit: 2\n"),
    "BKP003": ("BKP003", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
                         "      BackupRetentionPeriod: 0\n"),
    "BKP004": ("BKP004", "    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n"
                         "      BackupRetentionPeriod: '1'\n"),
    "LOG004": ("LOG004", "    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: false\n"
                         "      S3BucketName: b\n"),
    "LOG020": ("LOG020", "    Type: AWS::GuardDuty::Detector\n    Properties:\n      Enable: false\n"),
    "LOG021-properties": ("LOG021", "    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: c\n"),
    "PUB001": ("PUB001", "    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n"),
    "PUB007": ("PUB007", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
                         "      PubliclyAccessible: true\n"),
    "ENC006": ("ENC006", "    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
                         "        Enabled: true\n        DefaultCacheBehavior:\n"
                         "          ViewerProtocolPolicy: allow-all\n"),
    "IAM014": ("IAM014", "    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n"
                         "      DBInstanceClass: db.t3.micro\n"),
})


_PAB = {"PUB002": ("block_public_acls", "BlockPublicAcls"), "PUB003": ("block_public_policy", "BlockPublicPolicy"),
        "PUB004": ("ignore_public_acls", "IgnorePublicAcls"),
        "PUB005": ("restrict_public_buckets", "RestrictPublicBuckets")}
for _rule, (_tf, _cfn) in _PAB.items():  # one flag off at a time, the other three on
    TF[_rule] = (_rule, 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
                        'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.b.id\n'
                 + "".join(f"  {t} = {'false' if t == _tf else 'true'}\n" for t, _ in _PAB.values()) + "}\n")
    CFN[_rule] = (_rule, "    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n"
                  + "".join(f"        {c}: {'false' if c == _cfn else 'true'}\n" for _, c in _PAB.values()))


#: YAML only: a resource without ``Properties`` gets them in block YAML; a
#: JSON or flow-style one gets no fix (tested in test_fix_cli).
CFN_YAML_ONLY = {
    "LOG021-no-properties": ("LOG021", "    Type: AWS::ECS::Cluster\n"),
    "LOG021-no-properties-last": ("LOG021", "    Type: AWS::ECS::Cluster"),
}


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


@pytest.mark.parametrize("case", sorted(CFN_YAML_ONLY))
def test_cloudformation_yaml_only_fix_round_trips(case: str, engine: Engine, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    rule, body = CFN_YAML_ONLY[case]
    path = tmp_path / "stack.yaml"
    path.write_text(_cfn_yaml(body) + "  Other:\n    Type: AWS::SNS::Topic\n" * case.endswith("properties"),
                    encoding="utf-8")
    after = _round_trip(engine, path, rule, capsys)
    assert "    Properties:\n      ClusterSettings:\n" in after, after


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


def _example_cases() -> list[tuple[str, str]]:
    from srmlint.fixes import FixRegistry
    from srmlint.fixes.builtin import srmlint_fixes

    registry = FixRegistry(srmlint_fixes())
    return [(rule, fmt) for rule in registry.rule_ids() for fmt in registry.formats(rule)]


#: Rule examples whose failing template a fix cannot change, and why.
EXAMPLE_NOT_FIXABLE: dict[tuple[str, str], str] = {
    ("ENC006", "terraform"): "the example is a load balancer listener forwarding plain HTTP; a redirect action "
                             "is a design change, only CloudFront's viewer protocol policy has a fix",
    ("ENC006", "cloudformation"): "as for Terraform",
}


def _example_path(engine: Engine, rule: str, fmt: str, tmp_path: Path) -> Path:
    meta = next(m for m in engine.rule_metas() if m.id == rule)
    path = tmp_path / ("main.tf" if fmt == "terraform" else "stack.yaml")
    path.write_text(meta.examples[fmt].fail, encoding="utf-8")
    return path


@pytest.mark.parametrize(("rule", "fmt"), [c for c in _example_cases() if c not in EXAMPLE_NOT_FIXABLE])
def test_the_rules_own_failing_example_is_fixed(rule: str, fmt: str, engine: Engine, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The example in `srmlint explain RULE` is what users copy: its fix must work too."""
    _round_trip(engine, _example_path(engine, rule, fmt, tmp_path), rule, capsys)


@pytest.mark.parametrize(("rule", "fmt"), sorted(EXAMPLE_NOT_FIXABLE))
def test_examples_listed_as_not_fixable_really_are_not(rule: str, fmt: str, engine: Engine, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = _example_path(engine, rule, fmt, tmp_path)
    assert main(["--diff", "--select", rule, "--no-cache", str(path)]) == 0, "fixable now: drop it from the list"
