"""ENC001: an S3 bucket without a default encryption configuration.

Anti-pattern: a bucket with no server-side encryption configuration, neither
inline nor as a connected ``aws_s3_bucket_server_side_encryption_configuration``.
Fix: configure default encryption, preferably with a customer-managed KMS key.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class S3DefaultEncryption(Rule):
    meta = RuleMeta(
        id="ENC001",
        slug="s3-default-encryption-unset",
        title="S3 bucket has no default encryption configured",
        severity=Severity.HIGH,
        layer="encryption",
        facts=(EncryptionAtRest,),
        services=("s3",),
        setting="encryption_at_rest",
        rationale=(
            "Encryption configuration is the customer's side of the shared responsibility "
            "model on every service. Without an explicit configuration the bucket relies on "
            "AWS's default (SSE-S3 since January 2023): keys AWS owns, no key policy to limit "
            "who can decrypt, no CloudTrail record of key use, and nothing in the template "
            "that a reviewer can hold to a standard."
        ),
        remediation={
            "terraform": (
                "Add an aws_s3_bucket_server_side_encryption_configuration whose bucket is "
                "aws_s3_bucket.<name>.id, with rule { apply_server_side_encryption_by_default "
                "{ sse_algorithm = \"aws:kms\", kms_master_key_id = aws_kms_key.<key>.arn } }."
            ),
            "cloudformation": (
                "Set BucketEncryption.ServerSideEncryptionConfiguration with "
                "ServerSideEncryptionByDefault { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
        examples={
            "terraform": Example(
                fail='resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
                pass_=(
                    'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n\n'
                    'resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n'
                    "  bucket = aws_s3_bucket.logs.id\n  rule {\n"
                    "    apply_server_side_encryption_by_default {\n"
                    '      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n",
                pass_=(
                    "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n"
                    "          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n"
                ),
            ),
        },
        tags=("encryption", "s3", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        encryption = facts.of(EncryptionAtRest)
        if encryption and all(f.state == "unset" for f in encryption):
            yield Hit(f"S3 bucket '{resource.name}' has no default encryption configured",
                      path=encryption[0].path)
