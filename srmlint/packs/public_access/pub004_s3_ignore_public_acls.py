"""PUB004: an S3 public access block that leaves ignore_public_acls off.

Anti-pattern: a declared ``aws_s3_bucket_public_access_block`` /
``aws_s3_account_public_access_block`` (or CloudFormation
``PublicAccessBlockConfiguration``) with ``ignore_public_acls`` / ``IgnorePublicAcls`` false or omitted.
Fix: set it to true.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicAccessBlock
from srmlint.packs.public_access._pab import PublicAccessBlockFlag, examples, remediation
from srmlint.rule import RuleMeta, Severity


class IgnorePublicAclsOff(PublicAccessBlockFlag):
    flag = "ignore_public_acls"
    meta = RuleMeta(
        id="PUB004",
        slug="s3-ignore-public-acls-off",
        title="S3 public access block does not ignore public ACLs",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PublicAccessBlock,),
        services=("s3",),
        setting="public_access",
        rationale=(
            "S3 Block Public Access is the customer's guard rail against publishing data by "
            "mistake. ignore_public_acls makes S3 disregard every public ACL already on the bucket and its "
            "objects. With it off, public ACLs set earlier, or by other tools, keep exposing objects. "
            "A declared configuration overrides the secure default AWS gives new buckets, and a "
            "flag it omits is off."
        ),
        remediation=remediation("ignore_public_acls"),
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        examples=examples("ignore_public_acls"),
        tags=("public-access", "s3", "block-public-access"),
    )
