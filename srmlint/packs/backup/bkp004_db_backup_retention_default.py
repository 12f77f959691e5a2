"""BKP004: a database that keeps automated backups for only the 1-day default.

Anti-pattern: no ``backup_retention_period`` (or 1): one day of automated
backups, so a problem noticed after a weekend cannot be restored from them.
Fix: keep automated backups for 7 days or more.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import BackupRetention
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.backup.bkp003_db_automated_backups_off import KINDS
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_rds_cluster" "db" {{\n  cluster_identifier = "db"\n  engine = "aurora-postgresql"\n'
    '  master_username = "app"\n  manage_master_user_password = true\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n"
    "      MasterUsername: app\n      ManageMasterUserPassword: true\n{extra}"
)


class DbBackupRetentionDefault(Rule):
    meta = RuleMeta(
        id="BKP004",
        slug="db-backup-retention-default",
        title="Database keeps automated backups for only 1 day",
        severity=Severity.LOW,
        layer="data",
        facts=(BackupRetention,),
        services=("rds", "docdb", "neptune"),
        setting="backup",
        rationale=(
            "Created through the API, CloudFormation or Terraform, RDS, Aurora, DocumentDB and "
            "Neptune keep automated backups for 1 day unless told otherwise. Data corruption "
            "or a deletion found after that day cannot be restored to a point in time. Backups "
            "exist, so this is defence in depth: low severity."
        ),
        remediation={
            "terraform": "Set backup_retention_period = 7 (or more, up to 35).",
            "cloudformation": "Set BackupRetentionPeriod: 7 (or more, up to 35).",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html",
        examples={
            "terraform": Example(fail=_TF.format(extra=""), pass_=_TF.format(extra="  backup_retention_period = 7\n")),
            "cloudformation": Example(fail=_CFN.format(extra="      BackupRetentionPeriod: 1\n"),
                                      pass_=_CFN.format(extra="      BackupRetentionPeriod: 14\n")),
        },
        tags=("backup", "rds", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        kind = KINDS.get(resource.type, "Database")
        for fact in facts.of(BackupRetention):
            if fact.days is None and fact.default_days == 1:
                yield Hit(f"{kind} '{resource.name}' keeps automated backups for only the default 1 day",
                          path=fact.path)
            elif fact.days == 1:
                yield Hit(f"{kind} '{resource.name}' keeps automated backups for only 1 day", path=fact.path)
