"""The engine version a managed broker or database pins (compute theme):
Amazon MQ brokers and configurations (``activemq``, ``rabbitmq``), RDS and
Aurora PostgreSQL instances and clusters (``postgres``, ``aurora-postgresql``).
One ``PlatformVersion`` per resource whose engine and version are stated;
CMP015 and CMP016 judge them against ``rules/engine_versions.yaml``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint.aws.facts import PlatformVersion
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

#: engines the dated table knows (lower case, as RDS and Amazon MQ spell them)
ENGINES = frozenset({"activemq", "rabbitmq", "postgres", "aurora-postgresql"})


def _version(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    if isinstance(value, bool):
        return Unknown(None, repr(value))
    return str(value).strip()


def _fact(engine: Any, version: Any, path: str) -> Iterator[PlatformVersion]:
    if not isinstance(engine, str) or engine.strip().lower() not in ENGINES:
        return  # an engine srmlint cannot read or has no table for: nothing to judge
    value = _version(version)
    if value is not None:
        yield PlatformVersion(path=(path,), source=None, kind=engine.strip().lower(), version=value)


def mq_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    a = resource.attributes
    yield from _fact(a.get("engine_type"), a.get("engine_version"), "engine_version")


def mq_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    a = resource.attributes
    yield from _fact(a.get("EngineType"), a.get("EngineVersion"), "EngineVersion")


def rds_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    a = resource.attributes
    yield from _fact(a.get("engine"), a.get("engine_version"), "engine_version")


def rds_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    a = resource.attributes
    yield from _fact(a.get("Engine"), a.get("EngineVersion"), "EngineVersion")


EXTRACTORS = [
    Extractor("mq-engine-version-tf", {"terraform": ["aws_mq_broker", "aws_mq_configuration"]}, [PlatformVersion],
              mq_terraform),
    Extractor("mq-engine-version-cfn", {"cloudformation": ["AWS::AmazonMQ::Broker", "AWS::AmazonMQ::Configuration"]},
              [PlatformVersion], mq_cloudformation),
    Extractor("rds-engine-version-tf",
              {"terraform": ["aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance"]},
              [PlatformVersion], rds_terraform),
    Extractor("rds-engine-version-cfn", {"cloudformation": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]},
              [PlatformVersion], rds_cloudformation),
]
