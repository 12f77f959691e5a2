"""Load balancers' handling of malformed HTTP: invalid header fields and the
HTTP desync (request smuggling) mitigation mode.

Application Load Balancers only (``aws_lb`` / ``aws_alb`` of type
``application``, the default; ``AWS::ElasticLoadBalancingV2::LoadBalancer``
of ``Type: application``, the default), plus the desync mode of Classic Load
Balancers in Terraform (``aws_elb.desync_mitigation_mode``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint.aws.facts import HttpRequestHandling
from srmlint.aws.values import as_bool, blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

_DROP_KEY = "routing.http.drop_invalid_header_fields.enabled"
_DESYNC_KEY = "routing.http.desync_mitigation_mode"


def _mode(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return str(value).strip().lower()


def _is_application(value: Any) -> bool | None:
    """``True`` for an application load balancer (the default), ``None`` when unknown."""
    if value is None:
        return True
    if isinstance(value, Unknown):
        return None
    return isinstance(value, str) and value.strip().lower() == "application"


def alb_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[HttpRequestHandling]:
    a = resource.attributes
    if resource.type == "aws_elb":
        yield HttpRequestHandling(path=("desync_mitigation_mode",) if "desync_mitigation_mode" in a else (),
                                  source=None, drop_invalid_headers=None,
                                  desync_mode=_mode(a.get("desync_mitigation_mode")), has_header_setting=False)
        return
    if _is_application(a.get("load_balancer_type")) is not True:
        return
    path = ("drop_invalid_header_fields",) if "drop_invalid_header_fields" in a else (
        ("desync_mitigation_mode",) if "desync_mitigation_mode" in a else ())
    yield HttpRequestHandling(path=path, source=None,
                              drop_invalid_headers=as_bool(a.get("drop_invalid_header_fields")),
                              desync_mode=_mode(a.get("desync_mitigation_mode")))


def alb_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[HttpRequestHandling]:
    a = resource.attributes
    if _is_application(a.get("Type")) is not True:
        return
    attributes = a.get("LoadBalancerAttributes")
    if isinstance(attributes, Unknown):
        yield HttpRequestHandling(path=("LoadBalancerAttributes",), source=None, drop_invalid_headers=attributes,
                                  desync_mode=attributes)
        return
    drop: Any = None
    desync: Any = None
    path: tuple[Any, ...] = ()
    for i, item in enumerate(blocks(attributes)):
        key = item.get("Key")
        if isinstance(key, Unknown):
            # An attribute whose key is not static may be either setting.
            drop = drop if drop is not None else key
            desync = desync if desync is not None else key
            continue
        if key == _DROP_KEY:
            drop = as_bool(item.get("Value"))
            path = ("LoadBalancerAttributes", i)
        elif key == _DESYNC_KEY:
            desync = _mode(item.get("Value"))
            path = path or ("LoadBalancerAttributes", i)
    if not path and isinstance(attributes, list) and attributes:
        path = ("LoadBalancerAttributes",)
    yield HttpRequestHandling(path=path, source=None, drop_invalid_headers=drop, desync_mode=desync)



EXTRACTORS = [
    Extractor("lb-http-handling-tf", {"terraform": ["aws_lb", "aws_alb", "aws_elb"]}, [HttpRequestHandling],
              alb_terraform),
    Extractor("lb-http-handling-cfn", {"cloudformation": ["AWS::ElasticLoadBalancingV2::LoadBalancer"]},
              [HttpRequestHandling], alb_cloudformation),
]
