"""LOG015: a Redshift cluster without audit logging.

Anti-pattern: no ``logging { enable = true }``, no ``aws_redshift_logging``
for the cluster (AWS provider v5+), no ``LoggingProperties``.
Fix: turn audit logging on, to S3 or CloudWatch Logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class RedshiftAuditLogging(LoggingRule):
    kind = "redshift_audit_logs"
    meta = RuleMeta(
        id="LOG015",
        slug="redshift-audit-logging-off",
        title="Redshift cluster has audit logging turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("redshift",),
        setting="logging",
        rationale=(
            "Redshift audit logs record connections, users and the queries they ran against the "
            "warehouse. AWS keeps them only for a few days in system tables unless the customer "
            "turns audit logging on, so data access cannot be investigated later."
        ),
        remediation={
            "terraform": (
                "Add an aws_redshift_logging with cluster_identifier = aws_redshift_cluster.<name>.id and "
                "log_destination_type = \"cloudwatch\" (or \"s3\" with bucket_name); provider v4: "
                "logging { enable = true, bucket_name = ... }."
            ),
            "cloudformation": (
                "Set LoggingProperties { LogDestinationType: cloudwatch, LogExports: [connectionlog, userlog, "
                "useractivitylog] } (or BucketName: <bucket>)."
            ),
        },
        url="https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n'
                    '  node_type          = "ra3.xlplus"\n}\n'
                ),
                pass_=(
                    'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n'
                    '  node_type          = "ra3.xlplus"\n}\n\n'
                    'resource "aws_redshift_logging" "dw" {\n  cluster_identifier   = aws_redshift_cluster.dw.id\n'
                    '  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog"]\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n"
                    "      NodeType: ra3.xlplus\n      ClusterType: single-node\n      DBName: dw\n"
                ),
                pass_=(
                    "Resources:\n  Dw:\n    Type: AWS::Redshift::Cluster\n    Properties:\n"
                    "      NodeType: ra3.xlplus\n      ClusterType: single-node\n      DBName: dw\n"
                    "      LoggingProperties:\n        BucketName: !Ref AuditLogs\n"
                ),
            ),
        },
        tags=("logging", "redshift", "audit"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"Redshift cluster '{resource.name}' has audit logging turned off"
