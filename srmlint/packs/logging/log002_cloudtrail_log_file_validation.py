"""LOG002: a CloudTrail trail without log file integrity validation.

Anti-pattern: ``enable_log_file_validation`` / ``EnableLogFileValidation`` unset or false.
Fix: turn validation on, so tampering with delivered log files can be detected.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class CloudTrailLogFileValidation(LoggingRule):
    kind = "trail_log_validation"
    meta = RuleMeta(
        id="LOG002",
        slug="cloudtrail-log-file-validation-off",
        title="CloudTrail trail has log file validation turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudtrail",),
        setting="logging",
        rationale=(
            "Log file validation makes CloudTrail deliver signed digest files, so anyone can prove "
            "later that a log file was not modified or deleted. Without it (the default) an intruder "
            "who reaches the log bucket can rewrite the audit trail undetected."
        ),
        remediation={
            "terraform": "Set enable_log_file_validation = true on the aws_cloudtrail.",
            "cloudformation": "Set EnableLogFileValidation: true on the AWS::CloudTrail::Trail.",
        },
        url="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n  enable_log_file_validation = false\n}\n'
                ),
                pass_=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n  enable_log_file_validation = true\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n"
                ),
                pass_=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n      EnableLogFileValidation: true\n"
                ),
            ),
        },
        tags=("logging", "cloudtrail", "audit", "integrity"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudTrail trail '{resource.name}' has log file validation turned off"
