"""LOG034: a CloudWatch alarm whose actions are turned off.

Anti-pattern: ``actions_enabled = false`` / ``ActionsEnabled: false`` on a
metric or composite alarm: the alarm changes state but notifies no one and
runs none of its actions. AWS's default (true) is secure.
Fix: turn the actions on.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_cloudwatch_metric_alarm" "root_login" {\n  alarm_name          = "root-login"\n'
    '  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods  = 1\n'
    '  metric_name         = "RootLogin"\n  namespace           = "Security"\n  period              = 300\n'
    '  statistic           = "Sum"\n  threshold           = 1\n  alarm_actions       = [aws_sns_topic.security.arn]\n'
)
_CFN = (
    "Resources:\n  RootLogin:\n    Type: AWS::CloudWatch::Alarm\n    Properties:\n"
    "      ComparisonOperator: GreaterThanOrEqualToThreshold\n      EvaluationPeriods: 1\n"
    "      MetricName: RootLogin\n      Namespace: Security\n      Period: 300\n      Statistic: Sum\n"
    "      Threshold: 1\n      AlarmActions: [!Ref SecurityTopic]\n"
)


class CloudWatchAlarmActionsOff(LoggingRule):
    kind = "alarm_actions"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG034",
        slug="cloudwatch-alarm-actions-off",
        title="CloudWatch alarm has its actions turned off",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudwatch",),
        setting="logging",
        rationale=(
            "An alarm is the customer's way to be told that a metric (failed sign-ins, root usage, "
            "errors) crossed a threshold. With its actions off it still changes state, but notifies "
            "no one and runs no action, so the event goes unnoticed."
        ),
        remediation={
            "terraform": "Remove actions_enabled = false (it defaults to true).",
            "cloudformation": "Remove ActionsEnabled: false (it defaults to true).",
        },
        url="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
        examples={
            "terraform": Example(
                fail=_TF + "  actions_enabled     = false\n}\n",
                pass_=_TF + "  actions_enabled     = true\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN + "      ActionsEnabled: false\n",
                pass_=_CFN + "      ActionsEnabled: true\n",
            ),
        },
        tags=("logging", "monitoring", "cloudwatch", "alarm"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudWatch alarm '{resource.name}' has its actions turned off: it notifies no one"
