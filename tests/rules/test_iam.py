"""IAM001 across the ways a policy is written."""

from __future__ import annotations

from srmlint.engine import ScanResult
from tests.conftest import ScanFiles, rule_ids


def test_tf_heredoc_with_interpolations(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n  policy = <<EOF\n'
        '{"Version": "2012-10-17", "Statement": [\n'
        '  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.b.arn}/*"},\n'
        '  {"Effect": "Allow", "Action": ["logs:*"], "Resource": ["*"]}\n]}\nEOF\n}\n'
    )})
    assert [(f.rule_id, f.line) for f in result.findings] == [("IAM001", 3)]
    assert "logs" in result.findings[0].message


def test_tf_quoted_json_string(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_user_policy" "p" {\n  user = "u"\n'
        '  policy = "{\\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}}"\n'
        "}\n"
    )})
    # IAM007 as well: a user policy.
    assert sorted(rule_ids(result)) == ["IAM001", "IAM007"]
    assert any("full administrator" in f.message for f in result.findings)


def test_tf_policy_document_data_source_through_the_graph(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'data "aws_iam_policy_document" "admin" {\n  statement {\n    actions = ["*"]\n'
        '    resources = ["*"]\n  }\n}\n'
        'data "aws_iam_policy_document" "deny" {\n  statement {\n    effect = "Deny"\n'
        '    actions = ["*"]\n    resources = ["*"]\n  }\n}\n'
        'resource "aws_iam_policy" "admin" {\n  policy = data.aws_iam_policy_document.admin.json\n}\n'
        'resource "aws_iam_policy" "deny" {\n  policy = data.aws_iam_policy_document.deny.json\n}\n'
    )})
    [finding] = result.findings
    assert finding.rule_id == "IAM001"
    assert finding.resource is not None and finding.resource.address == "aws_iam_policy.admin"
    assert finding.line == 2  # the offending statement in the data source


def test_tf_role_inline_policy_and_trust_policy(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_role" "r" {\n'
        '  assume_role_policy = jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})\n'
        "  inline_policy {\n    name = \"x\"\n"
        '    policy = jsonencode({Statement = [{Effect = "Allow", Action = ["ec2:*"], Resource = "*"}]})\n'
        "  }\n}\n"
    )})
    # The trust policy is not an identity policy: only the inline policy counts.
    assert [(f.rule_id, f.line) for f in result.findings] == [("IAM001", 5)]


def test_not_flagged_when_scoped(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_policy" "a" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = "s3:Get*", Resource = "*"},\n'
        '    {Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::b/*"},\n'
        '    {Effect = "Allow", Action = var.actions, Resource = "*"},\n'
        '    {Effect = "Deny", Action = "*", Resource = "*"},\n  ]})\n}\n'
    )})
    # Not IAM001; "s3:Get*" on "*" reads every object (IAM011), "*" on a bucket is IAM009.
    assert sorted(rule_ids(result)) == ["IAM009", "IAM011"]


def test_cfn_role_policies_and_single_statement(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n"
        "      AssumeRolePolicyDocument:\n        Statement:\n"
        "          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}\n"
        "      Policies:\n        - PolicyName: all\n          PolicyDocument:\n"
        "            Statement:\n              Effect: Allow\n              Action: ['*']\n"
        "              Resource: '*'\n"
        "  Scoped:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: s\n"
        "      PolicyDocument:\n        Statement:\n"
        "          - {Effect: Allow, Action: 'dynamodb:*', Resource: !GetAtt Table.Arn}\n"
    )})
    # dynamodb:* on one table is IAM009's (all actions on the resources named).
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings] == [
        ("IAM001", "Role"), ("IAM009", "Scoped")
    ]


def test_tf_sso_permission_set_inline_policy(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'data "aws_iam_policy_document" "all" {\n  statement {\n    actions = ["*"]\n    resources = ["*"]\n'
        "  }\n}\n"
        'resource "aws_ssoadmin_permission_set_inline_policy" "p" {\n'
        "  inline_policy = data.aws_iam_policy_document.all.json\n"
        '  instance_arn = "arn:aws:sso:::instance/x"\n  permission_set_arn = "arn:aws:sso:::permissionSet/x/y"\n}\n'
    )})
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings] == [
        ("IAM001", "aws_ssoadmin_permission_set_inline_policy.p")
    ]


def _found(result: ScanResult) -> list[tuple[str, str | None]]:
    """This pack's findings (other packs may fire on the same templates)."""
    return sorted(
        (f.rule_id, f.resource.address if f.resource else None)
        for f in result.findings if f.rule_id.startswith("IAM")
    )


