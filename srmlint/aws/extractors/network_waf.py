"""WAF web ACLs: how many rules they have and what they do with a request no
rule matches (classic ``aws_waf_web_acl`` / ``AWS::WAF::WebACL``, regional,
and WAFv2)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import WebAclLog4jProtection, WebAclRuleAction, WebAclRules
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


def _get(body: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in body:
            return body[key]
    return None


def _has_action(body: Mapping[str, Any], classic: bool) -> bool:
    """A rule states what to do with a match: a classic ``action``/``override_action``
    with a type, a v2 ``action``/``override_action`` naming one (anything not static counts)."""
    for key in ("action", "Action", "override_action", "OverrideAction"):
        value = body.get(key)
        if value is None:
            continue
        if isinstance(value, Unknown):
            return True
        for inner in blocks(value):
            if classic:
                kind = _get(inner, "type", "Type")
                if isinstance(kind, Unknown) or (isinstance(kind, str) and kind.strip()):
                    return True
            elif inner:
                return True
    return "dynamic" in body


def _runs_group(body: Mapping[str, Any]) -> bool:
    """A v2 rule whose statement runs a rule group (managed or referenced): the group's rules act."""
    for inner in blocks(_get(body, "statement", "Statement")):
        if any(k in inner for k in ("managed_rule_group_statement", "ManagedRuleGroupStatement",
                                    "rule_group_reference_statement", "RuleGroupReferenceStatement")):
            return True
    return False


def rule_actions(resource: Resource, graph: ResourceGraph) -> Iterator[WebAclRuleAction]:
    a = resource.attributes
    key = {"aws_waf_web_acl": "rules", "aws_wafregional_web_acl": "rule", "aws_wafv2_web_acl": "rule"}.get(
        resource.type, "Rules")
    value = a.get(key)
    if not isinstance(value, list):
        return
    classic = resource.type not in ("aws_wafv2_web_acl", "AWS::WAFv2::WebACL")
    for i, body in enumerate(value):
        if not isinstance(body, Mapping) or not body:
            continue
        kind = _get(body, "type", "Type")
        if classic and isinstance(kind, str) and kind.strip().upper() == "GROUP":
            # A rule group's own rules carry the actions (override_action is optional).
            continue
        if not classic and _runs_group(body):
            continue
        yield WebAclRuleAction(path=(key, i), source=None, name=_get(body, "name", "Name", "rule_id", "RuleId"),
                               has_action=_has_action(body, classic))


_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet"
_LOG4J = "log4jrce"


def _names(value: Any) -> list[Any]:
    return [_get(b, "name", "Name") for b in blocks(value)]


def _group_state(rule: Mapping[str, Any], group: Mapping[str, Any]) -> str:
    """What a rule running the known-bad-inputs group does with Log4Shell requests."""
    override = _get(rule, "override_action", "OverrideAction")
    if isinstance(override, Unknown):
        return "unknown"
    for body in blocks(override):
        if isinstance(body, Mapping) and ("count" in body or "Count" in body):
            return "counting"
    if any(k in group for k in ("dynamic",)):
        return "unknown"
    excluded = _get(group, "excluded_rule", "ExcludedRules")
    overrides = _get(group, "rule_action_override", "RuleActionOverrides")
    if isinstance(excluded, Unknown) or isinstance(overrides, Unknown):
        return "unknown"
    for name in _names(excluded):
        if isinstance(name, Unknown):
            return "unknown"
        if isinstance(name, str) and name.lower().startswith(_LOG4J):
            return "excluded"
    for body in blocks(overrides):
        name = _get(body, "name", "Name")
        if isinstance(name, Unknown):
            return "unknown"
        if not (isinstance(name, str) and name.lower().startswith(_LOG4J)):
            continue
        use = _get(body, "action_to_use", "ActionToUse")
        if isinstance(use, Unknown):
            return "unknown"
        if not any(("block" in b or "Block" in b) for b in blocks(use)):
            return "counting"
    return "blocking"


def log4j_protection(resource: Resource, graph: ResourceGraph) -> Iterator[WebAclLog4jProtection]:
    a = resource.attributes
    terraform = resource.type == "aws_wafv2_web_acl"
    rules = a.get("rule" if terraform else "Rules")
    uncertain = isinstance(rules, Unknown) or (terraform and (_dynamic(resource, "rule")
                                                              or a.get("rule_json") is not None))
    states: list[str] = []
    for body in blocks(rules):
        statement = _get(body, "statement", "Statement")
        if isinstance(statement, Unknown) or "dynamic" in body:
            uncertain = True
            continue
        for inner in blocks(statement):
            if any(k in inner for k in ("rule_group_reference_statement", "RuleGroupReferenceStatement", "dynamic")):
                uncertain = True
            group_value = _get(inner, "managed_rule_group_statement", "ManagedRuleGroupStatement")
            if isinstance(group_value, Unknown):
                uncertain = True
            for group in blocks(group_value):
                name = _get(group, "name", "Name")
                if isinstance(name, Unknown):
                    uncertain = True
                elif name == _BAD_INPUTS:
                    states.append(_group_state(body, group))
    if "blocking" in states:
        state = "blocking"
    elif uncertain or "unknown" in states:
        state = "unknown"
    elif "counting" in states:
        state = "counting"
    elif "excluded" in states:
        state = "excluded"
    else:
        state = "absent"
    key = "rule" if terraform else "Rules"
    yield WebAclLog4jProtection(path=(key,) if a.get(key) is not None else (), source=None,
                                state=state)  # type: ignore[arg-type]


EXTRACTORS = [
    Extractor("waf-web-acl-rule-actions",
              {"terraform": ["aws_waf_web_acl", "aws_wafregional_web_acl", "aws_wafv2_web_acl"],
               "cloudformation": ["AWS::WAF::WebACL", "AWS::WAFRegional::WebACL", "AWS::WAFv2::WebACL"]},
              [WebAclRuleAction], rule_actions),
    Extractor("waf-web-acl-log4j", {"terraform": ["aws_wafv2_web_acl"], "cloudformation": ["AWS::WAFv2::WebACL"]},
              [WebAclLog4jProtection], log4j_protection),
    Extractor("waf-web-acl-rules-tf",
              {"terraform": ["aws_waf_web_acl", "aws_wafregional_web_acl", "aws_wafv2_web_acl"]},
              [WebAclRules], waf_terraform),
    Extractor("waf-web-acl-rules-cfn",
              {"cloudformation": ["AWS::WAF::WebACL", "AWS::WAFRegional::WebACL", "AWS::WAFv2::WebACL"]},
              [WebAclRules], waf_cloudformation),
]
