"""LOG003: a CloudTrail trail that does not send its events to CloudWatch Logs.

Anti-pattern: no ``cloud_watch_logs_group_arn`` / ``CloudWatchLogsLogGroupArn``.
Fix: deliver the trail to a log group, where metric filters and alarms can watch it.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class CloudTrailCloudWatchLogs(LoggingRule):
    kind = "trail_cloudwatch_logs"
    meta = RuleMeta(
        id="LOG003",
        slug="cloudtrail-no-cloudwatch-logs",
        title="CloudTrail trail does not deliver events to CloudWatch Logs",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudtrail",),
        setting="logging",
        rationale=(
            "A trail that only writes to S3 is a record for later, not monitoring: nothing alerts on "
            "root sign-ins, policy changes or disabled trails as they happen. Delivering the trail to "
            "CloudWatch Logs is what lets metric filters and alarms watch it."
        ),
        remediation={
            "terraform": (
                "Set cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.<name>.arn}:*\" and "
                "cloud_watch_logs_role_arn to a role CloudTrail can assume to write to it."
            ),
            "cloudformation": (
                "Set CloudWatchLogsLogGroupArn: !GetAtt <LogGroup>.Arn and CloudWatchLogsRoleArn to a "
                "role CloudTrail can assume to write to it."
            ),
        },
        url="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n}\n'
                ),
                pass_=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n'
                    '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n'
                    "  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n"
                ),
                pass_=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n"
                    "      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\n"
                    "      CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn\n"
                ),
            ),
        },
        tags=("logging", "cloudtrail", "monitoring"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudTrail trail '{resource.name}' does not deliver its events to CloudWatch Logs"
