"""LOG001: a CloudTrail trail that records one region only.

Anti-pattern: ``is_multi_region_trail`` / ``IsMultiRegionTrail`` unset or false.
Fix: make the trail multi-region, so activity in every region is recorded.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class CloudTrailMultiRegion(LoggingRule):
    kind = "trail_multi_region"
    meta = RuleMeta(
        id="LOG001",
        slug="cloudtrail-not-multi-region",
        title="CloudTrail trail records only its home region",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudtrail",),
        setting="logging",
        rationale=(
            "AWS records API activity; keeping an audit trail of it is the customer's side of the "
            "model. A single-region trail (the default) misses everything done in the other regions, "
            "which is exactly where an intruder with stolen credentials launches resources unnoticed."
        ),
        remediation={
            "terraform": "Set is_multi_region_trail = true on the aws_cloudtrail.",
            "cloudformation": "Set IsMultiRegionTrail: true on the AWS::CloudTrail::Trail.",
        },
        url="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n'
                    '  s3_bucket_name = "audit-logs"\n}\n'
                ),
                pass_=(
                    'resource "aws_cloudtrail" "audit" {\n  name                  = "audit"\n'
                    '  s3_bucket_name        = "audit-logs"\n  is_multi_region_trail = true\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n"
                ),
                pass_=(
                    "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    "      IsLogging: true\n      S3BucketName: audit-logs\n      IsMultiRegionTrail: true\n"
                ),
            ),
        },
        tags=("logging", "cloudtrail", "audit"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudTrail trail '{resource.name}' records only its home region (not multi-region)"
