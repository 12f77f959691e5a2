"""BKP005: an ElastiCache Redis OSS / Valkey cluster that keeps no snapshots.

Anti-pattern: no ``snapshot_retention_limit`` (or 0): the cache's data is not
snapshotted and is lost with its nodes.
Fix: set a snapshot retention limit, where the cache holds data worth keeping.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import BackupRetention
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_elasticache_replication_group" "cache" {{\n  replication_group_id = "cache"\n'
    '  description = "sessions"\n  engine = "redis"\n  node_type = "cache.t4g.small"\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n"
    "      ReplicationGroupDescription: sessions\n      Engine: redis\n      CacheNodeType: cache.t4g.small\n{extra}"
)


class ElastiCacheSnapshotsOff(Rule):
    meta = RuleMeta(
        id="BKP005",
        slug="elasticache-snapshots-off",
        title="ElastiCache Redis OSS / Valkey cluster keeps no automatic snapshots",
        severity=Severity.LOW,
        layer="data",
        facts=(BackupRetention,),
        services=("elasticache",),
        setting="backup",
        rationale=(
            "Node-based Redis OSS and Valkey caches take no automatic snapshots unless a "
            "retention limit is set; when nodes fail or the cluster is deleted, its data is "
            "gone. Many caches hold nothing that cannot be rebuilt, so this is low severity."
        ),
        remediation={
            "terraform": "Set snapshot_retention_limit (days, e.g. 7) and a snapshot_window.",
            "cloudformation": "Set SnapshotRetentionLimit (days, e.g. 7) and a SnapshotWindow.",
        },
        url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
        examples={
            "terraform": Example(fail=_TF.format(extra=""), pass_=_TF.format(extra="  snapshot_retention_limit = 7\n")),
            "cloudformation": Example(fail=_CFN.format(extra="      SnapshotRetentionLimit: 0\n"),
                                      pass_=_CFN.format(extra="      SnapshotRetentionLimit: 7\n")),
        },
        tags=("backup", "elasticache", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(BackupRetention):
            if fact.days == 0 or (fact.days is None and fact.default_days == 0):
                yield Hit(f"ElastiCache cluster '{resource.name}' keeps no automatic snapshots", path=fact.path)
