"""LOG004: a CloudTrail trail whose logging is stopped.

Anti-pattern: ``enable_logging = false`` / ``IsLogging: false``.
Fix: turn logging on; a stopped trail records nothing.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class CloudTrailLoggingOff(LoggingRule):
    kind = "trail_logging"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG004",
        slug="cloudtrail-logging-off",
        title="CloudTrail trail has logging turned off",
        severity=Severity.HIGH,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudtrail",),
        setting="logging",
        rationale=(
            "A trail with logging stopped records no API activity at all: the account has no audit "
            "trail for the regions and events the trail was meant to cover, and stopping trails is "
            "a classic step of an intruder covering their tracks."
        ),
        remediation={
            "terraform": "Remove enable_logging = false (it defaults to true) from the aws_cloudtrail.",
            "cloudformation": "Set IsLogging: true on the AWS::CloudTrail::Trail.",
        },
        url="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n  enable_logging = false\n}\n'
                ),
                pass_=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: false\n      S3BucketName: audit-logs\n"
                ),
                pass_=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n"
                ),
            ),
        },
        tags=("logging", "cloudtrail", "audit"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudTrail trail '{resource.name}' has logging turned off"
