"""PUB rules: S3 ACLs and Block Public Access through the v4 split resources,
resource policies open to everyone, public flags, in both formats."""

from __future__ import annotations

import pytest

from tests.conftest import ScanFiles, rule_ids

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n}\n'


def pub(result: object) -> list[str]:
    return [r for r in rule_ids(result) if r.startswith("PUB")]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("acl", "expected"),
    [('"public-read"', ["PUB001"]), ('"authenticated-read"', ["PUB001"]), ('"private"', []), ("var.acl", [])],
)
def test_split_acl(acl: str, expected: list[str], scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + (
        f'resource "aws_s3_bucket_acl" "a" {{\n  bucket = aws_s3_bucket.b.id\n  acl = {acl}\n}}\n')})
    assert pub(result) == expected
    if expected:
        found = [f for f in result.findings if f.rule_id == "PUB001"]
        assert found[0].resource.address == "aws_s3_bucket_acl.a"  # type: ignore[union-attr]


def test_acl_grant_to_all_users(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + (
        'resource "aws_s3_bucket_acl" "a" {\n  bucket = aws_s3_bucket.b.id\n  access_control_policy {\n'
        '    grant {\n      grantee {\n        type = "Group"\n'
        '        uri = "http://acs.amazonaws.com/groups/global/AllUsers"\n      }\n      permission = "READ"\n'
        "    }\n    owner {\n      id = \"abc\"\n    }\n  }\n}\n")})
    assert pub(result) == ["PUB001"]


def test_public_access_block_flags_default_to_false(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": BUCKET + (
        'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.b.id\n'
        "  block_public_acls = true\n  ignore_public_acls = var.ignore\n}\n")})
    assert pub(result) == ["PUB003", "PUB005"]


def test_account_public_access_block(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls = true\n'
        "  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = false\n}\n")})
    assert pub(result) == ["PUB005"]


def test_missing_public_access_block_is_not_reported(scan_files: ScanFiles) -> None:
    # Block Public Access is on by default for new buckets: only a declared block that turns a flag off counts.
    assert pub(scan_files({"main.tf": BUCKET, "t.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"})) == []


def test_cfn_public_access_block_intrinsic_is_not_guessed(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n"
        "      PublicAccessBlockConfiguration: !If [Cond, {BlockPublicAcls: true}, !Ref AWS::NoValue]\n")})
    assert pub(result) == []


def policy(statement: str) -> str:
    return ('resource "aws_s3_bucket_policy" "p" {\n  bucket = "my-bucket"\n  policy = jsonencode({\n'
            f'    Version = "2012-10-17"\n    Statement = [{{\n{statement}\n    }}]\n  }})\n}}\n')


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"', True),
        ('Effect = "Allow"\nPrincipal = { AWS = "*" }\nAction = "s3:GetObject"\nResource = "*"', True),
        ('Effect = "Allow"\nPrincipal = { AWS = ["arn:aws:iam::1:root", "*"] }\nAction = "s3:*"\nResource = "*"',
         True),
        ('Effect = "Allow"\nPrincipal = { AWS = "arn:aws:iam::*:role/reader" }\nAction = "s3:*"\nResource = "*"',
         True),
        ('Effect = "Deny"\nPrincipal = "*"\nAction = "s3:*"\nResource = "*"', False),
        ('Effect = "Allow"\nPrincipal = { Service = "logging.s3.amazonaws.com" }\nAction = "s3:PutObject"\n'
         'Resource = "*"', False),
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } }', False),
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org } }', False),
        # conditions that pin nothing down
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { Bool = { "aws:SecureTransport" = "true" } }', True),
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::*" } }', True),
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-1" } }', True),
        ('Effect = "Allow"\nPrincipal = "*"\nAction = "s3:GetObject"\nResource = "*"\n'
         'Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-1" } }', True),
        ('Effect = "Allow"\nPrincipal = var.who\nAction = "s3:GetObject"\nResource = "*"', False),
    ],
)
def test_bucket_policy(statement: str, expected: bool, scan_files: ScanFiles) -> None:
    assert ("PUB006" in rule_ids(scan_files({"main.tf": policy(statement)}))) is expected


