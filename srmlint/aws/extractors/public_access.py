"""Public access settings: S3 Block Public Access and ACLs, publicly accessible
databases and brokers, public IP assignment, EKS endpoints, unauthenticated
API methods and function URLs, AMIs and snapshots shared with everyone.

Each fact belongs to the resource that states the setting (the v4 split
``aws_s3_bucket_public_access_block`` / ``aws_s3_bucket_acl`` carry their own
facts); a bucket no public-access-block refers to (through the graph or by
its literal name) gets a ``present=False`` :class:`PublicAccessBlock`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import ExposureState, PublicAccessBlock, PublicExposure
from srmlint.aws.values import as_bool, blocks, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

S3_PAB = "aws_s3_bucket_public_access_block"
S3_ACCOUNT_PAB = "aws_s3_account_public_access_block"
S3_ACL = "aws_s3_bucket_acl"
PAB_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
CFN_PAB_FLAGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
PUBLIC_ACLS = {"public-read", "public-read-write", "authenticated-read"}
CFN_PUBLIC_ACLS = {"PublicRead": "public-read", "PublicReadWrite": "public-read-write",
                   "AuthenticatedRead": "authenticated-read"}
PUBLIC_GRANTEES = ("http://acs.amazonaws.com/groups/global/AllUsers",
                   "http://acs.amazonaws.com/groups/global/AuthenticatedUsers")


def _flag(value: Any) -> bool | Unknown:
    """A flag of an existing configuration: unstated is false (the API default)."""
    flag = as_bool(value)
    return False if flag is None else flag


def _pab(scope: Any, attributes: Mapping[str, Any], names: tuple[str, ...], path: AttrPath,
         source: str | None = None) -> PublicAccessBlock:
    flags = [_flag(attributes.get(n)) for n in names]
    return PublicAccessBlock(path=path, source=source, scope=scope, present=True, block_public_acls=flags[0],
                             block_public_policy=flags[1], ignore_public_acls=flags[2],
                             restrict_public_buckets=flags[3])


def _connected(resource: Resource, graph: ResourceGraph, type_: str) -> list[Resource]:
    """Split resources of ``type_`` whose ``bucket`` is this bucket (by reference or literal name)."""
    found = graph.referrers(resource, type_=type_, via="bucket")
    name = resource.attributes.get("bucket")
    if isinstance(name, str):
        found += [r for r in graph.by_type(type_, resource.scope)
                  if r not in found and r.attributes.get("bucket") == name]
    return found


def _account_blocks_all(resource: Resource, graph: ResourceGraph) -> bool:
    return any(all(as_bool(r.attributes.get(f)) is True for f in PAB_FLAGS)
               for r in graph.by_type(S3_ACCOUNT_PAB, resource.scope))


def is_internet(cidr: Any) -> bool:
    """``0.0.0.0/0``, ``::/0`` and every other spelling of the whole address space."""
    try:
        return isinstance(cidr, str) and ipaddress.ip_network(cidr.strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def _state(value: Any, public: Any = True) -> ExposureState:
    if isinstance(value, Unknown):
        return "unknown"
    if value is None:
        return "unset"
    return "public" if value == public else "private"


def _bool_state(value: Any) -> ExposureState:
    return _state(as_bool(value))


# ---------------------------------------------------------------------- S3


def s3_bucket_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicAccessBlock | PublicExposure]:
    if not _connected(resource, graph, S3_PAB) and not _account_blocks_all(resource, graph):
        yield PublicAccessBlock(path=(), source=None, scope="bucket", present=False)
    acl = resource.attributes.get("acl")
    if acl is not None:
        yield _acl_fact(acl, ("acl",))
    for i, grant in enumerate(blocks(resource.attributes.get("grant"))):
        if grant.get("uri") in PUBLIC_GRANTEES:
            yield PublicExposure(path=("grant", i), source=None, kind="s3_acl", state="public",
                                 detail=f"grant to {str(grant['uri']).rsplit('/', 1)[-1]}")


def _acl_fact(acl: Any, path: AttrPath) -> PublicExposure:
    if isinstance(acl, Unknown):
        return PublicExposure(path=path, source=None, kind="s3_acl", state="unknown")
    public = isinstance(acl, str) and acl in PUBLIC_ACLS
    return PublicExposure(path=path, source=None, kind="s3_acl", state="public" if public else "private",
                          detail=acl if isinstance(acl, str) else None)


def s3_pab_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicAccessBlock]:
    scope = "account" if resource.type == S3_ACCOUNT_PAB else "bucket"
    yield _pab(scope, resource.attributes, PAB_FLAGS, ())


def s3_acl_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    acl = resource.attributes.get("acl")
    if acl is not None:
        yield _acl_fact(acl, ("acl",))
    for i, policy in enumerate(blocks(resource.attributes.get("access_control_policy"))):
        for j, grant in enumerate(blocks(policy.get("grant"))):
            for grantee in blocks(grant.get("grantee")):
                uri = grantee.get("uri")
                if uri in PUBLIC_GRANTEES:
                    yield PublicExposure(path=("access_control_policy", i, "grant", j), source=None,
                                         kind="s3_acl", state="public",
                                         detail=f"grant to {str(uri).rsplit('/', 1)[-1]}")


def s3_bucket_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicAccessBlock | PublicExposure]:
    config = resource.attributes.get("PublicAccessBlockConfiguration")
    if isinstance(config, Unknown):
        unknown = Unknown(None, "PublicAccessBlockConfiguration")
        yield PublicAccessBlock(path=("PublicAccessBlockConfiguration",), source=None, scope="bucket", present=True,
                                block_public_acls=unknown, block_public_policy=unknown,
                                ignore_public_acls=unknown, restrict_public_buckets=unknown)
    elif isinstance(config, Mapping):
        yield _pab("bucket", config, CFN_PAB_FLAGS, ("PublicAccessBlockConfiguration",))
    else:
        yield PublicAccessBlock(path=(), source=None, scope="bucket", present=False)
    acl = resource.attributes.get("AccessControl")
    if isinstance(acl, Unknown):
        yield PublicExposure(path=("AccessControl",), source=None, kind="s3_acl", state="unknown")
    elif isinstance(acl, str):
        public = CFN_PUBLIC_ACLS.get(acl)
        yield PublicExposure(path=("AccessControl",), source=None, kind="s3_acl",
                             state="public" if public else "private", detail=public or acl)


# ---------------------------------------------------------------------- flags


def _flag_fact(resource: Resource, key: str, kind: str) -> Iterator[PublicExposure]:
    value = resource.attributes.get(key)
    yield PublicExposure(path=(key,) if value is not None else (), source=None, kind=kind,
                         state=_bool_state(value))


#: Types whose publicly accessible flag is turned on when it is left unset, and
#: who turns it on: AWS (DMS CreateReplicationInstance: "The default value is
#: true"), or the Terraform AWS provider before v6, which sends
#: publicly_accessible = true for a Redshift cluster that does not set it (the
#: Redshift API's own default is false since January 2025, so CloudFormation's
#: AWS::Redshift::Cluster is private when unset; provider v6 defaults to false).
PUBLIC_WHEN_UNSET = {
    "aws_dms_replication_instance": "AWS makes the instance public by default",
    "AWS::DMS::ReplicationInstance": "AWS makes the instance public by default",
    "aws_redshift_cluster": "the AWS provider before v6 sends publicly_accessible = true",
}


def _publicly_accessible(resource: Resource, key: str) -> Iterator[PublicExposure]:
    why = PUBLIC_WHEN_UNSET.get(resource.type)
    if why is not None and resource.attributes.get(key) is None:
        yield PublicExposure(path=(), source=None, kind="publicly_accessible", state="public",
                             detail=f" ({key} is unset, and {why})")
        return
    yield from _flag_fact(resource, key, "publicly_accessible")


def publicly_accessible_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _publicly_accessible(resource, "publicly_accessible")


def publicly_accessible_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _publicly_accessible(resource, "PubliclyAccessible")


def _msk(info: Any, keys: tuple[str, str, str, str], base: AttrPath) -> Iterator[PublicExposure]:
    node, conn, access, type_ = keys
    for i, group in enumerate(blocks(info)):
        for j, connectivity in enumerate(blocks(group.get(conn))):
            for k, public in enumerate(blocks(connectivity.get(access))):
                value = public.get(type_)
                state: ExposureState = ("unknown" if isinstance(value, Unknown) else
                                        "public" if value == "SERVICE_PROVIDED_EIPS" else "private")
                path = (*base, i, conn, j, access, k) if node == "list" else (*base, conn, access)
                yield PublicExposure(path=path, source=None, kind="publicly_accessible", state=state)


def msk_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _msk(resource.attributes.get("broker_node_group_info"),
                    ("list", "connectivity_info", "public_access", "type"), ("broker_node_group_info",))


def msk_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _msk(resource.attributes.get("BrokerNodeGroupInfo"),
                    ("map", "ConnectivityInfo", "PublicAccess", "Type"), ("BrokerNodeGroupInfo",))


def public_ip_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    a = resource.attributes
    if resource.type == "aws_launch_template":
        for i, nic in enumerate(blocks(a.get("network_interfaces"))):
            value = nic.get("associate_public_ip_address")
            if value is not None:
                yield PublicExposure(path=("network_interfaces", i, "associate_public_ip_address"), source=None,
                                     kind="public_ip", state=_bool_state(value))
    elif resource.type == "aws_subnet":
        yield from _flag_fact(resource, "map_public_ip_on_launch", "public_ip")
    elif resource.type == "aws_ecs_service":
        for i, config in enumerate(blocks(a.get("network_configuration"))):
            value = config.get("assign_public_ip")
            if value is not None:
                yield PublicExposure(path=("network_configuration", i, "assign_public_ip"), source=None,
                                     kind="public_ip", state=_bool_state(value))
    else:
        yield from _flag_fact(resource, "associate_public_ip_address", "public_ip")


def public_ip_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    a = resource.attributes
    nics: Any = None
    base: AttrPath = ()
    if resource.type == "AWS::EC2::Instance":
        nics, base = a.get("NetworkInterfaces"), ("NetworkInterfaces",)
    elif resource.type == "AWS::EC2::LaunchTemplate":
        data = a.get("LaunchTemplateData")
        if isinstance(data, Mapping):
            nics, base = data.get("NetworkInterfaces"), ("LaunchTemplateData", "NetworkInterfaces")
    elif resource.type == "AWS::EC2::Subnet":
        yield from _flag_fact(resource, "MapPublicIpOnLaunch", "public_ip")
    elif resource.type == "AWS::AutoScaling::LaunchConfiguration":
        yield from _flag_fact(resource, "AssociatePublicIpAddress", "public_ip")
    elif resource.type == "AWS::ECS::Service":
        config = a.get("NetworkConfiguration")
        vpc = config.get("AwsvpcConfiguration") if isinstance(config, Mapping) else None
        value = vpc.get("AssignPublicIp") if isinstance(vpc, Mapping) else None
        if value is not None:
            yield PublicExposure(path=("NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp"),
                                 source=None, kind="public_ip", state=_state(value, "ENABLED"))
    for i, nic in enumerate(blocks(nics) if isinstance(nics, list) else []):
        value = nic.get("AssociatePublicIpAddress")
        if value is not None:
            yield PublicExposure(path=(*base, i, "AssociatePublicIpAddress"), source=None, kind="public_ip",
                                 state=_bool_state(value))


# ---------------------------------------------------------------------- EKS


def _eks(config: Any, public_key: str, cidrs_key: str, path: AttrPath) -> Iterator[PublicExposure]:
    public = as_bool(config.get(public_key)) if isinstance(config, Mapping) else None
    cidrs = config.get(cidrs_key) if isinstance(config, Mapping) else None
    if isinstance(config, Unknown) or isinstance(public, Unknown):
        yield PublicExposure(path=path, source=None, kind="eks_endpoint", state="unknown")
        return
    if public is False:
        yield PublicExposure(path=path, source=None, kind="eks_endpoint", state="private")
        return
    if cidrs is None or cidrs == []:  # AWS reads an empty list as 0.0.0.0/0
        yield PublicExposure(path=path, source=None, kind="eks_endpoint", state="public",
                             detail="0.0.0.0/0 (the default)")
        return
    listed = items(cidrs)
    if isinstance(cidrs, Unknown) or any(isinstance(c, Unknown) for c in listed):
        state: ExposureState = "unknown" if not any(is_internet(c) for c in listed) else "public"
    else:
        state = "public" if any(is_internet(c) for c in listed) else "private"
    open_cidrs = ", ".join(c for c in listed if is_internet(c))
    yield PublicExposure(path=(*path, cidrs_key), source=None, kind="eks_endpoint", state=state,
                         detail=open_cidrs or None)


def eks_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    configs = blocks(resource.attributes.get("vpc_config"))
    for i, config in enumerate(configs):
        yield from _eks(config, "endpoint_public_access", "public_access_cidrs", ("vpc_config", i))


def eks_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    config = resource.attributes.get("ResourcesVpcConfig")
    if config is not None:
        yield from _eks(config, "EndpointPublicAccess", "PublicAccessCidrs", ("ResourcesVpcConfig",))


# ---------------------------------------------------------------------- APIs


def _private_api(resource: Resource, graph: ResourceGraph, via: str, config_key: str, types_key: str) -> bool:
    """Whether the method's REST API is a PRIVATE one (reachable only through
    interface VPC endpoints, and only as its resource policy allows)."""
    for api in graph.targets(resource, via=via):
        if api.type == "AWS::Serverless::Api":  # SAM: EndpointConfiguration: PRIVATE, or {Type: PRIVATE}
            sam = api.attributes.get("EndpointConfiguration")
            sam = sam.get("Type") if isinstance(sam, Mapping) else sam
            if isinstance(sam, str) and sam.upper() == "PRIVATE":
                return True
            continue
        for config in blocks(api.attributes.get(config_key)):
            types = config.get(types_key)
            if isinstance(types, list | str) and [t for t in items(types) if isinstance(t, str)] == ["PRIVATE"]:
                return True
    return False


#: The HTTP methods API Gateway accepts on a method (the provider and CloudFormation reject others).
HTTP_METHODS = frozenset({"ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})


def _method(resource: Resource, auth_key: str, key_key: str, method_key: str,
            private_api: bool = False) -> Iterator[PublicExposure]:
    a = resource.attributes
    auth, api_key, method = a.get(auth_key), as_bool(a.get(key_key)), a.get(method_key)
    detail = f"method {method}" if isinstance(method, str) else "method"
    path: AttrPath = (auth_key,) if auth is not None else ()
    if isinstance(auth, Unknown) or isinstance(api_key, Unknown) or isinstance(method, Unknown):
        state: ExposureState = "unknown"
    elif isinstance(method, str) and method.upper() == "OPTIONS":
        state = "private"  # CORS pre-flight: answered without authorization by design
    elif isinstance(method, str) and method.upper() not in HTTP_METHODS:
        state = "unknown"  # not a method API Gateway accepts ("OPTION"): the template cannot be deployed
    elif private_api:
        state = "private"  # a PRIVATE API: not reachable from the internet at all
    elif (auth is None or (isinstance(auth, str) and auth.upper() == "NONE")) and api_key is not True:
        state = "public"
    else:
        state = "private"
    yield PublicExposure(path=path, source=None, kind="api_authorization", state=state, detail=detail)


def api_method_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    if resource.attributes.get("authorization") is None:
        return  # required in Terraform: an incomplete template says nothing
    yield from _method(resource, "authorization", "api_key_required", "http_method",
                       _private_api(resource, graph, "rest_api_id", "endpoint_configuration", "types"))


def api_method_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _method(resource, "AuthorizationType", "ApiKeyRequired", "HttpMethod",
                       _private_api(resource, graph, "RestApiId", "EndpointConfiguration", "Types"))


def function_url_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _auth_type(resource, "authorization_type")


def function_url_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _auth_type(resource, "AuthType")


def _auth_type(resource: Resource, key: str) -> Iterator[PublicExposure]:
    value = resource.attributes.get(key)
    if value is None:
        return  # required
    yield PublicExposure(path=(key,), source=None, kind="function_url_auth", state=_state(value, "NONE"))


# ---------------------------------------------------------------------- sharing


def ami_launch_permission_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    value = resource.attributes.get("group")
    if value is not None:
        yield PublicExposure(path=("group",), source=None, kind="public_share", state=_state(value, "all"),
                             detail="AMI launch permission")


def db_snapshot_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    shared = resource.attributes.get("shared_accounts")
    if shared is None:
        return
    listed = items(shared)
    state: ExposureState = ("public" if "all" in listed else
                            "unknown" if isinstance(shared, Unknown) or any(isinstance(v, Unknown) for v in listed)
                            else "private")
    yield PublicExposure(path=("shared_accounts",), source=None, kind="public_share", state=state,
                         detail="DB snapshot shared_accounts")


EXTRACTORS = [
    Extractor("s3-public-access-tf", {"terraform": ["aws_s3_bucket"]}, [PublicAccessBlock, PublicExposure],
              s3_bucket_terraform),
    Extractor("s3-pab-tf", {"terraform": [S3_PAB, S3_ACCOUNT_PAB]}, [PublicAccessBlock], s3_pab_terraform),
    Extractor("s3-acl-tf", {"terraform": [S3_ACL]}, [PublicExposure], s3_acl_terraform),
    Extractor("s3-public-access-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [PublicAccessBlock, PublicExposure],
              s3_bucket_cloudformation),
    Extractor("publicly-accessible-tf",
              {"terraform": ["aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster",
                             "aws_redshiftserverless_workgroup", "aws_dms_replication_instance",
                             "aws_neptune_cluster_instance", "aws_mq_broker"]},
              [PublicExposure], publicly_accessible_terraform),
    Extractor("publicly-accessible-cfn",
              {"cloudformation": ["AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
                                  "AWS::RedshiftServerless::Workgroup", "AWS::DMS::ReplicationInstance",
                                  "AWS::AmazonMQ::Broker"]},
              [PublicExposure], publicly_accessible_cloudformation),
    Extractor("msk-public-tf", {"terraform": ["aws_msk_cluster"]}, [PublicExposure], msk_terraform),
    Extractor("msk-public-cfn", {"cloudformation": ["AWS::MSK::Cluster"]}, [PublicExposure], msk_cloudformation),
    Extractor("public-ip-tf",
              {"terraform": ["aws_instance", "aws_launch_template", "aws_launch_configuration", "aws_subnet",
                             "aws_ecs_service"]},
              [PublicExposure], public_ip_terraform),
    Extractor("public-ip-cfn",
              {"cloudformation": ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::EC2::Subnet",
                                  "AWS::AutoScaling::LaunchConfiguration", "AWS::ECS::Service"]},
              [PublicExposure], public_ip_cloudformation),
    Extractor("eks-endpoint-tf", {"terraform": ["aws_eks_cluster"]}, [PublicExposure], eks_terraform),
    Extractor("eks-endpoint-cfn", {"cloudformation": ["AWS::EKS::Cluster"]}, [PublicExposure], eks_cloudformation),
    Extractor("api-method-auth-tf", {"terraform": ["aws_api_gateway_method"]}, [PublicExposure],
              api_method_terraform),
    Extractor("api-method-auth-cfn", {"cloudformation": ["AWS::ApiGateway::Method"]}, [PublicExposure],
              api_method_cloudformation),
    Extractor("function-url-auth-tf", {"terraform": ["aws_lambda_function_url"]}, [PublicExposure],
              function_url_terraform),
    Extractor("function-url-auth-cfn", {"cloudformation": ["AWS::Lambda::Url"]}, [PublicExposure],
              function_url_cloudformation),
    Extractor("ami-launch-permission-tf", {"terraform": ["aws_ami_launch_permission"]}, [PublicExposure],
              ami_launch_permission_terraform),
    Extractor("db-snapshot-share-tf", {"terraform": ["aws_db_snapshot", "aws_db_cluster_snapshot"]},
              [PublicExposure], db_snapshot_terraform),
]
