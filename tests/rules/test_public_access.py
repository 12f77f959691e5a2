"""PUB rules: S3 ACLs and Block Public Access through the v4 split resources,
resource policies open to everyone, public flags, in both formats."""

from __future__ import annotations

import pytest

from srmlint.rule import Severity
from tests.conftest import ScanFiles, rule_ids

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "my-bucket"\n}\n'


def pub(result: object) -> list[str]:
    # PUB013 (no public access block declared, low) has its own tests; the others scan bare buckets.
    return [r for r in rule_ids(result) if r.startswith("PUB") and r != "PUB013"]  # type: ignore[arg-type]


def pub_all(result: object) -> list[str]:
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


def test_missing_public_access_block_is_low_not_a_flag_finding(scan_files: ScanFiles) -> None:
    # Block Public Access is on by default for new buckets: the flag rules report only a declared block that
    # turns a flag off; PUB013 (low) reports that the template does not declare one.
    result = scan_files({"main.tf": BUCKET, "t.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"})
    assert pub_all(result) == ["PUB013", "PUB013"]
    assert {f.severity for f in result.findings if f.rule_id == "PUB013"} == {Severity.LOW}


@pytest.mark.parametrize("block", [
    'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.b.id\n}\n',
    'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = "my-bucket"\n}\n',
    ('resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls = true\n'
     '  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n'),
])
def test_public_access_block_by_reference_name_or_account_is_declared(scan_files: ScanFiles, block: str) -> None:
    assert "PUB013" not in pub_all(scan_files({"main.tf": BUCKET, "pab.tf": block}))


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
        # unset: the AWS provider before v6 sends publicly_accessible = true (the API's own default is false)
        ('resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n}\n', ["PUB007"]),
        ('resource "aws_redshift_cluster" "r" {\n  publicly_accessible = false\n}\n', []),
        ('resource "aws_redshift_cluster" "r" {\n  publicly_accessible = var.p\n}\n', []),
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
        # not a method API Gateway accepts: the template cannot be deployed, nothing to judge
        ('resource "aws_api_gateway_method" "m" {\n  http_method = "OPTION"\n  authorization = "NONE"\n}\n', []),
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


# ---------------------------------------------------------------- second pass


def _route(protocol: str, route_key: str, auth: str = "") -> str:
    return (f'resource "aws_apigatewayv2_api" "api" {{\n  name = "api"\n  protocol_type = "{protocol}"\n}}\n'
            f'resource "aws_apigatewayv2_route" "r" {{\n  api_id = aws_apigatewayv2_api.api.id\n'
            f'  route_key = "{route_key}"\n{auth}}}\n')


@pytest.mark.parametrize(("protocol", "route_key", "auth", "expected"), [
    ("HTTP", "GET /pets", "", ["PUB010"]),
    ("HTTP", "$default", '  authorization_type = "NONE"\n', ["PUB010"]),
    ("HTTP", "GET /pets", '  authorization_type = "JWT"\n', []),
    ("HTTP", "OPTIONS /pets", "", []),
    ("WEBSOCKET", "$connect", "", ["PUB010"]),
    ("WEBSOCKET", "sendmessage", "", []),  # only $connect takes an authorizer
    ("WEBSOCKET", "$default", "", []),
])
def test_apigwv2_routes(scan_files: ScanFiles, protocol: str, route_key: str, auth: str,
                        expected: list[str]) -> None:
    assert pub(scan_files({"main.tf": _route(protocol, route_key, auth)})) == expected


def test_apigwv2_route_of_an_unknown_api_is_judged_by_its_key_only(scan_files: ScanFiles) -> None:
    route = 'resource "aws_apigatewayv2_route" "{n}" {{\n  api_id = var.api\n  route_key = "{k}"\n}}\n'
    result = scan_files({"main.tf": route.format(n="a", k="$default") + route.format(n="b", k="POST /x")})
    assert [f.resource.address for f in result.findings if f.rule_id == "PUB010"] == [  # type: ignore[union-attr]
        "aws_apigatewayv2_route.b"]


def test_apigwv2_route_cloudformation(scan_files: ScanFiles) -> None:
    cfn = ("Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: HTTP\n"
           "  Route:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n"
           "      RouteKey: $default\n")
    assert pub(scan_files({"t.yaml": cfn})) == ["PUB010"]