def test_policy_document_data_source(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["sqs:SendMessage"]\n'
        '    resources = ["*"]\n    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n'
        'resource "aws_sqs_queue_policy" "q" {\n  queue_url = "u"\n  policy = data.aws_iam_policy_document.d.json\n}\n'
        'data "aws_iam_policy_document" "ok" {\n  statement {\n    actions = ["sqs:SendMessage"]\n'
        '    resources = ["*"]\n    principals {\n      type = "AWS"\n      identifiers = ["*"]\n    }\n'
        '    condition {\n      test = "ArnEquals"\n      variable = "aws:SourceArn"\n'
        '      values = ["arn:aws:sns:eu-west-1:1:t"]\n    }\n  }\n}\n'
        'resource "aws_sqs_queue_policy" "ok" {\n  queue_url = "u"\n'
        '  policy = data.aws_iam_policy_document.ok.json\n}\n'
    )})
    assert [(f.rule_id, f.resource.address) for f in result.findings if f.rule_id == "PUB006"] == [  # type: ignore[union-attr]
        ("PUB006", "aws_sqs_queue_policy.q")]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [("", True), ('  source_arn = "arn:aws:events:eu-west-1:1:rule/r"\n', False),
     ('  source_account = "123456789012"\n', False)],
)
def test_lambda_permission(extra: str, expected: bool, scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_lambda_permission" "p" {\n  action = "lambda:InvokeFunction"\n  function_name = "f"\n'
        f'  principal = "*"\n{extra}}}\n')})
    assert ("PUB006" in rule_ids(result)) is expected


def test_cfn_resource_policies(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Topic:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: [t]\n"
        "      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n"
        "              AWS: '*'\n            Action: sns:Publish\n            Resource: '*'\n"
        "  Perm:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: f\n"
        "      Action: lambda:InvokeFunction\n      Principal: s3.amazonaws.com\n"
        "  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n"
        "        Statement:\n          - Effect: Allow\n            Principal: '*'\n"
        "            Action: ecr:BatchGetImage\n            Condition:\n              StringEquals:\n"
        "                aws:PrincipalOrgID: o-1\n"
    )})
    found = [f for f in result.findings if f.rule_id == "PUB006"]
    assert [f.line for f in found] == [8]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('resource "aws_db_instance" "d" {\n  publicly_accessible = true\n}\n', ["PUB007"]),
        ('resource "aws_db_instance" "d" {\n  publicly_accessible = var.p\n}\n', []),
        ('resource "aws_db_instance" "d" {\n}\n', []),
        ('resource "aws_redshift_cluster" "r" {\n  publicly_accessible = "true"\n}\n', ["PUB007"]),
        ('resource "aws_msk_cluster" "m" {\n  broker_node_group_info {\n    connectivity_info {\n'
         '      public_access {\n        type = "SERVICE_PROVIDED_EIPS"\n      }\n    }\n  }\n}\n', ["PUB007"]),
        ('resource "aws_launch_template" "t" {\n  network_interfaces {\n    associate_public_ip_address = true\n'
         "  }\n}\n", ["PUB008"]),
        ('resource "aws_subnet" "s" {\n  vpc_id = "v"\n  cidr_block = "10.0.0.0/24"\n}\n', []),
        ('resource "aws_eks_cluster" "k" {\n  vpc_config {\n    subnet_ids = ["s"]\n'
         '    public_access_cidrs = ["10.0.0.0/8", "0.0.0.0/0"]\n  }\n}\n', ["PUB009"]),
        ('resource "aws_eks_cluster" "k" {\n  vpc_config {\n    subnet_ids = ["s"]\n'
         "    endpoint_public_access = false\n  }\n}\n", []),
        ('resource "aws_eks_cluster" "k" {\n  vpc_config {\n    subnet_ids = ["s"]\n'
         "    public_access_cidrs = var.cidrs\n  }\n}\n", []),
        ('resource "aws_api_gateway_method" "m" {\n  http_method = "OPTIONS"\n  authorization = "NONE"\n}\n', []),
        ('resource "aws_api_gateway_method" "m" {\n  http_method = "GET"\n  authorization = "NONE"\n'
         "  api_key_required = true\n}\n", []),
        ('resource "aws_api_gateway_method" "m" {\n  http_method = "POST"\n  authorization = "NONE"\n}\n', ["PUB010"]),
        ('resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "d"\n  db_snapshot_identifier = "s"\n'
         '  shared_accounts = ["all"]\n}\n', ["PUB012"]),
        ('resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "d"\n  db_snapshot_identifier = "s"\n'
         '  shared_accounts = ["123456789012"]\n}\n', []),
    ],
)
def test_public_flags(snippet: str, expected: list[str], scan_files: ScanFiles) -> None:
    assert pub(scan_files({"main.tf": snippet})) == expected


def test_cfn_public_flags(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Dms:\n    Type: AWS::DMS::ReplicationInstance\n    Properties:\n"
        "      ReplicationInstanceClass: dms.t3.micro\n      PubliclyAccessible: 'true'\n"
        "  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      NetworkConfiguration:\n"
        "        AwsvpcConfiguration:\n          AssignPublicIp: ENABLED\n          Subnets: [s]\n"
        "  Eks:\n    Type: AWS::EKS::Cluster\n    Properties:\n      ResourcesVpcConfig:\n        SubnetIds: [s]\n"
        "  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      HttpMethod: GET\n"
        "      AuthorizationType: !Ref Auth\n"
    )})
    assert sorted(pub(result)) == ["PUB007", "PUB008", "PUB009"]
