"""LOG028-LOG040 and the LOG012/LOG026 refinements beyond their examples:
trail selectors, AWS defaults that are secure, unknowns, exemptions."""

from __future__ import annotations

import pytest

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles


def ids(result: ScanResult, *rules: str) -> list[str]:
    return [f.rule_id for f in result.findings if f.rule_id in rules]


DATA = ("LOG028", "LOG029")
BUCKET = 'resource "aws_s3_bucket" "data" {\n  bucket = "corp-data"\n}\n'


def trail(selector: str) -> str:
    return f'resource "aws_cloudtrail" "main" {{\n  name = "main"\n  s3_bucket_name = "t"\n{selector}}}\n'


def basic(rw: str, values: str) -> str:
    return (f'  event_selector {{\n    read_write_type = "{rw}"\n    data_resource {{\n'
            f'      type   = "AWS::S3::Object"\n      values = {values}\n    }}\n  }}\n')


# ------------------------------------------------------------------ LOG028/LOG029 S3 data events

def test_no_trail_flags_both(scan_files: ScanFiles) -> None:
    assert sorted(ids(scan_files({"main.tf": BUCKET}), *DATA)) == ["LOG028", "LOG029"]


@pytest.mark.parametrize("values", ['["arn:aws:s3"]', '["arn:aws:s3:::"]', '["arn:aws:s3:::corp-data/"]',
                                    '["arn:aws:s3:::corp-data/uploads/"]', '["${aws_s3_bucket.data.arn}/"]'])
def test_selector_covering_the_bucket(scan_files: ScanFiles, values: str) -> None:
    assert ids(scan_files({"main.tf": BUCKET + trail(basic("All", values))}), *DATA) == []


def test_bucket_arn_without_slash_covers_nothing(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + trail(basic("All", '["arn:aws:s3:::corp-data"]'))})
    assert sorted(ids(result, *DATA)) == ["LOG028", "LOG029"]


def test_selector_of_another_bucket_resource(scan_files: ScanFiles) -> None:
    other = 'resource "aws_s3_bucket" "other" {\n  bucket = "other"\n  logging {\n    target_bucket = "x"\n  }\n}\n'
    result = scan_files({"main.tf": BUCKET + other + trail(basic("WriteOnly", '["${aws_s3_bucket.other.arn}/"]'))})
    assert [(f.rule_id, f.resource.name if f.resource else None) for f in result.findings
            if f.rule_id in DATA] == [("LOG028", "data"), ("LOG029", "data")]


def test_selector_values_not_static_are_unknown(scan_files: ScanFiles) -> None:
    variable = 'variable "arns" {\n  type = list(string)\n}\n'
    assert ids(scan_files({"main.tf": variable + BUCKET + trail(basic("All", "var.arns"))}), *DATA) == []


def test_bucket_name_not_static_against_one_named_bucket_is_unknown(scan_files: ScanFiles) -> None:
    bucket = 'variable "name" {\n  type = string\n}\nresource "aws_s3_bucket" "data" {\n  bucket = var.name\n}\n'
    result = scan_files({"main.tf": bucket + trail(basic("All", '["arn:aws:s3:::corp-data/"]'))})
    assert ids(result, *DATA) == []


def test_advanced_selector_read_only(scan_files: ScanFiles) -> None:
    selector = (
        '  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n'
        '      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n'
        '      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field  = "readOnly"\n'
        '      equals = ["true"]\n    }\n  }\n'
    )
    assert ids(scan_files({"main.tf": BUCKET + trail(selector)}), *DATA) == ["LOG028"]


def test_advanced_selector_narrowed_by_event_name_is_unknown(scan_files: ScanFiles) -> None:
    selector = (
        '  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n'
        '      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n'
        '      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field  = "eventName"\n'
        '      equals = ["PutObject"]\n    }\n  }\n'
    )
    assert ids(scan_files({"main.tf": BUCKET + trail(selector)}), *DATA) == []


