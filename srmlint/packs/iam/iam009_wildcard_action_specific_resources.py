"""IAM009: a policy that allows every action (of a service) on the resources it names.

Anti-pattern: ``Effect: Allow`` with ``Action: "*"`` or ``"s3:*"`` on
``arn:aws:s3:::my-bucket/*`` in an identity policy, or ``Action: "*"`` /
``"sqs:*"`` in a queue, topic, bucket or repository policy.
Fix: list the actions the workload calls. (``Resource: "*"`` is IAM001's.)
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.iam.iam001_wildcard_action_all_resources import on_all_resources, wildcard_actions
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Key policies: AWS's default key policy grants ``kms:*`` to the account
#: (which hands the key's use over to IAM); that is the documented pattern.
KEY_POLICY_TYPES = frozenset({"aws_kms_key", "aws_kms_key_policy", "AWS::KMS::Key", "AWS::KMS::ReplicaKey"})


class WildcardActionSpecificResources(Rule):
    meta = RuleMeta(
        id="IAM009",
        slug="wildcard-action-on-resources",
        title="Policy allows all actions (of a service) on the resources it names",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Identity and access management is the customer's on every service. 'Action: \"*\"' or "
            "'s3:*' grants every current and future action on the resources named: besides reading "
            "and writing data, changing their access policies and ACLs, deleting them, bypassing "
            "retention. Even when the resources are scoped, the workload needs a handful of calls, "
            "not all of them. (The same on Resource '*' is IAM001.)"
        ),
        remediation={
            "terraform": (
                "Replace \"*\" / \"service:*\" in actions with the API calls the workload makes "
                "(for example s3:GetObject and s3:PutObject)."
            ),
            "cloudformation": (
                "Replace '*' / 'service:*' in Action with the API calls the workload makes "
                "(for example s3:GetObject and s3:PutObject)."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_policy" "uploads" {\n  policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n'
                    '      Action   = "s3:*"\n      Resource = "arn:aws:s3:::uploads/*"\n'
                    "    }]\n  })\n}\n"
                ),
                pass_=(
                    'resource "aws_iam_policy" "uploads" {\n  policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n'
                    '      Action   = ["s3:GetObject", "s3:PutObject"]\n'
                    '      Resource = "arn:aws:s3:::uploads/*"\n    }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Uploads:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: '*'\n"
                    "            Resource: arn:aws:s3:::uploads/*\n"
                ),
                pass_=(
                    "Resources:\n  Uploads:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: [s3:GetObject, s3:PutObject]\n"
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
            if statement.effect != "Allow":
                continue
            if statement.kind == "identity":
                # Resource "*" is IAM001's; NotResource is IAM002's.
                if statement.resources is None or on_all_resources(statement):
                    continue
                kind = "IAM policy"
            elif statement.kind == "resource" and resource.type not in KEY_POLICY_TYPES:
                kind = "Resource policy"
            else:
                continue
            wildcards = wildcard_actions(statement)
            if not wildcards:
                continue
            if any(w in ("*", "*:*") for w in wildcards):
                what = "all actions"
            else:
                what = "all actions of " + ", ".join(sorted({w.split(":")[0].lower() for w in wildcards}))
            where = "on the resources it names" if kind == "IAM policy" else "to the principals it names"
            yield Hit(
                f"{kind} in '{resource.name}' allows {what} {where} (Action '{wildcards[0]}')",
                location=locate_fact(resource, statement, graph),
            )
