"""BKP rules beyond their examples: v4 versioning resources, replicas and
Aurora members, unknowns, global tables."""

from __future__ import annotations

import pytest

from tests.conftest import ScanFiles, rule_ids

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n}\n'


def _ids(result) -> list[str]:
    # BKP008 (Aurora backtracking) has its own tests below; the others use Aurora MySQL clusters as plain databases.
    return [i for i in rule_ids(result) if i.startswith("BKP") and i != "BKP008"]


def _all_ids(result) -> list[str]:
    return [i for i in rule_ids(result) if i.startswith("BKP")]


def _versioning(bucket: str, status: str, mfa: str | None = None) -> str:
    extra = f'\n    mfa_delete = "{mfa}"' if mfa else ""
    return (f'resource "aws_s3_bucket_versioning" "v" {{\n  bucket = {bucket}\n'
            f'  versioning_configuration {{\n    status = "{status}"{extra}\n  }}\n}}\n')


def test_tf_versioning_by_reference_in_another_file(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET, "versioning.tf": _versioning("aws_s3_bucket.b.id", "Enabled", "Enabled")})
    assert _ids(result) == []


def test_tf_versioning_by_literal_bucket_name(scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": BUCKET + _versioning('"my-bucket"', "Enabled", "Enabled")})) == []


def test_tf_versioning_suspended_points_at_the_configuration(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + _versioning("aws_s3_bucket.b.id", "Suspended")})
    found = [f for f in result.findings if f.rule_id == "BKP001"]
    assert len(found) == 1 and "suspended" in found[0].message and found[0].line == 7


def test_tf_versioning_of_another_bucket_does_not_count(scan_files: ScanFiles) -> None:
    other = 'resource "aws_s3_bucket" "o" {\n  bucket = "other"\n}\n'
    result = scan_files({"main.tf": BUCKET + other + _versioning("aws_s3_bucket.o.id", "Enabled", "Enabled")})
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings
            if f.rule_id == "BKP001"] == [("BKP001", "aws_s3_bucket.b")]


@pytest.mark.parametrize("versioning", [
    '  versioning {\n    enabled = var.versioning\n  }\n',
    '  dynamic "versioning" {\n    for_each = var.v\n    content {\n      enabled = true\n    }\n  }\n',
])
def test_tf_unknown_versioning_is_not_flagged(versioning: str, scan_files: ScanFiles) -> None:
    assert "BKP001" not in _ids(scan_files({"main.tf": f'resource "aws_s3_bucket" "b" {{\n{versioning}}}\n'}))


def test_cfn_versioning_from_a_condition_is_unknown(scan_files: ScanFiles) -> None:
    bucket = ("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
              "      VersioningConfiguration: !If [Prod, {Status: Enabled}, !Ref AWS::NoValue]\n")
    assert _ids(scan_files({"t.yaml": bucket})) == []


def test_mfa_delete_is_info(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + _versioning("aws_s3_bucket.b.id", "Enabled")})
    found = [f for f in result.findings if f.rule_id == "BKP002"]
    assert len(found) == 1 and found[0].severity.label == "info"


def test_mfa_delete_is_not_asked_of_cloudformation(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
           "      VersioningConfiguration:\n        Status: Enabled\n")
    assert _ids(scan_files({"t.yaml": cfn})) == []


def test_rds_read_replica_and_aurora_member_own_no_backups(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.main.identifier\n'
          '  instance_class = "db.t3.micro"\n  deletion_protection = true\n}\n')
    cfn = ("Resources:\n  Member:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
           "      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n")
    assert _ids(scan_files({"main.tf": tf, "t.yaml": cfn})) == []


def test_retention_zero_is_off_and_unknown_is_not_flagged(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n"
           "      BackupRetentionPeriod: {days}\n      DeletionProtection: true\n")
    assert _ids(scan_files({"t.yaml": cfn.format(days=0)})) == ["BKP003"]
    assert _ids(scan_files({"t.yaml": cfn.format(days="!Ref Days")})) == []


def test_redshift_retention_zero_is_flagged_but_default_is_not(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_redshift_cluster" "r" {{\n  cluster_identifier = "r"\n  node_type = "ra3.xlplus"\n'
          "{extra}}}\n")
    assert _ids(scan_files({"main.tf": tf.format(extra="  automated_snapshot_retention_period = 0\n")})) == ["BKP003"]
    assert _ids(scan_files({"main.tf": tf.format(extra="")})) == []


@pytest.mark.parametrize(("engine_name", "node", "expected"), [
    ("redis", "cache.m5.large", ["BKP005"]),
    ("valkey", "cache.m5.large", ["BKP005"]),
    ("memcached", "cache.m5.large", []),
    ("redis", "cache.t1.micro", []),
])
def test_elasticache_snapshots_only_where_possible(engine_name: str, node: str, expected: list[str],
                                                   scan_files: ScanFiles) -> None:
    tf = f'resource "aws_elasticache_cluster" "c" {{\n  engine = "{engine_name}"\n  node_type = "{node}"\n}}\n'
    assert _ids(scan_files({"main.tf": tf})) == expected


