"""Encryption at rest and in transit (``ENC``): always the customer's to configure."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.encryption.enc001_s3_default_encryption import S3DefaultEncryption
    from srmlint.packs.encryption.enc002_ebs_volume_encryption import EbsVolumeEncryption

    return [S3DefaultEncryption(), EbsVolumeEncryption()]
