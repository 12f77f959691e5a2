"""LOG033: API Gateway logs full request and response data (data trace).

Anti-pattern: ``aws_api_gateway_method_settings`` ``settings {
data_trace_enabled = true }``; ``MethodSettings[].DataTraceEnabled: true`` on
an ``AWS::ApiGateway::Stage`` or SAM API, or ``StageDescription``'s on an
``AWS::ApiGateway::Deployment``. AWS's default (off) is secure.
Fix: turn data trace off; log what is needed through access logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n'
    '  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n\n  settings {\n'
    '    logging_level      = "INFO"\n'
)
_CFN = (
    "Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n"
    "      DeploymentId: !Ref Deployment\n      StageName: prod\n      MethodSettings:\n"
    "        - ResourcePath: /*\n          HttpMethod: '*'\n          LoggingLevel: INFO\n"
)


class ApiGatewayDataTrace(LoggingRule):
    kind = "apigw_data_trace"
    bad_states = frozenset({"enabled"})
    meta = RuleMeta(
        id="LOG033",
        slug="apigateway-data-trace-on",
        title="API Gateway logs full request and response data (data trace)",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("apigateway",),
        setting="logging",
        rationale=(
            "Data trace writes whole requests and responses (headers, bodies) to CloudWatch Logs, so "
            "tokens, passwords and personal data the API carries end up readable by everyone who can "
            "read the log group. AWS advises against it in production; it is off unless turned on."
        ),
        remediation={
            "terraform": "Set settings.data_trace_enabled = false (keep logging_level for execution logs).",
            "cloudformation": "Set MethodSettings[].DataTraceEnabled: false (keep LoggingLevel).",
        },
        url="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
        examples={
            "terraform": Example(
                fail=_TF + "    data_trace_enabled = true\n  }\n}\n",
                pass_=_TF + "    data_trace_enabled = false\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN + "          DataTraceEnabled: true\n",
                pass_=_CFN + "          DataTraceEnabled: false\n",
            ),
        },
        tags=("logging", "apigateway", "sensitive-data"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return (f"API Gateway '{resource.name}' logs full request and response data (data trace is on), "
                "which puts secrets and personal data in the logs")
