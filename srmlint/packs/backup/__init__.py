"""Backup and versioning (``BKP``): data resilience is the customer's, whatever the service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.backup.bkp001_s3_versioning_off import S3VersioningOff
    from srmlint.packs.backup.bkp002_s3_mfa_delete_off import S3MfaDeleteOff
    from srmlint.packs.backup.bkp003_db_automated_backups_off import DbAutomatedBackupsOff
    from srmlint.packs.backup.bkp004_db_backup_retention_default import DbBackupRetentionDefault
    from srmlint.packs.backup.bkp005_elasticache_snapshots_off import ElastiCacheSnapshotsOff
    from srmlint.packs.backup.bkp006_dynamodb_pitr_off import DynamoDbPitrOff
    from srmlint.packs.backup.bkp007_db_deletion_protection_off import DbDeletionProtectionOff
    from srmlint.packs.backup.bkp008_aurora_backtrack_off import AuroraBacktrackOff

    return [S3VersioningOff(), S3MfaDeleteOff(), DbAutomatedBackupsOff(), DbBackupRetentionDefault(),
            ElastiCacheSnapshotsOff(), DynamoDbPitrOff(), DbDeletionProtectionOff(), AuroraBacktrackOff()]
