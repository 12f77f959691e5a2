"""IAM007: permissions granted directly to an IAM user.

Anti-pattern: ``aws_iam_user_policy``, ``aws_iam_user_policy_attachment``,
``aws_iam_policy_attachment`` with ``users``; CloudFormation ``AWS::IAM::Policy``
with ``Users``, an ``AWS::IAM::User`` with ``Policies`` or ``ManagedPolicyArns``.
Fix: attach the policy to a group the user belongs to, or to a role.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyAttachment
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class UserPolicies(Rule):
    meta = RuleMeta(
        id="IAM007",
        slug="policy-attached-to-user",
        title="IAM policy granted directly to a user",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PolicyAttachment,),
        setting="iam_permissions",
        rationale=(
            "Permissions attached to individual users drift apart and outlive the job they were "
            "granted for; nobody can review them by function. Granting through groups (or roles a "
            "user assumes) keeps one place per job function to review and revoke. A defence-in-"
            "depth practice of the CIS AWS Foundations Benchmark (1.15)."
        ),
        remediation={
            "terraform": (
                "Attach the policy to an aws_iam_group (aws_iam_group_policy_attachment) and add the "
                "user with aws_iam_group_membership / aws_iam_user_group_membership, or to a role."
            ),
            "cloudformation": (
                "Attach the policy to an AWS::IAM::Group (its Groups / ManagedPolicyArns) and list the "
                "group in the user's Groups, or to a role; drop Users / the user's Policies."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_user_policy_attachment" "jim" {\n  user       = "jim"\n'
                    '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_group_policy_attachment" "readers" {\n  group      = "readers"\n'
                    '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Jim:\n    Type: AWS::IAM::User\n    Properties:\n"
                    "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n"
                ),
                pass_=(
                    "Resources:\n  Readers:\n    Type: AWS::IAM::Group\n    Properties:\n"
                    "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n"
                    "  Jim:\n    Type: AWS::IAM::User\n    Properties:\n      Groups: [!Ref Readers]\n"
                ),
            ),
        },
        tags=("iam", "cis"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        users = [a for a in facts.of(PolicyAttachment) if a.principal_kind == "user"]
        if not users:
            return
        inline = any(a.inline for a in users)
        what = "an inline policy" if inline else "a managed policy"
        yield Hit(
            f"'{resource.name}' grants {what} directly to an IAM user; attach it to a group or role",
            path=users[0].path,
        )
