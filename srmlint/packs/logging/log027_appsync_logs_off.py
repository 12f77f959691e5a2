"""LOG027: an AppSync GraphQL API logs nothing.

Anti-pattern: no ``log_config`` / ``LogConfig``, or field-level logging
``NONE``.
Fix: configure logging with field log level ``ERROR`` (or ``ALL`` while
debugging) and a CloudWatch Logs role.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = 'resource "aws_appsync_graphql_api" "api" {\n  name                = "api"\n  authentication_type = "AWS_IAM"\n'
_CFN = (
    "Resources:\n  Api:\n    Type: AWS::AppSync::GraphQLApi\n    Properties:\n      Name: api\n"
    "      AuthenticationType: AWS_IAM\n"
)


class AppSyncLogsOff(LoggingRule):
    kind = "appsync_logs"
    meta = RuleMeta(
        id="LOG027",
        slug="appsync-logs-off",
        title="AppSync API has no resolver logging",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("appsync",),
        setting="logging",
        rationale=(
            "AppSync logs requests and resolver errors to CloudWatch only when the customer configures "
            "a log config with a field log level other than NONE; without it, abuse of the API and "
            "failing authorization leave no trace beyond metrics."
        ),
        remediation={
            "terraform": (
                'Add log_config { cloudwatch_logs_role_arn = ..., field_log_level = "ERROR" } to the '
                "aws_appsync_graphql_api."
            ),
            "cloudformation": "Set LogConfig { CloudWatchLogsRoleArn: ..., FieldLogLevel: ERROR }.",
        },
        url="https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html",
        examples={
            "terraform": Example(
                fail=_TF + "}\n",
                pass_=_TF + "  log_config {\n    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn\n"
                '    field_log_level          = "ERROR"\n  }\n}\n',
            ),
            "cloudformation": Example(
                fail=_CFN + "      LogConfig:\n        CloudWatchLogsRoleArn: !GetAtt LogsRole.Arn\n"
                "        FieldLogLevel: NONE\n",
                pass_=_CFN + "      LogConfig:\n        CloudWatchLogsRoleArn: !GetAtt LogsRole.Arn\n"
                "        FieldLogLevel: ERROR\n",
            ),
        },
        tags=("logging", "appsync", "graphql"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        if fact.state == "disabled":
            return f"AppSync API '{resource.name}' has field-level logging set to NONE"
        return f"AppSync API '{resource.name}' has no logging configured"
