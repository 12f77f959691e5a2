"""IAM008: a policy statement without an Effect.

Anti-pattern: a statement with Action and Resource but no ``Effect``. AWS
rejects the whole policy (MalformedPolicyDocument), so the deployment fails,
and a reader cannot tell whether an Allow or a Deny was meant.
Fix: state ``Effect: Allow`` or ``Effect: Deny``.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import NO_EFFECT
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class StatementWithoutEffect(Rule):
    meta = RuleMeta(
        id="IAM008",
        slug="statement-without-effect",
        title="Policy statement has no Effect",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Effect is required in every statement of an IAM policy. Without it AWS rejects the "
            "policy, and nobody reading the template can tell whether the statement was meant to "
            "allow or to deny -- a statement like Action '*' on Resource '*' is either full "
            "administrator access or a lock-out. srmlint does not guess: it reports the statement."
        ),
        remediation={
            "terraform": "Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\" to the statement.",
            "cloudformation": "Add Effect: Allow or Effect: Deny to the statement.",
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n'
                    '    Version   = "2012-10-17"\n'
                    '    Statement = [{ Action = "s3:GetObject", Resource = "arn:aws:s3:::logs/*" }]\n'
                    "  })\n}\n"
                ),
                pass_=(
                    'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n'
                    '    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", '
                    'Action = "s3:GetObject", Resource = "arn:aws:s3:::logs/*" }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Action: s3:GetObject\n            Resource: arn:aws:s3:::logs/*\n"
                ),
                pass_=(
                    "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: s3:GetObject\n"
                    "            Resource: arn:aws:s3:::logs/*\n"
                ),
            ),
        },
        tags=("iam", "validity"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if statement.effect == NO_EFFECT:
                kind = {"trust": "Trust policy", "resource": "Resource policy"}.get(statement.kind, "IAM policy")
                yield Hit(
                    f"{kind} in '{resource.name}' has a statement without Effect; AWS rejects the policy",
                    location=locate_fact(resource, statement, graph),
                )
