"""BKP003: a database with automated backups turned off.

Anti-pattern: ``backup_retention_period = 0`` on an RDS instance (or
``automated_snapshot_retention_period = 0`` on a Redshift cluster): no
automated backups, no point-in-time restore.
Fix: keep automated backups for at least 7 days.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import BackupRetention
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

KINDS = {
    "aws_db_instance": "RDS DB instance", "AWS::RDS::DBInstance": "RDS DB instance",
    "aws_rds_cluster": "RDS cluster", "AWS::RDS::DBCluster": "RDS cluster",
    "aws_docdb_cluster": "DocumentDB cluster", "AWS::DocDB::DBCluster": "DocumentDB cluster",
    "aws_neptune_cluster": "Neptune cluster", "AWS::Neptune::DBCluster": "Neptune cluster",
    "aws_redshift_cluster": "Redshift cluster", "AWS::Redshift::Cluster": "Redshift cluster",
}

_TF_DB = (
    'resource "aws_db_instance" "db" {{\n  engine            = "postgres"\n'
    '  instance_class    = "db.t4g.micro"\n  allocated_storage = 20\n'
    "  backup_retention_period = {days}\n}}\n"
)
_CFN_DB = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
    "      DBInstanceClass: db.t4g.micro\n      AllocatedStorage: \"20\"\n"
    "      BackupRetentionPeriod: {days}\n"
)


class DbAutomatedBackupsOff(Rule):
    meta = RuleMeta(
        id="BKP003",
        slug="db-automated-backups-off",
        title="Database has automated backups turned off (retention 0)",
        severity=Severity.MEDIUM,
        layer="data",
        facts=(BackupRetention,),
        services=("rds", "docdb", "neptune", "redshift"),
        setting="backup",
        rationale=(
            "AWS runs the database, but recovering the customer's data is the customer's "
            "decision: a retention period of 0 turns automated backups off, so there is no "
            "point-in-time restore after a bad migration, a deleted table or ransomware."
        ),
        remediation={
            "terraform": "Set backup_retention_period (Redshift: automated_snapshot_retention_period) to 7 or more.",
            "cloudformation": "Set BackupRetentionPeriod (Redshift: AutomatedSnapshotRetentionPeriod) to 7 or more.",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
        examples={
            "terraform": Example(fail=_TF_DB.format(days=0), pass_=_TF_DB.format(days=7)),
            "cloudformation": Example(fail=_CFN_DB.format(days=0), pass_=_CFN_DB.format(days=7)),
        },
        tags=("backup", "rds", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        kind = KINDS.get(resource.type, "Database")
        for fact in facts.of(BackupRetention):
            if fact.days == 0 or (fact.days is None and fact.default_days == 0):
                yield Hit(f"{kind} '{resource.name}' has automated backups turned off (retention 0 days)",
                          path=fact.path)
