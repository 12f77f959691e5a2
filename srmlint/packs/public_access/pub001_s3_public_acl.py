"""PUB001: an S3 bucket ACL grants access to everyone.

Anti-pattern: canned ACL ``public-read``, ``public-read-write`` or
``authenticated-read`` (CloudFormation ``PublicRead``, ``PublicReadWrite``,
``AuthenticatedRead``), or a grant to the AllUsers / AuthenticatedUsers groups,
on the bucket or on a split ``aws_s3_bucket_acl``.
Fix: keep the bucket private; serve public content through CloudFront with origin access control.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class S3PublicAcl(ExposureRule):
    kind = "s3_acl"
    message = "S3 bucket ACL of '{name}' grants access to everyone ({detail})"
    meta = RuleMeta(
        id="PUB001",
        slug="s3-public-acl",
        title="S3 bucket ACL grants access to everyone",
        severity=Severity.CRITICAL,
        layer="identity_access",
        facts=(PublicExposure,),
        services=("s3",),
        setting="public_access",
        rationale=(
            "Who may read and write a bucket is the customer's decision. The public-read, "
            "public-read-write and authenticated-read ACLs (authenticated means any AWS account) "
            "expose every object to the world, and public-read-write also lets anyone plant or "
            "overwrite content. AWS blocks such ACLs by default on new buckets only while Block "
            "Public Access and Object Ownership 'bucket owner enforced' stay on."
        ),
        remediation={
            "terraform": (
                "Remove acl = \"public-read\" (and public grants) from aws_s3_bucket / "
                "aws_s3_bucket_acl, set object_ownership = \"BucketOwnerEnforced\" in "
                "aws_s3_bucket_ownership_controls, and serve public content through CloudFront."
            ),
            "cloudformation": (
                "Remove AccessControl: PublicRead (or PublicReadWrite, AuthenticatedRead), set "
                "OwnershipControls to BucketOwnerEnforced, and serve public content through CloudFront."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n}\n'
                    'resource "aws_s3_bucket_acl" "site" {\n  bucket = aws_s3_bucket.site.id\n'
                    '  acl = "public-read"\n}\n'
                ),
                pass_=(
                    'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n}\n'
                    'resource "aws_s3_bucket_acl" "site" {\n  bucket = aws_s3_bucket.site.id\n'
                    '  acl = "private"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      AccessControl: PublicReadWrite\n"
                ),
                pass_=(
                    "Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      AccessControl: Private\n"
                ),
            ),
        },
        tags=("public-access", "s3", "acl"),
    )