def test_escalation_wildcards_match_case_insensitively_and_conditions_count(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_policy" "pass_star" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = ["IAM:pass*"], Resource = "*"}]})\n}\n'
        'resource "aws_iam_policy" "role_star" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = "iam:*RolePolicy", Resource = ["*"]}]})\n}\n'
        'resource "aws_iam_policy" "conditioned" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = "iam:PassRole", Resource = "*",\n'
        '     Condition = {StringEquals = {"iam:PassedToService" = "lambda.amazonaws.com"}}}]})\n}\n'
        'resource "aws_iam_policy" "scoped" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::1:role/x"}]})\n}\n'
        'resource "aws_iam_policy" "readonly" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = ["iam:Get*", "iam:List*"], Resource = "*"}]})\n}\n'
        'resource "aws_iam_policy" "unknown" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = ["s3:GetObject", var.more], Resource = "*"}]})\n}\n'
        'resource "aws_iam_policy" "admin" {\n  policy = jsonencode({Statement = [\n'
        '    {Effect = "Allow", Action = "iam:*", Resource = "*"}]})\n}\n'
    )})
    # iam:* on * is IAM001's, once; unknown actions and conditioned ones are not reported.
    assert _found(result) == [
        ("IAM001", "aws_iam_policy.admin"),
        ("IAM003", "aws_iam_policy.pass_star"),
        ("IAM003", "aws_iam_policy.role_star"),
        ("IAM011", "aws_iam_policy.unknown"),  # s3:GetObject is known to be granted on "*"
    ]
    message = next(f.message for f in result.findings if f.resource and f.resource.name == "role_star")
    assert "iam:PutRolePolicy" in message and "iam:PassRole" not in message


def test_not_action_and_not_resource(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n"
        "      PolicyDocument:\n        Statement:\n"
        "          - {Effect: Allow, NotAction: 'iam:*', Resource: '*'}\n"
        "          - {Effect: Allow, Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*'}\n"
        "          - {Effect: Deny, NotAction: 's3:GetObject', Resource: '*'}\n"
        "      Roles: [r]\n"
    )})
    assert [f.rule_id for f in result.findings if f.rule_id.startswith("IAM")] == ["IAM002", "IAM002"]
    assert "every action except iam:*" in result.findings[0].message


def test_policy_document_source_and_override(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'data "aws_iam_policy_document" "base" {\n  statement {\n    sid = "All"\n'
        '    actions = ["*"]\n    resources = ["*"]\n  }\n}\n'
        'data "aws_iam_policy_document" "narrowed" {\n'
        "  source_policy_documents = [data.aws_iam_policy_document.base.json]\n"
        '  override_policy_documents = [jsonencode({Statement = [{Sid = "All", Effect = "Allow",'
        ' Action = "s3:GetObject", Resource = "*"}]})]\n}\n'
        'data "aws_iam_policy_document" "inherited" {\n'
        "  source_policy_documents = [data.aws_iam_policy_document.base.json]\n}\n"
        'data "aws_iam_policy_document" "maybe" {\n'
        "  source_policy_documents = [data.aws_iam_policy_document.base.json]\n"
        "  override_policy_documents = [var.override]\n}\n"
        'resource "aws_iam_policy" "narrowed" {\n  policy = data.aws_iam_policy_document.narrowed.json\n}\n'
        'resource "aws_iam_policy" "inherited" {\n  policy = data.aws_iam_policy_document.inherited.json\n}\n'
        'resource "aws_iam_policy" "maybe" {\n  policy = data.aws_iam_policy_document.maybe.json\n}\n'
    )})
    # The override replaces the statement with the same sid; an unknown override might.
    assert _found(result) == [("IAM001", "aws_iam_policy.inherited"), ("IAM011", "aws_iam_policy.narrowed")]


def test_trust_anyone_and_github_oidc(scan_files: ScanFiles) -> None:
    gh = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"

    def role(name: str, condition: str) -> str:
        return (
            f'resource "aws_iam_role" "{name}" {{\n  assume_role_policy = jsonencode({{Statement = [{{\n'
            f'    Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity",\n'
            f'    Principal = {{Federated = "{gh}"}}{condition}\n  }}]}})\n}}\n'
        )

    sub = ', Condition = {StringLike = {"token.actions.githubusercontent.com:sub" = %s}}'
    result = scan_files({"main.tf": (
        role("none", "")
        + role("star", sub % '"repo:*"')
        + role("owner_glob", sub % '"repo:my-org*"')
        + role("mixed", sub % '["repo:my-org/app:*", "*"]')
        + role("repo", sub % '"repo:my-org/app:ref:refs/heads/main"')
        + role("org", sub % '"repo:my-org/*"')
        + role("unknown", sub % "var.sub")
        + 'data "aws_iam_policy_document" "any" {\n  statement {\n    actions = ["sts:AssumeRole"]\n'
        '    principals {\n      type = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n'
        'resource "aws_iam_role" "public" {\n  assume_role_policy = data.aws_iam_policy_document.any.json\n}\n'
        'data "aws_iam_policy_document" "org" {\n  statement {\n    actions = ["sts:AssumeRole"]\n'
        '    principals {\n      type = "AWS"\n      identifiers = ["*"]\n    }\n'
        '    condition {\n      test = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n'
        '      values = ["o-abc"]\n    }\n  }\n}\n'
        'resource "aws_iam_role" "in_org" {\n  assume_role_policy = data.aws_iam_policy_document.org.json\n}\n'
    )})
    assert _found(result) == [
        ("IAM004", "aws_iam_role.mixed"),
        ("IAM004", "aws_iam_role.none"),
        ("IAM004", "aws_iam_role.owner_glob"),
        ("IAM004", "aws_iam_role.public"),
        ("IAM004", "aws_iam_role.star"),
    ]