def test_bucket_with_server_access_logs_or_receiving_logs_is_exempt(scan_files: ScanFiles) -> None:
    files = {"main.tf": (
        'resource "aws_s3_bucket" "data" {\n  bucket = "corp-data"\n}\n'
        'resource "aws_s3_bucket" "logs" {\n  bucket = "corp-logs"\n}\n'
        'resource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n'
        '  target_bucket = aws_s3_bucket.logs.id\n}\n'
    )}
    assert ids(scan_files(files), *DATA) == []


def test_trail_of_another_root_module_does_not_count(scan_files: ScanFiles) -> None:
    files = {"app/main.tf": BUCKET, "audit/main.tf": trail(basic("All", '["arn:aws:s3"]'))}
    assert sorted(ids(scan_files(files), *DATA)) == ["LOG028", "LOG029"]


def test_cfn_sub_with_partition_only_and_bucket_reference(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n  Trail:\n    Type: AWS::CloudTrail::Trail\n"
        "    Properties:\n      IsLogging: true\n      S3BucketName: t\n      EventSelectors:\n"
        "        - ReadWriteType: ReadOnly\n          DataResources:\n            - Type: AWS::S3::Object\n"
        "              Values: [!Sub 'arn:${AWS::Partition}:s3']\n"
        "        - ReadWriteType: WriteOnly\n          DataResources:\n            - Type: AWS::S3::Object\n"
        "              Values: [!Sub '${Data.Arn}/']\n"
    )
    assert ids(scan_files({"t.yaml": template}), *DATA) == []


# ------------------------------------------------------------------ LOG030/LOG031 RDS monitoring

def test_rds_performance_insights_not_offered_on_small_classes(scan_files: ScanFiles) -> None:
    db = ('resource "aws_db_instance" "db" {\n  engine = "mariadb"\n  instance_class = "db.t3.micro"\n'
          "  allocated_storage = 20\n  monitoring_interval = 60\n}\n")
    assert ids(scan_files({"main.tf": db}), "LOG030", "LOG031") == []


def test_rds_monitoring_unknowns(scan_files: ScanFiles) -> None:
    db = ('variable "pi" {\n  type = bool\n}\nvariable "interval" {\n  type = number\n}\n'
          'resource "aws_rds_cluster_instance" "db" {\n  cluster_identifier = aws_rds_cluster.c.id\n'
          '  instance_class = "db.r6g.large"\n  performance_insights_enabled = var.pi\n'
          "  monitoring_interval = var.interval\n}\n")
    assert ids(scan_files({"main.tf": db}), "LOG030", "LOG031") == []


def test_rds_monitoring_matrix_is_its_own_setting(scan_files: ScanFiles) -> None:
    db = ('resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.m6g.large"\n'
          '  enabled_cloudwatch_logs_exports = ["postgresql"]\n}\n')
    result = scan_files({"main.tf": db})
    assert sorted(ids(result, "LOG012", "LOG030", "LOG031")) == ["LOG030", "LOG031"]


# ------------------------------------------------------------------ secure AWS defaults are not findings

@pytest.mark.parametrize("text", [
    'resource "aws_acm_certificate" "c" {\n  domain_name = "example.com"\n  validation_method = "DNS"\n}\n',
    'resource "aws_acm_certificate" "c" {\n  domain_name = "internal.example"\n'
    '  certificate_authority_arn = aws_acmpca_certificate_authority.ca.arn\n'
    '  options {\n    certificate_transparency_logging_preference = "DISABLED"\n  }\n}\n',
    'resource "aws_api_gateway_method_settings" "m" {\n  rest_api_id = "a"\n  stage_name = "s"\n'
    '  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}\n',
    'resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name = "a"\n  comparison_operator = "GreaterThanThreshold"\n'
    '  evaluation_periods = 1\n  threshold = 1\n}\n',
    'resource "aws_ecs_cluster" "c" {\n  name = "c"\n}\n',
    'resource "aws_codebuild_project" "p" {\n  name = "p"\n  service_role = "r"\n}\n',
    'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = 0\n}\n',
    'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = 731\n}\n',
])
def test_secure_defaults(scan_files: ScanFiles, text: str) -> None:
    rules = ("LOG032", "LOG033", "LOG034", "LOG035", "LOG039", "LOG040")
    assert ids(scan_files({"main.tf": text}), *rules) == []