def test_methods_of_a_private_rest_api_are_not_reported(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_api_gateway_rest_api" "api" {\n  name = "api"\n  endpoint_configuration {\n'
          '    types = ["{t}"]\n  }\n}\n'
          'resource "aws_api_gateway_method" "get" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n'
          '  resource_id = "r"\n  http_method = "GET"\n  authorization = "NONE"\n}\n')
    assert pub(scan_files({"main.tf": tf.replace("{t}", "PRIVATE")})) == []
    assert pub(scan_files({"main.tf": tf.replace("{t}", "REGIONAL")})) == ["PUB010"]
    cfn = ("Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n"
           "      EndpointConfiguration:\n        Types: [PRIVATE]\n"
           "  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      RestApiId: !Ref Api\n"
           "      ResourceId: r\n      HttpMethod: GET\n      AuthorizationType: NONE\n")
    assert pub(scan_files({"main.tf": "", "t.yaml": cfn})) == []


@pytest.mark.parametrize(("setting", "expected"), [
    ("", ["PUB007"]), ("  publicly_accessible = true\n", ["PUB007"]), ("  publicly_accessible = false\n", []),
    ("  publicly_accessible = var.public\n", []),
])
def test_dms_replication_instance_is_public_unless_turned_off(scan_files: ScanFiles, setting: str,
                                                              expected: list[str]) -> None:
    tf = f'resource "aws_dms_replication_instance" "r" {{\n  replication_instance_class = "dms.t3.micro"\n{setting}}}\n'
    result = scan_files({"main.tf": tf})
    assert pub(result) == expected
    if not setting and expected:
        assert "by default" in next(f.message for f in result.findings if f.rule_id == "PUB007")


@pytest.mark.parametrize(("config", "expected"), [
    ("", []),  # access points block all public access by default
    ("  public_access_block_configuration {\n    block_public_policy = false\n  }\n", ["PUB003"]),
    ("  public_access_block_configuration {\n    block_public_acls = true\n  }\n", []),  # omitted flags are on
])
def test_s3_access_point_public_access_block(scan_files: ScanFiles, config: str, expected: list[str]) -> None:
    tf = f'resource "aws_s3_access_point" "ap" {{\n  bucket = "b"\n  name = "ap"\n{config}}}\n'
    assert pub(scan_files({"main.tf": tf})) == expected


@pytest.mark.parametrize(("endpoint", "expected"), [
    ("", ["PUB014"]), ('  endpoint_type = "PUBLIC"\n', ["PUB014"]), ('  endpoint_type = "VPC"\n', []),
    ("  endpoint_type = var.type\n", []),
])
def test_transfer_server_endpoint(scan_files: ScanFiles, endpoint: str, expected: list[str]) -> None:
    assert pub(scan_files({"main.tf": f'resource "aws_transfer_server" "s" {{\n{endpoint}}}\n'})) == expected


@pytest.mark.parametrize(("accounts", "expected"), [('"All"', ["PUB012"]), ('"123456789012"', []),
                                                    ('"123456789012,all"', ["PUB012"]), ("var.accounts", [])])
def test_ssm_document_shared_with_all(scan_files: ScanFiles, accounts: str, expected: list[str]) -> None:
    tf = ('resource "aws_ssm_document" "d" {\n  name = "d"\n  document_type = "Command"\n  content = "{}"\n'
          f'  permissions = {{\n    type = "Share"\n    account_ids = {accounts}\n  }}\n}}\n')
    assert pub(scan_files({"main.tf": tf})) == expected


@pytest.mark.parametrize(("lb", "extra", "expected"), [
    ("  internal = false\n", "", ["PUB017"]),
    ("", "", ["PUB017"]),  # internet-facing is the default
    ("  internal = true\n", "", []),
    ('  load_balancer_type = "network"\n', "", []),  # WAF cannot protect an NLB
    ("", 'resource "aws_wafv2_web_acl_association" "w" {\n  resource_arn = aws_lb.web.arn\n'
         '  web_acl_arn = "arn"\n}\n', []),
    ("", 'resource "aws_wafv2_web_acl_association" "w" {\n  resource_arn = var.arn\n  web_acl_arn = "arn"\n}\n',
     []),  # an association srmlint cannot resolve may be this one
    ("  internal = var.internal\n", "", []),
])
def test_internet_facing_alb_without_waf(scan_files: ScanFiles, lb: str, extra: str, expected: list[str]) -> None:
    assert pub(scan_files({"main.tf": f'resource "aws_lb" "web" {{\n{lb}}}\n' + extra})) == expected


def test_cognito_and_emr_public_settings(scan_files: ScanFiles) -> None:
    tf = ('resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n'
          '  allow_unauthenticated_identities = true\n}\n'
          'resource "aws_cognito_identity_pool" "q" {\n  identity_pool_name = "q"\n}\n'
          'resource "aws_emr_block_public_access_configuration" "e" {\n'
          '  block_public_security_group_rules = false\n}\n')
    assert sorted(pub(scan_files({"main.tf": tf}))) == ["PUB015", "PUB016"]


