"""IAM030: an IAM user (a long-term identity) instead of federated access or a role.

Anti-pattern: ``aws_iam_user`` / ``AWS::IAM::User``.
Fix: people sign in through IAM Identity Center (or another identity provider);
workloads assume IAM roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import IamUserIdentity
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class IamUserDefined(Rule):
    meta = RuleMeta(
        id="IAM030",
        slug="iam-user-long-term-identity",
        title="IAM user instead of federated access or a role",
        severity=Severity.INFO,
        layer="identity_access",
        facts=(IamUserIdentity,),
        services=("iam",),
        setting="credentials",
        rationale=(
            "IAM users sign in with long-lived passwords and access keys that must be rotated, revoked and "
            "protected by hand. AWS's IAM best practices ask people to use federation with an identity "
            "provider (IAM Identity Center) and workloads to assume roles, both with temporary credentials. "
            "Informational: an IAM user is sometimes the only option (a third-party tool that needs keys)."
        ),
        remediation={
            "terraform": (
                "Give people access through IAM Identity Center (aws_ssoadmin_permission_set and account "
                "assignments) and workloads an aws_iam_role; remove the aws_iam_user."
            ),
            "cloudformation": (
                "Give people access through IAM Identity Center (AWS::SSO::PermissionSet and assignments) and "
                "workloads an AWS::IAM::Role; remove the AWS::IAM::User."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp",
        examples={
            "terraform": Example(
                fail='resource "aws_iam_user" "deploy" {\n  name = "deploy"\n}\n',
                pass_=(
                    'resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",'
                    ' Principal = { Service = "codebuild.amazonaws.com" } }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Deploy:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: deploy\n",
                pass_=(
                    "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n"
                    "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: sts:AssumeRole\n"
                    "            Principal:\n              Service: codebuild.amazonaws.com\n"
                ),
            ),
        },
        tags=("iam", "credentials"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(IamUserIdentity):
            held = f" with {' and '.join(fact.credentials)}" if fact.credentials else ""
            yield Hit(f"IAM user '{resource.name}' is a long-term identity{held}: prefer federated access "
                      "(IAM Identity Center) for people and IAM roles for workloads")
