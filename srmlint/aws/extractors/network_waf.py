"""WAF web ACLs: how many rules they have and what they do with a request no
rule matches (classic ``aws_waf_web_acl`` / ``AWS::WAF::WebACL``, regional,
and WAFv2)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import WebAclRules
from srmlint.aws.values import blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

_UNKNOWN = Unknown(None, "not static")


def _count(value: Any) -> int | Unknown:
    if isinstance(value, Unknown):
        return value
    if value is None:
        return 0
    if not isinstance(value, list):
        return 1
    count = 0
    for item in value:
        if isinstance(item, Unknown):
            return item
        if not isinstance(item, Mapping) or item:  # an empty block declares no rule
            count += 1
    return count


def _classic_default(action: Any) -> bool | Unknown | None:
    """``default_action { type = "ALLOW" }`` / ``DefaultAction: {Type: ALLOW}``."""
    if isinstance(action, Unknown):
        return action
    bodies = blocks(action)
    if not bodies:
        return None
    kind = bodies[0].get("type", bodies[0].get("Type"))
    if isinstance(kind, Unknown):
        return kind
    return isinstance(kind, str) and kind.upper() == "ALLOW"


def _v2_default(action: Any) -> bool | Unknown | None:
    """``default_action { allow {} }`` / ``DefaultAction: {Allow: {}}``."""
    if isinstance(action, Unknown):
        return action
    bodies = blocks(action)
    if not bodies:
        return None
    body = bodies[0]
    if "dynamic" in body:
        return _UNKNOWN
    if "allow" in body or "Allow" in body:
        return True
    if "block" in body or "Block" in body:
        return False
    return None


def _dynamic(resource: Resource, name: str) -> bool:
    return any(isinstance(d, Mapping) and name in d for d in blocks(resource.attributes.get("dynamic")))


def waf_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[WebAclRules]:
    a = resource.attributes
    key = "rules" if resource.type == "aws_waf_web_acl" else "rule"
    rules = _UNKNOWN if _dynamic(resource, key) else _count(a.get(key))
    default = (_v2_default if resource.type == "aws_wafv2_web_acl" else _classic_default)(a.get("default_action"))
    if resource.type == "aws_wafv2_web_acl" and isinstance(rules, int) and rules == 0 \
            and a.get("rule_json") is not None:
        rules = _UNKNOWN if isinstance(a.get("rule_json"), Unknown) else 1
    yield WebAclRules(path=(key,) if a.get(key) is not None else (), source=None, rules=rules,
                      default_allow=default)


def waf_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[WebAclRules]:
    a = resource.attributes
    v2 = resource.type == "AWS::WAFv2::WebACL"
    default = (_v2_default if v2 else _classic_default)(a.get("DefaultAction"))
    yield WebAclRules(path=("Rules",) if a.get("Rules") is not None else (), source=None,
                      rules=_count(a.get("Rules")), default_allow=default)


EXTRACTORS = [
    Extractor("waf-web-acl-rules-tf",
              {"terraform": ["aws_waf_web_acl", "aws_wafregional_web_acl", "aws_wafv2_web_acl"]},
              [WebAclRules], waf_terraform),
    Extractor("waf-web-acl-rules-cfn",
              {"cloudformation": ["AWS::WAF::WebACL", "AWS::WAFRegional::WebACL", "AWS::WAFv2::WebACL"]},
              [WebAclRules], waf_cloudformation),
]
