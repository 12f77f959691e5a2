"""LOG012: an RDS instance, an Aurora, DocumentDB or Neptune cluster that
exports no logs to CloudWatch Logs.

Anti-pattern: no (or an empty) ``enabled_cloudwatch_logs_exports`` /
``EnableCloudwatchLogsExports``; on DocumentDB none of audit and profiler, on
Neptune and Aurora MySQL no audit log among the exports. Aurora cluster members (they export through
their cluster) and Aurora Serverless v1 clusters (which cannot) are not flagged.
Fix: export the engine's audit, error and (where relevant) slow-query logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_WHAT = {"rds": "RDS database", "docdb": "DocumentDB cluster", "neptune": "Neptune cluster"}
#: Engines whose exports count only with an audit (or, DocumentDB, profiler) log among them.
_AUDIT = {"docdb": {"audit", "profiler"}, "neptune": {"audit"}}
#: Aurora MySQL clusters: their exports count only with the audit log (Advanced Auditing) among them.
_MYSQL_AUDIT = {"audit"}


class DatabaseLogExports(LoggingRule):
    kind = "db_log_exports"
    meta = RuleMeta(
        id="LOG012",
        slug="database-log-exports-off",
        title="Database exports no logs to CloudWatch Logs (RDS, Aurora, DocumentDB, Neptune)",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("rds", "docdb", "neptune"),
        setting="logging",
        rationale=(
            "AWS runs the database engine; what it logs and where the logs go is the customer's to "
            "configure. Without log exports, engine logs stay on the instance for a short, fixed "
            "time and audit logs (who connected, what they ran) are not kept anywhere durable."
        ),
        remediation={
            "terraform": (
                "Set enabled_cloudwatch_logs_exports to the engine's log types, e.g. [\"audit\", \"error\"] "
                "(MySQL/MariaDB, DocumentDB: [\"audit\", \"profiler\"], PostgreSQL: [\"postgresql\"], "
                "Neptune: [\"audit\"])."
            ),
            "cloudformation": (
                "Set EnableCloudwatchLogsExports to the engine's log types, e.g. [audit, error] "
                "(PostgreSQL: [postgresql], DocumentDB: [audit, profiler], Neptune: [audit])."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_db_instance" "db" {\n  identifier        = "db"\n  engine            = "mysql"\n'
                    '  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n'
                ),
                pass_=(
                    'resource "aws_db_instance" "db" {\n  identifier        = "db"\n  engine            = "mysql"\n'
                    '  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n'
                    '  enabled_cloudwatch_logs_exports = ["audit", "error"]\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                    "      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: '20'\n"
                ),
                pass_=(
                    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                    "      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: '20'\n"
                    "      EnableCloudwatchLogsExports: [audit, error]\n"
                ),
            ),
        },
        tags=("logging", "rds", "aurora", "docdb", "neptune", "database"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        if fact.state in self.bad_states:
            return True
        wanted = _AUDIT.get(self._engine(resource)) or (_MYSQL_AUDIT if self._aurora_mysql(resource) else None)
        return wanted is not None and not wanted & set(fact.detail)

    @staticmethod
    def _aurora_mysql(resource: Resource) -> bool:
        """An Aurora MySQL cluster (Terraform's engine defaults to ``aurora``, MySQL-compatible)."""
        if resource.type == "aws_rds_cluster":
            engine = resource.attributes.get("engine", "aurora")
        elif resource.type == "AWS::RDS::DBCluster":
            engine = resource.attributes.get("Engine")
        else:
            return False
        return isinstance(engine, str) and engine.lower() in ("aurora", "aurora-mysql")

    @staticmethod
    def _engine(resource: Resource) -> str:
        kind = resource.type.lower()
        return next((key for key in _WHAT if key in kind), "rds")

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        engine = self._engine(resource)
        if fact.state == "enabled" and (engine in _AUDIT or self._aurora_mysql(resource)):
            if engine not in _AUDIT:
                return f"Aurora MySQL cluster '{resource.name}' exports no audit log to CloudWatch Logs"
            return f"{_WHAT[engine]} '{resource.name}' exports no audit logs to CloudWatch Logs"
        kind = resource.type.lower()
        what = next((w for key, w in _WHAT.items() if key in kind), "Database")
        if what == "RDS database" and "cluster" in kind:
            what = "RDS cluster"
        return f"{what} '{resource.name}' exports no logs to CloudWatch Logs"
