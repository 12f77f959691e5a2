"""LOG011: a Step Functions state machine without execution logging.

Anti-pattern: no ``logging_configuration`` / ``LoggingConfiguration`` (SAM:
``Logging``), or ``level = "OFF"``.
Fix: log executions (level ``ALL`` or ``ERROR``) to a CloudWatch log group.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class StepFunctionsLogging(LoggingRule):
    kind = "sfn_logging"
    meta = RuleMeta(
        id="LOG011",
        slug="step-functions-logging-off",
        title="Step Functions state machine has execution logging turned off",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("stepfunctions",),
        setting="logging",
        rationale=(
            "Execution logs record what each workflow run did and with which input; Standard "
            "workflows keep a 90-day execution history, Express workflows nothing at all, unless "
            "the customer configures logging (the default level is OFF)."
        ),
        remediation={
            "terraform": (
                "Add logging_configuration { log_destination = \"${aws_cloudwatch_log_group.<name>.arn}:*\", "
                "level = \"ERROR\" (or \"ALL\") } to the aws_sfn_state_machine."
            ),
            "cloudformation": (
                "Set LoggingConfiguration { Level: ERROR (or ALL), Destinations: [{ CloudWatchLogsLogGroup: "
                "{ LogGroupArn: !GetAtt <LogGroup>.Arn } }] } (SAM: Logging)."
            ),
        },
        url="https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_sfn_state_machine" "flow" {\n  name       = "flow"\n'
                    "  role_arn   = aws_iam_role.flow.arn\n  definition = file(\"flow.json\")\n}\n"
                ),
                pass_=(
                    'resource "aws_sfn_state_machine" "flow" {\n  name       = "flow"\n'
                    "  role_arn   = aws_iam_role.flow.arn\n  definition = file(\"flow.json\")\n"
                    '  logging_configuration {\n    log_destination = "${aws_cloudwatch_log_group.flow.arn}:*"\n'
                    '    level           = "ERROR"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
                    "      RoleArn: !GetAtt FlowRole.Arn\n      DefinitionString: '{}'\n"
                    "      LoggingConfiguration:\n        Level: 'OFF'\n"
                ),
                pass_=(
                    "Resources:\n  Flow:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n"
                    "      RoleArn: !GetAtt FlowRole.Arn\n      DefinitionString: '{}'\n"
                    "      LoggingConfiguration:\n        Level: ERROR\n        Destinations:\n"
                    "          - CloudWatchLogsLogGroup:\n              LogGroupArn: !GetAtt FlowLogs.Arn\n"
                ),
            ),
        },
        tags=("logging", "stepfunctions"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"Step Functions state machine '{resource.name}' has execution logging turned off"
