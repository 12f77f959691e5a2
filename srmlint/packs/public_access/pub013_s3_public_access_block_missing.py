"""PUB013: S3 bucket declares no public access block.

Anti-pattern: an ``aws_s3_bucket`` that no ``aws_s3_bucket_public_access_block``
refers to (through the graph or by its literal name) and no account-level
block with all four flags covers; an ``AWS::S3::Bucket`` without
``PublicAccessBlockConfiguration``.
Fix: declare the block with all four flags true.
Low severity: AWS turns all four settings on for new buckets (since April
2023); the finding is that the template leaves the guard rail to a default it
does not pin down.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PublicAccessBlock
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class PublicAccessBlockMissing(Rule):
    meta = RuleMeta(
        id="PUB013",
        slug="s3-public-access-block-missing",
        title="S3 bucket declares no public access block",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PublicAccessBlock,),
        services=("s3",),
        setting="public_access",
        rationale=(
            "S3 Block Public Access is the customer's guard rail against publishing a bucket by mistake "
            "(a public ACL, a bucket policy for Principal \"*\"). AWS turns all four settings on for buckets "
            "created since April 2023, so a bucket without a declared block is private by default; but the "
            "template does not say so, a later console or API change is not drift the IaC would notice, and "
            "older buckets imported into the template keep whatever they had. Declaring the block with all "
            "four flags makes the intent explicit and reviewable."
        ),
        remediation={
            "terraform": (
                "Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, "
                "block_public_policy, ignore_public_acls and restrict_public_buckets all true (or an "
                "aws_s3_account_public_access_block with all four true)."
            ),
            "cloudformation": (
                "Add PublicAccessBlockConfiguration to the bucket with BlockPublicAcls, BlockPublicPolicy, "
                "IgnorePublicAcls and RestrictPublicBuckets all true."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        examples={
            "terraform": Example(
                fail='resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
                pass_=(
                    'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n'
                    'resource "aws_s3_bucket_public_access_block" "data" {\n  bucket = aws_s3_bucket.data.id\n'
                    '  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n'
                    '  restrict_public_buckets = true\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Data:\n    Type: AWS::S3::Bucket\n",
                pass_=(
                    "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n"
                    "        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n"
                    "        RestrictPublicBuckets: true\n"
                ),
            ),
        },
        tags=("public-access", "s3", "block-public-access"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for block in facts.of(PublicAccessBlock):
            if block.scope == "bucket" and not block.present:
                yield Hit(
                    f"S3 bucket '{resource.name}' declares no public access block; it relies on the AWS "
                    "default (all four settings on for new buckets) instead of stating it",
                    location=resource.locate(),
                )
