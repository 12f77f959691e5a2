"""Where services run on the network and their on/off network controls.

:class:`VpcPlacement` of OpenSearch/Elasticsearch domains, SageMaker
notebook instances and Redshift clusters; :class:`NetworkSwitch`
of CloudFront (web ACL), SageMaker notebooks (direct internet access) and
models (network isolation), transit gateways and VPC endpoint services
(automatic acceptance) and Redshift (enhanced VPC routing);
:class:`LegacyNetworking` for EC2-Classic security groups and the adopted
default VPC.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import LegacyNetworking, NetworkSwitch, VpcPlacement
from srmlint.aws.values import as_bool, blocks, dynamic_block, is_set, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown


def _groups(value: Any) -> tuple[Any, ...] | Unknown:
    if isinstance(value, Unknown):
        return value
    return tuple(items(value))


def _placement(path: AttrPath, in_vpc: bool | Unknown, groups: Any = None) -> VpcPlacement:
    return VpcPlacement(path=path, source=None, in_vpc=in_vpc,
                        security_groups=_groups(groups) if in_vpc is True else None)


def _block_placement(resource: Resource, key: str, subnets_key: str | None, groups_key: str) -> VpcPlacement:
    """A nested block (``vpc_options``, ``VPCOptions``) that places the resource in a VPC."""
    a = resource.attributes
    value = a.get(key)
    if isinstance(value, Unknown) or (key.islower() and dynamic_block(a, key)):
        return _placement((key,), value if isinstance(value, Unknown) else Unknown(None, f"dynamic {key}"))
    bodies = blocks(value)
    if not bodies:
        return _placement((key,) if key in a else (), False)
    body = bodies[0]
    if subnets_key is not None:
        subnets = body.get(subnets_key)
        if isinstance(subnets, Unknown):
            return _placement((key,), subnets)
        if not subnets:
            # A block that names no subnets leaves the resource outside any VPC.
            return _placement((key,), False)
    return _placement((key,), True, body.get(groups_key))


def opensearch_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[VpcPlacement]:
    yield _block_placement(resource, "vpc_options", None, "security_group_ids")


def opensearch_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[VpcPlacement]:
    yield _block_placement(resource, "VPCOptions", None, "SecurityGroupIds")


def _scalar_placement(resource: Resource, key: str, groups_key: str) -> VpcPlacement:
    value = resource.attributes.get(key)
    if isinstance(value, Unknown):
        return _placement((key,), value)
    if not is_set(value):
        return _placement((), False)
    return _placement((key,), True, resource.attributes.get(groups_key))


def _switch(resource: Resource, key: str, kind: str, default: bool, secure_when: bool,
            value: Any = None, path: AttrPath | None = None) -> NetworkSwitch:
    raw = resource.attributes.get(key) if value is None else value
    return NetworkSwitch(path=path if path is not None else ((key,) if key in resource.attributes else ()),
                         source=None, kind=kind, enabled=_enabled(raw), default=default, secure_when=secure_when)


def _enabled(value: Any) -> bool | Unknown | None:
    """Booleans and the "enable"/"Enabled"/"disable" strings some settings take."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("enable", "enabled"):
            return True
        if text in ("disable", "disabled"):
            return False
    return as_bool(value)


def notebook_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[Any]:
    yield _scalar_placement(resource, "subnet_id", "security_groups")
    yield _switch(resource, "direct_internet_access", "direct_internet_access", True, False)


def notebook_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[Any]:
    yield _scalar_placement(resource, "SubnetId", "SecurityGroupIds")
    yield _switch(resource, "DirectInternetAccess", "direct_internet_access", True, False)


def model_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    yield _switch(resource, "enable_network_isolation", "network_isolation", False, True)


def model_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    yield _switch(resource, "EnableNetworkIsolation", "network_isolation", False, True)


def redshift_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[Any]:
    yield _scalar_placement(resource, "cluster_subnet_group_name", "vpc_security_group_ids")
    yield _switch(resource, "enhanced_vpc_routing", "enhanced_vpc_routing", False, True)


def redshift_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[Any]:
    yield _scalar_placement(resource, "ClusterSubnetGroupName", "VpcSecurityGroupIds")
    yield _switch(resource, "EnhancedVpcRouting", "enhanced_vpc_routing", False, True)


def transit_gateway_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    yield _switch(resource, "auto_accept_shared_attachments", "auto_accept", False, False)


def transit_gateway_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    yield _switch(resource, "AutoAcceptSharedAttachments", "auto_accept", False, False)


def endpoint_service_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    # acceptance_required is required by the provider; auto-accept is its negation.
    required = as_bool(resource.attributes.get("acceptance_required"))
    yield _switch(resource, "acceptance_required", "auto_accept", False, False, value=_negate(required))


