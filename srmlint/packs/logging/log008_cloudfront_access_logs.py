"""LOG008: a CloudFront distribution without access logs.

Anti-pattern: no ``logging_config`` / ``DistributionConfig.Logging`` and no
CloudWatch log delivery source for the distribution.
Fix: turn standard logging on.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class CloudFrontAccessLogs(LoggingRule):
    kind = "cloudfront_access_logs"
    meta = RuleMeta(
        id="LOG008",
        slug="cloudfront-access-logs-off",
        title="CloudFront distribution has access logging turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("cloudfront",),
        setting="logging",
        rationale=(
            "CloudFront is the public edge of the content and applications behind it; its access "
            "logs record every viewer request. AWS keeps none unless the customer turns standard "
            "logging on, so scraping, probing and abuse through the edge leave no trace."
        ),
        remediation={
            "terraform": (
                "Add logging_config { bucket = aws_s3_bucket.<logs>.bucket_domain_name, prefix = ... } to the "
                "aws_cloudfront_distribution, or a CloudWatch log delivery source for it."
            ),
            "cloudformation": (
                "Set DistributionConfig.Logging { Bucket: !GetAtt <LogBucket>.DomainName, Prefix: ... }."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n'
                    "  default_cache_behavior {\n    target_origin_id       = \"site\"\n"
                    '    viewer_protocol_policy = "https-only"\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_cloudfront_distribution" "site" {\n  enabled = true\n'
                    "  default_cache_behavior {\n    target_origin_id       = \"site\"\n"
                    '    viewer_protocol_policy = "https-only"\n  }\n'
                    '  logging_config {\n    bucket = "cdn-logs.s3.amazonaws.com"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                    "      DistributionConfig:\n        Enabled: true\n"
                ),
                pass_=(
                    "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
                    "      DistributionConfig:\n        Enabled: true\n        Logging:\n"
                    "          Bucket: cdn-logs.s3.amazonaws.com\n"
                ),
            ),
        },
        tags=("logging", "cloudfront", "access-logs"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CloudFront distribution '{resource.name}' has access logging turned off"
