"""ENC004 on Session Manager and ECS Exec sessions, ENC008 on SES delivery
TLS and Redshift parameter groups, ENC014 on expired database CAs, beyond
their examples."""

from __future__ import annotations

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles


def found(result: ScanResult, rule: str) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == rule]


def _ssm(content: str, fmt: str = "") -> str:
    return ('resource "aws_ssm_document" "prefs" {\n  name          = "SSM-SessionManagerRunShell"\n'
            f'  document_type = "Session"\n{fmt}  content = <<DOC\n{content}\nDOC\n}}\n')


_JSON = '{{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": {{"kmsKeyId": "{key}"}}}}'


def test_session_preferences_without_key(scan_files: ScanFiles) -> None:
    assert found(scan_files({"main.tf": _ssm(_JSON.format(key=""))}), "ENC004") == [
        "Session Manager preferences document 'prefs' encrypts its session data with TLS only, not also with "
        "a customer-managed KMS key"]
    assert found(scan_files({"main.tf": _ssm(_JSON.format(key="alias/sessions"))}), "ENC004") == []


def test_session_preferences_yaml_and_unknown_key(scan_files: ScanFiles) -> None:
    yaml_doc = "schemaVersion: '1.0'\nsessionType: Standard_Stream\ninputs:\n  kmsKeyId: ''\n"
    assert len(found(scan_files({"main.tf": _ssm(yaml_doc, '  document_format = "YAML"\n')}), "ENC004")) == 1
    unknown = 'variable "key" {}\n' + _ssm(_JSON.format(key="${var.key}"))
    assert found(scan_files({"main.tf": unknown}), "ENC004") == []


def test_other_session_documents_are_not_judged(scan_files: ScanFiles) -> None:
    other = '{"schemaVersion": "1.0", "sessionType": "Port", "inputs": {}}'
    assert found(scan_files({"main.tf": _ssm(other)}), "ENC004") == []
    command = ('resource "aws_ssm_document" "cmd" {\n  name = "x"\n  document_type = "Command"\n'
               '  content = "{}"\n}\n')
    assert found(scan_files({"main.tf": command}), "ENC004") == []


def test_ecs_exec_key_only_where_exec_is_configured(scan_files: ScanFiles) -> None:
    bare = 'resource "aws_ecs_cluster" "c" {\n  name = "c"\n}\n'
    assert found(scan_files({"main.tf": bare}), "ENC004") == []
    configured = ('resource "aws_ecs_cluster" "c" {\n  name = "c"\n  configuration {\n'
                  '    execute_command_configuration {\n      logging = "DEFAULT"\n    }\n  }\n}\n')
    assert found(scan_files({"main.tf": configured}), "ENC004") == [
        "ECS cluster 'c' encrypts its ECS Exec session data with TLS only, not also with a customer-managed KMS key"]


def test_ecs_exec_key_cloudformation(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  C:\n    Type: AWS::ECS::Cluster\n    Properties:\n      Configuration:\n"
           "        ExecuteCommandConfiguration:\n          KmsKeyId: !Ref Key\n"
           "  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n")
    assert found(scan_files({"t.yaml": cfn}), "ENC004") == []


def test_ses_tls_policy(scan_files: ScanFiles) -> None:
    def ses(body: str) -> str:
        return f'resource "aws_ses_configuration_set" "s" {{\n  name = "s"\n{body}}}\n'
    assert len(found(scan_files({"main.tf": ses("")}), "ENC008")) == 1
    assert len(found(scan_files({"main.tf": ses('  delivery_options {\n    tls_policy = "Optional"\n  }\n')}),
                     "ENC008")) == 1
    assert found(scan_files({"main.tf": ses('  delivery_options {\n    tls_policy = "Require"\n  }\n')}),
                 "ENC008") == []
    cfn = ("Resources:\n  S:\n    Type: AWS::SES::ConfigurationSet\n    Properties:\n"
           "      DeliveryOptions:\n        TlsPolicy: REQUIRE\n")
    assert found(scan_files({"t.yaml": cfn}), "ENC008") == []


def test_redshift_parameter_group_family(scan_files: ScanFiles) -> None:
    def group(family: str, params: str = "") -> str:
        return (f'resource "aws_redshift_parameter_group" "p" {{\n  name = "p"\n  family = "{family}"\n'
                f"{params}}}\n")
    assert found(scan_files({"main.tf": group("redshift-1.0")}), "ENC008") == [
        "Redshift parameter group 'p' does not enable required SSL/TLS connections"]
    ssl = '  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n'
    assert found(scan_files({"main.tf": group("redshift-1.0", ssl)}), "ENC008") == []
    assert found(scan_files({"main.tf": group("redshift-2.0")}), "ENC008") == []


def test_expired_ca_and_default(scan_files: ScanFiles) -> None:
    def db(extra: str) -> str:
        return f'resource "aws_db_instance" "d" {{\n  engine = "mysql"\n  storage_encrypted = true\n{extra}}}\n'
    assert found(scan_files({"main.tf": db('  ca_cert_identifier = "rds-ca-2019"\n')}), "ENC014") == [
        "RDS instance 'd' presents a server certificate of CA rds-ca-2019, which expired on 2024-08-22"]
    assert found(scan_files({"main.tf": db("")}), "ENC014") == []
    assert found(scan_files({"main.tf": 'variable "ca" {}\n' + db("  ca_cert_identifier = var.ca\n")}),
                 "ENC014") == []


def test_expired_ca_on_a_cluster(scan_files: ScanFiles) -> None:
    cluster = ('resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n'
               '  ca_certificate_identifier = "rds-ca-2015"\n}\n')
    assert len(found(scan_files({"main.tf": cluster}), "ENC014")) == 1