def test_trust_whole_account(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n"
        "  Root:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n"
        "        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n"
        "            Principal: {AWS: [arn:aws:iam::111122223333:role/x, arn:aws:iam::444455556666:root]}\n"
        "  External:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n"
        "        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n"
        "            Principal: {AWS: '444455556666'}\n"
        "            Condition: {StringEquals: {'sts:ExternalId': abc}}\n"
        "  Mine:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n"
        "        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n"
        "            Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n"
    )})
    assert _found(result) == [("IAM005", "Root")]
    assert "444455556666" in result.findings[0].message


def test_managed_admin_and_user_attachments(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_role" "r" {\n  assume_role_policy = "{}"\n'
        '  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n'
        'resource "aws_iam_policy_attachment" "everyone" {\n  name = "x"\n  users = ["jim"]\n'
        '  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"\n}\n'
        'resource "aws_iam_policy_attachment" "nobody" {\n  name = "x"\n  users = []\n  roles = ["r"]\n'
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n'
        'resource "aws_iam_group_policy_attachment" "g" {\n  group = "g"\n  policy_arn = var.arn\n}\n'
        'resource "aws_iam_role_policy_attachment" "lookalike" {\n  role = "r"\n'
        '  policy_arn = "arn:aws:iam::111122223333:policy/AdministratorAccessForBilling"\n}\n'
    )})
    assert _found(result) == [
        ("IAM006", "aws_iam_policy_attachment.everyone"),
        ("IAM006", "aws_iam_role.r"),
        ("IAM007", "aws_iam_policy_attachment.everyone"),
    ]


def test_sam_policies(scan_files: ScanFiles) -> None:
    result = scan_files({"template.yaml": (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n"
        "      Runtime: python3.12\n      Policies:\n        - AWSLambdaExecute\n"
        "        - S3ReadPolicy: {BucketName: b}\n"
        "        - Version: '2012-10-17'\n          Statement:\n"
        "            - {Effect: Allow, Action: 'dynamodb:*', Resource: '*'}\n"
        "  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
        "      Policies: arn:aws:iam::aws:policy/AdministratorAccess\n"
    )})
    assert _found(result) == [("IAM001", "Fn"), ("IAM006", "Machine")]


def test_statement_without_effect_is_invalid_not_allow(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n'
        '{"Statement": [{"Action": "*", "Resource": "*"}]}\nEOF\n}\n'
        'data "aws_iam_policy_document" "d" {\n  statement {\n    effect = null\n'
        '    actions = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n'
        'resource "aws_iam_policy" "d" {\n  policy = data.aws_iam_policy_document.d.json\n}\n'
    )})
    # A data source's effect defaults to Allow; JSON without Effect is rejected by AWS.
    assert _found(result) == [("IAM008", "aws_iam_policy.p"), ("IAM011", "aws_iam_policy.d")]


def test_not_principal_is_not_read_as_principal(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": (
        "Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [q]\n"
        "      PolicyDocument:\n        Statement:\n"
        "          - {Effect: Allow, NotPrincipal: {AWS: 'arn:aws:iam::1:role/x'}, Action: 'sqs:SendMessage',"
        " Resource: '*'}\n"
        "          - {Effect: Deny, NotPrincipal: {AWS: '*'}, Action: 'sqs:SendMessage', Resource: '*'}\n"
        "  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n"
        "          - {Effect: Allow, Action: sts:AssumeRole, NotPrincipal: {AWS: '*'}}\n"
    )})
    # Not PUB006/IAM004 (NotPrincipal '*' is not Principal '*'); the Allow with NotPrincipal is IAM002's.
    assert _found(result) == [("IAM002", "Q"), ("IAM002", "R")]
    assert "every principal except arn:aws:iam::1:role/x" in result.findings[0].message


