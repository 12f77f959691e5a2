"""CMP rules beyond their examples: launch templates through the graph,
account defaults, unknowns, dated runtimes, Beanstalk configuration templates."""

from __future__ import annotations

import datetime

import pytest

from srmlint.engine import ScanResult
from srmlint.packs.compute import cmp002_lambda_runtime_deprecated as cmp002
from tests.conftest import ScanFiles, rule_ids

LT_REQUIRED = (
    'resource "aws_launch_template" "lt" {\n  image_id = "ami-1"\n'
    '  metadata_options {\n    http_tokens = "required"\n  }\n}\n'
)


def _ids(result, prefix: str = "CMP") -> list[str]:
    return [i for i in rule_ids(result) if i.startswith(prefix)]


def test_tf_instance_inherits_imds_from_its_launch_template(scan_files: ScanFiles) -> None:
    instance = ('resource "aws_instance" "i" {\n  launch_template {\n'
                "    id = aws_launch_template.lt.id\n  }\n}\n")
    assert _ids(scan_files({"main.tf": LT_REQUIRED + instance})) == []


def test_tf_instance_with_bad_launch_template_reports_the_template_once(scan_files: ScanFiles) -> None:
    lt = 'resource "aws_launch_template" "lt" {\n  image_id = "ami-1"\n}\n'
    instance = ('resource "aws_instance" "i" {\n  launch_template {\n'
                "    id = aws_launch_template.lt.id\n  }\n}\n")
    result = scan_files({"main.tf": lt + instance})
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings
            if f.rule_id == "CMP001"] == [("CMP001", "aws_launch_template.lt")]


def test_tf_instance_with_literal_launch_template_is_unknown(scan_files: ScanFiles) -> None:
    instance = 'resource "aws_instance" "i" {\n  launch_template {\n    id = "lt-0123456789"\n  }\n}\n'
    assert _ids(scan_files({"main.tf": instance})) == []


def test_tf_account_default_requiring_tokens_covers_instances(scan_files: ScanFiles) -> None:
    defaults = 'resource "aws_ec2_instance_metadata_defaults" "d" {\n  http_tokens = "required"\n}\n'
    instance = 'resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n'
    assert _ids(scan_files({"main.tf": defaults + instance})) == []


@pytest.mark.parametrize("options", [
    '  metadata_options {\n    http_tokens = var.tokens\n  }\n',
    '  metadata_options {\n    http_endpoint = "disabled"\n  }\n',
    '  dynamic "metadata_options" {\n    for_each = var.opts\n    content {\n'
    "      http_tokens = metadata_options.value\n    }\n  }\n",
])
def test_tf_imds_unknown_or_disabled_is_not_flagged(options: str, scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": f'resource "aws_instance" "i" {{\n  ami = "ami-1"\n{options}}}\n'})) == []


def test_tf_imds_optional_is_flagged_at_the_attribute(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_launch_configuration" "lc" {\n  image_id = "ami-1"\n  instance_type = "t3.micro"\n'
        '  metadata_options {\n    http_tokens = "optional"\n  }\n}\n')})
    found = [f for f in result.findings if f.rule_id == "CMP001"]
    assert len(found) == 1 and "allows IMDSv1" in found[0].message and found[0].line == 5
    assert found[0].responsibility.owner == "customer"
    assert found[0].responsibility.layer == "operating_system"


CFN_INSTANCE = (
    "Resources:\n  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n"
    "        MetadataOptions:\n          HttpTokens: {tokens}\n"
    "  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n"
    "      LaunchTemplate:\n        LaunchTemplateId: !Ref Lt\n        Version: !GetAtt Lt.LatestVersionNumber\n"
)


def test_cfn_instance_follows_its_launch_template(scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"t.yaml": CFN_INSTANCE.format(tokens="required")})) == []
    result = scan_files({"t.yaml": CFN_INSTANCE.format(tokens="optional")})
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings
            if f.rule_id == "CMP001"] == [("CMP001", "Lt")]


def test_cfn_instance_without_launch_template_is_flagged(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n"
                                   "    Properties:\n      ImageId: ami-1\n"})
    assert _ids(result) == ["CMP001"]


