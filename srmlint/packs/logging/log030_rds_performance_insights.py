"""LOG030: an RDS instance (or Aurora cluster instance) with Performance
Insights off.

Anti-pattern: ``performance_insights_enabled`` / ``EnablePerformanceInsights``
unset or false. Not flagged on instance classes that offer no Performance
Insights (db.t2, and db.t3/db.t4g micro and small). Info: performance
telemetry, not an audit log.
Fix: turn Performance Insights on.
"""

from __future__ import annotations

from srmlint.aws.facts import MonitoringSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

TF_DB = (
    'resource "aws_db_instance" "db" {\n  identifier        = "db"\n  engine            = "postgres"\n'
    '  instance_class    = "db.m6g.large"\n  allocated_storage = 20\n'
)
CFN_DB = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
    "      DBInstanceClass: db.m6g.large\n      AllocatedStorage: '20'\n"
)


class RdsPerformanceInsights(LoggingRule):
    kind = "performance_insights"
    fact_type = MonitoringSetting
    meta = RuleMeta(
        id="LOG030",
        slug="rds-performance-insights-off",
        title="RDS instance has Performance Insights turned off",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(MonitoringSetting,),
        services=("rds",),
        setting="monitoring",
        rationale=(
            "Performance Insights records database load by query, wait and user, which is how an "
            "unusual query pattern or a runaway client is found and traced back. AWS runs the engine "
            "but turns this telemetry on only when the customer asks. Info: it is monitoring, not an "
            "audit log."
        ),
        remediation={
            "terraform": "Set performance_insights_enabled = true (and performance_insights_kms_key_id).",
            "cloudformation": "Set EnablePerformanceInsights: true (and PerformanceInsightsKMSKeyId).",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.html",
        examples={
            "terraform": Example(fail=TF_DB + "}\n", pass_=TF_DB + "  performance_insights_enabled = true\n}\n"),
            "cloudformation": Example(fail=CFN_DB, pass_=CFN_DB + "      EnablePerformanceInsights: true\n"),
        },
        tags=("logging", "monitoring", "rds", "performance-insights"),
    )

    def message(self, resource: Resource, fact: MonitoringSetting) -> str:  # type: ignore[override]
        return f"RDS instance '{resource.name}' has Performance Insights turned off"
