"""LOG031: an RDS instance (or Aurora cluster instance) with Enhanced
Monitoring off.

Anti-pattern: ``monitoring_interval`` / ``MonitoringInterval`` unset or 0.
Info: operating-system metrics of the database host, not an audit log.
Fix: set a monitoring interval (1, 5, 10, 15, 30 or 60 seconds) and a
monitoring role.
"""

from __future__ import annotations

from srmlint.aws.facts import MonitoringSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.packs.logging.log030_rds_performance_insights import CFN_DB, TF_DB
from srmlint.rule import Example, RuleMeta, Severity


class RdsEnhancedMonitoring(LoggingRule):
    kind = "enhanced_monitoring"
    fact_type = MonitoringSetting
    meta = RuleMeta(
        id="LOG031",
        slug="rds-enhanced-monitoring-off",
        title="RDS instance has Enhanced Monitoring turned off",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(MonitoringSetting,),
        services=("rds",),
        setting="monitoring",
        rationale=(
            "Enhanced Monitoring streams the database host's process, memory and I/O metrics to "
            "CloudWatch Logs every few seconds; CloudWatch's default metrics are per minute and miss "
            "what runs on the host. AWS turns it on only with a monitoring interval the customer sets. "
            "Info: it is monitoring, not an audit log."
        ),
        remediation={
            "terraform": "Set monitoring_interval = 60 (or 1-30) and monitoring_role_arn.",
            "cloudformation": "Set MonitoringInterval: 60 (or 1-30) and MonitoringRoleArn.",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html",
        examples={
            "terraform": Example(
                fail=TF_DB + "  monitoring_interval = 0\n}\n",
                pass_=TF_DB + "  monitoring_interval = 60\n"
                "  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n}\n",
            ),
            "cloudformation": Example(
                fail=CFN_DB,
                pass_=CFN_DB + "      MonitoringInterval: 60\n      MonitoringRoleArn: !GetAtt RdsMonitoring.Arn\n",
            ),
        },
        tags=("logging", "monitoring", "rds", "enhanced-monitoring"),
    )

    def message(self, resource: Resource, fact: MonitoringSetting) -> str:  # type: ignore[override]
        return f"RDS instance '{resource.name}' has Enhanced Monitoring turned off (no monitoring interval)"
