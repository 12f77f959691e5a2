"""BKP002: a versioned S3 bucket without MFA delete (info).

MFA delete makes deleting an object version, or suspending versioning, need
the root user's MFA code. It can only be turned on by the root user through
the API, so it is a hardening note, not a defect.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import Versioning
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

_TF = (
    'resource "aws_s3_bucket" "data" {{\n  bucket = "data"\n}}\n\n'
    'resource "aws_s3_bucket_versioning" "data" {{\n  bucket = aws_s3_bucket.data.id\n'
    '  mfa = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"\n'
    '  versioning_configuration {{\n    status     = "Enabled"\n    mfa_delete = "{mfa}"\n  }}\n}}\n'
)


class S3MfaDeleteOff(Rule):
    meta = RuleMeta(
        id="BKP002",
        slug="s3-mfa-delete-off",
        title="Versioned S3 bucket does not require MFA to delete versions",
        severity=Severity.INFO,
        layer="data",
        facts=(Versioning,),
        services=("s3",),
        setting="backup",
        rationale=(
            "Versioning keeps old versions, but anyone allowed s3:DeleteObjectVersion or "
            "s3:PutBucketVersioning can still remove them. MFA delete adds the root user's MFA "
            "to both. Only the root user can enable it, and CloudFormation cannot: treat this "
            "as a hardening note for buckets holding irreplaceable data."
        ),
        remediation={
            "terraform": (
                'Set versioning_configuration { mfa_delete = "Enabled" } and mfa on the '
                "aws_s3_bucket_versioning (applied with the root user's credentials)."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
        examples={"terraform": Example(fail=_TF.format(mfa="Disabled"), pass_=_TF.format(mfa="Enabled"))},
        tags=("backup", "s3", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.format != "terraform":
            return  # CloudFormation cannot turn MFA delete on: nothing to fix there.
        found = facts.of(Versioning)
        enabled = [f for f in found if f.state == "enabled"]
        if not enabled or any(f.mfa_delete is True or not isinstance(f.mfa_delete, bool | None) for f in found):
            return
        yield Hit(f"S3 bucket '{resource.name}' is versioned but does not require MFA to delete versions",
                  location=locate_fact(resource, enabled[0], graph))
