"""Backup and versioning facts: S3 versioning, automated backup retention,
point-in-time recovery and deletion protection."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

from srmlint.aws.facts import BackupRetention, DeletionProtection, PointInTimeRecovery, Versioning
from srmlint.aws.values import as_bool, as_int, blocks, dynamic_block
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------ S3 versioning

S3_VERSIONING = "aws_s3_bucket_versioning"
VersioningState = Literal["enabled", "suspended", "unset", "unknown"]


def _status(value: Any) -> VersioningState:
    if isinstance(value, Unknown):
        return "unknown"
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered == "enabled":
            return "enabled"
        if lowered in ("suspended", "disabled"):
            return "suspended"
    return "unknown" if value is not None else "unset"


def _mfa(value: Any) -> bool | Unknown | None:
    if isinstance(value, str) and value.strip().lower() in ("enabled", "disabled"):
        return value.strip().lower() == "enabled"
    return as_bool(value)


def _inline_versioning(resource: Resource) -> Iterator[Versioning]:
    if dynamic_block(resource.attributes, "versioning"):
        yield Versioning(path=("dynamic",), source=None, state="unknown")
    for i, body in enumerate(blocks(resource.attributes.get("versioning"))):
        enabled = as_bool(body.get("enabled"))
        state: VersioningState = ("unknown" if isinstance(enabled, Unknown) else "enabled" if enabled
                                  else "unset" if enabled is None else "suspended")
        yield Versioning(path=("versioning", i), source=None, state=state, mfa_delete=_mfa(body.get("mfa_delete")))


def _connected_versioning(resource: Resource, graph: ResourceGraph) -> Iterator[Versioning]:
    connected = graph.referrers(resource, type_=S3_VERSIONING, via="bucket")
    name = resource.attributes.get("bucket")
    if isinstance(name, str):
        connected += [r for r in graph.by_type(S3_VERSIONING, resource.scope)
                      if r not in connected and r.attributes.get("bucket") == name]
    for config in connected:
        bodies = config.attributes.get("versioning_configuration")
        if isinstance(bodies, Unknown) or dynamic_block(config.attributes, "versioning_configuration"):
            yield Versioning(path=("versioning_configuration",), source=config.address, state="unknown")
            continue
        for i, body in enumerate(blocks(bodies)):
            yield Versioning(path=("versioning_configuration", i, "status"), source=config.address,
                             state=_status(body.get("status")), mfa_delete=_mfa(body.get("mfa_delete")))


def s3_versioning_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[Versioning]:
    facts = [*_inline_versioning(resource), *_connected_versioning(resource, graph)]
    yield from facts or [Versioning(path=(), source=None, state="unset")]


def s3_versioning_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[Versioning]:
    config = resource.attributes.get("VersioningConfiguration")
    if config is None:
        yield Versioning(path=(), source=None, state="unset")
    elif isinstance(config, Mapping):
        yield Versioning(path=("VersioningConfiguration", "Status"), source=None, state=_status(config.get("Status")))
    else:
        yield Versioning(path=("VersioningConfiguration",), source=None, state="unknown")


# ------------------------------------------------------ backup retention

def _text(resource: Resource, key: str) -> str | None:
    value = resource.attributes.get(key)
    return value.lower() if isinstance(value, str) else None


def _retention(resource: Resource, key: str, default_days: int) -> Iterator[BackupRetention]:
    value = resource.attributes.get(key)
    yield BackupRetention(path=(key,) if value is not None else (), source=None, days=as_int(value),
                          default_days=default_days)


def _rds_instance_owns_backups(resource: Resource, cluster_key: str | None, replica_keys: tuple[str, ...],
                               engine_key: str) -> bool:
    """Aurora instances take their backups and deletion protection from the
    cluster; read replicas have none of their own (a replica of a replica
    aside). Unknown values count as "maybe": no fact, no finding.
    (Terraform's aws_db_instance has no cluster argument: Aurora members are
    aws_rds_cluster_instance, which carries neither setting.)"""
    if cluster_key is not None and resource.attributes.get(cluster_key) is not None:
        return False
    if any(resource.attributes.get(k) is not None for k in replica_keys):
        return False
    engine = resource.attributes.get(engine_key)
    if isinstance(engine, Unknown):
        return False
    return not (isinstance(engine, str) and engine.lower().startswith("aurora"))


def db_instance_retention_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    if _rds_instance_owns_backups(resource, None, ("replicate_source_db",), "engine"):
        yield from _retention(resource, "backup_retention_period", 1)


def db_instance_retention_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    if _rds_instance_owns_backups(resource, "DBClusterIdentifier",
                                  ("SourceDBInstanceIdentifier", "SourceDBClusterIdentifier"), "Engine"):
        yield from _retention(resource, "BackupRetentionPeriod", 1)


def cluster_retention_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _retention(resource, "backup_retention_period", 1)


def cluster_retention_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _retention(resource, "BackupRetentionPeriod", 1)


def redshift_retention_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _retention(resource, "automated_snapshot_retention_period", 1)


def redshift_retention_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _retention(resource, "AutomatedSnapshotRetentionPeriod", 1)


def _redis_snapshots(resource: Resource, engine_key: str, node_key: str, key: str,
                     engine_default: str | None) -> Iterator[BackupRetention]:
    """Redis OSS / Valkey keep no snapshots unless a retention limit is set;
    Memcached has none to keep, and cache.t1 nodes cannot take them."""
    engine = resource.attributes.get(engine_key, engine_default)
    if not isinstance(engine, str) or engine.lower() not in ("redis", "valkey"):
        return
    node = resource.attributes.get(node_key)
    if isinstance(node, str) and node.startswith("cache.t1."):
        return
    yield from _retention(resource, key, 0)


def elasticache_cluster_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    # A member of a replication group takes its snapshot settings from the group.
    if resource.attributes.get("replication_group_id") is None:
        yield from _redis_snapshots(resource, "engine", "node_type", "snapshot_retention_limit", None)


def elasticache_group_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _redis_snapshots(resource, "engine", "node_type", "snapshot_retention_limit", "redis")


def elasticache_cluster_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _redis_snapshots(resource, "Engine", "CacheNodeType", "SnapshotRetentionLimit", None)


def elasticache_group_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[BackupRetention]:
    return _redis_snapshots(resource, "Engine", "CacheNodeType", "SnapshotRetentionLimit", "redis")


# ------------------------------------------------- point-in-time recovery

def dynamodb_pitr_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PointInTimeRecovery]:
    value = resource.attributes.get("point_in_time_recovery")
    if dynamic_block(resource.attributes, "point_in_time_recovery"):
        yield PointInTimeRecovery(path=("dynamic",), source=None, enabled=Unknown(None, "dynamic"))
        return
    if isinstance(value, Unknown):
        yield PointInTimeRecovery(path=("point_in_time_recovery",), source=None, enabled=value)
        return
    found = blocks(value)
    if not found:
        yield PointInTimeRecovery(path=(), source=None, enabled=None)
        return
    yield PointInTimeRecovery(path=("point_in_time_recovery", 0), source=None,
                              enabled=as_bool(found[0].get("enabled")))


def _cfn_pitr(spec: Any, path: AttrPath) -> PointInTimeRecovery:
    if spec is None:
        return PointInTimeRecovery(path=(), source=None, enabled=None)
    if not isinstance(spec, Mapping):
        return PointInTimeRecovery(path=path, source=None, enabled=Unknown(None, "PointInTimeRecoverySpecification"))
    return PointInTimeRecovery(path=(*path, "PointInTimeRecoveryEnabled"), source=None,
                               enabled=as_bool(spec.get("PointInTimeRecoveryEnabled")))


def dynamodb_pitr_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PointInTimeRecovery]:
    key = "PointInTimeRecoverySpecification"
    yield _cfn_pitr(resource.attributes.get(key), (key,))


def dynamodb_global_pitr_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PointInTimeRecovery]:
    replicas = resource.attributes.get("Replicas")
    if isinstance(replicas, Unknown):
        yield PointInTimeRecovery(path=("Replicas",), source=None, enabled=replicas)
        return
    for i, replica in enumerate(blocks(replicas)):
        key = "PointInTimeRecoverySpecification"
        fact = _cfn_pitr(replica.get(key), ("Replicas", i, key))
        yield fact if fact.path else PointInTimeRecovery(path=("Replicas", i), source=None, enabled=None)


# ---------------------------------------------------- deletion protection

def _deletion(resource: Resource, key: str) -> Iterator[DeletionProtection]:
    value = resource.attributes.get(key)
    yield DeletionProtection(path=(key,) if value is not None else (), source=None, enabled=as_bool(value))


def db_instance_deletion_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    # Read replicas can be protected too; only Aurora members defer to the cluster.
    if _rds_instance_owns_backups(resource, None, (), "engine"):
        yield from _deletion(resource, "deletion_protection")


def db_instance_deletion_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    if _rds_instance_owns_backups(resource, "DBClusterIdentifier", (), "Engine"):
        yield from _deletion(resource, "DeletionProtection")


def cluster_deletion_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    return _deletion(resource, "deletion_protection")


def cluster_deletion_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    return _deletion(resource, "DeletionProtection")


TF_CLUSTERS = ["aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]
CFN_CLUSTERS = ["AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]

EXTRACTORS = [
    Extractor("s3-versioning-tf", {"terraform": ["aws_s3_bucket"]}, [Versioning], s3_versioning_terraform),
    Extractor("s3-versioning-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [Versioning],
              s3_versioning_cloudformation),
    Extractor("db-instance-retention-tf", {"terraform": ["aws_db_instance"]}, [BackupRetention],
              db_instance_retention_terraform),
    Extractor("db-instance-retention-cfn", {"cloudformation": ["AWS::RDS::DBInstance"]}, [BackupRetention],
              db_instance_retention_cloudformation),
    Extractor("db-cluster-retention-tf", {"terraform": TF_CLUSTERS}, [BackupRetention],
              cluster_retention_terraform),
    Extractor("db-cluster-retention-cfn", {"cloudformation": CFN_CLUSTERS}, [BackupRetention],
              cluster_retention_cloudformation),
    Extractor("redshift-retention-tf", {"terraform": ["aws_redshift_cluster"]}, [BackupRetention],
              redshift_retention_terraform),
    Extractor("redshift-retention-cfn", {"cloudformation": ["AWS::Redshift::Cluster"]}, [BackupRetention],
              redshift_retention_cloudformation),
    Extractor("elasticache-cluster-snapshots-tf", {"terraform": ["aws_elasticache_cluster"]}, [BackupRetention],
              elasticache_cluster_terraform),
    Extractor("elasticache-group-snapshots-tf", {"terraform": ["aws_elasticache_replication_group"]},
              [BackupRetention], elasticache_group_terraform),
    Extractor("elasticache-cluster-snapshots-cfn", {"cloudformation": ["AWS::ElastiCache::CacheCluster"]},
              [BackupRetention], elasticache_cluster_cloudformation),
    Extractor("elasticache-group-snapshots-cfn", {"cloudformation": ["AWS::ElastiCache::ReplicationGroup"]},
              [BackupRetention], elasticache_group_cloudformation),
    Extractor("dynamodb-pitr-tf", {"terraform": ["aws_dynamodb_table"]}, [PointInTimeRecovery],
              dynamodb_pitr_terraform),
    Extractor("dynamodb-pitr-cfn", {"cloudformation": ["AWS::DynamoDB::Table"]}, [PointInTimeRecovery],
              dynamodb_pitr_cloudformation),
    Extractor("dynamodb-global-pitr-cfn", {"cloudformation": ["AWS::DynamoDB::GlobalTable"]},
              [PointInTimeRecovery], dynamodb_global_pitr_cloudformation),
    Extractor("db-instance-deletion-tf", {"terraform": ["aws_db_instance"]}, [DeletionProtection],
              db_instance_deletion_terraform),
    Extractor("db-instance-deletion-cfn", {"cloudformation": ["AWS::RDS::DBInstance"]}, [DeletionProtection],
              db_instance_deletion_cloudformation),
    Extractor("db-cluster-deletion-tf", {"terraform": TF_CLUSTERS}, [DeletionProtection],
              cluster_deletion_terraform),
    Extractor("db-cluster-deletion-cfn", {"cloudformation": CFN_CLUSTERS}, [DeletionProtection],
              cluster_deletion_cloudformation),
]
