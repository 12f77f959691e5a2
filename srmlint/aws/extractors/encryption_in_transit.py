"""Encryption in transit: listener protocols, TLS policies, HTTPS enforcement,
node-to-node and client encryption. One ``EncryptionInTransit`` per channel."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import _parent, dig
from srmlint.aws.facts import EncryptionInTransit, TransitState
from srmlint.aws.values import as_bool, blocks, dynamic_block, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

Facts = Iterator[EncryptionInTransit]


def _fact(aspect: str, state: TransitState, path: AttrPath, value: Any = None, *,
          default_secure: bool = False) -> EncryptionInTransit:
    return EncryptionInTransit(path=path, source=None, aspect=aspect, state=state, value=value,
                               default_secure=default_secure)


def _flag(attrs: Mapping[str, Any], aspect: str, path: tuple[str | int, ...], *,
          default_secure: bool = False) -> EncryptionInTransit:
    value, concrete = dig(attrs, *path)
    flag = as_bool(value)
    if isinstance(flag, Unknown):
        return _fact(aspect, "unknown", concrete, value, default_secure=default_secure)
    if flag is None:
        return _fact(aspect, "unset", _parent(concrete, attrs), default_secure=default_secure)
    return _fact(aspect, "enabled" if flag else "disabled", concrete, value, default_secure=default_secure)


# ------------------------------------------------------------ TLS versions

ELB_API_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08"


def elb_policy_weak(policy: str) -> bool:
    """An ELB predefined security policy that accepts TLS older than 1.2."""
    if not policy.startswith("ELBSecurityPolicy-"):
        return False  # custom (classic ELB) or unknown naming: not judged
    return not any(tag in policy for tag in ("TLS-1-2", "TLS13-1-2", "TLS13-1-3", "FS-1-2"))


def _policy_fact(value: Any, path: AttrPath, weak: Callable[[str], bool], attrs: Mapping[str, Any]
                 ) -> EncryptionInTransit:
    if isinstance(value, Unknown):
        return _fact("tls_policy", "unknown", path, value)
    if not isinstance(value, str) or not value:
        return _fact("tls_policy", "unset", _parent(path, attrs))
    return _fact("tls_policy", "weak" if weak(value) else "enabled", path, value)


# ------------------------------------------------------------ load balancers

def _redirects_to_https(actions: Any, type_key: str, redirect_key: str, protocol_key: str) -> bool | None:
    """True when the listener's actions redirect to HTTPS (or only answer with
    a fixed response, carrying no application data); None when not static."""
    if isinstance(actions, Unknown):
        return None
    bodies = blocks(actions)
    if not bodies:
        return False
    kinds = []
    for body in bodies:
        kind = body.get(type_key)
        if isinstance(kind, Unknown):
            return None
        kinds.append(kind)
        if kind == "redirect":
            protocol, _ = dig(body, redirect_key, protocol_key)
            if isinstance(protocol, Unknown):
                return None
            if protocol == "HTTPS":
                return True
    return all(k == "fixed-response" for k in kinds)


def _listener(attrs: Mapping[str, Any], protocol: Any, protocol_path: AttrPath, actions_key: str,
              type_key: str, redirect_key: str, protocol_key: str, policy_key: str) -> Facts:
    if isinstance(protocol, Unknown):
        yield _fact("listener", "unknown", protocol_path, protocol)
        return
    if not isinstance(protocol, str):
        return
    upper = protocol.upper()
    if upper == "HTTP":
        redirect = _redirects_to_https(attrs.get(actions_key), type_key, redirect_key, protocol_key)
        state: TransitState = "unknown" if redirect is None else "enabled" if redirect else "disabled"
        yield _fact("listener", state, protocol_path, protocol)
    elif upper in ("HTTPS", "TLS"):
        yield _fact("listener", "enabled", protocol_path, protocol)
        policy = attrs.get(policy_key)
        if policy is None:
            # Created through the API (CloudFormation, Terraform) a listener with
            # no policy gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0.
            yield _fact("tls_policy", "weak", protocol_path, f"{ELB_API_DEFAULT_POLICY} (default)")
        else:
            yield _policy_fact(policy, (policy_key,), elb_policy_weak, attrs)


def lb_listener_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    protocol = a.get("protocol")
    path: AttrPath = ("protocol",)
    if protocol is None:
        # The default is HTTP on an Application Load Balancer; TCP on a Network one.
        balancers = graph.targets(resource, via="load_balancer_arn")
        if len(balancers) != 1:
            return
        kind = balancers[0].attributes.get("load_balancer_type", "application")
        if kind != "application":
            return
        protocol, path = "HTTP", ()
    yield from _listener(a, protocol, path, "default_action", "type", "redirect", "protocol", "ssl_policy")


def lb_listener_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    yield from _listener(a, a.get("Protocol"), ("Protocol",), "DefaultActions", "Type", "RedirectConfig",
                         "Protocol", "SslPolicy")


def classic_elb_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    listeners = resource.attributes.get("listener")
    for i, body in enumerate(blocks(listeners)):
        yield from _classic(body.get("lb_protocol"), ("listener", i, "lb_protocol"))


def classic_elb_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    for i, body in enumerate(blocks(resource.attributes.get("Listeners"))):
        yield from _classic(body.get("Protocol"), ("Listeners", i, "Protocol"))


def _classic(protocol: Any, path: AttrPath) -> Facts:
    if isinstance(protocol, Unknown):
        yield _fact("listener", "unknown", path, protocol)
    elif isinstance(protocol, str):
        secure = protocol.upper() in ("HTTPS", "SSL")
        yield _fact("listener", "enabled" if secure else "disabled" if protocol.upper() == "HTTP" else "enabled",
                    path, protocol)


# ------------------------------------------------------------ CloudFront

DEFAULT_CERTIFICATE = "TLSv1 (default CloudFront certificate)"


def cloudfront_weak(version: str) -> bool:
    """Minimum protocol versions below TLS 1.2 (SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016)."""
    return not version.upper().startswith(("TLSV1.2", "TLSV1.3"))


def _viewer(policy: Any, path: AttrPath, attrs: Mapping[str, Any]) -> EncryptionInTransit:
    if isinstance(policy, Unknown):
        return _fact("viewer", "unknown", path, policy)
    if not isinstance(policy, str):
        return _fact("viewer", "unset", _parent(path, attrs))
    return _fact("viewer", "disabled" if policy == "allow-all" else "enabled", path, policy)


def _cloudfront_tls(cert: Any, cert_path: AttrPath, min_key: str, default_key: str) -> Facts:
    if isinstance(cert, Unknown):
        yield _fact("tls_policy", "unknown", cert_path)
        return
    if not isinstance(cert, Mapping):
        # No viewer certificate: the default *.cloudfront.net certificate, with which
        # CloudFront accepts TLS 1.0 whatever else the template says.
        yield _fact("tls_policy", "weak", cert_path[:-1], DEFAULT_CERTIFICATE)
        return
    default = as_bool(cert.get(default_key))
    if default is True:
        yield _fact("tls_policy", "weak", (*cert_path, default_key), DEFAULT_CERTIFICATE)
        return
    version = cert.get(min_key)
    if isinstance(version, Unknown) or isinstance(default, Unknown):
        yield _fact("tls_policy", "unknown", (*cert_path, min_key), version)
    elif isinstance(version, str) and version:
        yield _fact("tls_policy", "weak" if cloudfront_weak(version) else "enabled", (*cert_path, min_key), version)
    else:
        # A custom certificate with no minimum: CloudFront (and the AWS provider) default to TLSv1.
        yield _fact("tls_policy", "weak", cert_path, "TLSv1 (default minimum protocol version)")


def cloudfront_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    for i, body in enumerate(blocks(a.get("default_cache_behavior"))):
        yield _viewer(body.get("viewer_protocol_policy"),
                      ("default_cache_behavior", i, "viewer_protocol_policy"), a)
    ordered = a.get("ordered_cache_behavior")
    for i, body in enumerate(blocks(ordered)):
        yield _viewer(body.get("viewer_protocol_policy"),
                      ("ordered_cache_behavior", i, "viewer_protocol_policy"), a)
    certs = blocks(a.get("viewer_certificate"))
    if certs:
        yield from _cloudfront_tls(certs[0], ("viewer_certificate", 0), "minimum_protocol_version",
                                   "cloudfront_default_certificate")


def cloudfront_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    config = a.get("DistributionConfig")
    if not isinstance(config, Mapping):
        return
    base: AttrPath = ("DistributionConfig",)
    default, path = dig(a, "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy")
    if is_set(config.get("DefaultCacheBehavior")):
        yield _viewer(default, path, a)
    behaviors = config.get("CacheBehaviors")
    for i, body in enumerate(blocks(behaviors)):
        yield _viewer(body.get("ViewerProtocolPolicy"), (*base, "CacheBehaviors", i, "ViewerProtocolPolicy"), a)
    yield from _cloudfront_tls(config.get("ViewerCertificate"), (*base, "ViewerCertificate"),
                               "MinimumProtocolVersion", "CloudFrontDefaultCertificate")


# ------------------------------------------------------------ API Gateway domains

def _apigw_weak(policy: str) -> bool:
    return policy.upper() == "TLS_1_0"


def apigw_domain_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    value = a.get("security_policy")
    if value is not None:
        yield _policy_fact(value, ("security_policy",), _apigw_weak, a)


def apigw_domain_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    value = a.get("SecurityPolicy")
    if value is not None:
        yield _policy_fact(value, ("SecurityPolicy",), _apigw_weak, a)


def apigwv2_domain_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    for i, body in enumerate(blocks(resource.attributes.get("domain_name_configuration"))):
        value = body.get("security_policy")
        if value is not None:
            yield _policy_fact(value, ("domain_name_configuration", i, "security_policy"), _apigw_weak, body)


def apigwv2_domain_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    for i, body in enumerate(blocks(resource.attributes.get("DomainNameConfigurations"))):
        value = body.get("SecurityPolicy")
        if value is not None:
            yield _policy_fact(value, ("DomainNameConfigurations", i, "SecurityPolicy"), _apigw_weak, body)


# ------------------------------------------------------------ OpenSearch / Elasticsearch

def _search_weak(policy: str) -> bool:
    return "TLS-1-0" in policy.upper()


SEARCH_DEFAULT_POLICY = "Policy-Min-TLS-1-0-2019-07"


def _search_policy(a: Mapping[str, Any], path: tuple[str, ...]) -> EncryptionInTransit:
    policy, concrete = dig(a, *path)
    if policy is None:
        # The service's default TLS policy accepts TLS 1.0.
        return _fact("tls_policy", "weak", _parent(concrete, a), f"{SEARCH_DEFAULT_POLICY} (default)")
    return _policy_fact(policy, concrete, _search_weak, a)


def _single_node(a: Mapping[str, Any], config: str, count: str, masters: str, zones: str) -> bool:
    """A domain of one data node and no dedicated masters: no node-to-node traffic."""
    cluster, _ = dig(a, config)
    if isinstance(cluster, Unknown):
        return False
    nodes, _ = dig(a, config, count)
    dedicated, _ = dig(a, config, masters)
    zone_aware, _ = dig(a, config, zones)
    if nodes is None:
        nodes = 1
    return nodes in (1, "1") and as_bool(dedicated) in (None, False) and as_bool(zone_aware) in (None, False)


def search_domain_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    node_to_node = _flag(a, "node_to_node", ("node_to_node_encryption", "enabled"))
    if node_to_node.state != "unset" or not _single_node(a, "cluster_config", "instance_count",
                                                         "dedicated_master_enabled", "zone_awareness_enabled"):
        yield node_to_node
    endpoint = a.get("domain_endpoint_options")
    if endpoint is None:
        # The AWS provider sends enforce_https = true unless told otherwise.
        yield _fact("https_only", "unset", (), default_secure=True)
    else:
        # Inside domain_endpoint_options the provider defaults enforce_https to true.
        yield _flag(a, "https_only", ("domain_endpoint_options", "enforce_https"), default_secure=True)
    yield _search_policy(a, ("domain_endpoint_options", "tls_security_policy"))


def search_domain_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    node_to_node = _flag(a, "node_to_node", ("NodeToNodeEncryptionOptions", "Enabled"))
    if node_to_node.state != "unset" or not _single_node(a, "ClusterConfig", "InstanceCount",
                                                         "DedicatedMasterEnabled", "ZoneAwarenessEnabled"):
        yield node_to_node
    yield _flag(a, "https_only", ("DomainEndpointOptions", "EnforceHTTPS"))
    yield _search_policy(a, ("DomainEndpointOptions", "TLSSecurityPolicy"))


# ------------------------------------------------------------ caches, streams, containers

def elasticache_rg_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("transit_encryption_enabled",))


def elasticache_rg_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("TransitEncryptionEnabled",))


def _msk(a: Mapping[str, Any], base: tuple[str, ...], client: str, cluster: str) -> Facts:
    value, path = dig(a, *base, client)
    if isinstance(value, Unknown):
        yield _fact("client", "unknown", path, value)
    elif isinstance(value, str) and value:
        yield _fact("client", "enabled" if value.upper() == "TLS" else "disabled", path, value)
    else:
        yield _fact("client", "unset", _parent(path, a), default_secure=True)
    yield _flag(a, "in_cluster", (*base, cluster), default_secure=True)


def msk_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _msk(resource.attributes, ("encryption_info", "encryption_in_transit"), "client_broker",
                    "in_cluster")


def msk_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _msk(resource.attributes, ("EncryptionInfo", "EncryptionInTransit"), "ClientBroker", "InCluster")


def _efs_volumes(volumes: Any, name: str, config_key: str, transit_key: str) -> Facts:
    for i, body in enumerate(blocks(volumes)):
        config = body.get(config_key)
        configs = blocks(config)
        if not configs:
            continue
        value = configs[0].get(transit_key)
        path: AttrPath = ((name, i, config_key, 0, transit_key) if isinstance(config, list)
                          else (name, i, config_key, transit_key))
        if isinstance(value, Unknown):
            yield _fact("efs_volume", "unknown", path, value)
        elif isinstance(value, str) and value:
            yield _fact("efs_volume", "enabled" if value.upper() == "ENABLED" else "disabled", path, value)
        else:
            yield _fact("efs_volume", "unset", path[:-1])


def ecs_task_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _efs_volumes(resource.attributes.get("volume"), "volume", "efs_volume_configuration",
                            "transit_encryption")


def ecs_task_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _efs_volumes(resource.attributes.get("Volumes"), "Volumes", "EFSVolumeConfiguration",
                            "TransitEncryption")


def _dax(a: Mapping[str, Any], key: str) -> Facts:
    value = a.get(key)
    if isinstance(value, Unknown):
        yield _fact("client", "unknown", (key,), value)
    elif isinstance(value, str) and value:
        yield _fact("client", "enabled" if value.upper() == "TLS" else "disabled", (key,), value)
    else:
        yield _fact("client", "unset", ())


def dax_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _dax(resource.attributes, "cluster_endpoint_encryption_type")


def dax_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _dax(resource.attributes, "ClusterEndpointEncryptionType")


# ------------------------------------------------------------ database parameter groups

#: Parameters that make a database refuse plaintext connections, and their "off" values.
SSL_PARAMETERS = {
    "require_ssl": ("false", "0", "off"),
    "rds.force_ssl": ("0", "false", "off"),
    "require_secure_transport": ("0", "off", "false"),
    "tls": ("disabled",),
}


def _parameter(name: Any, value: Any, path: AttrPath) -> EncryptionInTransit | None:
    if not isinstance(name, str) or name.lower() not in SSL_PARAMETERS:
        return None
    if isinstance(value, Unknown):
        return _fact("require_ssl", "unknown", path, value)
    text = str(value).strip().lower() if isinstance(value, str | int | bool) else None
    if text is None:
        return _fact("require_ssl", "unknown", path, value)
    off = text in SSL_PARAMETERS[name.lower()]
    return _fact("require_ssl", "disabled" if off else "enabled", path, value)


def _redshift_ssl_unset(family: Any, seen: bool) -> Iterator[EncryptionInTransit]:
    """A Redshift parameter group of family redshift-1.0 that does not set
    require_ssl: the parameter's default in that family is false (Redshift
    Database Developer Guide, require_ssl), so clusters using the group accept
    plaintext connections. (Only the redshift-2.0 default group, which new
    clusters get since 2025, requires SSL by default.)"""
    if not seen and isinstance(family, str) and family.strip().lower() == "redshift-1.0":
        yield _fact("require_ssl", "unset", ())


def parameter_group_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    parameters = resource.attributes.get("parameter")
    seen = isinstance(parameters, Unknown)
    for i, body in enumerate(blocks(parameters)):
        fact = _parameter(body.get("name"), body.get("value"), ("parameter", i, "value"))
        if fact is not None:
            seen = True
            yield fact
    if resource.type == "aws_redshift_parameter_group" and not dynamic_block(resource.attributes, "parameter"):
        yield from _redshift_ssl_unset(resource.attributes.get("family"), seen)


def parameter_group_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    params = a.get("Parameters")
    if isinstance(params, Mapping):  # RDS, DocDB: {name: value}
        for name, value in params.items():
            fact = _parameter(name, value, ("Parameters", name))
            if fact is not None:
                yield fact
    else:  # Redshift: [{ParameterName, ParameterValue}]
        seen = isinstance(params, Unknown) or (isinstance(params, list) and any(
            not isinstance(body, Mapping) or isinstance(body.get("ParameterName"), Unknown) for body in params))
        for i, body in enumerate(blocks(params)):
            fact = _parameter(body.get("ParameterName"), body.get("ParameterValue"),
                              ("Parameters", i, "ParameterValue"))
            if fact is not None:
                seen = True
                yield fact
        if resource.type == "AWS::Redshift::ClusterParameterGroup":
            yield from _redshift_ssl_unset(a.get("ParameterGroupFamily"), seen)


# ------------------------------------------------------------ classic ELB negotiation policies

#: Protocol attributes of an SSLNegotiationPolicyType policy that allow TLS older than 1.2.
_OLD_PROTOCOLS = ("PROTOCOL-SSLV2", "PROTOCOL-SSLV3", "PROTOCOL-TLSV1", "PROTOCOL-TLSV1.1")


def _negotiation(attributes: Any, path: AttrPath, name_key: str, value_key: str) -> Facts:
    if isinstance(attributes, Unknown):
        yield _fact("tls_policy", "unknown", path, attributes)
        return
    for i, attribute in enumerate(blocks(attributes)):
        name, value = attribute.get(name_key), attribute.get(value_key)
        if not isinstance(name, str):
            continue
        where = (*path, i, value_key)
        if isinstance(value, Unknown):
            yield _fact("tls_policy", "unknown", where, value)
        elif name == "Reference-Security-Policy" and isinstance(value, str):
            yield _fact("tls_policy", "weak" if elb_policy_weak(value) else "enabled", where, value)
        elif name.upper() in _OLD_PROTOCOLS and as_bool(value) is True:
            yield _fact("tls_policy", "weak", where, name)


def elb_policy_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if a.get("policy_type_name") != "SSLNegotiationPolicyType":
        return
    yield from _negotiation(a.get("policy_attribute"), ("policy_attribute",), "name", "value")


def elb_policies_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    policies = resource.attributes.get("Policies")
    for i, policy in enumerate(blocks(policies) if not isinstance(policies, Unknown) else []):
        if policy.get("PolicyType") != "SSLNegotiationPolicyType":
            continue
        yield from _negotiation(policy.get("Attributes"), ("Policies", i, "Attributes"), "Name", "Value")


# ------------------------------------------------------------ caches, MemoryDB, SageMaker jobs

def appsync_cache_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("transit_encryption_enabled",))


def appsync_cache_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("TransitEncryptionEnabled",))


def memorydb_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("tls_enabled",), default_secure=True)


def memorydb_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "client", ("TLSEnabled",), default_secure=True)


def sagemaker_job_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "inter_container", ("network_config", "enable_inter_container_traffic_encryption"))


def sagemaker_job_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _flag(resource.attributes, "inter_container", ("NetworkConfig", "EnableInterContainerTrafficEncryption"))


def _both(name: str, tf: list[str], tf_fn: Callable[..., Any], cfn: list[str],
          cfn_fn: Callable[..., Any]) -> list[Extractor]:
    return [Extractor(f"{name}-tf", {"terraform": tf}, [EncryptionInTransit], tf_fn),
            Extractor(f"{name}-cfn", {"cloudformation": cfn}, [EncryptionInTransit], cfn_fn)]


EXTRACTORS = [
    *_both("lb-listener-transit", ["aws_lb_listener", "aws_alb_listener"], lb_listener_tf,
           ["AWS::ElasticLoadBalancingV2::Listener"], lb_listener_cfn),
    *_both("classic-elb-transit", ["aws_elb"], classic_elb_tf,
           ["AWS::ElasticLoadBalancing::LoadBalancer"], classic_elb_cfn),
    *_both("cloudfront-transit", ["aws_cloudfront_distribution"], cloudfront_tf,
           ["AWS::CloudFront::Distribution"], cloudfront_cfn),
    *_both("apigw-domain-transit", ["aws_api_gateway_domain_name"], apigw_domain_tf,
           ["AWS::ApiGateway::DomainName"], apigw_domain_cfn),
    *_both("apigwv2-domain-transit", ["aws_apigatewayv2_domain_name"], apigwv2_domain_tf,
           ["AWS::ApiGatewayV2::DomainName"], apigwv2_domain_cfn),
    *_both("search-domain-transit", ["aws_elasticsearch_domain", "aws_opensearch_domain"], search_domain_tf,
           ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"], search_domain_cfn),
    *_both("elasticache-transit", ["aws_elasticache_replication_group"], elasticache_rg_tf,
           ["AWS::ElastiCache::ReplicationGroup"], elasticache_rg_cfn),
    *_both("msk-transit", ["aws_msk_cluster"], msk_tf, ["AWS::MSK::Cluster"], msk_cfn),
    *_both("ecs-efs-volume-transit", ["aws_ecs_task_definition"], ecs_task_tf,
           ["AWS::ECS::TaskDefinition"], ecs_task_cfn),
    *_both("dax-transit", ["aws_dax_cluster"], dax_tf, ["AWS::DAX::Cluster"], dax_cfn),
    Extractor("elb-negotiation-policy-tf", {"terraform": ["aws_load_balancer_policy"]}, [EncryptionInTransit],
              elb_policy_tf),
    Extractor("elb-negotiation-policy-cfn", {"cloudformation": ["AWS::ElasticLoadBalancing::LoadBalancer"]},
              [EncryptionInTransit], elb_policies_cfn),
    *_both("appsync-cache-transit", ["aws_appsync_api_cache"], appsync_cache_tf,
           ["AWS::AppSync::ApiCache"], appsync_cache_cfn),
    *_both("memorydb-transit", ["aws_memorydb_cluster"], memorydb_tf, ["AWS::MemoryDB::Cluster"], memorydb_cfn),
    *_both("sagemaker-monitoring-job-transit",
           ["aws_sagemaker_data_quality_job_definition", "aws_sagemaker_model_quality_job_definition",
            "aws_sagemaker_model_bias_job_definition", "aws_sagemaker_model_explainability_job_definition"],
           sagemaker_job_tf,
           ["AWS::SageMaker::DataQualityJobDefinition", "AWS::SageMaker::ModelQualityJobDefinition",
            "AWS::SageMaker::ModelBiasJobDefinition", "AWS::SageMaker::ModelExplainabilityJobDefinition"],
           sagemaker_job_cfn),
    *_both("db-parameter-transit",
           ["aws_redshift_parameter_group", "aws_db_parameter_group", "aws_rds_cluster_parameter_group",
            "aws_docdb_cluster_parameter_group"], parameter_group_tf,
           ["AWS::Redshift::ClusterParameterGroup", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup",
            "AWS::DocDB::DBClusterParameterGroup"], parameter_group_cfn),
]