def test_cfn_deployment_stage_description_data_trace(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  Deployment:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n"
        "      RestApiId: !Ref Api\n      StageName: prod\n      StageDescription:\n"
        "        LoggingLevel: INFO\n        DataTraceEnabled: true\n"
    )
    assert ids(scan_files({"t.yaml": template}), "LOG033") == ["LOG033"]


def test_codebuild_s3_logs_only_is_fine(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      LogsConfig:\n"
        "        CloudWatchLogs:\n          Status: DISABLED\n        S3Logs:\n          Status: ENABLED\n"
        "          Location: b/logs\n"
    )
    assert ids(scan_files({"t.yaml": template}), "LOG039") == []


# ------------------------------------------------------------------ LOG037 Session Manager, LOG038 DocumentDB

def test_session_logs_without_encryption_flag_are_not_flagged(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  Prefs:\n    Type: AWS::SSM::Document\n    Properties:\n      DocumentType: Session\n"
        "      Content:\n        schemaVersion: '1.0'\n        sessionType: Standard_Stream\n        inputs:\n"
        "          cloudWatchLogGroupName: sessions\n          cloudWatchEncryptionEnabled: false\n"
        "          s3BucketName: ''\n          s3EncryptionEnabled: false\n"
    )
    [finding] = [f for f in scan_files({"t.yaml": template}).findings if f.rule_id == "LOG037"]
    assert "CloudWatch Logs" in finding.message and "S3" not in finding.message


@pytest.mark.parametrize(("value", "expected"), [("none", ["LOG038"]), ("disabled", ["LOG038"]),
                                                  ("ddl,dml_read", []), ("all", [])])
def test_docdb_audit_parameter_values(scan_files: ScanFiles, value: str, expected: list[str]) -> None:
    group = ('resource "aws_docdb_cluster_parameter_group" "g" {\n  family = "docdb5.0"\n'
             f'  parameter {{\n    name  = "audit_logs"\n    value = "{value}"\n  }}\n}}\n')
    assert ids(scan_files({"main.tf": group}), "LOG038") == expected


# ------------------------------------------------------------------ LOG012 Aurora MySQL, LOG026 MWAA

@pytest.mark.parametrize(("engine_name", "exports", "expected"), [
    ("aurora-mysql", '["error", "slowquery"]', ["LOG012"]),
    ("aurora-mysql", '["audit"]', []),
    ("aurora-postgresql", '["postgresql"]', []),
])
def test_aurora_mysql_needs_the_audit_export(scan_files: ScanFiles, engine_name: str, exports: str,
                                              expected: list[str]) -> None:
    cluster = (f'resource "aws_rds_cluster" "c" {{\n  engine = "{engine_name}"\n'
               f"  enabled_cloudwatch_logs_exports = {exports}\n}}\n")
    assert ids(scan_files({"main.tf": cluster}), "LOG012") == expected


@pytest.mark.parametrize(("types", "expected"), [(["dag_processing_logs"], ["LOG026"]),
                                                  (["dag_processing_logs", "worker_logs"], [])])
def test_mwaa_dag_processing_logs_alone(scan_files: ScanFiles, types: list[str], expected: list[str]) -> None:
    blocks = "".join(f"    {t} {{\n      enabled   = true\n      log_level = \"INFO\"\n    }}\n" for t in types)
    env = f'resource "aws_mwaa_environment" "e" {{\n  name = "e"\n  logging_configuration {{\n{blocks}  }}\n}}\n'
    assert ids(scan_files({"main.tf": env}), "LOG026") == expected
