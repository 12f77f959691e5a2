"""LOG rules beyond their examples: connected resources, log buckets, unknowns, SAM."""

from __future__ import annotations

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles, rule_ids


def log_ids(result: ScanResult) -> list[str]:
    return [i for i in rule_ids(result) if i.startswith("LOG")]


def findings(result: ScanResult, rule: str) -> list[tuple[str | None, int]]:
    return [(f.resource.address if f.resource else None, f.line) for f in result.findings if f.rule_id == rule]


# ------------------------------------------------------------------ LOG005 S3 access logs

SOURCE = 'resource "aws_s3_bucket" "data" {\n  bucket = "data-bucket"\n}\n'
LOGS = 'resource "aws_s3_bucket" "logs" {\n  bucket = "log-bucket"\n}\n'


def test_tf_v4_logging_resource_marks_source_logged_and_target_as_log_bucket(scan_files: ScanFiles) -> None:
    config = (
        'resource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n'
        "  target_bucket = aws_s3_bucket.logs.id\n}\n"
    )
    assert findings(scan_files({"main.tf": SOURCE + LOGS, "logging.tf": config}), "LOG005") == []


def test_tf_logging_by_literal_names(scan_files: ScanFiles) -> None:
    config = 'resource "aws_s3_bucket_logging" "data" {\n  bucket = "data-bucket"\n  target_bucket = "log-bucket"\n}\n'
    assert findings(scan_files({"main.tf": SOURCE + LOGS + config}), "LOG005") == []


def test_tf_inline_logging_block_makes_target_a_log_bucket(scan_files: ScanFiles) -> None:
    data = (
        'resource "aws_s3_bucket" "data" {\n  bucket = "data-bucket"\n  logging {\n'
        "    target_bucket = aws_s3_bucket.logs.id\n  }\n}\n"
    )
    assert findings(scan_files({"main.tf": data + LOGS}), "LOG005") == []


def test_tf_log_delivery_acl_bucket_is_not_flagged(scan_files: ScanFiles) -> None:
    acl = 'resource "aws_s3_bucket_acl" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  acl = "log-delivery-write"\n}\n'
    assert findings(scan_files({"main.tf": LOGS + acl}), "LOG005") == []


def test_tf_lb_log_bucket_is_not_flagged_but_cloudtrail_bucket_is(scan_files: ScanFiles) -> None:
    lb = (
        'resource "aws_lb" "web" {\n  access_logs {\n    bucket  = aws_s3_bucket.logs.id\n'
        "    enabled = true\n  }\n}\n"
    )
    trail = 'resource "aws_cloudtrail" "t" {\n  s3_bucket_name = aws_s3_bucket.data.id\n}\n'
    result = scan_files({"main.tf": SOURCE + LOGS + lb + trail})
    assert findings(result, "LOG005") == [("aws_s3_bucket.data", 1)]


def test_tf_logging_to_another_bucket_does_not_count(scan_files: ScanFiles) -> None:
    other = 'resource "aws_s3_bucket" "other" {\n  bucket = "other"\n}\n'
    config = (
        'resource "aws_s3_bucket_logging" "o" {\n  bucket        = aws_s3_bucket.other.id\n'
        '  target_bucket = "central-logs"\n}\n'
    )
    assert findings(scan_files({"main.tf": SOURCE + other + config}), "LOG005") == [("aws_s3_bucket.data", 1)]


def test_tf_dynamic_logging_block_is_unknown(scan_files: ScanFiles) -> None:
    data = (
        'resource "aws_s3_bucket" "data" {\n  dynamic "logging" {\n    for_each = var.logging\n'
        "    content {\n      target_bucket = logging.value\n    }\n  }\n}\n"
    )
    assert findings(scan_files({"main.tf": data}), "LOG005") == []


def test_cfn_log_bucket_by_reference_and_by_access_control(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      LoggingConfiguration:\n"
        "        DestinationBucketName: !Ref Logs\n  Logs:\n    Type: AWS::S3::Bucket\n"
        "  Other:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: LogDeliveryWrite\n"
        "  Plain:\n    Type: AWS::S3::Bucket\n"
    )
    assert findings(scan_files({"t.yaml": template}), "LOG005") == [("Plain", 13)]


