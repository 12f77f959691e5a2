"""LOG010: X-Ray tracing turned off on a Lambda function, an API Gateway REST
stage or a Step Functions state machine.

Anti-pattern: no ``tracing_config { mode = "Active" }`` / ``TracingConfig.Mode:
Active``; ``xray_tracing_enabled`` / ``TracingEnabled`` unset or false; state
machine ``tracing_configuration.enabled`` unset or false. SAM functions and
APIs that leave it out are not flagged: the template's ``Globals`` may set it.
Fix: turn active tracing on.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_FUNCTIONS = ("aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function")
_STAGES = ("aws_api_gateway_stage", "AWS::ApiGateway::Stage", "AWS::Serverless::Api")


class XRayTracing(LoggingRule):
    kind = "xray_tracing"
    meta = RuleMeta(
        id="LOG010",
        slug="xray-tracing-off",
        title="X-Ray tracing is turned off (Lambda, API Gateway, Step Functions)",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("lambda", "apigateway", "stepfunctions"),
        setting="logging",
        rationale=(
            "Tracing follows a request across API Gateway, functions and state machines, which is "
            "how an unusual call path or a slow downstream dependency is found. It is telemetry for "
            "defence in depth, not an audit trail, hence the low severity; AWS records no traces "
            "unless the customer turns tracing on."
        ),
        remediation={
            "terraform": (
                "Lambda: tracing_config { mode = \"Active\" }; aws_api_gateway_stage: xray_tracing_enabled = true; "
                "aws_sfn_state_machine: tracing_configuration { enabled = true }."
            ),
            "cloudformation": (
                "AWS::Lambda::Function: TracingConfig { Mode: Active } (SAM: Tracing: Active); "
                "AWS::ApiGateway::Stage / AWS::Serverless::Api: TracingEnabled: true; state machines: "
                "TracingConfiguration { Enabled: true } (SAM: Tracing { Enabled: true })."
            ),
        },
        url="https://docs.aws.amazon.com/xray/latest/devguide/xray-services.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                    '  role          = aws_iam_role.api.arn\n  runtime       = "python3.12"\n'
                    '  handler       = "app.handler"\n  filename      = "app.zip"\n}\n'
                ),
                pass_=(
                    'resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                    '  role          = aws_iam_role.api.arn\n  runtime       = "python3.12"\n'
                    '  handler       = "app.handler"\n  filename      = "app.zip"\n'
                    '  tracing_config {\n    mode = "Active"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                    "      Runtime: python3.12\n      Handler: app.handler\n      Role: !GetAtt Role.Arn\n"
                    "      Code:\n        S3Bucket: code\n        S3Key: app.zip\n"
                ),
                pass_=(
                    "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                    "      Runtime: python3.12\n      Handler: app.handler\n      Role: !GetAtt Role.Arn\n"
                    "      Code:\n        S3Bucket: code\n        S3Key: app.zip\n"
                    "      TracingConfig:\n        Mode: Active\n"
                ),
            ),
        },
        tags=("logging", "tracing", "x-ray", "lambda", "apigateway", "stepfunctions"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        what = ("Lambda function" if resource.type in _FUNCTIONS
                else "API Gateway stage" if resource.type in _STAGES
                else "Step Functions state machine")
        return f"{what} '{resource.name}' has X-Ray tracing turned off"
