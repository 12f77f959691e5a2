"""Backup, second pass: QLDB ledger deletion protection (on by default) and
Aurora MySQL backtracking."""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import Backtrack, DeletionProtection
from srmlint.aws.values import as_bool, as_int
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

#: Engines that support backtracking (``aurora`` is Aurora MySQL 5.6, the
#: Terraform provider's default engine before v6).
BACKTRACK_ENGINES = {"aurora", "aurora-mysql"}


def _qldb(resource: Resource, key: str) -> Iterator[DeletionProtection]:
    value = resource.attributes.get(key)
    enabled = as_bool(value)
    # QLDB turns deletion protection on unless the template turns it off.
    yield DeletionProtection(path=(key,) if value is not None else (), source=None,
                             enabled=True if enabled is None else enabled)


def qldb_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    yield from _qldb(resource, "deletion_protection")


def qldb_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[DeletionProtection]:
    yield from _qldb(resource, "DeletionProtection")


def _backtrack(resource: Resource, engine_key: str, mode_key: str, window_key: str,
               default_engine: str | None, unsupported: tuple[str, ...]) -> Iterator[Backtrack]:
    a = resource.attributes
    if any(a.get(key) is not None for key in unsupported):
        return  # Serverless v2 capacity, a global database member, a cross-Region replica: not judged
    engine = a.get(engine_key, default_engine)
    mode = a.get(mode_key)
    if isinstance(engine, Unknown) or isinstance(mode, Unknown):
        return  # not known to be Aurora MySQL
    if not isinstance(engine, str) or engine.lower() not in BACKTRACK_ENGINES:
        return
    if isinstance(mode, str) and mode.lower() not in ("provisioned", ""):
        return  # serverless (v1), parallel query, global, multimaster: no backtracking
    value = a.get(window_key)
    yield Backtrack(path=(window_key,) if value is not None else (), source=None, window=as_int(value))


def backtrack_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[Backtrack]:
    yield from _backtrack(resource, "engine", "engine_mode", "backtrack_window", "aurora",
                          ("serverlessv2_scaling_configuration", "global_cluster_identifier",
                           "replication_source_identifier"))


def backtrack_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[Backtrack]:
    yield from _backtrack(resource, "Engine", "EngineMode", "BacktrackWindow", None,
                          ("ServerlessV2ScalingConfiguration", "GlobalClusterIdentifier",
                           "ReplicationSourceIdentifier"))


EXTRACTORS = [
    Extractor("qldb-deletion-tf", {"terraform": ["aws_qldb_ledger"]}, [DeletionProtection], qldb_terraform),
    Extractor("qldb-deletion-cfn", {"cloudformation": ["AWS::QLDB::Ledger"]}, [DeletionProtection],
              qldb_cloudformation),
    Extractor("aurora-backtrack-tf", {"terraform": ["aws_rds_cluster"]}, [Backtrack], backtrack_terraform),
    Extractor("aurora-backtrack-cfn", {"cloudformation": ["AWS::RDS::DBCluster"]}, [Backtrack],
              backtrack_cloudformation),
]