def test_cfn_logging_configuration_intrinsic_is_unknown(scan_files: ScanFiles) -> None:
    template = (
        "Conditions:\n  Log: !Equals [a, a]\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
        "      LoggingConfiguration: !If [Log, {DestinationBucketName: x}, !Ref AWS::NoValue]\n"
    )
    assert findings(scan_files({"t.yaml": template}), "LOG005") == []


# ------------------------------------------------------------------ LOG006 VPC flow logs

VPC = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n'


def test_flow_log_of_another_vpc_does_not_count(scan_files: ScanFiles) -> None:
    other = 'resource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n'
    flow = 'resource "aws_flow_log" "f" {\n  vpc_id = aws_vpc.other.id\n  traffic_type = "ALL"\n}\n'
    assert findings(scan_files({"main.tf": VPC + other + flow}), "LOG006") == [("aws_vpc.main", 1)]


def test_flow_log_with_unknown_target_and_vpc_given_to_module_are_not_flagged(scan_files: ScanFiles) -> None:
    flow = 'resource "aws_flow_log" "f" {\n  vpc_id = local.vpc_id\n  traffic_type = "ALL"\n}\n'
    assert findings(scan_files({"a/main.tf": VPC + flow}), "LOG006") == []
    module = 'module "flow" {\n  source = "./flow"\n  vpc_id = aws_vpc.main.id\n}\n'
    assert findings(scan_files({"b/main.tf": VPC + module}), "LOG006") == []


def test_cfn_flow_log_through_graph(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n"
        "  B:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.1.0.0/16\n"
        "  Flow:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: !Ref A\n"
        "      ResourceType: VPC\n      TrafficType: ALL\n"
    )
    assert findings(scan_files({"t.yaml": template}), "LOG006") == [("B", 6)]


# ------------------------------------------------------------------ CloudTrail

def test_cloudtrail_unknown_values_are_not_flagged(scan_files: ScanFiles) -> None:
    trail = (
        'resource "aws_cloudtrail" "t" {\n  s3_bucket_name = "b"\n  is_multi_region_trail = var.multi\n'
        "  enable_log_file_validation = var.validate\n  cloud_watch_logs_group_arn = var.group\n"
        "  enable_logging = var.on\n}\n"
    )
    assert log_ids(scan_files({"main.tf": trail})) == []


def test_cloudtrail_fully_configured_is_clean(scan_files: ScanFiles) -> None:
    template = (
        "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
        "      S3BucketName: b\n      IsMultiRegionTrail: 'true'\n      EnableLogFileValidation: true\n"
        "      CloudWatchLogsLogGroupArn: !GetAtt G.Arn\n"
    )
    assert log_ids(scan_files({"t.yaml": template})) == []


# ------------------------------------------------------------------ load balancers, databases, EKS, SAM

def test_gateway_lb_and_classic_elb_with_access_logs_block(scan_files: ScanFiles) -> None:
    tf = (
        'resource "aws_lb" "gw" {\n  load_balancer_type = "gateway"\n}\n'
        'resource "aws_elb" "classic" {\n  access_logs {\n    bucket = "logs"\n  }\n}\n'
    )
    assert findings(scan_files({"main.tf": tf}), "LOG007") == []


def test_aurora_cluster_members_are_not_flagged(scan_files: ScanFiles) -> None:
    tf = 'resource "aws_db_instance" "a" {\n  engine = "aurora-mysql"\n}\n'
    cfn = (
        "Resources:\n  I:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      DBClusterIdentifier: !Ref C\n"
        "      DBInstanceClass: db.r5.large\n      Engine: aurora-postgresql\n"
    )
    assert findings(scan_files({"main.tf": tf, "t.yaml": cfn}), "LOG012") == []


def test_neptune_and_docdb_need_audit_logs(scan_files: ScanFiles) -> None:
    tf = (
        'resource "aws_neptune_cluster" "ok" {\n  enable_cloudwatch_logs_exports = ["audit"]\n}\n'
        'resource "aws_neptune_cluster" "slow" {\n  enable_cloudwatch_logs_exports = ["slowquery"]\n}\n'
        'resource "aws_docdb_cluster" "profiler" {\n  enabled_cloudwatch_logs_exports = ["profiler"]\n}\n'
    )
    result = scan_files({"main.tf": tf})
    assert findings(result, "LOG012") == [("aws_neptune_cluster.slow", 5)]
    assert "audit logs" in next(f.message for f in result.findings if f.rule_id == "LOG012")


