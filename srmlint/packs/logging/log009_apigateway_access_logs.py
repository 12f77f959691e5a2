"""LOG009: an API Gateway stage without access logging.

Anti-pattern: a REST, HTTP or WebSocket API stage with no access log
destination (``access_log_settings`` / ``AccessLogSetting(s).DestinationArn``).
SAM APIs that leave it out are not flagged: the template's ``Globals`` may set it.
Fix: send the stage's access logs to a CloudWatch log group or Firehose stream.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class ApiGatewayAccessLogs(LoggingRule):
    kind = "apigw_access_logs"
    meta = RuleMeta(
        id="LOG009",
        slug="apigateway-access-logging-off",
        title="API Gateway stage has access logging turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("apigateway",),
        setting="logging",
        rationale=(
            "An API stage is a public entry point to the application; its access logs record who "
            "called which route, from where, and with what result. API Gateway writes none unless "
            "the customer configures a destination, so abuse of the API leaves no trace."
        ),
        remediation={
            "terraform": (
                "Add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = ... } "
                "to the aws_api_gateway_stage / aws_apigatewayv2_stage."
            ),
            "cloudformation": (
                "Set AccessLogSetting (REST: AWS::ApiGateway::Stage, AWS::Serverless::Api) or AccessLogSettings "
                "(AWS::ApiGatewayV2::Stage, AWS::Serverless::HttpApi) with DestinationArn and Format."
            ),
        },
        url="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_api_gateway_stage" "prod" {\n  stage_name    = "prod"\n'
                    "  rest_api_id   = aws_api_gateway_rest_api.api.id\n"
                    "  deployment_id = aws_api_gateway_deployment.api.id\n}\n"
                ),
                pass_=(
                    'resource "aws_api_gateway_stage" "prod" {\n  stage_name    = "prod"\n'
                    "  rest_api_id   = aws_api_gateway_rest_api.api.id\n"
                    "  deployment_id = aws_api_gateway_deployment.api.id\n"
                    "  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n"
                    '    format          = "$context.requestId $context.identity.sourceIp $context.status"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Prod:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
                    "      ApiId: !Ref Api\n      StageName: prod\n"
                ),
                pass_=(
                    "Resources:\n  Prod:\n    Type: AWS::ApiGatewayV2::Stage\n    Properties:\n"
                    "      ApiId: !Ref Api\n      StageName: prod\n      AccessLogSettings:\n"
                    "        DestinationArn: !GetAtt ApiLogs.Arn\n        Format: $context.requestId\n"
                ),
            ),
        },
        tags=("logging", "apigateway", "access-logs"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"API Gateway stage '{resource.name}' has access logging turned off"
