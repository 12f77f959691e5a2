"""LOG040: a CloudWatch log group that keeps its events for less than a year.

Anti-pattern: ``retention_in_days`` / ``RetentionInDays`` set below 365.
A log group without retention (kept forever) is LOG017's concern, not this
rule's. Info: a year is what audit frameworks (CIS, PCI DSS) ask of audit
logs; application logs may rightly be kept for less.
Fix: keep logs for at least 365 days, or export them to longer-term storage.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = 'resource "aws_cloudwatch_log_group" "audit" {\n  name              = "/audit/app"\n'
_CFN = (
    "Resources:\n  Audit:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /audit/app\n"
)
YEAR = 365


class LogGroupRetentionShort(LoggingRule):
    kind = "log_group_retention"
    meta = RuleMeta(
        id="LOG040",
        slug="log-group-retention-under-a-year",
        title="CloudWatch log group keeps its events for less than a year",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudwatch",),
        setting="logging",
        rationale=(
            "Intrusions are often found months after they began; logs deleted by then cannot show how. "
            "Audit frameworks (CIS, PCI DSS) ask for a year of audit logs. Info: the right retention "
            "depends on what the group holds, and logs may be exported elsewhere."
        ),
        remediation={
            "terraform": "Set retention_in_days = 365 (or more), or export the logs to S3 with a longer lifecycle.",
            "cloudformation": "Set RetentionInDays: 365 (or more), or export the logs to S3 with a longer lifecycle.",
        },
        url="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
        examples={
            "terraform": Example(
                fail=_TF + "  retention_in_days = 30\n}\n", pass_=_TF + "  retention_in_days = 365\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN + "      RetentionInDays: 30\n", pass_=_CFN + "      RetentionInDays: 400\n",
            ),
        },
        tags=("logging", "cloudwatch", "retention"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        if fact.state != "enabled" or not fact.detail:
            return False
        try:
            return int(fact.detail[0]) < YEAR
        except ValueError:
            return False

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudWatch log group '{resource.name}' keeps its events for {fact.detail[0]} days, less than a year"