def test_eks_partial_logging_names_missing_types(scan_files: ScanFiles) -> None:
    tf = 'resource "aws_eks_cluster" "c" {\n  enabled_cluster_log_types = ["api", "audit"]\n}\n'
    result = scan_files({"main.tf": tf})
    assert [f.message for f in result.findings if f.rule_id == "LOG013"] == [
        "EKS cluster 'c' does not log control-plane authenticator events"
    ]


def test_sam_resources_get_the_setting_from_globals_and_absent_is_absent(scan_files: ScanFiles) -> None:
    """Globals are merged by the resolve stage (tests/resolve/test_sam_globals.py):
    the function is traced through them; the API, which nothing configures, is not."""
    template = (
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tracing: Active\n"
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n"
        "      Handler: app.handler\n      CodeUri: src/\n"
        "  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n"
    )
    result = scan_files({"t.yaml": template})
    found = sorted((f.rule_id, f.resource.address) for f in result.findings
                   if f.rule_id in ("LOG009", "LOG010") and f.resource is not None)
    assert found == [("LOG009", "Api"), ("LOG010", "Api")]


def test_sam_explicit_tracing_off_is_flagged(scan_files: ScanFiles) -> None:
    template = (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
        "    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n"
        "      Tracing: PassThrough\n"
    )
    assert "LOG010" in log_ids(scan_files({"t.yaml": template}))


# ------------------------------------------------------------------ WAF, CloudFront, OpenSearch

def test_wafv2_logging_configuration_through_graph(scan_files: ScanFiles) -> None:
    tf = (
        'resource "aws_wafv2_web_acl" "a" {\n  scope = "REGIONAL"\n}\n'
        'resource "aws_wafv2_web_acl" "b" {\n  scope = "REGIONAL"\n}\n'
        'resource "aws_wafv2_web_acl_logging_configuration" "a" {\n  resource_arn = aws_wafv2_web_acl.a.arn\n'
        "  log_destination_configs = [\"arn\"]\n}\n"
    )
    assert findings(scan_files({"main.tf": tf}), "LOG016") == [("aws_wafv2_web_acl.b", 4)]


DIST = 'resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n}\n'
DELIVERY_SOURCE = (
    'resource "aws_cloudwatch_log_delivery_source" "s" {\n  log_type = "ACCESS_LOGS"\n'
    "  resource_arn = aws_cloudfront_distribution.d.arn\n}\n"
)


