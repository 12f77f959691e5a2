"""LOG017: a CloudWatch log group with no retention period.

Anti-pattern: ``retention_in_days`` / ``RetentionInDays`` unset (or 0).
Fix: set the retention period your policy requires.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class LogGroupRetention(LoggingRule):
    kind = "log_group_retention"
    bad_states = frozenset({"unset"})
    meta = RuleMeta(
        id="LOG017",
        slug="log-group-retention-unset",
        title="CloudWatch log group has no retention period (logs never expire)",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudwatch",),
        setting="logging",
        rationale=(
            "Without a retention period CloudWatch keeps the logs forever. That loses no evidence, "
            "hence only info; but logs often carry personal data and secrets, and keeping them "
            "without limit conflicts with data-minimisation rules and grows cost. Set the period "
            "your retention policy requires, deliberately."
        ),
        remediation={
            "terraform": "Set retention_in_days (e.g. 365) on the aws_cloudwatch_log_group.",
            "cloudformation": "Set RetentionInDays (e.g. 365) on the AWS::Logs::LogGroup.",
        },
        url="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html",
        examples={
            "terraform": Example(
                fail='resource "aws_cloudwatch_log_group" "app" {\n  name = "/app"\n}\n',
                pass_=(
                    'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/app"\n'
                    "  retention_in_days = 365\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  App:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /app\n",
                pass_=(
                    "Resources:\n  App:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /app\n"
                    "      RetentionInDays: 365\n"
                ),
            ),
        },
        tags=("logging", "cloudwatch", "retention"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudWatch log group '{resource.name}' has no retention period: its logs never expire"
