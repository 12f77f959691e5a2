"""LOG016: a WAF web ACL without logging.

Anti-pattern: an ``aws_wafv2_web_acl`` / ``AWS::WAFv2::WebACL`` that no
``aws_wafv2_web_acl_logging_configuration`` / ``AWS::WAFv2::LoggingConfiguration``
points at (through the graph); a classic ``aws_waf_web_acl`` /
``aws_wafregional_web_acl`` without a ``logging_configuration`` block.
Fix: add a logging configuration for the web ACL.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class WafLogging(LoggingRule):
    kind = "waf_logging"
    meta = RuleMeta(
        id="LOG016",
        slug="waf-logging-off",
        title="WAF web ACL has logging turned off",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("waf",),
        setting="logging",
        rationale=(
            "The web ACL's rules are the customer's; its logs show which requests they blocked or "
            "let through and why. AWS keeps only sampled requests and metrics unless the customer "
            "configures logging, which is what tuning the rules and investigating an attack need."
        ),
        remediation={
            "terraform": (
                "Add an aws_wafv2_web_acl_logging_configuration with resource_arn = aws_wafv2_web_acl.<name>.arn "
                "and log_destination_configs (a log group named aws-waf-logs-*, a Firehose stream or an S3 bucket)."
            ),
            "cloudformation": (
                "Add an AWS::WAFv2::LoggingConfiguration with ResourceArn: !GetAtt <WebACL>.Arn and "
                "LogDestinationConfigs."
            ),
        },
        url="https://docs.aws.amazon.com/waf/latest/developerguide/logging.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_wafv2_web_acl" "edge" {\n  name  = "edge"\n  scope = "REGIONAL"\n'
                    "  default_action {\n    allow {}\n  }\n}\n"
                ),
                pass_=(
                    'resource "aws_wafv2_web_acl" "edge" {\n  name  = "edge"\n  scope = "REGIONAL"\n'
                    "  default_action {\n    allow {}\n  }\n}\n\n"
                    'resource "aws_wafv2_web_acl_logging_configuration" "edge" {\n'
                    "  resource_arn            = aws_wafv2_web_acl.edge.arn\n"
                    "  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Edge:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n"
                    "      Scope: REGIONAL\n      DefaultAction:\n        Allow: {}\n"
                ),
                pass_=(
                    "Resources:\n  Edge:\n    Type: AWS::WAFv2::WebACL\n    Properties:\n"
                    "      Scope: REGIONAL\n      DefaultAction:\n        Allow: {}\n"
                    "  EdgeLogging:\n    Type: AWS::WAFv2::LoggingConfiguration\n    Properties:\n"
                    "      ResourceArn: !GetAtt Edge.Arn\n      LogDestinationConfigs:\n"
                    "        - !GetAtt WafLogs.Arn\n"
                ),
            ),
        },
        tags=("logging", "waf"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"WAF web ACL '{resource.name}' has logging turned off"
