"""Public access, CloudFront: distributions that pass a request for their root
URL to an S3 origin because no default root object is set.

Without a default root object CloudFront forwards ``GET /`` to the origin of
the default cache behaviour; an S3 REST endpoint answers that with a listing
of the bucket whenever CloudFront may list it (CloudFront Developer Guide,
"Specify a default root object"; AWS Security Hub CloudFront.1). Only S3 REST
origins are judged: a custom origin (a load balancer, an API, an S3 *website*
endpoint, which serves its index document) answers ``/`` itself.

The fact (:class:`~srmlint.aws.facts.PublicExposure` of kind
``default_root_object``) is ``public`` when no default root object is set and
the root request statically goes to an S3 REST origin, ``private`` when a
default root object is set or the root origin is not S3, and ``unknown``
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import ExposureState, PublicExposure
from srmlint.aws.values import blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Intrinsic, Resource, Unknown

#: An S3 REST endpoint (``b.s3.amazonaws.com``, ``b.s3.eu-west-1.amazonaws.com``,
#: ``b.s3-eu-west-1.amazonaws.com``, ``.amazonaws.com.cn``); website endpoints
#: (``s3-website``) are custom origins.
S3_REST_DOMAIN = re.compile(r"\.s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?\.?$", re.IGNORECASE)
#: A Terraform reference to an S3 bucket's REST domain name.
TF_S3_DOMAIN_REF = re.compile(
    r"\baws_s3_bucket\.[\w-]+(\[[^\]]*\])?\.(bucket_regional_domain_name|bucket_domain_name)\b"
)
#: The CloudFormation attributes of AWS::S3::Bucket that name its REST endpoint.
CFN_S3_DOMAIN_ATTRS = frozenset({"DomainName", "RegionalDomainName", "DualStackDomainName"})


def _is_s3_domain_tf(domain: Any) -> bool | None:
    if isinstance(domain, str):
        return bool(S3_REST_DOMAIN.search(domain)) and "s3-website" not in domain.lower()
    if isinstance(domain, Unknown):
        return True if TF_S3_DOMAIN_REF.search(domain.text or "") else None
    return None


def _is_s3_domain_cfn(domain: Any, resource: Resource, graph: ResourceGraph) -> bool | None:
    if isinstance(domain, str):
        return bool(S3_REST_DOMAIN.search(domain)) and "s3-website" not in domain.lower()
    if isinstance(domain, Unknown) and isinstance(domain.expr, Intrinsic) and domain.expr.name == "Fn::Sub":
        template = domain.expr.args[0] if isinstance(domain.expr.args, list) and domain.expr.args else domain.expr.args
        if isinstance(template, str) and S3_REST_DOMAIN.search(template) and "s3-website" not in template.lower():
            return True
        return None
    if isinstance(domain, Unknown) and isinstance(domain.expr, Intrinsic) and domain.expr.name == "Fn::GetAtt":
        args = domain.expr.args
        if isinstance(args, str):
            args = args.split(".", 1)
        if isinstance(args, list) and len(args) == 2 and all(isinstance(a, str) for a in args):
            target = graph.get(resource.scope, args[0])
            if target is not None and target.type == "AWS::S3::Bucket":
                return args[1] in CFN_S3_DOMAIN_ATTRS
    return None


def _root_origin_is_s3(origins: list[tuple[Any, bool | None]], target: Any) -> bool | None:
    """Whether the default cache behaviour's origin is an S3 REST endpoint:
    the origin it names, else (its id not static, or an origin group) what
    all origins agree on."""
    if isinstance(target, str):
        for origin_id, is_s3 in origins:
            if origin_id == target:
                return is_s3
    verdicts = {is_s3 for _, is_s3 in origins}
    return verdicts.pop() if len(verdicts) == 1 else None


def _fact(root_object: Any, path: tuple[str, ...], root_is_s3: bool | None) -> Iterator[PublicExposure]:
    state: ExposureState
    if isinstance(root_object, Unknown):
        state = "unknown"
    elif isinstance(root_object, str) and root_object.strip():
        state = "private"
    elif root_is_s3 is None:
        state = "unknown"
    else:
        state = "public" if root_is_s3 else "private"
    yield PublicExposure(path=path if root_object is not None else (), source=None, kind="default_root_object",
                         state=state)


def cloudfront_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    a = resource.attributes
    origins: list[tuple[Any, bool | None]] = []
    for origin in blocks(a.get("origin")):
        s3 = True if blocks(origin.get("s3_origin_config")) else _is_s3_domain_tf(origin.get("domain_name"))
        if blocks(origin.get("custom_origin_config")):
            s3 = False
        origins.append((origin.get("origin_id"), s3))
    behaviours = blocks(a.get("default_cache_behavior"))
    target = behaviours[0].get("target_origin_id") if behaviours else None
    root_is_s3 = _root_origin_is_s3(origins, target) if origins else None
    yield from _fact(a.get("default_root_object"), ("default_root_object",), root_is_s3)


def cloudfront_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PublicExposure]:
    config = resource.attributes.get("DistributionConfig")
    if not isinstance(config, Mapping):
        if isinstance(config, Unknown):
            yield PublicExposure(path=("DistributionConfig",), source=None, kind="default_root_object",
                                 state="unknown")
        return
    origins: list[tuple[Any, bool | None]] = []
    listed = config.get("Origins")
    for origin in listed if isinstance(listed, list) else ():
        if not isinstance(origin, Mapping):
            origins.append((None, None))
            continue
        if origin.get("S3OriginConfig") is not None:
            s3: bool | None = True
        elif origin.get("CustomOriginConfig") is not None:
            s3 = False
        else:
            s3 = _is_s3_domain_cfn(origin.get("DomainName"), resource, graph)
        origins.append((origin.get("Id"), s3))
    if isinstance(listed, Unknown):
        origins.append((None, None))
    behaviour = config.get("DefaultCacheBehavior")
    target = behaviour.get("TargetOriginId") if isinstance(behaviour, Mapping) else None
    root_is_s3 = _root_origin_is_s3(origins, target) if origins else None
    yield from _fact(config.get("DefaultRootObject"), ("DistributionConfig", "DefaultRootObject"), root_is_s3)


EXTRACTORS = [
    Extractor("cloudfront-default-root-object-tf", {"terraform": ["aws_cloudfront_distribution"]}, [PublicExposure],
              cloudfront_terraform),
    Extractor("cloudfront-default-root-object-cfn", {"cloudformation": ["AWS::CloudFront::Distribution"]},
              [PublicExposure], cloudfront_cloudformation),
]
