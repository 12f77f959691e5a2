"""Encryption of single-service features: API Gateway response caches,
CloudSearch endpoints, Transfer Family protocols, CloudFront HSTS headers,
S3 bucket policies that refuse plain HTTP, and whether Athena workgroups let
clients override their result encryption.

At rest: one ``EncryptionAtRest`` per cache; in transit: one
``EncryptionInTransit`` per channel, as in :mod:`encryption_in_transit`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import _parent, dig
from srmlint.aws.extractors.public_policies import resource_policy_cloudformation, resource_policy_terraform
from srmlint.aws.facts import (
    ClientOverride,
    EncryptionAtRest,
    EncryptionInTransit,
    EncryptionState,
    PolicyStatement,
    TransitState,
)
from srmlint.aws.values import as_bool, as_int, blocks, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------ API Gateway response caches


def _cache_fact(body: Mapping[str, Any], path: AttrPath, caching: str, encrypted: str) -> EncryptionAtRest | None:
    """A method's response cache: judged only where caching is on (a stage's
    cache cluster with method caching left unset caches nothing)."""
    on = as_bool(body.get(caching))
    if on is None or on is False:
        return None
    if isinstance(on, Unknown):
        return EncryptionAtRest(path=(*path, caching), source=None, state="unknown")
    flag = as_bool(body.get(encrypted))
    state: EncryptionState
    if isinstance(flag, Unknown):
        state = "unknown"
    elif flag is True:
        state = "aws_managed_key"  # API Gateway takes no customer key for its cache
    else:
        state = "disabled" if flag is False else "unset"
    return EncryptionAtRest(path=(*path, encrypted) if flag is not None else path, source=None, state=state)


def apigw_method_settings_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    for i, body in enumerate(blocks(resource.attributes.get("settings"))):
        fact = _cache_fact(body, ("settings", i), "caching_enabled", "cache_data_encrypted")
        if fact is not None:
            yield fact


def apigw_stage_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    """``AWS::ApiGateway::Stage`` and ``AWS::Serverless::Api`` MethodSettings."""
    settings = resource.attributes.get("MethodSettings")
    if isinstance(settings, Unknown):
        return
    for i, body in enumerate(blocks(settings)):
        path: AttrPath = ("MethodSettings", i) if isinstance(settings, list) else ("MethodSettings",)
        fact = _cache_fact(body, path, "CachingEnabled", "CacheDataEncrypted")
        if fact is not None:
            yield fact


# ------------------------------------------------------------ in transit

def _transit(aspect: str, state: TransitState, path: AttrPath, value: Any = None, *,
             default_secure: bool = False) -> EncryptionInTransit:
    return EncryptionInTransit(path=path, source=None, aspect=aspect, state=state, value=value,
                               default_secure=default_secure)


CLOUDSEARCH_DEFAULT_POLICY = "Policy-Min-TLS-1-0-2019-07"


def cloudsearch_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    a = resource.attributes
    options = a.get("endpoint_options")
    if isinstance(options, Unknown):
        return
    https, hpath = dig(a, "endpoint_options", "enforce_https")
    flag = as_bool(https)
    if isinstance(flag, Unknown):
        yield _transit("https_only", "unknown", hpath, https)
    elif flag is None:
        yield _transit("https_only", "unset", _parent(hpath, a))  # CloudSearch accepts HTTP by default
    else:
        yield _transit("https_only", "enabled" if flag else "disabled", hpath, https)
    policy, ppath = dig(a, "endpoint_options", "tls_security_policy")
    if isinstance(policy, Unknown):
        yield _transit("tls_policy", "unknown", ppath, policy)
    elif not isinstance(policy, str) or not policy:
        yield _transit("tls_policy", "weak", _parent(ppath, a), f"{CLOUDSEARCH_DEFAULT_POLICY} (default)")
    else:
        yield _transit("tls_policy", "weak" if "TLS-1-0" in policy.upper() else "enabled", ppath, policy)


#: Transfer Family protocols that carry credentials and files in clear text.
_PLAINTEXT_PROTOCOLS = ("FTP",)


def _transfer(a: Mapping[str, Any], name: str) -> Iterator[EncryptionInTransit]:
    protocols = a.get(name)
    if isinstance(protocols, Unknown):
        yield _transit("file_transfer", "unknown", (name,), protocols)
        return
    for i, protocol in enumerate(items(protocols)):
        path: AttrPath = (name, i) if isinstance(protocols, list) else (name,)
        if isinstance(protocol, Unknown):
            yield _transit("file_transfer", "unknown", path, protocol)
        elif isinstance(protocol, str) and protocol.upper() in _PLAINTEXT_PROTOCOLS:
            yield _transit("file_transfer", "disabled", path, protocol)
    # (no protocols: SFTP only)


def transfer_server_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _transfer(resource.attributes, "protocols")


def transfer_server_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _transfer(resource.attributes, "Protocols")


# ------------------------------------------------------------ CloudFront HSTS

#: One year: the max-age below which browsers' HSTS preload lists and most
#: baselines (CIS, OWASP) consider Strict-Transport-Security too short to help.
HSTS_MIN_AGE = 31_536_000


def _hsts(config: Any, base: AttrPath, headers: str, hsts: str, age: str) -> Iterator[EncryptionInTransit]:
    bodies = blocks(config)
    if isinstance(config, Unknown) or not bodies:
        return
    if isinstance(config, list):
        base = (*base, config.index(bodies[0]))
    body = bodies[0]
    security, spath = dig(body, headers, hsts)
    if isinstance(security, Unknown):
        yield _transit("hsts", "unknown", (*base, *spath))
        return
    if security is None:
        yield _transit("hsts", "unset", (*base, *_parent((headers, hsts), body)))
        return
    seconds, apath = dig(body, headers, hsts, age)
    value = as_int(seconds)
    if isinstance(value, Unknown):
        yield _transit("hsts", "unknown", (*base, *apath), seconds)
    elif isinstance(value, int) and value < HSTS_MIN_AGE:
        yield _transit("hsts", "weak", (*base, *apath), value)
    else:
        yield _transit("hsts", "enabled", (*base, *spath), value)


def response_headers_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _hsts(resource.attributes, (), "security_headers_config", "strict_transport_security",
                     "access_control_max_age_sec")


def response_headers_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _hsts(resource.attributes.get("ResponseHeadersPolicyConfig"), ("ResponseHeadersPolicyConfig",),
                     "SecurityHeadersConfig", "StrictTransportSecurity", "AccessControlMaxAgeSec")


# ------------------------------------------------------------ S3: requests over TLS only

def _denies_plain_http(statement: PolicyStatement) -> bool | None:
    """True for a Deny whose condition matches requests not sent over TLS
    (``aws:SecureTransport`` false); None when that is not statically known."""
    if isinstance(statement.effect, Unknown):
        return None
    if statement.effect != "Deny":
        return False
    conditions = statement.conditions
    if conditions is None:
        return False
    if not isinstance(conditions, Mapping):
        return None
    unknown = False
    for operator, tests in conditions.items():
        if not isinstance(operator, str) or not isinstance(tests, Mapping):
            return None
        if operator.lower() not in ("bool", "boolifexists"):
            continue
        for key, value in tests.items():
            if not isinstance(key, str) or key.lower() != "aws:securetransport":
                continue
            for item in value if isinstance(value, list) else [value]:
                flag = as_bool(item)
                if flag is False:
                    return True
                unknown = unknown or isinstance(flag, Unknown)
    return None if unknown else False


def _transport_state(found: list[PolicyStatement], unknown_documents: int) -> TransitState:
    verdicts = [_denies_plain_http(s) for s in found]
    if any(v is True for v in verdicts):
        return "enabled"
    if unknown_documents or any(v is None for v in verdicts):
        return "unknown"
    return "unset"


def _bucket_policies_tf(bucket: Resource, graph: ResourceGraph) -> list[Resource]:
    policies = graph.referrers(bucket, type_="aws_s3_bucket_policy", via="bucket")
    name = bucket.attributes.get("bucket")
    if isinstance(name, str):
        policies += [p for p in graph.by_type("aws_s3_bucket_policy", bucket.scope)
                     if p not in policies and p.attributes.get("bucket") == name]
    return policies


def s3_transport_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    if resource.attributes.get("website") is not None or graph.referrers(
            resource, type_="aws_s3_bucket_website_configuration", via="bucket"):
        return  # website endpoints speak only HTTP: requiring TLS would take the site down
    found: list[PolicyStatement] = []
    unknown = 0
    sources: list[Resource] = ([resource] if resource.attributes.get("policy") is not None else [])
    sources += _bucket_policies_tf(resource, graph)
    for source in sources:
        statements = list(resource_policy_terraform(source, graph))
        if not statements:
            unknown += 1  # a document srmlint cannot read
        found += statements
    yield _transit("secure_transport", _transport_state(found, unknown), ())


def s3_transport_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    if resource.attributes.get("WebsiteConfiguration") is not None:
        return  # website endpoints speak only HTTP
    policies = graph.referrers(resource, type_="AWS::S3::BucketPolicy", via="Bucket")
    name = resource.attributes.get("BucketName")
    if isinstance(name, str):
        policies += [p for p in graph.by_type("AWS::S3::BucketPolicy", resource.scope)
                     if p not in policies and p.attributes.get("Bucket") == name]
    found: list[PolicyStatement] = []
    unknown = 0
    for policy in policies:
        statements = list(resource_policy_cloudformation(policy, graph))
        if not statements:
            unknown += 1
        found += statements
    yield _transit("secure_transport", _transport_state(found, unknown), ())


# ------------------------------------------------------------ Athena workgroups

def _athena_override(a: Mapping[str, Any], *path: str) -> Iterator[ClientOverride]:
    value, concrete = dig(a, *path)
    flag = as_bool(value)
    # Unset: the workgroup's settings win (the API's and the AWS provider's default).
    yield ClientOverride(path=concrete if value is not None else _parent(concrete, a), source=None,
                         what="result encryption and location", enforced=flag, default=True)


def athena_override_tf(resource: Resource, graph: ResourceGraph) -> Iterator[ClientOverride]:
    yield from _athena_override(resource.attributes, "configuration", "enforce_workgroup_configuration")


def athena_override_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[ClientOverride]:
    yield from _athena_override(resource.attributes, "WorkGroupConfiguration", "EnforceWorkGroupConfiguration")


EXTRACTORS = [
    Extractor("s3-secure-transport-tf", {"terraform": ["aws_s3_bucket"]}, [EncryptionInTransit], s3_transport_tf),
    Extractor("s3-secure-transport-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [EncryptionInTransit],
              s3_transport_cfn),
    Extractor("athena-client-override-tf", {"terraform": ["aws_athena_workgroup"]}, [ClientOverride],
              athena_override_tf),
    Extractor("athena-client-override-cfn", {"cloudformation": ["AWS::Athena::WorkGroup"]}, [ClientOverride],
              athena_override_cfn),
    Extractor("apigw-method-cache-encryption-tf", {"terraform": ["aws_api_gateway_method_settings"]},
              [EncryptionAtRest], apigw_method_settings_tf),
    Extractor("apigw-method-cache-encryption-cfn",
              {"cloudformation": ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"]},
              [EncryptionAtRest], apigw_stage_cfn),
    Extractor("cloudsearch-transit-tf", {"terraform": ["aws_cloudsearch_domain"]}, [EncryptionInTransit],
              cloudsearch_tf),
    Extractor("transfer-protocols-tf", {"terraform": ["aws_transfer_server"]}, [EncryptionInTransit],
              transfer_server_tf),
    Extractor("transfer-protocols-cfn", {"cloudformation": ["AWS::Transfer::Server"]}, [EncryptionInTransit],
              transfer_server_cfn),
    Extractor("cloudfront-hsts-tf", {"terraform": ["aws_cloudfront_response_headers_policy"]},
              [EncryptionInTransit], response_headers_tf),
    Extractor("cloudfront-hsts-cfn", {"cloudformation": ["AWS::CloudFront::ResponseHeadersPolicy"]},
              [EncryptionInTransit], response_headers_cfn),
]
