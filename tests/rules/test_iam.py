"""IAM001 across the ways a policy is written."""

from __future__ import annotations

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
    assert rule_ids(result) == ["IAM001"]
    assert "full administrator" in result.findings[0].message


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
    assert rule_ids(result) == []


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
    assert [(f.rule_id, f.resource.address if f.resource else None) for f in result.findings] == [
        ("IAM001", "Role")
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
