"""IAM001: an identity policy that allows every action (of a service) on every resource.

Anti-pattern: ``Effect: Allow`` with ``Action: "*"`` or ``"s3:*"`` and
``Resource: "*"``.
Fix: list the actions the workload calls, on the ARNs it needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


def wildcard_actions(statement: PolicyStatement) -> list[str]:
    """The actions of ``statement`` that grant everything, or a whole service."""
    if not isinstance(statement.actions, tuple):
        return []
    found = []
    for action in statement.actions:
        if not isinstance(action, str):
            continue
        text = action.strip()
        if text in ("*", "*:*") or (text.endswith(":*") and text.count(":") == 1 and "*" not in text[:-2]):
            found.append(text)
    return found


def on_all_resources(statement: PolicyStatement) -> bool:
    return isinstance(statement.resources, tuple) and any(
        isinstance(r, str) and r.strip() == "*" for r in statement.resources
    )


class WildcardActionAllResources(Rule):
    meta = RuleMeta(
        id="IAM001",
        slug="wildcard-action-on-all-resources",
        title="IAM policy allows all actions (of a service) on all resources",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Identity and access management is the customer's on every service. A statement "
            "allowing '*' (full administrator) or 'service:*' on every resource grants far more "
            "than any workload needs: one stolen credential or one injection bug then reaches "
            "every resource of the account (or of that service), including IAM itself."
        ),
        remediation={
            "terraform": (
                "In the policy document, replace \"*\" / \"service:*\" in actions with the API "
                "calls the workload makes, and \"*\" in resources with the ARNs it needs "
                "(aws_s3_bucket.<name>.arn, ...)."
            ),
            "cloudformation": (
                "In PolicyDocument, replace Action '*' / 'service:*' with the calls the "
                "workload makes, and Resource '*' with the ARNs it needs (!GetAtt X.Arn)."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_policy" "admin" {\n  policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n'
                    '      Action = "*"\n      Resource = "*"\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_policy" "reader" {\n  policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n'
                    '      Action = ["s3:GetObject"]\n      Resource = "arn:aws:s3:::logs/*"\n'
                    "    }]\n  })\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Admin:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: 's3:*'\n            Resource: '*'\n"
                ),
                pass_=(
                    "Resources:\n  Reader:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: s3:GetObject\n"
                    "            Resource: arn:aws:s3:::logs/*\n"
                ),
            ),
        },
        tags=("iam", "least-privilege"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if statement.kind != "identity" or statement.effect != "Allow":
                continue
            wildcards = wildcard_actions(statement)
            if not wildcards or not on_all_resources(statement):
                continue
            if any(w in ("*", "*:*") for w in wildcards):
                what = "all actions (full administrator access)"
            else:
                what = "all actions of " + ", ".join(sorted({w.split(':')[0] for w in wildcards}))
            yield Hit(
                f"IAM policy in '{resource.name}' allows {what} on all resources",
                location=locate_fact(resource, statement, graph),
            )
