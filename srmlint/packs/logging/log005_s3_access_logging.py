"""LOG005: an S3 bucket without server access logging.

Anti-pattern: no ``logging`` block, no ``aws_s3_bucket_logging`` pointing at
the bucket (AWS provider v4+), no ``LoggingConfiguration``. Buckets that
themselves receive access logs (the target of another bucket's logging, a
load balancer's or CloudFront's log bucket, a ``log-delivery-write`` ACL) are
not flagged: logging a log bucket only adds noise.
Fix: send the bucket's access logs to a dedicated log bucket.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class S3AccessLogging(LoggingRule):
    kind = "s3_access_logs"
    meta = RuleMeta(
        id="LOG005",
        slug="s3-access-logging-off",
        title="S3 bucket has no server access logging",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("s3",),
        setting="logging",
        rationale=(
            "Server access logs record every request made to a bucket, including who read which "
            "object; CloudTrail records object-level reads and writes only when data events are "
            "configured. Without either, an investigation cannot tell what data left the bucket. "
            "Buckets that receive logs themselves are not flagged."
        ),
        remediation={
            "terraform": (
                "Add an aws_s3_bucket_logging with bucket = aws_s3_bucket.<name>.id and "
                "target_bucket = aws_s3_bucket.<log bucket>.id (or a logging block on provider v3)."
            ),
            "cloudformation": (
                "Set LoggingConfiguration { DestinationBucketName: !Ref <LogBucket>, LogFilePrefix: ... } "
                "on the AWS::S3::Bucket."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
        examples={
            "terraform": Example(
                fail='resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
                pass_=(
                    'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n\n'
                    'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\n'
                    'resource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n'
                    '  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "data/"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Data:\n    Type: AWS::S3::Bucket\n",
                pass_=(
                    "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      LoggingConfiguration:\n        DestinationBucketName: !Ref Logs\n"
                    "  Logs:\n    Type: AWS::S3::Bucket\n"
                ),
            ),
        },
        tags=("logging", "s3", "access-logs"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        return fact.state in self.bad_states and "log_target" not in fact.detail

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"S3 bucket '{resource.name}' has no server access logging"
