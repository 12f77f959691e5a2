"""PUB005: an S3 public access block that leaves restrict_public_buckets off.

Anti-pattern: a declared ``aws_s3_bucket_public_access_block`` /
``aws_s3_account_public_access_block`` (or CloudFormation
``PublicAccessBlockConfiguration``) with ``restrict_public_buckets`` / ``RestrictPublicBuckets`` false or omitted.
Fix: set it to true.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicAccessBlock
from srmlint.packs.public_access._pab import PublicAccessBlockFlag, examples, remediation
from srmlint.rule import RuleMeta, Severity


class RestrictPublicBucketsOff(PublicAccessBlockFlag):
    flag = "restrict_public_buckets"
    meta = RuleMeta(
        id="PUB005",
        slug="s3-restrict-public-buckets-off",
        title="S3 public access block does not restrict public buckets",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PublicAccessBlock,),
        services=("s3",),
        setting="public_access",
        rationale=(
            "S3 Block Public Access is the customer's guard rail against publishing data by "
            "mistake. restrict_public_buckets limits a bucket with a public policy to AWS service principals and "
            "authorised users of the owning account. With it off, a public bucket policy takes effect for "
            "anonymous and cross-account callers. "
            "A declared configuration overrides the secure default AWS gives new buckets, and a "
            "flag it omits is off."
        ),
        remediation=remediation("restrict_public_buckets"),
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        examples=examples("restrict_public_buckets"),
        tags=("public-access", "s3", "block-public-access"),
    )
