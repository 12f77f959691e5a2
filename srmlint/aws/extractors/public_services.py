"""Public access, second pass: API Gateway v2 routes without authorization,
Transfer Family servers with a public endpoint, internet-facing Application
Load Balancers with no WAF web ACL associated, Cognito identity pools that
admit unauthenticated identities, EMR block public access turned off, SSM
documents shared with everyone, and the public access blocks of S3 access
points.

Each fact belongs to the resource that states the setting, as in
:mod:`srmlint.aws.extractors.public_access`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import ExposureState, PublicAccessBlock, PublicExposure
from srmlint.aws.values import as_bool, blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

#: An HTTP API route key: ``GET /pets``, ``ANY /{proxy+}``.
HTTP_ROUTE = re.compile(r"^[A-Za-z]+ /")


# ---------------------------------------------------------------------- API Gateway v2 routes


def _protocol(resource: Resource, graph: ResourceGraph, via: str, key: str, route_key: Any) -> str | None:
    """``HTTP`` or ``WEBSOCKET``: from the API the route belongs to, else from
    the shape of the route key; ``None`` when neither tells."""
    for api in graph.targets(resource, via=via):
        value = api.attributes.get(key)
        if isinstance(value, str):
            return value.upper()
        if isinstance(value, Unknown):
            return None
    if isinstance(route_key, str):
        if HTTP_ROUTE.match(route_key):
            return "HTTP"
        if route_key == "$connect":
            return "WEBSOCKET"
    return None


def _route(resource: Resource, graph: ResourceGraph, keys: tuple[str, str, str, str, str]) -> Iterator[PublicExposure]:
    auth_key, route_key_key, api_key_key, via, protocol_key = keys
    a = resource.attributes
    auth, route_key, api_key = a.get(auth_key), a.get(route_key_key), as_bool(a.get(api_key_key))
    path: AttrPath = (auth_key,) if auth is not None else ()
    detail = route_key if isinstance(route_key, str) else None
    state: ExposureState
    if isinstance(auth, Unknown) or isinstance(api_key, Unknown) or isinstance(route_key, Unknown):
        state = "unknown"
    elif auth is not None and not (isinstance(auth, str) and auth.upper() == "NONE"):
        state = "private"
    elif api_key is True:
        state = "private"  # WebSocket routes may require an API key instead
    else:
        protocol = _protocol(resource, graph, via, protocol_key, route_key)
        if protocol is None:
            state = "unknown"  # a WebSocket route other than $connect cannot carry authorization
        elif protocol == "WEBSOCKET":
            state = "public" if route_key == "$connect" else "private"
        elif isinstance(route_key, str) and route_key.upper().startswith("OPTIONS "):
            state = "private"  # CORS pre-flight: answered without authorization by design
        else:
            state = "public"
    yield PublicExposure(path=path, source=None, kind="api_authorization", state=state,
                         detail=f"route {detail}" if detail else None)


def apigwv2_route_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _route(resource, graph, ("authorization_type", "route_key", "api_key_required", "api_id",
                                        "protocol_type"))


def apigwv2_route_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _route(resource, graph, ("AuthorizationType", "RouteKey", "ApiKeyRequired", "ApiId",
                                        "ProtocolType"))


# ---------------------------------------------------------------------- Transfer Family


def _transfer(resource: Resource, key: str) -> Iterator[PublicExposure]:
    value = resource.attributes.get(key)
    state: ExposureState
    if isinstance(value, Unknown):
        state = "unknown"
    elif value is None or (isinstance(value, str) and value.upper() == "PUBLIC"):
        state = "public"
    else:
        state = "private"
    yield PublicExposure(path=(key,) if value is not None else (), source=None, kind="public_endpoint",
                         state=state, detail="PUBLIC, the default" if value is None else str(value))


def transfer_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _transfer(resource, "endpoint_type")


def transfer_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _transfer(resource, "EndpointType")


# ---------------------------------------------------------------------- Cognito identity pools


def _flag(resource: Resource, key: str, kind: str, public: bool) -> Iterator[PublicExposure]:
    value = as_bool(resource.attributes.get(key))
    state: ExposureState = ("unknown" if isinstance(value, Unknown) else "unset" if value is None else
                            "public" if value is public else "private")
    yield PublicExposure(path=(key,) if value is not None else (), source=None, kind=kind, state=state)


def cognito_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _flag(resource, "allow_unauthenticated_identities", "unauthenticated_identities", True)


def cognito_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _flag(resource, "AllowUnauthenticatedIdentities", "unauthenticated_identities", True)


# ---------------------------------------------------------------------- EMR block public access


def emr_bpa_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    yield from _flag(resource, "block_public_security_group_rules", "emr_block_public_access", False)


# ---------------------------------------------------------------------- SSM documents


def ssm_document_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    permissions = resource.attributes.get("permissions")
    if permissions is None:
        return
    if not isinstance(permissions, Mapping):
        yield PublicExposure(path=("permissions",), source=None, kind="public_share", state="unknown")
        return
    accounts = permissions.get("account_ids")
    state: ExposureState
    if isinstance(accounts, Unknown) or isinstance(permissions.get("type"), Unknown):
        state = "unknown"
    elif isinstance(accounts, str) and any(a.strip().lower() == "all" for a in accounts.split(",")):
        state = "public"
    else:
        state = "private"
    yield PublicExposure(path=("permissions",), source=None, kind="public_share", state=state,
                         detail="SSM document permissions account_ids All")


# ---------------------------------------------------------------------- S3 access points


TF_FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
CFN_FLAGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")


def _access_point(config: Any, names: tuple[str, ...], path: AttrPath, omitted: bool | None) -> PublicAccessBlock:
    """An access point's block; every flag is on when the block is absent
    (the S3 default for access points), and ``omitted`` says what a flag the
    block leaves out is (the Terraform provider: on; CloudFormation: not
    documented, so ``None``: not judged)."""
    if isinstance(config, Unknown):
        unknown = Unknown(None, "public access block configuration")
        flags: list[Any] = [unknown] * 4
    elif isinstance(config, Mapping):
        flags = []
        for name in names:
            value = as_bool(config.get(name))
            flags.append(omitted if value is None else value)
    else:
        flags = [True] * 4
    return PublicAccessBlock(path=path, source=None, scope="access_point", present=True,
                             block_public_acls=flags[0], block_public_policy=flags[1],
                             ignore_public_acls=flags[2], restrict_public_buckets=flags[3])


def access_point_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicAccessBlock]:
    configs = resource.attributes.get("public_access_block_configuration")
    listed = blocks(configs)
    if isinstance(configs, Unknown):
        yield _access_point(configs, TF_FLAGS, ("public_access_block_configuration",), True)
    elif listed:
        yield _access_point(listed[0], TF_FLAGS, ("public_access_block_configuration", 0), True)
    else:
        yield _access_point(None, TF_FLAGS, (), True)


def access_point_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicAccessBlock]:
    config = resource.attributes.get("PublicAccessBlockConfiguration")
    path: AttrPath = ("PublicAccessBlockConfiguration",) if config is not None else ()
    yield _access_point(config, CFN_FLAGS, path, None)


# ---------------------------------------------------------------------- load balancers and WAF


#: Association types that put a WAF web ACL in front of a load balancer → their ARN attribute.
TF_WAF_ASSOCIATIONS = {"aws_wafv2_web_acl_association": "resource_arn",
                       "aws_wafregional_web_acl_association": "resource_arn"}
CFN_WAF_ASSOCIATIONS = {"AWS::WAFv2::WebACLAssociation": "ResourceArn",
                        "AWS::WAFRegional::WebACLAssociation": "ResourceArn"}


def _lb_without_waf(resource: Resource, graph: ResourceGraph, internet_facing: bool | Unknown,
                    lb_type: Any, associations: Mapping[str, str]) -> Iterator[PublicExposure]:
    state: ExposureState
    if isinstance(internet_facing, Unknown) or isinstance(lb_type, Unknown):
        state = "unknown"
    elif not internet_facing or (lb_type is not None and str(lb_type).lower() != "application"):
        state = "private"  # internal, or a network/gateway load balancer (WAF cannot protect it)
    else:
        state = "public"
        for type_, via in associations.items():
            if graph.referrers(resource, type_=type_, via=via):
                state = "private"
                break
            # an association whose target srmlint cannot resolve may be this one
            if any(isinstance(r.attributes.get(via), Unknown) and not graph.targets(r, via=via)
                   for r in graph.by_type(type_, resource.scope)):
                state = "unknown"
    yield PublicExposure(path=(), source=None, kind="lb_without_waf", state=state)


def lb_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    internal = as_bool(resource.attributes.get("internal"))
    facing: bool | Unknown = internal if isinstance(internal, Unknown) else internal is not True
    yield from _lb_without_waf(resource, graph, facing, resource.attributes.get("load_balancer_type"),
                               TF_WAF_ASSOCIATIONS)


def lb_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    scheme = resource.attributes.get("Scheme")
    facing: bool | Unknown = scheme if isinstance(scheme, Unknown) else scheme in (None, "internet-facing")
    yield from _lb_without_waf(resource, graph, facing, resource.attributes.get("Type"), CFN_WAF_ASSOCIATIONS)


EXTRACTORS = [
    Extractor("lb-waf-tf", {"terraform": ["aws_lb", "aws_alb"]}, [PublicExposure], lb_terraform),
    Extractor("lb-waf-cfn", {"cloudformation": ["AWS::ElasticLoadBalancingV2::LoadBalancer"]}, [PublicExposure],
              lb_cloudformation),
    Extractor("apigwv2-route-auth-tf", {"terraform": ["aws_apigatewayv2_route"]}, [PublicExposure],
              apigwv2_route_terraform),
    Extractor("apigwv2-route-auth-cfn", {"cloudformation": ["AWS::ApiGatewayV2::Route"]}, [PublicExposure],
              apigwv2_route_cloudformation),
    Extractor("transfer-endpoint-tf", {"terraform": ["aws_transfer_server"]}, [PublicExposure], transfer_terraform),
    Extractor("transfer-endpoint-cfn", {"cloudformation": ["AWS::Transfer::Server"]}, [PublicExposure],
              transfer_cloudformation),
    Extractor("cognito-unauthenticated-tf", {"terraform": ["aws_cognito_identity_pool"]}, [PublicExposure],
              cognito_terraform),
    Extractor("cognito-unauthenticated-cfn", {"cloudformation": ["AWS::Cognito::IdentityPool"]}, [PublicExposure],
              cognito_cloudformation),
    Extractor("emr-block-public-access-tf", {"terraform": ["aws_emr_block_public_access_configuration"]},
              [PublicExposure], emr_bpa_terraform),
    Extractor("ssm-document-share-tf", {"terraform": ["aws_ssm_document"]}, [PublicExposure],
              ssm_document_terraform),
    Extractor("s3-access-point-pab-tf", {"terraform": ["aws_s3_access_point"]}, [PublicAccessBlock],
              access_point_terraform),
    Extractor("s3-access-point-pab-cfn", {"cloudformation": ["AWS::S3::AccessPoint"]}, [PublicAccessBlock],
              access_point_cloudformation),
]