def test_redshift_unset_is_private_in_cloudformation(scan_files: ScanFiles) -> None:
    """CloudFormation sends no PubliclyAccessible: the Redshift API's default (false) applies."""
    tpl = "Resources:\n  R:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n"
    assert pub(scan_files({"t.yaml": tpl})) == []
    result = scan_files({"main.tf": 'resource "aws_redshift_cluster" "r" {\n  cluster_identifier = "r"\n}\n'})
    message = next(f.message for f in result.findings if f.rule_id == "PUB007")
    assert "unset" in message and "before v6" in message


_CF_TF = (
    'resource "aws_cloudfront_distribution" "d" {{\n  enabled = true\n{root}{origins}'
    '  default_cache_behavior {{\n    target_origin_id = {target}\n    viewer_protocol_policy = "https-only"\n'
    '    allowed_methods = ["GET", "HEAD"]\n    cached_methods = ["GET", "HEAD"]\n  }}\n}}\n'
)
_S3_ORIGIN = '  origin {\n    origin_id = "s3"\n    domain_name = "my-bucket.s3.eu-west-1.amazonaws.com"\n  }\n'
_ALB_ORIGIN = ('  origin {\n    origin_id = "alb"\n    domain_name = aws_lb.app.dns_name\n'
               '    custom_origin_config {\n      http_port = 80\n      https_port = 443\n'
               '      origin_protocol_policy = "https-only"\n      origin_ssl_protocols = ["TLSv1.2"]\n    }\n  }\n')


@pytest.mark.parametrize(
    ("root", "origins", "target", "expected"),
    [
        ("", _S3_ORIGIN, '"s3"', ["PUB018"]),
        ('  default_root_object = "index.html"\n', _S3_ORIGIN, '"s3"', []),
        ('  default_root_object = ""\n', _S3_ORIGIN, '"s3"', ["PUB018"]),
        ("  default_root_object = var.root\n", _S3_ORIGIN, '"s3"', []),
        # a reference to a bucket's REST domain name, and an origin id that is not static
        ("", _S3_ORIGIN.replace('"my-bucket.s3.eu-west-1.amazonaws.com"',
                                "aws_s3_bucket.site.bucket_regional_domain_name"), "local.origin", ["PUB018"]),
        # a custom origin answers "/" itself
        ("", _ALB_ORIGIN, '"alb"', []),
        ("", _S3_ORIGIN + _ALB_ORIGIN, '"alb"', []),
        ("", _S3_ORIGIN + _ALB_ORIGIN, '"s3"', ["PUB018"]),
        # which origin gets "/" is not known: not judged
        ("", _S3_ORIGIN + _ALB_ORIGIN, "var.origin", []),
        # an S3 website endpoint serves its index document; an unknown domain is not judged
        ("", _S3_ORIGIN.replace(".s3.eu-west-1.", ".s3-website-eu-west-1."), '"s3"', []),
        ("", _S3_ORIGIN.replace('"my-bucket.s3.eu-west-1.amazonaws.com"', "var.domain"), '"s3"', []),
    ],
)
def test_cloudfront_default_root_object(root: str, origins: str, target: str, expected: list[str],
                                        scan_files: ScanFiles) -> None:
    tf = _CF_TF.format(root=root, origins=origins, target=target)
    assert [r for r in pub(scan_files({"main.tf": tf})) if r == "PUB018"] == expected


@pytest.mark.parametrize(
    ("origin", "root", "expected"),
    [
        ("          DomainName: !GetAtt Bucket.RegionalDomainName\n", "", ["PUB018"]),
        ("          DomainName: !GetAtt Bucket.RegionalDomainName\n", "        DefaultRootObject: index.html\n", []),
        ('          DomainName: !Sub "${Bucket}.s3.amazonaws.com"\n', "", ["PUB018"]),
        ("          DomainName: !GetAtt Bucket.WebsiteURL\n", "", []),
        ("          DomainName: !GetAtt Alb.DNSName\n          CustomOriginConfig:\n"
         "            OriginProtocolPolicy: https-only\n", "", []),
        ("          DomainName: !Ref Domain\n", "", []),
    ],
)
def test_cfn_cloudfront_default_root_object(origin: str, root: str, expected: list[str],
                                            scan_files: ScanFiles) -> None:
    tpl = ("Parameters:\n  Domain:\n    Type: String\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
           "  Alb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
           "  D:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
           f"        Enabled: true\n{root}        Origins:\n        - Id: o\n{origin}"
           "        DefaultCacheBehavior:\n          TargetOriginId: o\n          ViewerProtocolPolicy: https-only\n")
    assert [r for r in pub(scan_files({"t.yaml": tpl})) if r == "PUB018"] == expected