def test_elasticache_member_of_a_replication_group_defers_to_it(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n'
          "  replication_group_id = aws_elasticache_replication_group.g.id\n}\n")
    assert _ids(scan_files({"main.tf": tf})) == []


def test_dynamodb_global_table_replicas(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  T:\n    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n"
           "      Replicas:\n        - Region: eu-west-1\n          PointInTimeRecoverySpecification:\n"
           "            PointInTimeRecoveryEnabled: true\n        - Region: us-east-1\n")
    result = scan_files({"t.yaml": cfn})
    assert [(f.rule_id, f.line) for f in result.findings if f.rule_id.startswith("BKP")] == [("BKP006", 9)]


def test_dynamodb_pitr_unknown_is_not_flagged(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n'
          "  point_in_time_recovery {\n    enabled = var.pitr\n  }\n}\n")
    assert _ids(scan_files({"main.tf": tf})) == []


def test_backup_findings_are_customer_owned_data(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"})
    found = [f for f in result.findings if f.rule_id == "BKP001"]
    assert found and found[0].responsibility.owner == "customer" and found[0].responsibility.layer == "data"


@pytest.mark.parametrize(("engine_line", "extra", "expected"), [
    ('  engine = "aurora-mysql"\n', "", ["BKP008"]),
    ("", "", ["BKP008"]),  # the provider's default engine before v6, "aurora", is MySQL
    ('  engine = "aurora-mysql"\n', "  backtrack_window = 0\n", ["BKP008"]),
    ('  engine = "aurora-mysql"\n', "  backtrack_window = 3600\n", []),
    ('  engine = "aurora-mysql"\n', "  backtrack_window = var.window\n", []),
    ('  engine = "aurora-postgresql"\n', "", []),
    ('  engine = "aurora-mysql"\n  engine_mode = "serverless"\n', "", []),
    ('  engine = "aurora-mysql"\n  serverlessv2_scaling_configuration {\n    max_capacity = 4\n  }\n', "", []),
    ("  engine = var.engine\n", "", []),
])
def test_aurora_backtrack(scan_files: ScanFiles, engine_line: str, extra: str, expected: list[str]) -> None:
    tf = (f'resource "aws_rds_cluster" "db" {{\n{engine_line}{extra}  backup_retention_period = 7\n'
          '  deletion_protection = true\n}\n')
    assert _all_ids(scan_files({"main.tf": tf})) == expected


@pytest.mark.parametrize(("setting", "expected"), [
    ("", []), ("  deletion_protection = true\n", []), ("  deletion_protection = false\n", ["BKP007"]),
    ("  deletion_protection = var.protect\n", []),
])
def test_qldb_deletion_protection_is_on_by_default(scan_files: ScanFiles, setting: str, expected: list[str]) -> None:
    tf = f'resource "aws_qldb_ledger" "l" {{\n  name = "l"\n  permissions_mode = "STANDARD"\n{setting}}}\n'
    assert _all_ids(scan_files({"main.tf": tf})) == expected
    cfn = ("Resources:\n  L:\n    Type: AWS::QLDB::Ledger\n    Properties:\n      PermissionsMode: STANDARD\n"
           + ("      DeletionProtection: false\n" if expected else ""))
    assert _all_ids(scan_files({"main.tf": "", "t.yaml": cfn})) == expected


@pytest.mark.parametrize(("days", "expected"), [
    ("1", ["BKP004"]),
    ("3", ["BKP004"]),
    ("6", ["BKP004"]),
    ("7", []),
    ("35", []),
    ("0", ["BKP003"]),
    ("var.days", []),
])
def test_retention_under_seven_days_is_short(days: str, expected: list[str], scan_files: ScanFiles) -> None:
    tf = (f'resource "aws_docdb_cluster" "d" {{\n  cluster_identifier = "d"\n  backup_retention_period = {days}\n'
          "  deletion_protection = true\n}\n")
    result = scan_files({"main.tf": tf})
    assert _ids(result) == expected
    if expected == ["BKP004"]:
        message = next(f.message for f in result.findings if f.rule_id == "BKP004")
        assert f"only {days} day" in message and "fewer than 7" in message


def test_short_retention_in_cloudformation_and_the_default(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  N:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n{extra}"
           "      DeletionProtection: true\n")
    result = scan_files({"t.yaml": cfn.format(extra="      BackupRetentionPeriod: 3\n")})
    assert _ids(result) == ["BKP004"]
    default = scan_files({"t.yaml": cfn.format(extra="")})
    assert _ids(default) == ["BKP004"]
    assert "the default 1 day" in next(f.message for f in default.findings if f.rule_id == "BKP004")


def test_redshift_short_snapshot_retention_is_not_bkp004(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n  node_type = "ra3.xlplus"\n'
          "  automated_snapshot_retention_period = 3\n}\n")
    assert _ids(scan_files({"main.tf": tf})) == []
