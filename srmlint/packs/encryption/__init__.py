"""Encryption at rest and in transit (``ENC``): always the customer's to configure."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.encryption.enc001_s3_default_encryption import S3DefaultEncryption
    from srmlint.packs.encryption.enc002_ebs_volume_encryption import EbsVolumeEncryption
    from srmlint.packs.encryption.enc003_data_store_unencrypted import DataStoreUnencrypted
    from srmlint.packs.encryption.enc004_customer_managed_key import CustomerManagedKey
    from srmlint.packs.encryption.enc005_kms_key_rotation import KmsKeyRotation
    from srmlint.packs.encryption.enc006_plaintext_http import PlaintextHttp
    from srmlint.packs.encryption.enc007_outdated_tls_policy import OutdatedTlsPolicy
    from srmlint.packs.encryption.enc008_transit_encryption_off import TransitEncryptionOff
    from srmlint.packs.encryption.enc009_copy_not_encrypted import CopyNotEncrypted
    from srmlint.packs.encryption.enc010_ebs_default_encryption_off import EbsDefaultEncryptionOff
    from srmlint.packs.encryption.enc011_cloudfront_hsts import CloudFrontHsts
    from srmlint.packs.encryption.enc012_athena_client_override import AthenaClientOverride
    from srmlint.packs.encryption.enc013_s3_secure_transport import S3SecureTransport
    from srmlint.packs.encryption.enc014_expired_server_ca import ExpiredServerCa
    from srmlint.packs.encryption.enc015_sha1_ssh_policy import Sha1SshPolicy
    from srmlint.packs.encryption.enc016_cache_without_auth import CacheWithoutAuth

    return [
        S3DefaultEncryption(), EbsVolumeEncryption(), DataStoreUnencrypted(), CustomerManagedKey(),
        KmsKeyRotation(), PlaintextHttp(), OutdatedTlsPolicy(), TransitEncryptionOff(), CopyNotEncrypted(),
        EbsDefaultEncryptionOff(), CloudFrontHsts(), AthenaClientOverride(),
        S3SecureTransport(), ExpiredServerCa(), Sha1SshPolicy(), CacheWithoutAuth(),
    ]
