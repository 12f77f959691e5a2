"""ENC003/ENC004/ENC006/ENC011-ENC013 on single-service features beyond their
examples: API Gateway caches, WorkSpaces volumes, Glue security
configurations, CloudSearch, Transfer Family, HSTS, S3 secure transport,
Athena enforcement."""

from __future__ import annotations

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles


def found(result: ScanResult, rule: str) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == rule]


# ---------------------------------------------------------------- API Gateway response caches

def _settings(body: str) -> str:
    return ('resource "aws_api_gateway_method_settings" "s" {\n  rest_api_id = "a"\n  stage_name  = "prod"\n'
            f'  method_path = "*/*"\n  settings {{\n{body}  }}\n}}\n')


def test_apigw_cache_judged_only_where_caching_is_on(scan_files: ScanFiles) -> None:
    assert found(scan_files({"main.tf": _settings("    cache_data_encrypted = false\n")}), "ENC003") == []
    assert found(scan_files({"main.tf": _settings("    caching_enabled = true\n")}), "ENC003") == [
        "API Gateway method settings 's' does not enable encryption on its response cache"]


def test_apigw_cache_unknown_flag_is_no_finding(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": 'variable "enc" {}\n' + _settings(
        "    caching_enabled      = true\n    cache_data_encrypted = var.enc\n")})
    assert found(result, "ENC003") == [] and found(result, "ENC004") == []


def test_apigw_stage_cache_cloudformation(scan_files: ScanFiles) -> None:
    template = ("Resources:\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: a\n"
                "      MethodSettings:\n        - ResourcePath: '/*'\n          HttpMethod: '*'\n"
                "          CachingEnabled: true\n          CacheDataEncrypted: {flag}\n")
    assert found(scan_files({"t.yaml": template.format(flag="true")}), "ENC003") == []
    assert len(found(scan_files({"t.yaml": template.format(flag="false")}), "ENC003")) == 1


# ---------------------------------------------------------------- WorkSpaces

def test_workspace_key_alone_does_not_encrypt(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_workspaces_workspace" "w" {\n  directory_id = "d-1"\n  bundle_id = "wsb-1"\n'
        '  user_name = "u"\n  user_volume_encryption_enabled = true\n'
        '  volume_encryption_key = "arn:aws:kms:eu-west-1:123456789012:key/1"\n}\n')})
    assert found(result, "ENC003") == ["WorkSpace 'w' does not enable encryption on its root volume"]


# ---------------------------------------------------------------- Glue

def test_glue_job_security_configuration(scan_files: ScanFiles) -> None:
    job = ('resource "aws_glue_job" "j" {{\n  name = "j"\n  role_arn = "arn:aws:iam::123456789012:role/r"\n{extra}'
           '  command {{\n    script_location = "s3://b/j.py"\n  }}\n}}\n')
    assert found(scan_files({"main.tf": job.format(extra="")}), "ENC004") == [
        "Glue job 'j' sets no customer-managed KMS key (AWS encrypts its logs and job bookmarks with a key it "
        "owns or manages)"]
    configured = job.format(extra="  security_configuration = aws_glue_security_configuration.c.name\n")
    assert found(scan_files({"main.tf": configured}), "ENC004") == []


# ---------------------------------------------------------------- CloudSearch, Transfer Family

def test_cloudsearch_without_endpoint_options(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": 'resource "aws_cloudsearch_domain" "d" {\n  name = "d"\n}\n'})
    assert found(result, "ENC006") == ["CloudSearch domain 'd' does not enforce HTTPS (enforce HTTPS is not "
                                       "turned on)"]
    assert len(found(result, "ENC007")) == 1


def test_transfer_protocols(scan_files: ScanFiles) -> None:
    server = 'resource "aws_transfer_server" "s" {{\n  protocols = {p}\n}}\n'
    assert found(scan_files({"main.tf": server.format(p='["SFTP", "FTPS"]')}), "ENC006") == []
    assert found(scan_files({"main.tf": server.format(p='["SFTP", "FTP"]')}), "ENC006") == [
        "Transfer Family server 's' offers plain FTP: credentials and files cross the network in clear text"]
    cfn = "Resources:\n  S:\n    Type: AWS::Transfer::Server\n    Properties:\n      Protocols: [FTP]\n"
    # (same folder: the Terraform file is still there)
    assert [m for m in found(scan_files({"t.yaml": cfn}), "ENC006") if "'S'" in m] != []


# ---------------------------------------------------------------- HSTS

def test_hsts_short_max_age(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_cloudfront_response_headers_policy" "p" {\n  name = "p"\n  security_headers_config {\n'
        "    strict_transport_security {\n      access_control_max_age_sec = 300\n      override = true\n"
        "    }\n  }\n}\n")})
    assert found(result, "ENC011") == ["CloudFront response headers policy 'p' sets Strict-Transport-Security "
                                       "for only 300 seconds (under a year, 31536000)"]


def test_hsts_missing_cloudformation_without_security_headers(scan_files: ScanFiles) -> None:
    template = ("Resources:\n  P:\n    Type: AWS::CloudFront::ResponseHeadersPolicy\n    Properties:\n"
                "      ResponseHeadersPolicyConfig:\n        Name: p\n")
    assert found(scan_files({"t.yaml": template}), "ENC011") == [
        "CloudFront response headers policy 'P' adds no Strict-Transport-Security header"]


# ---------------------------------------------------------------- S3 secure transport

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n}\n'


def _policy(condition: str, effect: str = "Deny", bucket: str = "aws_s3_bucket.b.id") -> str:
    return (f'resource "aws_s3_bucket_policy" "p" {{\n  bucket = {bucket}\n  policy = jsonencode({{\n'
            f'    Statement = [{{ Effect = "{effect}", Principal = "*", Action = "s3:*", Resource = "*",\n'
            f"      Condition = {condition} }}]\n  }})\n}}\n")


def test_secure_transport_deny_by_reference_and_by_name(scan_files: ScanFiles) -> None:
    deny = '{ Bool = { "aws:SecureTransport" = "false" } }'
    assert found(scan_files({"main.tf": BUCKET + _policy(deny)}), "ENC013") == []
    assert found(scan_files({"main.tf": BUCKET + _policy(deny, bucket='"my-bucket"')}), "ENC013") == []


def test_secure_transport_allow_with_condition_does_not_count(scan_files: ScanFiles) -> None:
    allow = '{ Bool = { "aws:SecureTransport" = "true" } }'
    assert len(found(scan_files({"main.tf": BUCKET + _policy(allow, effect="Allow")}), "ENC013")) == 1


def test_secure_transport_unknown_condition_is_no_finding(scan_files: ScanFiles) -> None:
    unknown = '{ Bool = { "aws:SecureTransport" = var.flag } }'
    result = scan_files({"main.tf": 'variable "flag" {}\n' + BUCKET + _policy(unknown)})
    assert found(result, "ENC013") == []


def test_secure_transport_skips_website_buckets(scan_files: ScanFiles) -> None:
    template = ("Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      WebsiteConfiguration:\n"
                "        IndexDocument: index.html\n")
    assert found(scan_files({"t.yaml": template}), "ENC013") == []


# ---------------------------------------------------------------- Athena

def test_athena_enforcement_unset_is_enforced(scan_files: ScanFiles) -> None:
    workgroup = 'resource "aws_athena_workgroup" "w" {\n  name = "w"\n}\n'
    assert found(scan_files({"main.tf": workgroup}), "ENC012") == []
