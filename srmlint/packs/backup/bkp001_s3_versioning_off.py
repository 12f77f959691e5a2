"""BKP001: an S3 bucket without versioning.

Anti-pattern: no versioning, inline or as a connected
``aws_s3_bucket_versioning``, or versioning suspended: an overwrite or a
delete (by mistake, by a bug, by ransomware with write access) loses the object.
Fix: enable versioning (with lifecycle rules expiring old versions).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import Versioning
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class S3VersioningOff(Rule):
    meta = RuleMeta(
        id="BKP001",
        slug="s3-versioning-off",
        title="S3 bucket does not have versioning enabled",
        severity=Severity.MEDIUM,
        layer="data",
        facts=(Versioning,),
        services=("s3",),
        setting="backup",
        rationale=(
            "AWS keeps S3 durable, not recoverable: protecting data against deletion and "
            "overwrite is the customer's. Without versioning an overwritten or deleted object is "
            "gone, whether a bug, an operator or an attacker with write access removed it."
        ),
        remediation={
            "terraform": (
                "Add an aws_s3_bucket_versioning whose bucket is aws_s3_bucket.<name>.id with "
                'versioning_configuration { status = "Enabled" } (and a lifecycle rule expiring '
                "noncurrent versions)."
            ),
            "cloudformation": "Set VersioningConfiguration: { Status: Enabled } on the bucket.",
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
        examples={
            "terraform": Example(
                fail='resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
                pass_=(
                    'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n\n'
                    'resource "aws_s3_bucket_versioning" "data" {\n  bucket = aws_s3_bucket.data.id\n'
                    '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Data:\n    Type: AWS::S3::Bucket\n",
                pass_="Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                      "      VersioningConfiguration:\n        Status: Enabled\n",
            ),
        },
        tags=("backup", "s3", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        found = facts.of(Versioning)
        if not found or any(f.state in ("enabled", "unknown") for f in found):
            return
        suspended = next((f for f in found if f.state == "suspended"), None)
        if suspended is not None:
            yield Hit(f"S3 bucket '{resource.name}' has versioning suspended",
                      location=locate_fact(resource, suspended, graph))
        else:
            yield Hit(f"S3 bucket '{resource.name}' does not have versioning enabled", path=found[0].path)
