"""IAM023-IAM030 (service resources' identity settings), and policy text quirks."""

from __future__ import annotations

import pytest

from tests.conftest import ScanFiles, rule_ids


def _ids(scan_files: ScanFiles, files: dict[str, str], prefix: str) -> list[str]:
    return [i for i in rule_ids(scan_files(files)) if i.startswith(prefix)]


# ------------------------------------------------------------------ policy text


def test_heredoc_policy_with_trailing_commas_is_read(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_policy" "p" {\n  policy = <<POLICY\n'
        '{"Version": "2012-10-17", "Statement": [\n'
        '  {"Effect": "Allow", "Action": ["s3:*",], "Resource": "*",},\n]}\nPOLICY\n}\n'
    )})
    assert "IAM001" in rule_ids(result)


def test_trailing_comma_repair_leaves_strings_alone() -> None:
    from srmlint.aws.policy import document_value

    text = '{"Statement": [{"Sid": "a,]", "Action": "s3:GetObject", "Resource": "x\\",}",},]}'
    assert document_value(text) == {"Statement": [{"Sid": "a,]", "Action": "s3:GetObject", "Resource": 'x",}'}]}


# ------------------------------------------------------------------ IAM023 QLDB


def test_qldb_mode_not_static_is_not_reported(scan_files: ScanFiles) -> None:
    files = {"main.tf": 'variable "mode" {}\nresource "aws_qldb_ledger" "l" {\n  name = "l"\n'
                        "  permissions_mode = var.mode\n}\n"}
    assert _ids(scan_files, files, "IAM023") == []


def test_qldb_mode_lower_case_allow_all(scan_files: ScanFiles) -> None:
    files = {"t.yaml": "Resources:\n  L:\n    Type: AWS::QLDB::Ledger\n    Properties:\n"
                       "      PermissionsMode: allow_all\n"}
    assert _ids(scan_files, files, "IAM023") == ["IAM023"]


# ------------------------------------------------------------------ IAM024 rotation


def _rotation_tf(rules: str) -> dict[str, str]:
    return {"main.tf": (
        'variable "days" {}\n'
        'resource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id = aws_secretsmanager_secret.s.id\n'
        f"  rotation_lambda_arn = aws_lambda_function.f.arn\n  rotation_rules {{\n    {rules}\n  }}\n}}\n"
    )}


@pytest.mark.parametrize(("rules", "flagged"), [
    ("automatically_after_days = 91", True),
    ("automatically_after_days = 90", False),
    ('schedule_expression = "rate(180 days)"', True),
    ('schedule_expression = "rate(90 days)"', False),
    ('schedule_expression = "rate(4 hours)"', False),
    ('schedule_expression = "cron(0 12 * 2 ? *)"', False),  # interval of a cron not judged
    ("automatically_after_days = var.days", False),  # not statically known
])
def test_rotation_interval(scan_files: ScanFiles, rules: str, flagged: bool) -> None:
    assert _ids(scan_files, _rotation_tf(rules), "IAM024") == (["IAM024"] if flagged else [])


def test_rotation_interval_cloudformation_days(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  R:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n"
        "      SecretId: !Ref S\n      RotationRules:\n        AutomaticallyAfterDays: 365\n"
    )})
    [finding] = [f for f in result.findings if f.rule_id == "IAM024"]
    assert "every 365 days" in finding.message
    assert finding.line == 7


# ------------------------------------------------------------------ IAM025/IAM026 EFS


def test_access_point_root_slash_and_variable_path(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'variable "root" {\n  default = "/data"\n}\n'
        'resource "aws_efs_access_point" "slash" {\n  file_system_id = "fs-1"\n'
        '  root_directory {\n    path = "/"\n  }\n  posix_user {\n    uid = 1\n    gid = 1\n  }\n}\n'
        'resource "aws_efs_access_point" "var" {\n  file_system_id = "fs-1"\n'
        "  root_directory {\n    path = var.root\n  }\n  posix_user {\n    uid = 1\n    gid = 1\n  }\n}\n"
    )})
    assert [(f.rule_id, f.resource.address if f.resource else None, f.line) for f in result.findings
            if f.rule_id.startswith("IAM")] == [("IAM025", "aws_efs_access_point.slash", 7)]


def test_access_point_dynamic_posix_user_is_unknown(scan_files: ScanFiles) -> None:
    files = {"main.tf": (
        'variable "users" {}\nresource "aws_efs_access_point" "a" {\n  file_system_id = "fs-1"\n'
        '  root_directory {\n    path = "/app"\n  }\n'
        '  dynamic "posix_user" {\n    for_each = var.users\n    content {\n      uid = posix_user.value\n'
        "      gid = posix_user.value\n    }\n  }\n}\n"
    )}
    assert _ids(scan_files, files, "IAM02") == []