def test_cloudfront_delivery_source_alone_is_not_logging(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": DIST + DELIVERY_SOURCE})
    assert findings(result, "LOG008") == [("aws_cloudfront_distribution.d", 1)]


def test_cloudfront_delivery_source_with_a_delivery_is_logging(scan_files: ScanFiles) -> None:
    delivery = (
        'resource "aws_cloudwatch_log_delivery" "x" {\n'
        "  delivery_source_name = aws_cloudwatch_log_delivery_source.s.name\n}\n"
    )
    assert findings(scan_files({"main.tf": DIST + DELIVERY_SOURCE + delivery}), "LOG008") == []


def test_opensearch_audit_log_disabled_explicitly(scan_files: ScanFiles) -> None:
    cfn = (
        "Resources:\n  D:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      LogPublishingOptions:\n"
        "        AUDIT_LOGS:\n          Enabled: false\n        SEARCH_SLOW_LOGS:\n          Enabled: true\n"
    )
    assert findings(scan_files({"t.yaml": cfn}), "LOG014") == [("D", 6)]


# ------------------------------------------------------------------ matrix

def test_matrix_judges_logging_settings(scan_files: ScanFiles) -> None:
    from srmlint.aws.facts import LoggingSetting
    from srmlint.aws.settings import JUDGES

    judge = JUDGES[LoggingSetting]
    assert judge(LoggingSetting((), None, "vpc_flow_logs", "enabled")) == "configured"
    assert judge(LoggingSetting((), None, "vpc_flow_logs", "unset")) == "unset_or_insecure"
    assert judge(LoggingSetting((), None, "vpc_flow_logs", "unknown")) == "unknown"
    assert judge(LoggingSetting((), None, "s3_access_logs", "unset", ("log_target",))) is None


# ---------------------------------------------------------------- second pass: LOG023-LOG027

def _mq(engine: str, logs: str) -> str:
    return (f'resource "aws_mq_broker" "b" {{\n  broker_name = "b"\n  engine_type = "{engine}"\n'
            f'  engine_version = "1"\n  host_instance_type = "mq.m5.large"\n{logs}}}\n')


def test_mq_logs(scan_files: ScanFiles) -> None:
    assert log_ids(scan_files({"main.tf": _mq("ActiveMQ", "")})) == ["LOG023", "LOG024"]
    # RabbitMQ has no audit log
    assert log_ids(scan_files({"main.tf": _mq("RabbitMQ", "")})) == ["LOG023"]
    both = "  logs {\n    general = true\n    audit = true\n  }\n"
    assert log_ids(scan_files({"main.tf": _mq("ActiveMQ", both)})) == []
    assert log_ids(scan_files({"main.tf": _mq("ActiveMQ", "  logs {\n    general = var.g\n  }\n")})) == ["LOG024"]


def test_mq_cfn_unknown_engine_and_logs(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  B:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: !Ref E\n"
           "      Logs: !If [C, {General: true}, {General: false}]\n")
    assert log_ids(scan_files({"t.yaml": cfn})) == []


def _session(inputs: str, doc_type: str = "Session") -> str:
    return (f'resource "aws_ssm_document" "s" {{\n  name = "SSM-SessionManagerRunShell"\n'
            f'  document_type = "{doc_type}"\n  content = <<DOC\n'
            f'{{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": {{{inputs}}}}}\nDOC\n}}\n')


def test_ssm_session_logging(scan_files: ScanFiles) -> None:
    assert log_ids(scan_files({"main.tf": _session('"s3BucketName": "", "cloudWatchLogGroupName": ""')})) == [
        "LOG025"]
    assert log_ids(scan_files({"main.tf": _session('"s3BucketName": "logs"')})) == []
    assert log_ids(scan_files({"main.tf": _session('"cloudWatchLogGroupName": "/ssm"')})) == []
    assert log_ids(scan_files({"main.tf": _session('"s3BucketName": ""', doc_type="Command")})) == []


def test_ssm_session_logging_interpolated_target_is_unknown(scan_files: ScanFiles) -> None:
    tf = (
        'resource "aws_ssm_document" "s" {\n  name = "prefs"\n  document_type = "Session"\n'
        '  content = jsonencode({ sessionType = "Standard_Stream", inputs = { s3BucketName = aws_s3_bucket.l.id } })\n'
        "}\n"
    )
    assert "LOG025" not in log_ids(scan_files({"main.tf": tf}))


def test_mwaa_any_log_type_counts(scan_files: ScanFiles) -> None:
    base = 'resource "aws_mwaa_environment" "m" {{\n  name = "m"\n{extra}}}\n'
    assert log_ids(scan_files({"main.tf": base.format(extra="")})) == ["LOG026"]
    off = "  logging_configuration {\n    worker_logs {\n      enabled = false\n    }\n  }\n"
    assert log_ids(scan_files({"main.tf": base.format(extra=off)})) == ["LOG026"]
    on = "  logging_configuration {\n    task_logs {\n      enabled = true\n    }\n  }\n"
    assert log_ids(scan_files({"main.tf": base.format(extra=on)})) == []


def test_appsync_field_level_none_and_unknown(scan_files: ScanFiles) -> None:
    base = 'resource "aws_appsync_graphql_api" "a" {{\n  name = "a"\n  authentication_type = "API_KEY"\n{extra}}}\n'
    none = '  log_config {\n    cloudwatch_logs_role_arn = "r"\n    field_log_level = "NONE"\n  }\n'
    result = scan_files({"main.tf": base.format(extra=none)})
    assert log_ids(result) == ["LOG027"] and "NONE" in result.findings[0].message
    unknown = '  log_config {\n    cloudwatch_logs_role_arn = "r"\n    field_log_level = var.level\n  }\n'
    assert log_ids(scan_files({"main.tf": base.format(extra=unknown)})) == []
