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
    assert _ids(scan_files({"main.tf": _lambda('"python3.11"')}), "CMP002") == []
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2026, 6, 30))
    result = scan_files({"main.tf": _lambda('"python3.11"')})
    assert [f.message for f in result.findings if f.rule_id == "CMP002"] == [
        "Lambda function 'f' uses runtime python3.11, deprecated since 2026-06-30"]


@pytest.mark.parametrize("runtime", ['var.runtime', '"python9.9"', '"provided.al2099"'])
def test_unknown_or_unlisted_runtime_is_not_flagged(runtime: str, scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": _lambda(runtime)}), "CMP002") == []


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


# ------------------------------------------------------------ SageMaker notebook instances

_NOTEBOOK_TF = ('resource "aws_sagemaker_notebook_instance" "nb" {{\n  name = "nb"\n'
                '  role_arn = "arn:aws:iam::1:role/r"\n  instance_type = "ml.t3.medium"\n'
                '  root_access = "Disabled"\n{extra}}}\n')
_NOTEBOOK_CFN = ("Resources:\n  Nb:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
                 "      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::1:role/r\n{extra}")


def test_notebook_imds_version(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _NOTEBOOK_TF.format(extra="")})
    assert _cmp(result) == ["CMP001"]
    assert result.findings[0].message == ("SageMaker notebook instance 'nb' allows IMDSv1 (no minimum IMDS version "
                                          "is set, so SageMaker's default, 1, applies)")
    block = "  instance_metadata_service_configuration {{\n    minimum_instance_metadata_service_version = {v}\n  }}\n"
    assert _cmp(scan_files({"main.tf": _NOTEBOOK_TF.format(extra=block.format(v='"1"'))})) == ["CMP001"]
    assert _cmp(scan_files({"main.tf": _NOTEBOOK_TF.format(extra=block.format(v='"2"'))})) == []
    assert _cmp(scan_files({"main.tf": _NOTEBOOK_TF.format(extra=block.format(v="var.imds"))})) == []
    cfn = ("      RootAccess: Disabled\n      InstanceMetadataServiceConfiguration:\n"
           "        MinimumInstanceMetadataServiceVersion: \"{v}\"\n")
    assert _cmp(scan_files({"t.yaml": _NOTEBOOK_CFN.format(extra=cfn.format(v="1"))})) == ["CMP001"]
    assert _cmp(scan_files({"t.yaml": _NOTEBOOK_CFN.format(extra=cfn.format(v="2"))})) == []


def test_notebook_owner_of_the_os_is_shared(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _NOTEBOOK_TF.format(extra="")})
    finding = next(f for f in result.findings if f.rule_id == "CMP001")
    assert finding.responsibility is not None and finding.responsibility.owner == "shared"


def test_notebook_root_access(scan_files: ScanFiles) -> None:
    unset = _NOTEBOOK_TF.replace('  root_access = "Disabled"\n', "").format(
        extra='  instance_metadata_service_configuration {\n    minimum_instance_metadata_service_version = "2"\n  }\n')
    result = scan_files({"main.tf": unset})
    assert _cmp(result) == ["CMP012"]
    assert "unset: SageMaker's default is Enabled" in result.findings[0].message
    assert _cmp(scan_files({"main.tf": unset.replace('"nb"\n', '"nb"\n  root_access = var.root\n', 1)})) == []
    cfn = "      RootAccess: {v}\n      InstanceMetadataServiceConfiguration:\n" \
          "        MinimumInstanceMetadataServiceVersion: \"2\"\n"
    assert _cmp(scan_files({"t.yaml": _NOTEBOOK_CFN.format(extra=cfn.format(v="Enabled"))})) == ["CMP012"]
    assert _cmp(scan_files({"t.yaml": _NOTEBOOK_CFN.format(extra=cfn.format(v="!Ref Root"))})) == []


# ------------------------------------------------------------ CodeBuild privileged mode

