"""NET015: a WAF web ACL rule has no action.

Anti-pattern: a rule of a web ACL (classic, regional or WAFv2) with no
``action`` (or an empty one) and no ``override_action``: a match does
nothing. Fix: give every rule the action it is meant to take (block, count,
allow, CAPTCHA, challenge).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import WebAclRuleAction
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_wafregional_web_acl" "app" {{\n  name = "app"\n  metric_name = "app"\n'
    '  default_action {{\n    type = "ALLOW"\n  }}\n  rule {{\n{action}    priority = 1\n'
    '    rule_id  = "rule-123"\n    type     = "REGULAR"\n  }}\n}}\n'
)
_CFN = (
    "Resources:\n  App:\n    Type: AWS::WAFRegional::WebACL\n    Properties:\n      Name: app\n"
    "      MetricName: app\n      DefaultAction:\n        Type: ALLOW\n"
    "      Rules:\n        - Priority: 1\n          RuleId: rule-123\n{action}"
)


class WafRuleWithoutAction(Rule):
    meta = RuleMeta(
        id="NET015",
        slug="waf-rule-without-action",
        title="WAF web ACL rule has no action",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(WebAclRuleAction,),
        services=("waf",),
        setting="network_ingress",
        rationale=(
            "The rules of a web ACL are the customer's. A rule that states no action (and no override "
            "action for a rule group) decides nothing about the requests it matches: the filtering it was "
            "written for does not happen, and AWS rejects or ignores the rule depending on the API."
        ),
        remediation={
            "terraform": (
                "Give the rule an action { type = \"BLOCK\" } (classic/regional) or action { block {} } "
                "(WAFv2), or the action it is meant to take."
            ),
            "cloudformation": (
                "Give the rule an Action: {Type: BLOCK} (classic/regional) or Action: {Block: {}} (WAFv2), "
                "or the action it is meant to take."
            ),
        },
        url="https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-action.html",
        examples={
            "terraform": Example(
                fail=_TF.format(action=""),
                pass_=_TF.format(action='    action {\n      type = "BLOCK"\n    }\n'),
            ),
            "cloudformation": Example(
                fail=_CFN.format(action=""),
                pass_=_CFN.format(action="          Action:\n            Type: BLOCK\n"),
            ),
        },
        tags=("network", "waf"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(WebAclRuleAction):
            if fact.has_action:
                continue
            which = f" '{fact.name}'" if isinstance(fact.name, str) else ""
            yield Hit(f"Rule{which} of WAF web ACL '{resource.name}' has no action, so it blocks nothing",
                      path=fact.path)
