"""IAM006: an AWS managed administrator policy attached to an identity.

Anti-pattern: ``arn:aws:iam::aws:policy/AdministratorAccess`` (or
``IAMFullAccess``, ``PowerUserAccess``) attached to a role, user, group or
permission set, or named in a SAM function's ``Policies``.
Fix: attach a policy granting what the identity needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srmlint.aws.facts import PolicyAttachment
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

#: AWS managed policies that amount to administrator access, and what they grant.
ADMIN_POLICIES: dict[str, str] = {
    "administratoraccess": "every action on every resource",
    "iamfullaccess": "every IAM action, so any permission it likes",
    "poweruseraccess": "every action outside IAM and Organizations",
}
_AWS_MANAGED = re.compile(r"^(arn:aws[a-z-]*:iam::aws:policy/(?:[\w+=,.@-]+/)*)?([\w+=,.@-]+)$")


def admin_policy(policy: object) -> str | None:
    """The AWS managed admin policy ``policy`` names (its ARN, or a SAM bare name)."""
    if not isinstance(policy, str):
        return None
    match = _AWS_MANAGED.match(policy.strip())
    if match is None:
        return None
    name = match.group(2)
    return name if name.lower() in ADMIN_POLICIES else None


_WHO = {"user": "user", "group": "group", "role": "role", "permission_set": "permission set",
        "function": "function's execution role"}


class AdminManagedPolicy(Rule):
    meta = RuleMeta(
        id="IAM006",
        slug="admin-managed-policy-attached",
        title="AWS managed administrator policy attached",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(PolicyAttachment,),
        setting="iam_permissions",
        rationale=(
            "AdministratorAccess grants every action on every resource; IAMFullAccess lets its "
            "holder grant itself anything; PowerUserAccess grants everything but IAM. Attached to a "
            "workload's role or a user, one stolen credential or one injection bug controls the "
            "account. AWS recommends them only for break-glass administrators."
        ),
        remediation={
            "terraform": (
                "Attach a policy listing the actions and resources the identity needs instead of "
                "arn:aws:iam::aws:policy/AdministratorAccess (policy_arn / managed_policy_arns)."
            ),
            "cloudformation": (
                "Replace arn:aws:iam::aws:policy/AdministratorAccess in ManagedPolicyArns (or SAM "
                "Policies) with a policy listing the actions and resources the identity needs, or "
                "a SAM policy template such as DynamoDBCrudPolicy."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role_policy_attachment" "app" {\n  role       = "app"\n'
                    '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_role_policy_attachment" "app" {\n  role       = "app"\n'
                    '  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n"
                    "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n"
                    "      Runtime: python3.12\n      CodeUri: src/\n      Policies:\n"
                    "        - AdministratorAccess\n"
                ),
                pass_=(
                    "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n"
                    "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n"
                    "      Runtime: python3.12\n      CodeUri: src/\n      Policies:\n"
                    "        - DynamoDBReadPolicy:\n            TableName: orders\n"
                ),
            ),
        },
        tags=("iam", "least-privilege"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for attachment in facts.of(PolicyAttachment):
            name = admin_policy(attachment.policy)
            if name is None:
                continue
            yield Hit(
                f"'{resource.name}' attaches the AWS managed policy {name} to a "
                f"{_WHO[attachment.principal_kind]}: it grants {ADMIN_POLICIES[name.lower()]}",
                path=attachment.path,
            )
