"""More compute hardening facts: ECR repository image hygiene (scan on push,
tag immutability), ECS task definitions' shared host namespaces, AWS Batch
job definitions' container privileges, and
automatic engine version upgrades of ElastiCache, DMS, Amazon MQ and
Redshift."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.compute import container_facts
from srmlint.aws.facts import AutomaticUpdates, ContainerDefinition, HostNamespaces, ImageRepository
from srmlint.aws.policy import document_value
from srmlint.aws.values import as_bool, blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------------ ECR


def _upper(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return str(value).strip().upper()


def ecr_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[ImageRepository]:
    a = resource.attributes
    scanning = a.get("image_scanning_configuration")
    scan: Any
    path: AttrPath = ()
    if isinstance(scanning, Unknown) or any(
            isinstance(d, Mapping) and "image_scanning_configuration" in d for d in blocks(a.get("dynamic"))):
        scan = Unknown(None, "image_scanning_configuration")
    else:
        bodies = blocks(scanning)
        scan = as_bool(bodies[0].get("scan_on_push")) if bodies else None
        path = ("image_scanning_configuration", 0) if bodies else ()
    yield ImageRepository(
        path=path, source=None, scan_on_push=scan,
        registry_scanning=bool(graph.by_type("aws_ecr_registry_scanning_configuration", resource.scope)),
        tag_mutability=_upper(a.get("image_tag_mutability")),
    )


def ecr_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[ImageRepository]:
    a = resource.attributes
    scanning = a.get("ImageScanningConfiguration")
    scan: Any
    if isinstance(scanning, Unknown):
        scan = scanning
    elif isinstance(scanning, Mapping):
        scan = as_bool(scanning.get("ScanOnPush"))
    else:
        scan = None
    yield ImageRepository(
        path=("ImageScanningConfiguration",) if scanning is not None else (), source=None, scan_on_push=scan,
        registry_scanning=bool(graph.by_type("AWS::ECR::RegistryScanningConfiguration", resource.scope)),
        tag_mutability=_upper(a.get("ImageTagMutability")),
    )


# ------------------------------------------------------------------ ECS host namespaces


def _lower(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return str(value).strip().lower()


def ecs_namespaces_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[HostNamespaces]:
    a = resource.attributes
    yield HostNamespaces(path=(), source=None, network_mode=_lower(a.get("network_mode")),
                         pid_mode=_lower(a.get("pid_mode")), ipc_mode=_lower(a.get("ipc_mode")))


def ecs_namespaces_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[HostNamespaces]:
    a = resource.attributes
    yield HostNamespaces(path=(), source=None, network_mode=_lower(a.get("NetworkMode")),
                         pid_mode=_lower(a.get("PidMode")), ipc_mode=_lower(a.get("IpcMode")))


# ------------------------------------------------------------------ Batch


def batch_job_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    raw = resource.attributes.get("container_properties")
    if raw is None:
        return
    # JSON text (heredoc, jsonencode): one container, positions inside it not tracked.
    data = document_value(raw)
    if isinstance(data, Mapping):
        for fact in container_facts([data], ()):
            yield ContainerDefinition(path=("container_properties",), source=None, name=None,
                                      privileged=fact.privileged, readonly_root_fs=fact.readonly_root_fs)


def batch_job_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    data = resource.attributes.get("ContainerProperties")
    if isinstance(data, Mapping):
        for fact in container_facts([data], ()):
            yield ContainerDefinition(path=("ContainerProperties",), source=None, name=None,
                                      privileged=fact.privileged, readonly_root_fs=fact.readonly_root_fs)


# ------------------------------------------------------------------ engine upgrades


#: An Amazon MQ engine version pinned to a patch (``5.15.9``, ``3.11.20``): the
#: versions for which automatic minor version upgrades may be off (brokers on a
#: ``major.minor`` version, ActiveMQ 5.18+ and RabbitMQ 3.13+, must have them on).
MQ_PATCH_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def _tf_default(resource: Resource, key: str) -> bool:
    """What an unset ``key`` amounts to. The Terraform provider sends
    ``auto_minor_version_upgrade = false`` for an MQ broker that leaves it unset
    (its schema default), where the API's own default is true."""
    if resource.type != "aws_mq_broker" or key != "auto_minor_version_upgrade":
        return True
    version = resource.attributes.get("engine_version")
    # Not statically known: the default may not apply (a major.minor version needs upgrades on).
    return not (isinstance(version, str) and MQ_PATCH_VERSION.match(version.strip()))


def _updates(key: str) -> Any:
    def extract(resource: Resource, graph: ResourceGraph) -> Iterator[AutomaticUpdates]:
        value = resource.attributes.get(key)
        # Only an explicit "false" is reported, or the Terraform provider's false default on MQ;
        # otherwise the defaults differ per service and engine version.
        yield AutomaticUpdates(path=(key,) if value is not None else (), source=None, kind="minor_version",
                               enabled=as_bool(value), default=_tf_default(resource, key))
    return extract


EXTRACTORS = [
    Extractor("ecr-image-hygiene-tf", {"terraform": ["aws_ecr_repository"]}, [ImageRepository], ecr_terraform),
    Extractor("ecr-image-hygiene-cfn", {"cloudformation": ["AWS::ECR::Repository"]}, [ImageRepository],
              ecr_cloudformation),
    Extractor("ecs-host-namespaces-tf", {"terraform": ["aws_ecs_task_definition"]}, [HostNamespaces],
              ecs_namespaces_terraform),
    Extractor("ecs-host-namespaces-cfn", {"cloudformation": ["AWS::ECS::TaskDefinition"]}, [HostNamespaces],
              ecs_namespaces_cloudformation),
    Extractor("batch-job-container-tf", {"terraform": ["aws_batch_job_definition"]}, [ContainerDefinition],
              batch_job_terraform),
    Extractor("batch-job-container-cfn", {"cloudformation": ["AWS::Batch::JobDefinition"]}, [ContainerDefinition],
              batch_job_cloudformation),
    Extractor("engine-minor-upgrades-tf",
              {"terraform": ["aws_elasticache_cluster", "aws_elasticache_replication_group",
                             "aws_dms_replication_instance", "aws_mq_broker"]},
              [AutomaticUpdates], _updates("auto_minor_version_upgrade")),
    Extractor("engine-minor-upgrades-cfn",
              {"cloudformation": ["AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
                                  "AWS::DMS::ReplicationInstance", "AWS::AmazonMQ::Broker"]},
              [AutomaticUpdates], _updates("AutoMinorVersionUpgrade")),
    Extractor("redshift-version-upgrades-tf", {"terraform": ["aws_redshift_cluster"]}, [AutomaticUpdates],
              _updates("allow_version_upgrade")),
    Extractor("redshift-version-upgrades-cfn", {"cloudformation": ["AWS::Redshift::Cluster"]}, [AutomaticUpdates],
              _updates("AllowVersionUpgrade")),
]
