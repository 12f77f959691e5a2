"""PUB003: an S3 public access block that leaves block_public_policy off.

Anti-pattern: a declared ``aws_s3_bucket_public_access_block`` /
``aws_s3_account_public_access_block`` (or CloudFormation
``PublicAccessBlockConfiguration``) with ``block_public_policy`` / ``BlockPublicPolicy`` false or omitted.
Fix: set it to true.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicAccessBlock
from srmlint.packs.public_access._pab import PublicAccessBlockFlag, examples, remediation
from srmlint.rule import RuleMeta, Severity


class BlockPublicPolicyOff(PublicAccessBlockFlag):
    flag = "block_public_policy"
    meta = RuleMeta(
        id="PUB003",
        slug="s3-block-public-policy-off",
        title="S3 public access block does not block public policies",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PublicAccessBlock,),
        services=("s3",),
        setting="public_access",
        rationale=(
            "S3 Block Public Access is the customer's guard rail against publishing data by "
            "mistake. block_public_policy makes S3 reject a bucket policy that grants public access. With it off,"
            " one policy edit (a Principal '*' statement) publishes the whole bucket. "
            "A declared configuration overrides the secure default AWS gives new buckets, and a "
            "flag it omits is off."
        ),
        remediation=remediation("block_public_policy"),
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        examples=examples("block_public_policy"),
        tags=("public-access", "s3", "block-public-access"),
    )