def test_cfn_instance_with_imported_launch_template_is_unknown(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n"
                                   "      LaunchTemplate:\n        LaunchTemplateId: !ImportValue shared-lt\n"
                                   "        Version: '1'\n"})
    assert _ids(result) == []


def _lambda(runtime: str) -> str:
    return (f'resource "aws_lambda_function" "f" {{\n  function_name = "f"\n  role = "arn:aws:iam::1:role/r"\n'
            f'  handler = "h"\n  runtime = {runtime}\n  filename = "f.zip"\n}}\n')


def test_runtime_is_judged_at_its_date(scan_files: ScanFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2026, 6, 29))
    assert _ids(scan_files({"main.tf": _lambda('"python3.11"')})) == []
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2026, 6, 30))
    result = scan_files({"main.tf": _lambda('"python3.11"')})
    assert [f.message for f in result.findings if f.rule_id == "CMP002"] == [
        "Lambda function 'f' uses runtime python3.11, deprecated since 2026-06-30"]


@pytest.mark.parametrize("runtime", ['var.runtime', '"python9.9"', '"provided.al2099"'])
def test_unknown_or_unlisted_runtime_is_not_flagged(runtime: str, scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": _lambda(runtime)})) == []


def test_container_image_function_has_no_managed_runtime(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                                   "      PackageType: Image\n      Runtime: python2.7\n"
                                   "      Code:\n        ImageUri: repo:1\n      Role: arn:aws:iam::1:role/r\n"})
    assert _ids(result) == []


def test_the_runtime_table_is_dated_and_known() -> None:
    dates = cmp002.deprecation_dates()
    assert dates["python3.6"] == datetime.date(2022, 7, 18)
    assert all(isinstance(d, datetime.date) for d in dates.values())


def test_ecs_privileged_in_json_heredoc(scan_files: ScanFiles) -> None:
    task = ('resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = <<EOF\n'
            '[{"name": "a", "image": "a", "privileged": true}, {"name": "b", "image": "b"}]\nEOF\n}\n')
    result = scan_files({"main.tf": task})
    assert [f.message for f in result.findings if f.rule_id == "CMP003"] == [
        "ECS task definition 't' runs container 'a' privileged"]


def test_ecs_container_definitions_from_a_file_are_unknown(scan_files: ScanFiles) -> None:
    task = ('resource "aws_ecs_task_definition" "t" {\n  family = "t"\n'
            '  container_definitions = file("containers.json")\n}\n')
    assert _ids(scan_files({"main.tf": task})) == []


def test_beanstalk_with_configuration_template_is_unknown(scan_files: ScanFiles) -> None:
    env = ("Resources:\n  Env:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n"
           "      ApplicationName: app\n      TemplateName: !Ref Config\n")
    assert _ids(scan_files({"t.yaml": env})) == []


def test_beanstalk_explicitly_off_is_flagged(scan_files: ScanFiles) -> None:
    env = ('resource "aws_elastic_beanstalk_environment" "e" {\n  name = "e"\n  application = "a"\n'
           '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n'
           '    name      = "ManagedActionsEnabled"\n    value     = "false"\n  }\n}\n')
    result = scan_files({"main.tf": env})
    found = [f for f in result.findings if f.rule_id == "CMP004"]
    assert len(found) == 1 and "turns managed platform updates off" in found[0].message
    assert found[0].responsibility.owner == "customer"


def test_rds_minor_upgrades_unset_is_aws_default(scan_files: ScanFiles) -> None:
    db = 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  instance_class = "db.t3.micro"\n}\n'
    assert "CMP005" not in rule_ids(scan_files({"main.tf": db}))


# ---------------------------------------------------------------- second pass: CMP006-CMP011

