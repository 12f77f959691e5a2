"""LOG038: a DocumentDB cluster parameter group that leaves audit logging off.

Anti-pattern: no ``audit_logs`` parameter, or ``audit_logs`` ``disabled`` /
``none``, in an ``aws_docdb_cluster_parameter_group`` /
``AWS::DocDB::DBClusterParameterGroup``: clusters using the group record no
audit events, whatever their log exports say (LOG012).
Fix: set ``audit_logs`` to ``enabled`` (or the event classes to record).
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_docdb_cluster_parameter_group" "docs" {\n  name   = "docs"\n  family = "docdb5.0"\n\n'
    '  parameter {\n    name  = "tls"\n    value = "enabled"\n  }\n'
)
_CFN = (
    "Resources:\n  Docs:\n    Type: AWS::DocDB::DBClusterParameterGroup\n    Properties:\n"
    "      Description: docs\n      Family: docdb5.0\n      Parameters:\n        tls: enabled\n"
)


class DocDbAuditParameter(LoggingRule):
    kind = "docdb_audit_logs"
    meta = RuleMeta(
        id="LOG038",
        slug="docdb-audit-logs-parameter-off",
        title="DocumentDB cluster parameter group leaves audit logging off",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("docdb",),
        setting="logging",
        rationale=(
            "DocumentDB records authentication, authorization and data-definition events only when "
            "the cluster parameter group sets audit_logs; exporting the audit log to CloudWatch Logs "
            "without it exports nothing. The parameter is off (disabled) by default."
        ),
        remediation={
            "terraform": 'Add parameter { name = "audit_logs", value = "enabled" } and export "audit" logs.',
            "cloudformation": "Set Parameters.audit_logs: enabled and export audit logs (EnableCloudwatchLogsExports).",
        },
        url="https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html",
        examples={
            "terraform": Example(
                fail=_TF + "}\n",
                pass_=_TF + '  parameter {\n    name  = "audit_logs"\n    value = "enabled"\n  }\n}\n',
            ),
            "cloudformation": Example(fail=_CFN, pass_=_CFN + "        audit_logs: enabled\n"),
        },
        tags=("logging", "docdb", "audit"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"DocumentDB cluster parameter group '{resource.name}' leaves audit logging off (audit_logs)"