def test_write_access_wildcards_and_conditions(scan_files: ScanFiles) -> None:
    def policy(name: str, statement: str) -> str:
        return f'resource "aws_iam_policy" "{name}" {{\n  policy = jsonencode({{Statement = [{statement}]}})\n}}\n'

    result = scan_files({"main.tf": (
        policy("put", '{Effect = "Allow", Action = ["S3:put*"], Resource = "*"}')
        + policy("tags", '{Effect = "Allow", Action = "ec2:CreateTags", Resource = "*"}')
        + policy("tagged", '{Effect = "Allow", Action = "ec2:CreateTags", Resource = "*", '
                 'Condition = {StringEquals = {"aws:RequestTag/team" = "a"}}}')
        + policy("tls_only", '{Effect = "Allow", Action = "sqs:SendMessage", Resource = "*", '
                 'Condition = {Bool = {"aws:SecureTransport" = "true"}}}')
        + policy("wildcard_only", '{Effect = "Allow", Action = ["xray:PutTraceSegments", '
                 '"cloudwatch:PutMetricData", "ec2:Describe*", "logs:PutLogEvents"], Resource = "*"}')
        + policy("scoped", '{Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::b/*"}')
        + policy("deny", '{Effect = "Deny", Action = "s3:PutObject", Resource = "*"}')
    )})
    assert _found(result) == [
        ("IAM010", "aws_iam_policy.put"), ("IAM010", "aws_iam_policy.tags"), ("IAM010", "aws_iam_policy.tls_only"),
    ]
    put = next(f for f in result.findings if f.resource and f.resource.name == "put")
    assert "permissions-management and write" in put.message  # s3:PutBucketPolicy and s3:PutObject


def test_hardcoded_secrets_never_printed(scan_files: ScanFiles) -> None:
    key = "AKIA" + "ABCDEFGHIJKLMNOP"
    encoded = __import__("base64").b64encode(b"export DB_PASSWORD=hunter2hunter2\n").decode()
    result = scan_files({
        "main.tf": (
            'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "r"\n  environment {\n'
            f'    variables = {{\n      KEY = "{key}"\n      TOKEN_TTL = "3600"\n      DB_PASSWORD = var.pw\n'
            '      SECRET_ARN = "arn:aws:secretsmanager:us-east-1:1:secret:x"\n    }\n  }\n}\n'
            f'resource "aws_launch_configuration" "lc" {{\n  image_id = "ami-1"\n  instance_type = "t3.micro"\n'
            f'  user_data_base64 = "{encoded}"\n}}\n'
            'resource "aws_instance" "ok" {\n  ami = "ami-1"\n  user_data = "export DB_PASSWORD=$DB_PASSWORD\\n"\n}\n'
        ),
    })
    found = [f for f in result.findings if f.rule_id == "IAM015"]
    assert sorted(f.resource.address for f in found if f.resource) == [
        "aws_lambda_function.f", "aws_launch_configuration.lc"]
    assert all(key not in f.message and "hunter2" not in f.message for f in found)


def test_database_iam_auth_engines(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_db_instance" "pg" {\n  engine = "postgres"\n}\n'
        'resource "aws_db_instance" "maria" {\n  engine = "mariadb"\n}\n'
        'resource "aws_db_instance" "sqlserver" {\n  engine = "sqlserver-ex"\n}\n'
        'resource "aws_db_instance" "unknown" {\n  engine = var.engine\n}\n'
        'resource "aws_rds_cluster" "aurora" {\n  iam_database_authentication_enabled = false\n}\n'
        'resource "aws_neptune_cluster" "graph" {\n  iam_database_authentication_enabled = true\n}\n'
    )})
    assert [a for r, a in _found(result) if r == "IAM014"] == ["aws_db_instance.pg", "aws_rds_cluster.aurora"]


def test_root_access_key_through_the_graph_and_lambda_permission(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": (
        'resource "aws_iam_user" "u" {\n  name = "root"\n}\n'
        'resource "aws_iam_access_key" "k" {\n  user = aws_iam_user.u.name\n}\n'
        'resource "aws_lambda_permission" "scoped" {\n  action = "lambda:InvokeFunction"\n'
        '  function_name = "f"\n  principal = "s3.amazonaws.com"\n  source_arn = aws_s3_bucket.b.arn\n}\n'
        'resource "aws_lambda_permission" "open" {\n  action = "lambda:InvokeFunction"\n'
        '  function_name = "f"\n  principal = "events.amazonaws.com"\n}\n'
        'resource "aws_lambda_permission" "account" {\n  action = "lambda:InvokeFunction"\n'
        '  function_name = "f"\n  principal = "111122223333"\n}\n'
    )})
    assert [x for x in _found(result) if x[0] in ("IAM012", "IAM016")] == [
        ("IAM012", "aws_lambda_permission.open"), ("IAM016", "aws_iam_access_key.k")]
