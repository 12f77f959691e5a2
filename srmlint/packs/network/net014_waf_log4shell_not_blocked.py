"""NET014: a WAFv2 web ACL does not block Log4Shell requests.

Anti-pattern: a web ACL with rules but without AWS's
``AWSManagedRulesKnownBadInputsRuleSet`` in block mode, or with its
``Log4JRCE`` rules excluded or only counted. Fix: add the rule group with
``override_action { none {} }`` and keep its Log4JRCE rules blocking.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import WebAclLog4jProtection, WebAclRules
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_wafv2_web_acl" "app" {{\n  name  = "app"\n  scope = "REGIONAL"\n'
    '  default_action {{\n    allow {{}}\n  }}\n'
    '  rule {{\n    name     = "managed"\n    priority = 1\n    override_action {{\n      none {{}}\n    }}\n'
    '    statement {{\n      managed_rule_group_statement {{\n        name        = "{group}"\n'
    '        vendor_name = "AWS"\n      }}\n    }}\n    visibility_config {{\n'
    '      cloudwatch_metrics_enabled = true\n      metric_name = "managed"\n'
    '      sampled_requests_enabled = true\n    }}\n  }}\n'
    '  visibility_config {{\n    cloudwatch_metrics_enabled = true\n    metric_name = "app"\n'
    '    sampled_requests_enabled = true\n  }}\n}}\n'
)
_CFN = (
    "Resources:\n  App:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n      Scope: REGIONAL\n"
    "      DefaultAction:\n        Allow: {{}}\n"
    "      VisibilityConfig:\n        CloudWatchMetricsEnabled: true\n        MetricName: app\n"
    "        SampledRequestsEnabled: true\n"
    "      Rules:\n        - Name: bad-inputs\n          Priority: 1\n{override}"
    "          Statement:\n            ManagedRuleGroupStatement:\n              VendorName: AWS\n"
    "              Name: AWSManagedRulesKnownBadInputsRuleSet\n"
    "          VisibilityConfig:\n            CloudWatchMetricsEnabled: true\n            MetricName: bad\n"
    "            SampledRequestsEnabled: true\n"
)

_WHY = {
    "absent": "does not run AWSManagedRulesKnownBadInputsRuleSet",
    "counting": "only counts Log4Shell matches of AWSManagedRulesKnownBadInputsRuleSet",
    "excluded": "excludes the Log4JRCE rule of AWSManagedRulesKnownBadInputsRuleSet",
}


class WafLog4ShellNotBlocked(Rule):
    meta = RuleMeta(
        id="NET014",
        slug="waf-log4shell-not-blocked",
        title="WAF web ACL does not block Log4Shell (CVE-2021-44228) requests",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(WebAclLog4jProtection,),
        services=("waf",),
        setting="network_ingress",
        rationale=(
            "A web ACL does only what its rules say: AWS maintains the managed rule groups, the customer "
            "chooses them. AWSManagedRulesKnownBadInputsRuleSet carries the Log4JRCE rules against the "
            "Log4Shell remote code execution (CVE-2021-44228), still probed on every public endpoint. A web "
            "ACL without the group, with Log4JRCE excluded, or with the group in count mode lets those "
            "requests through to any vulnerable Java service behind it. Low severity: patching Log4j is the "
            "fix; the WAF is defence in depth."
        ),
        remediation={
            "terraform": (
                "Add a rule with statement { managed_rule_group_statement { name = "
                "\"AWSManagedRulesKnownBadInputsRuleSet\" vendor_name = \"AWS\" } } and override_action "
                "{ none {} }; do not exclude or count its Log4JRCE rules."
            ),
            "cloudformation": (
                "Add a rule whose Statement.ManagedRuleGroupStatement is AWS's "
                "AWSManagedRulesKnownBadInputsRuleSet with OverrideAction: {None: {}}; do not list Log4JRCE "
                "in ExcludedRules or RuleActionOverrides."
            ),
        },
        url="https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html",
        examples={
            "terraform": Example(
                fail=_TF.format(group="AWSManagedRulesAnonymousIpList"),
                pass_=_TF.format(group="AWSManagedRulesKnownBadInputsRuleSet"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(override="          OverrideAction:\n            Count: {}\n"),
                pass_=_CFN.format(override="          OverrideAction:\n            None: {}\n"),
            ),
        },
        tags=("network", "waf", "log4j"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if any(r.rules == 0 for r in facts.of(WebAclRules)):
            return  # no rules at all: NET011's concern, or a web ACL that blocks by default
        for fact in facts.of(WebAclLog4jProtection):
            why = _WHY.get(fact.state)
            if why is not None:
                yield Hit(f"WAF web ACL '{resource.name}' {why}, so Log4Shell (CVE-2021-44228) requests "
                          "are not blocked", path=fact.path)
