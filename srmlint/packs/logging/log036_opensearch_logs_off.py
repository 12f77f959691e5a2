"""LOG036: an OpenSearch / Elasticsearch domain that publishes no logs at all.

Anti-pattern: no ``log_publishing_options`` (or all of them ``enabled =
false``) / no ``LogPublishingOptions`` entry with ``Enabled: true``: neither
error (application) logs nor slow logs nor audit logs reach CloudWatch Logs.
LOG014 asks for audit logs in particular; this rule says that nothing at all is
published. Info: LOG014 already reports such a domain.
Fix: publish at least the error logs, and audit logs (LOG014).
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = 'resource "aws_opensearch_domain" "search" {\n  domain_name = "search"\n'
_CFN = (
    "Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      DomainName: search\n"
)


class OpenSearchLogsOff(LoggingRule):
    kind = "opensearch_logs"
    meta = RuleMeta(
        id="LOG036",
        slug="opensearch-logs-off",
        title="OpenSearch domain publishes no logs at all",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("opensearch",),
        setting="logging",
        rationale=(
            "AWS runs the OpenSearch cluster, but its error, slow-search, slow-index and audit logs "
            "reach CloudWatch Logs only for the log types the customer publishes. With none, failures "
            "and abusive queries leave no record the customer can read. Info: LOG014 (no audit logs) "
            "already reports such a domain."
        ),
        remediation={
            "terraform": (
                "Add log_publishing_options { log_type = \"ES_APPLICATION_LOGS\", cloudwatch_log_group_arn = "
                "aws_cloudwatch_log_group.<name>.arn } (and AUDIT_LOGS, INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS)."
            ),
            "cloudformation": (
                "Set LogPublishingOptions.ES_APPLICATION_LOGS { Enabled: true, CloudWatchLogsLogGroupArn: "
                "!GetAtt <LogGroup>.Arn } (and AUDIT_LOGS, INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS)."
            ),
        },
        url="https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html",
        examples={
            "terraform": Example(
                fail=_TF + "}\n",
                pass_=_TF + "  log_publishing_options {\n    log_type                 = \"ES_APPLICATION_LOGS\"\n"
                "    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN,
                pass_=_CFN + "      LogPublishingOptions:\n        ES_APPLICATION_LOGS:\n          Enabled: true\n"
                "          CloudWatchLogsLogGroupArn: !GetAtt SearchLogs.Arn\n",
            ),
        },
        tags=("logging", "opensearch", "elasticsearch"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"OpenSearch domain '{resource.name}' publishes no logs (no error, slow or audit logs)"
