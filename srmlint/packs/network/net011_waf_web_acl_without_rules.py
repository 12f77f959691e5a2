"""NET011: a WAF web ACL with no rules that allows every request.

Anti-pattern: a web ACL (classic, regional or WAFv2) with no rule (or only
empty rule blocks) and default action ALLOW: associated with a load
balancer, API or distribution, it filters nothing.
Fix: add rules (AWS managed rule groups are a start) or remove the web ACL.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import WebAclRules
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_wafv2_web_acl" "edge" {{\n  name  = "edge"\n  scope = "REGIONAL"\n'
    "  default_action {{\n    allow {{}}\n  }}\n{rule}"
    "  visibility_config {{\n    cloudwatch_metrics_enabled = true\n    metric_name = \"edge\"\n"
    "    sampled_requests_enabled = true\n  }}\n}}\n"
)
_TF_RULE = (
    '  rule {\n    name     = "common"\n    priority = 1\n    override_action {\n      none {}\n    }\n'
    "    statement {\n      managed_rule_group_statement {\n        name        = \"AWSManagedRulesCommonRuleSet\"\n"
    '        vendor_name = "AWS"\n      }\n    }\n    visibility_config {\n'
    '      cloudwatch_metrics_enabled = true\n      metric_name = "common"\n'
    "      sampled_requests_enabled = true\n    }\n  }\n"
)
_CFN = (
    "Resources:\n  Edge:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Scope: REGIONAL\n"
    "      DefaultAction:\n        Allow: {{}}\n      VisibilityConfig:\n        CloudWatchMetricsEnabled: true\n"
    "        MetricName: edge\n        SampledRequestsEnabled: true\n{rules}"
)
_CFN_RULES = (
    "      Rules:\n        - Name: common\n          Priority: 1\n          OverrideAction:\n            None: {}\n"
    "          Statement:\n            ManagedRuleGroupStatement:\n              Name: AWSManagedRulesCommonRuleSet\n"
    "              VendorName: AWS\n          VisibilityConfig:\n            CloudWatchMetricsEnabled: true\n"
    "            MetricName: common\n            SampledRequestsEnabled: true\n"
)


class WafWebAclWithoutRules(Rule):
    meta = RuleMeta(
        id="NET011",
        slug="waf-web-acl-without-rules",
        title="WAF web ACL has no rules and allows every request",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(WebAclRules,),
        services=("waf",),
        setting="network_ingress",
        rationale=(
            "AWS runs the WAF; which requests it stops is entirely the customer's rules. A web ACL "
            "without rules and with default action ALLOW passes every request, while its presence "
            "suggests the application behind it is protected."
        ),
        remediation={
            "terraform": (
                "Add rule blocks (e.g. the AWS managed rule groups AWSManagedRulesCommonRuleSet and "
                "AWSManagedRulesKnownBadInputsRuleSet) to the web ACL, or remove it."
            ),
            "cloudformation": (
                "Add Rules (e.g. the AWS managed rule groups AWSManagedRulesCommonRuleSet and "
                "AWSManagedRulesKnownBadInputsRuleSet) to the web ACL, or remove it."
            ),
        },
        url="https://docs.aws.amazon.com/waf/latest/developerguide/web-acl.html",
        examples={
            "terraform": Example(fail=_TF.format(rule=""), pass_=_TF.format(rule=_TF_RULE)),
            "cloudformation": Example(fail=_CFN.format(rules=""), pass_=_CFN.format(rules=_CFN_RULES)),
        },
        tags=("network", "waf"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(WebAclRules):
            if fact.rules == 0 and fact.default_allow is True:
                yield Hit(f"WAF web ACL '{resource.name}' has no rules and allows every request by default",
                          path=fact.path)