def _cmp(result: ScanResult) -> list[str]:
    return [i for i in rule_ids(result) if i.startswith("CMP")]


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ('resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n  auto_minor_version_upgrade = false\n}\n',
         ["CMP006"]),
        ('resource "aws_elasticache_cluster" "c" {\n  engine = "redis"\n}\n', []),
        ('resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n  allow_version_upgrade = false\n}\n',
         ["CMP006"]),
        ('resource "aws_mq_broker" "b" {\n  auto_minor_version_upgrade = var.up\n}\n', []),
        # RDS is CMP005's
        ('resource "aws_db_instance" "d" {\n  engine = "mysql"\n  auto_minor_version_upgrade = false\n}\n',
         ["CMP005"]),
    ],
)
def test_engine_minor_upgrades(resource: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert _cmp(scan_files({"main.tf": resource})) == expected


def test_ecr_registry_scanning_covers_repositories(scan_files: ScanFiles) -> None:
    repo = 'resource "aws_ecr_repository" "r" {\n  name = "r"\n  image_tag_mutability = "IMMUTABLE"\n}\n'
    assert _cmp(scan_files({"main.tf": repo})) == ["CMP007"]
    registry = ('resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n'
                '  rule {\n    scan_frequency = "CONTINUOUS_SCAN"\n    repository_filter {\n'
                '      filter = "*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\n')
    assert _cmp(scan_files({"main.tf": repo + registry})) == []


def test_ecr_cfn_string_false_and_unknown(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n"
           "      ImageTagMutability: !Ref Mode\n      ImageScanningConfiguration:\n        ScanOnPush: 'false'\n")
    assert _cmp(scan_files({"t.yaml": cfn})) == ["CMP007"]
    immutable = cfn.replace("!Ref Mode", "IMMUTABLE_WITH_EXCLUSION").replace("'false'", "true")
    assert _cmp(scan_files({"t.yaml": immutable})) == []


def test_ecs_containers_and_namespaces(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  network_mode = "host"\n  ipc_mode = "host"\n'
          '  container_definitions = jsonencode([\n'
          '    { name = "a", image = "a", readonlyRootFilesystem = true },\n'
          '    { name = "b", image = "b", readonlyRootFilesystem = false },\n  ])\n}\n')
    result = scan_files({"main.tf": tf})
    assert sorted(_cmp(result)) == ["CMP009", "CMP010"]
    messages = {f.rule_id: f.message for f in result.findings}
    assert "'b'" in messages["CMP009"]
    assert "network and IPC namespaces" in messages["CMP010"]
    unknown = tf.replace('"host"', "var.mode").replace("false", "var.ro")
    assert _cmp(scan_files({"main.tf": unknown})) == []


def test_hop_limit(scan_files: ScanFiles) -> None:
    lt = ('resource "aws_launch_template" "l" {{\n  metadata_options {{\n    http_tokens = "required"\n'
          "    http_put_response_hop_limit = {hops}\n  }}\n}}\n")
    assert _cmp(scan_files({"main.tf": lt.format(hops=2)})) == ["CMP011"]
    assert _cmp(scan_files({"main.tf": lt.format(hops=1)})) == []
    assert _cmp(scan_files({"main.tf": lt.format(hops="var.hops")})) == []
    # an instance inheriting the template's options is not reported again
    inst = ('resource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n'
            "  launch_template {\n    id = aws_launch_template.l.id\n  }\n}\n")
    assert _cmp(scan_files({"main.tf": lt.format(hops=3) + inst})) == ["CMP011"]


def test_batch_job_definition_privileged(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_batch_job_definition" "j" {{\n  name = "j"\n  type = "container"\n'
          "  container_properties = jsonencode({{ image = \"busybox\", privileged = {p}, "
          "readonlyRootFilesystem = true }})\n}}\n")
    result = scan_files({"main.tf": tf.format(p="true")})
    assert _cmp(result) == ["CMP003"]
    assert result.findings[0].message == "Batch job definition 'j' runs its container privileged"
    assert _cmp(scan_files({"main.tf": tf.format(p="false")})) == []
    # container properties from a file are not known
    unknown = 'resource "aws_batch_job_definition" "j" {\n  container_properties = file("j.json")\n}\n'
    assert _cmp(scan_files({"main.tf": unknown})) == []
    cfn = ("Resources:\n  J:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n"
           "      ContainerProperties:\n        Image: busybox\n        Privileged: true\n"
           "        ReadonlyRootFilesystem: true\n")
    assert _cmp(scan_files({"t.yaml": cfn})) == ["CMP003"]
