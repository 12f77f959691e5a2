"""IAM010: write, permissions-management or tagging actions granted on every resource.

Anti-pattern: ``Effect: Allow`` with ``s3:PutObject``, ``sqs:Send*``,
``kms:Decrypt``, ``s3:PutBucketPolicy``, ``ec2:CreateTags``... on
``Resource: "*"`` without a condition that scopes them.
Fix: name the ARNs the workload writes to, or scope with a condition
(``aws:ResourceTag/...``, ``aws:RequestTag/...``, ``s3:prefix``...).

The access levels come from ``rules/iam_actions.yaml`` (the AWS Service
Authorization Reference); only actions that accept a resource ARN are listed,
so an action AWS authorizes only on ``"*"`` is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import ACCESS_LEVELS, all_resources, classified_actions, condition_keys
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.iam.iam001_wildcard_action_all_resources import wildcard_actions
from srmlint.packs.iam.iam003_privilege_escalation import ESCALATION_ACTIONS
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Condition keys (lower case) that do not narrow which resources a statement
#: reaches: transport, MFA, time, network origin, client. Any other key in a
#: statically known Condition counts as a constraint.
NON_SCOPING_KEYS = frozenset({
    "aws:securetransport", "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:currenttime",
    "aws:epochtime", "aws:useragent", "aws:referer", "aws:tokenissuetime", "aws:sourceip", "aws:sourcevpc",
    "aws:sourcevpce", "aws:viaawsservice", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
})

_ESCALATION = frozenset(a.lower() for a in ESCALATION_ACTIONS)


def unconstrained(statement: PolicyStatement) -> bool:
    """The statement has no Condition that could scope its resources (all known)."""
    keys = condition_keys(statement)
    return keys is not None and keys <= NON_SCOPING_KEYS


class WriteOnAllResources(Rule):
    meta = RuleMeta(
        id="IAM010",
        slug="write-access-on-all-resources",
        title="IAM policy allows write or permissions-management actions on all resources",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Write, permissions-management and tagging actions on Resource '*' reach every "
            "resource of that kind in the account, today's and tomorrow's: s3:PutObject on '*' "
            "writes into every bucket, kms:Decrypt on '*' decrypts with every key whose policy "
            "defers to IAM, s3:PutBucketPolicy on '*' opens any bucket to the world, "
            "ec2:CreateTags on '*' defeats tag-based access control. These actions accept resource "
            "ARNs (the AWS Service Authorization Reference), so '*' is a choice: name the "
            "resources. Actions AWS authorizes only on '*' are not reported."
        ),
        remediation={
            "terraform": (
                "In resources, list the ARNs the workload writes to (aws_s3_bucket.<name>.arn, "
                "\"${aws_s3_bucket.<name>.arn}/*\", aws_kms_key.<name>.arn), or add a condition that "
                "scopes the statement (aws:ResourceTag/..., aws:RequestTag/...)."
            ),
            "cloudformation": (
                "In Resource, list the ARNs the workload writes to (!GetAtt Bucket.Arn, "
                "!Sub '${Bucket.Arn}/*', !GetAtt Key.Arn), or add a Condition that scopes the "
                "statement (aws:ResourceTag/..., aws:RequestTag/...)."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role_policy" "worker" {\n  role = "worker"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["sqs:SendMessage", "s3:PutObject"]\n'
                    '      Resource = "*"\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_role_policy" "worker" {\n  role = "worker"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["xray:PutTraceSegments", "s3:ListAllMyBuckets"]\n'
                    '      Resource = "*"\n    }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Worker:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: ['s3:Put*']\n            Resource: '*'\n"
                ),
                pass_=(
                    "Resources:\n  Worker:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: ['s3:Put*']\n"
                    "            Resource: arn:aws:s3:::uploads/*\n"
                ),
            ),
        },
        tags=("iam", "least-privilege"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if (statement.kind != "identity" or statement.effect != "Allow"
                    or not isinstance(statement.actions, tuple) or not all_resources(statement)):
                continue
            if not unconstrained(statement):
                continue
            broad = wildcard_actions(statement)  # IAM001 reports these
            patterns: list[str] = []
            levels: set[str] = set()
            for action in statement.actions:
                if not isinstance(action, str) or action.strip() in broad:
                    continue
                found = classified_actions(action)
                if any(name.lower() in _ESCALATION for name, _ in found):
                    continue  # IAM003 reports this action pattern
                if found:
                    patterns.append(action.strip())
                    levels.update(level for _, level in found)
            if not patterns:
                continue
            named = " and ".join(ACCESS_LEVELS[lv] for lv in ("permissions", "write", "tagging") if lv in levels)
            shown = ", ".join(patterns[:4]) + (" …" if len(patterns) > 4 else "")
            yield Hit(
                f"IAM policy in '{resource.name}' allows {named} actions on all resources: {shown}",
                location=locate_fact(resource, statement, graph),
            )
