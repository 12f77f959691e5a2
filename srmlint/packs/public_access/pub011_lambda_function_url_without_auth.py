"""PUB011: lambda function url has no authentication.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``function_url_auth``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class FunctionUrlWithoutAuth(ExposureRule):
    kind = "function_url_auth"
    message = "Lambda function URL '{name}' has authorization type NONE: anyone on the internet can invoke it"
    meta = RuleMeta(
        id="PUB011",
        slug="lambda-function-url-without-auth",
        title="Lambda function URL has no authentication",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("lambda",),
        setting="public_access",
        rationale=(
            "A function URL with authorization type NONE is an HTTPS endpoint anyone on the internet can "
            "call; every call runs the function with its execution role. Unless the function authenticates "
            "callers itself, use IAM auth or put API Gateway with an authorizer in front."
        ),
        remediation={
            "terraform": (
                'Set authorization_type = "AWS_IAM" on aws_lambda_function_url and grant '
                'lambda:InvokeFunctionUrl to the callers.'
            ),
            "cloudformation": (
                'Set AuthType: AWS_IAM on AWS::Lambda::Url and grant lambda:InvokeFunctionUrl to the '
                'callers.'
            ),
        },
        url="https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lambda_function_url" "api" {\n  function_name = "api"\n  '
                    'authorization_type = "NONE"\n}\n'
                ),
                pass_=(
                    'resource "aws_lambda_function_url" "api" {\n  function_name = "api"\n  '
                    'authorization_type = "AWS_IAM"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    'Resources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      '
                    'TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:api\n      '
                    'AuthType: NONE\n'
                ),
                pass_=(
                    'Resources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      '
                    'TargetFunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:api\n      '
                    'AuthType: AWS_IAM\n'
                ),
            ),
        },
        tags=("public-access", "lambda", "authentication"),
    )