def test_codebuild_privileged_mode(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_codebuild_project" "b" {{\n  name = "b"\n  service_role = "arn:aws:iam::1:role/r"\n'
          '  artifacts {{\n    type = "NO_ARTIFACTS"\n  }}\n  environment {{\n'
          '    compute_type = "BUILD_GENERAL1_SMALL"\n    image = "aws/codebuild/standard:7.0"\n'
          '    type = "LINUX_CONTAINER"\n{extra}  }}\n  source {{\n    type = "NO_SOURCE"\n  }}\n}}\n')
    result = scan_files({"main.tf": tf.format(extra="    privileged_mode = true\n")})
    assert _cmp(result) == ["CMP003"]  # and no CMP009: a build container has no root file system setting
    assert result.findings[0].message == "CodeBuild project 'b' runs its builds in privileged mode"
    assert _cmp(scan_files({"main.tf": tf.format(extra="    privileged_mode = false\n")})) == []
    assert _cmp(scan_files({"main.tf": tf.format(extra="")})) == []
    assert _cmp(scan_files({"main.tf": tf.format(extra="    privileged_mode = var.docker\n")})) == []
    cfn = ("Resources:\n  B:\n    Type: AWS::CodeBuild::Project\n    Properties:\n"
           "      ServiceRole: arn:aws:iam::1:role/r\n      Artifacts:\n        Type: NO_ARTIFACTS\n"
           "      Source:\n        Type: NO_SOURCE\n      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n"
           "        Image: aws/codebuild/standard:7.0\n        Type: LINUX_CONTAINER\n        PrivilegedMode: {v}\n")
    assert _cmp(scan_files({"t.yaml": cfn.format(v="true")})) == ["CMP003"]
    assert _cmp(scan_files({"t.yaml": cfn.format(v="false")})) == []


# ------------------------------------------------------------ Lambda code signing

def test_code_signing_only_for_zip_packages(scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": _lambda('"python3.13"')}), "CMP013") == ["CMP013"]
    signed = _lambda('"python3.13"').replace('  filename = "f.zip"\n',
                                             '  filename = "f.zip"\n  code_signing_config_arn = var.csc\n')
    assert _ids(scan_files({"main.tf": signed}), "CMP013") == []
    image = ('resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/r"\n'
             '  package_type = "Image"\n  image_uri = "1.dkr.ecr.us-east-1.amazonaws.com/f:1"\n}\n')
    assert _ids(scan_files({"main.tf": image}), "CMP013") == []
    unknown = image.replace('"Image"', "var.package_type")
    assert _ids(scan_files({"main.tf": unknown}), "CMP013") == []
    sam = ("Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n"
           "    Properties:\n      PackageType: Image\n      ImageUri: repo:1\n")
    assert _ids(scan_files({"t.yaml": sam}), "CMP013") == []
    sam_zip = ("Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n"
               "    Properties:\n      Runtime: python3.13\n      Handler: app.h\n      CodeUri: src/\n")
    assert _ids(scan_files({"t.yaml": sam_zip}), "CMP013") == ["CMP013"]


# ------------------------------------------------------------ EKS Kubernetes version

def _eks(version: str) -> str:
    return (f'resource "aws_eks_cluster" "c" {{\n  name = "c"\n  role_arn = "arn:aws:iam::1:role/r"\n'
            f"  version = {version}\n  vpc_config {{\n    subnet_ids = [\"subnet-1\"]\n  }}\n}}\n")


def test_eks_version_is_judged_at_its_dates(scan_files: ScanFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2025, 11, 25))
    assert _ids(scan_files({"main.tf": _eks('"1.31"')}), "CMP014") == []
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2025, 11, 26))
    result = scan_files({"main.tf": _eks('"1.31"')})
    assert [f.message for f in result.findings if f.rule_id == "CMP014"] == [
        "EKS cluster 'c' runs Kubernetes 1.31, past its end of standard support (2025-11-26): only paid "
        "extended support patches it, until 2026-11-26"]
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2026, 11, 26))
    result = scan_files({"main.tf": _eks('"1.31"')})
    assert [f.message for f in result.findings if f.rule_id == "CMP014"] == [
        "EKS cluster 'c' runs Kubernetes 1.31, unsupported since 2026-11-26: it gets no more fixes"]


@pytest.mark.parametrize("version", ["var.k8s", '"1.99"', '"1.2"'])
def test_eks_unknown_or_unlisted_version_is_not_flagged(version: str, scan_files: ScanFiles) -> None:
    assert _ids(scan_files({"main.tf": _eks(version)}), "CMP014") == []


def test_eks_cfn_version(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  C:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: arn:aws:iam::1:role/r\n"
           "      ResourcesVpcConfig:\n        SubnetIds: [subnet-1]\n{extra}")
    assert _ids(scan_files({"t.yaml": cfn.format(extra="      Version: '1.21'\n")}), "CMP014") == ["CMP014"]
    assert _ids(scan_files({"t.yaml": cfn.format(extra="")}), "CMP014") == []
    assert _ids(scan_files({"t.yaml": cfn.format(extra="      Version: !Ref K8s\n")}), "CMP014") == []


