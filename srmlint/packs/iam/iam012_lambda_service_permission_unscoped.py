"""IAM012: a Lambda permission for an AWS service principal without a source condition.

Anti-pattern: ``aws_lambda_permission`` / ``AWS::Lambda::Permission`` with
``principal = "s3.amazonaws.com"`` (or sns, events, apigateway...) and no
``source_arn`` / ``source_account``: that service may invoke the function on
behalf of any AWS account's bucket, topic, rule or API (confused deputy).
Fix: set ``source_arn`` (and ``source_account`` for S3).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import condition_keys, principal_values
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

PERMISSION_TYPES = frozenset({"aws_lambda_permission", "AWS::Lambda::Permission"})

#: Condition keys (lower case) that tie a service principal to the caller's resource or account.
SOURCE_KEYS = frozenset({"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:principalorgid",
                         "aws:sourceorgpaths"})


class LambdaServicePermissionUnscoped(Rule):
    meta = RuleMeta(
        id="IAM012",
        slug="lambda-service-permission-without-source",
        title="Lambda permission lets an AWS service invoke the function for any account",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        services=("lambda",),
        setting="iam_permissions",
        rationale=(
            "A Lambda permission naming a service principal (s3.amazonaws.com, sns.amazonaws.com, "
            "events.amazonaws.com, apigateway.amazonaws.com...) without SourceArn or SourceAccount "
            "lets that service invoke the function on behalf of any resource in any AWS account: "
            "someone else's bucket notification or API can call your function (the confused "
            "deputy problem). The function's resource policy is the customer's to scope."
        ),
        remediation={
            "terraform": (
                "Set source_arn to the ARN of the bucket, topic, rule or API that invokes the "
                "function (for S3 also source_account)."
            ),
            "cloudformation": (
                "Set SourceArn to the ARN of the bucket, topic, rule or API that invokes the "
                "function (for S3 also SourceAccount)."
            ),
        },
        url="https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lambda_permission" "sns" {\n  action        = "lambda:InvokeFunction"\n'
                    '  function_name = "worker"\n  principal     = "sns.amazonaws.com"\n}\n'
                ),
                pass_=(
                    'resource "aws_lambda_permission" "sns" {\n  action        = "lambda:InvokeFunction"\n'
                    '  function_name = "worker"\n  principal     = "sns.amazonaws.com"\n'
                    '  source_arn    = "arn:aws:sns:us-east-1:111122223333:jobs"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n"
                    "      Action: lambda:InvokeFunction\n      FunctionName: worker\n"
                    "      Principal: s3.amazonaws.com\n"
                ),
                pass_=(
                    "Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n"
                    "      Action: lambda:InvokeFunction\n      FunctionName: worker\n"
                    "      Principal: s3.amazonaws.com\n      SourceAccount: '111122223333'\n"
                    "      SourceArn: arn:aws:s3:::uploads\n"
                ),
            ),
        },
        tags=("iam", "confused-deputy"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type not in PERMISSION_TYPES:
            return
        for statement in facts.of(PolicyStatement):
            if statement.kind != "resource" or statement.effect != "Allow":
                continue
            services = principal_values(statement, "Service") or ()
            named = [s.strip() for s in services if isinstance(s, str) and s.strip().endswith(".amazonaws.com")]
            if not named:
                continue
            keys = condition_keys(statement)
            if keys is None or keys & SOURCE_KEYS:
                continue
            yield Hit(
                f"Lambda permission '{resource.name}' lets {named[0]} invoke the function on behalf of "
                "any account (no source ARN or source account)",
                location=locate_fact(resource, statement, graph),
            )
