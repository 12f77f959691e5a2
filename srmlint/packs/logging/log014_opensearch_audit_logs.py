"""LOG014: an OpenSearch / Elasticsearch domain that publishes no audit logs.

Anti-pattern: no ``log_publishing_options`` with ``log_type = "AUDIT_LOGS"``
enabled / no ``LogPublishingOptions.AUDIT_LOGS`` with ``Enabled: true``.
Fix: publish audit logs (they need fine-grained access control) to CloudWatch Logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class OpenSearchAuditLogs(LoggingRule):
    kind = "opensearch_logs"
    meta = RuleMeta(
        id="LOG014",
        slug="opensearch-audit-logs-off",
        title="OpenSearch domain does not publish audit logs",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("opensearch",),
        setting="logging",
        rationale=(
            "Audit logs record who accessed or changed which index and document, and failed "
            "authentication attempts; slow and error logs do not. AWS publishes none unless the "
            "customer enables them (with fine-grained access control), so data access on the domain "
            "leaves no trace."
        ),
        remediation={
            "terraform": (
                "Add log_publishing_options { log_type = \"AUDIT_LOGS\", cloudwatch_log_group_arn = "
                "aws_cloudwatch_log_group.<name>.arn } and enable advanced_security_options."
            ),
            "cloudformation": (
                "Set LogPublishingOptions.AUDIT_LOGS { Enabled: true, CloudWatchLogsLogGroupArn: "
                "!GetAtt <LogGroup>.Arn } and enable AdvancedSecurityOptions."
            ),
        },
        url="https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_opensearch_domain" "search" {\n  domain_name = "search"\n'
                    "  log_publishing_options {\n    log_type                 = \"INDEX_SLOW_LOGS\"\n"
                    "    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n  }\n}\n"
                ),
                pass_=(
                    'resource "aws_opensearch_domain" "search" {\n  domain_name = "search"\n'
                    "  log_publishing_options {\n    log_type                 = \"AUDIT_LOGS\"\n"
                    "    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n  }\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n"
                    "      DomainName: search\n"
                ),
                pass_=(
                    "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n"
                    "      DomainName: search\n      LogPublishingOptions:\n        AUDIT_LOGS:\n"
                    "          Enabled: true\n          CloudWatchLogsLogGroupArn: !GetAtt SearchLogs.Arn\n"
                ),
            ),
        },
        tags=("logging", "opensearch", "elasticsearch", "audit"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        return "AUDIT_LOGS" not in fact.detail

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"OpenSearch domain '{resource.name}' does not publish audit logs"