def endpoint_service_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    # AcceptanceRequired defaults to false: connection requests are accepted automatically.
    required = as_bool(resource.attributes.get("AcceptanceRequired"))
    yield _switch(resource, "AcceptanceRequired", "auto_accept", True, False, value=_negate(required))


def _negate(value: bool | Unknown | None) -> Any:
    if value is None or isinstance(value, Unknown):
        return value
    return not value


def cloudfront_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    yield _web_acl(resource.attributes.get("web_acl_id"), ("web_acl_id",))


def cloudfront_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkSwitch]:
    config = resource.attributes.get("DistributionConfig")
    if isinstance(config, Unknown):
        yield _web_acl(config, ("DistributionConfig",))
    elif isinstance(config, Mapping):
        yield _web_acl(config.get("WebACLId"), ("DistributionConfig", "WebACLId"))


def _web_acl(value: Any, path: AttrPath) -> NetworkSwitch:
    enabled: bool | Unknown = value if isinstance(value, Unknown) else is_set(value)
    return NetworkSwitch(path=path if value is not None else (), source=None, kind="waf", enabled=enabled,
                         default=False, secure_when=True)


def legacy_security_group(resource: Resource, graph: ResourceGraph) -> Iterator[LegacyNetworking]:
    yield LegacyNetworking(path=(), source=None, kind="ec2_classic_security_group")


def default_vpc(resource: Resource, graph: ResourceGraph) -> Iterator[LegacyNetworking]:
    yield LegacyNetworking(path=(), source=None, kind="default_vpc")


EXTRACTORS = [
    Extractor("opensearch-vpc-tf", {"terraform": ["aws_opensearch_domain", "aws_elasticsearch_domain"]},
              [VpcPlacement], opensearch_terraform),
    Extractor("opensearch-vpc-cfn",
              {"cloudformation": ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]},
              [VpcPlacement], opensearch_cloudformation),
    Extractor("sagemaker-notebook-network-tf", {"terraform": ["aws_sagemaker_notebook_instance"]},
              [VpcPlacement, NetworkSwitch], notebook_terraform),
    Extractor("sagemaker-notebook-network-cfn", {"cloudformation": ["AWS::SageMaker::NotebookInstance"]},
              [VpcPlacement, NetworkSwitch], notebook_cloudformation),
    Extractor("sagemaker-model-isolation-tf", {"terraform": ["aws_sagemaker_model"]}, [NetworkSwitch],
              model_terraform),
    Extractor("sagemaker-model-isolation-cfn", {"cloudformation": ["AWS::SageMaker::Model"]}, [NetworkSwitch],
              model_cloudformation),
    Extractor("redshift-network-tf", {"terraform": ["aws_redshift_cluster"]}, [VpcPlacement, NetworkSwitch],
              redshift_terraform),
    Extractor("redshift-network-cfn", {"cloudformation": ["AWS::Redshift::Cluster"]}, [VpcPlacement, NetworkSwitch],
              redshift_cloudformation),
    Extractor("transit-gateway-auto-accept-tf", {"terraform": ["aws_ec2_transit_gateway"]}, [NetworkSwitch],
              transit_gateway_terraform),
    Extractor("transit-gateway-auto-accept-cfn", {"cloudformation": ["AWS::EC2::TransitGateway"]}, [NetworkSwitch],
              transit_gateway_cloudformation),
    Extractor("endpoint-service-acceptance-tf", {"terraform": ["aws_vpc_endpoint_service"]}, [NetworkSwitch],
              endpoint_service_terraform),
    Extractor("endpoint-service-acceptance-cfn", {"cloudformation": ["AWS::EC2::VPCEndpointService"]},
              [NetworkSwitch], endpoint_service_cloudformation),
    Extractor("cloudfront-waf-tf", {"terraform": ["aws_cloudfront_distribution"]}, [NetworkSwitch],
              cloudfront_terraform),
    Extractor("cloudfront-waf-cfn", {"cloudformation": ["AWS::CloudFront::Distribution"]}, [NetworkSwitch],
              cloudfront_cloudformation),
    Extractor("ec2-classic-security-group",
              {"terraform": ["aws_db_security_group", "aws_elasticache_security_group", "aws_redshift_security_group"],
               "cloudformation": ["AWS::RDS::DBSecurityGroup", "AWS::ElastiCache::SecurityGroup",
                                  "AWS::Redshift::ClusterSecurityGroup"]},
              [LegacyNetworking], legacy_security_group),
    Extractor("default-vpc-tf", {"terraform": ["aws_default_vpc"]}, [LegacyNetworking], default_vpc),
]