# ------------------------------------------------------------ Amazon MQ minor version upgrades

def _mq(extra: str, version: str = '"5.15.9"') -> str:
    return (f'resource "aws_mq_broker" "mq" {{\n  broker_name = "mq"\n  engine_type = "ActiveMQ"\n'
            f'  engine_version = {version}\n  host_instance_type = "mq.t3.micro"\n{extra}'
            '  user {\n    username = "admin"\n    password = var.password\n  }\n}\n')


def test_mq_terraform_default_turns_minor_upgrades_off(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _mq("")})
    assert _ids(result, "CMP006") == ["CMP006"]
    assert "the Terraform provider's default is false" in next(
        f.message for f in result.findings if f.rule_id == "CMP006")
    assert _ids(scan_files({"main.tf": _mq("  auto_minor_version_upgrade = true\n")}), "CMP006") == []
    # a major.minor version needs automatic upgrades on; an unknown version may be one
    assert _ids(scan_files({"main.tf": _mq("", '"5.18"')}), "CMP006") == []
    assert _ids(scan_files({"main.tf": _mq("", "var.mq_version")}), "CMP006") == []
    cfn = ("Resources:\n  Mq:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: mq\n"
           "      EngineType: ACTIVEMQ\n      EngineVersion: 5.15.9\n      HostInstanceType: mq.t3.micro\n"
           "      DeploymentMode: SINGLE_INSTANCE\n      PubliclyAccessible: false\n"
           "      Users:\n        - Username: admin\n          Password: !Ref Password\n")
    assert _ids(scan_files({"t.yaml": cfn}), "CMP006") == []  # the API's default is on


# ---------------------------------------------------------------- CMP015 / CMP016 engine versions

def _broker(engine: str, version: str) -> str:
    return (f'resource "aws_mq_broker" "b" {{\n  broker_name = "b"\n  engine_type = "{engine}"\n'
            f'  engine_version = "{version}"\n  host_instance_type = "mq.m5.large"\n}}\n')


def test_mq_version_dates(scan_files: ScanFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2025, 6, 15))
    assert "CMP015" not in _ids(scan_files({"main.tf": _broker("ActiveMQ", "5.17.6")}))
    monkeypatch.setattr(cmp002, "today", lambda: datetime.date(2025, 6, 16))
    result = scan_files({"main.tf": _broker("ActiveMQ", "5.17.6")})
    assert [f.message for f in result.findings if f.rule_id == "CMP015"] == [
        "MQ broker 'b' runs ActiveMQ 5.17.6, unsupported on Amazon MQ since 2025-06-16"]


def test_mq_version_older_than_the_table(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _broker("RabbitMQ", "3.7.6")})
    assert [f.message for f in result.findings if f.rule_id == "CMP015"] == [
        "MQ broker 'b' runs RabbitMQ 3.7.6, older than 3.9 (unsupported on Amazon MQ since 2024-09-16)"]
    assert "CMP015" not in _ids(scan_files({"main.tf": _broker("RabbitMQ", "4.2")}))
    unknown = 'variable "v" {}\n' + _broker("ActiveMQ", "${var.v}")
    assert "CMP015" not in _ids(scan_files({"main.tf": unknown}))


def _db(engine: str, version: str, type_: str = "aws_db_instance") -> str:
    return f'resource "{type_}" "d" {{\n  engine = "{engine}"\n  engine_version = "{version}"\n}}\n'


def test_log_fdw_bulletin_versions(scan_files: ScanFiles) -> None:
    flagged = [("postgres", "13.2"), ("postgres", "9.6.21"), ("postgres", "11.11"), ("aurora-postgresql", "11.8"),
               ("aurora-postgresql", "10.13")]
    clean = [("postgres", "13.3"), ("postgres", "9.6.22"), ("postgres", "9.6"), ("postgres", "14.1"),
             ("aurora-postgresql", "11.9"), ("mysql", "5.7.1"), ("postgres", "13")]
    for engine, version in flagged:
        assert "CMP016" in _ids(scan_files({"main.tf": _db(engine, version)})), (engine, version)
    for engine, version in clean:
        assert "CMP016" not in _ids(scan_files({"main.tf": _db(engine, version)})), (engine, version)
    assert "CMP016" in _ids(scan_files({"main.tf": _db("aurora-postgresql", "10.12", "aws_rds_cluster")}))
    cfn = ("Resources:\n  D:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n"
           "      EngineVersion: '11.7'\n")
    assert "CMP016" in _ids(scan_files({"t.yaml": cfn}))