# ------------------------------------------------------------------ IAM027 ECS roles


@pytest.mark.parametrize(("execution", "task", "flagged"), [
    ("aws_iam_role.a.arn", "aws_iam_role.a.arn", True),
    ('"arn:aws:iam::1:role/a"', '"arn:aws:iam::1:role/a"', True),
    ("aws_iam_role.a.arn", "aws_iam_role.b.arn", False),
    ("aws_iam_role.a.arn", None, False),
    ("var.role", '"arn:aws:iam::1:role/a"', False),  # unknown against a literal: not known to be equal
])
def test_task_role_is_execution_role(scan_files: ScanFiles, execution: str, task: str | None, flagged: bool) -> None:
    task_line = f"  task_role_arn = {task}\n" if task else ""
    files = {"main.tf": (
        'variable "role" {}\nresource "aws_ecs_task_definition" "t" {\n  family = "t"\n'
        '  container_definitions = "[]"\n'
        f"  execution_role_arn = {execution}\n{task_line}}}\n"
    )}
    assert _ids(scan_files, files, "IAM027") == (["IAM027"] if flagged else [])


# ------------------------------------------------------------------ IAM028 domains


def test_domain_transfer_lock_default_is_locked(scan_files: ScanFiles) -> None:
    files = {"main.tf": 'resource "aws_route53domains_registered_domain" "d" {\n  domain_name = "example.com"\n}\n'}
    assert _ids(scan_files, files, "IAM028") == []


# ------------------------------------------------------------------ IAM029 secrets over HTTP


def test_secret_version_in_http_header(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_secretsmanager_secret_version" "token" {\n  secret_id = "s"\n'
        "  secret_string = var.token\n}\n"
        'data "http" "call" {\n  url = "https://api.example.com/"\n'
        '  request_headers = {\n    Authorization = "Bearer ${aws_secretsmanager_secret_version.token.secret_string}"\n'
        "  }\n}\n"
    )})
    [finding] = [f for f in result.findings if f.rule_id == "IAM029"]
    assert finding.message == ("HTTP data source 'call' sends the secret "
                               "aws_secretsmanager_secret_version.token.secret_string in its request headers")
    assert finding.line == 7  # in the data source, at request_headers


def test_plain_string_parameter_in_http_url_is_not_a_secret(scan_files: ScanFiles) -> None:
    files = {"main.tf": (
        'resource "aws_ssm_parameter" "endpoint" {\n  name = "endpoint"\n  type = "String"\n'
        '  value = "https://x"\n}\n'
        'data "http" "call" {\n  url = "https://api.example.com/?e=${aws_ssm_parameter.endpoint.value}"\n}\n'
    )}
    assert _ids(scan_files, files, "IAM029") == []


def test_secret_version_id_in_http_url_is_not_the_secret(scan_files: ScanFiles) -> None:
    files = {"main.tf": (
        'resource "aws_secretsmanager_secret_version" "token" {\n  secret_id = "s"\n'
        "  secret_string = var.token\n}\n"
        'data "http" "call" {\n  url = "https://x/?v=${aws_secretsmanager_secret_version.token.version_id}"\n}\n'
    )}
    assert _ids(scan_files, files, "IAM029") == []


# ------------------------------------------------------------------ IAM030 users, IAM015 names


def test_iam_user_message_names_its_credentials(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  U:\n    Type: AWS::IAM::User\n    Properties:\n      LoginProfile:\n"
        "        Password: '{{resolve:secretsmanager:p}}'\n"
        "  K:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref U\n"
    )})
    [finding] = [f for f in result.findings if f.rule_id == "IAM030"]
    assert "with access key and console password" in finding.message


@pytest.mark.parametrize(("name", "flagged"), [("MYSECRET", True), ("dbpassword", True), ("MYSECRET_TEST", False),
                                               ("secretary", False)])
def test_ssm_parameter_run_together_secret_name(scan_files: ScanFiles, name: str, flagged: bool) -> None:
    files = {"t.yaml": (
        "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties:\n"
        f"      Name: {name}\n      Type: String\n      Value: akdfaksdfjkasdfjskafjdkfajsdfk345\n"
    )}
    assert _ids(scan_files, files, "IAM015") == (["IAM015"] if flagged else [])
