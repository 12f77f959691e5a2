"""BKP004: a database that keeps automated backups for fewer than 7 days.

Anti-pattern: no ``backup_retention_period`` (the 1-day default), or 1 to 6:
a problem noticed after a weekend or a holiday cannot be restored from the
automated backups any more.
Fix: keep automated backups for 7 days or more (the threshold of AWS Security
Hub RDS.11, DocumentDB.2 and Neptune.5, and of AWS Backup's guidance).
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


#: Security Hub RDS.11, DocumentDB.2 and Neptune.5 require at least this many days.
MIN_DAYS = 7


class DbBackupRetentionDefault(Rule):
    meta = RuleMeta(
        id="BKP004",
        slug="db-backup-retention-short",
        title="Database keeps automated backups for fewer than 7 days",
        severity=Severity.LOW,
        layer="data",
        facts=(BackupRetention,),
        services=("rds", "docdb", "neptune"),
        setting="backup",
        rationale=(
            "Created through the API, CloudFormation or Terraform, RDS, Aurora, DocumentDB and "
            "Neptune keep automated backups for 1 day unless told otherwise. Data corruption "
            "or a deletion found after the retention window cannot be restored to a point in time. "
            "AWS Security Hub (RDS.11, DocumentDB.2, Neptune.5) and AWS Backup's guidance ask for at "
            "least 7 days, which covers a weekend or a holiday; the rule reports the default and any "
            "period of 1 to 6 days (0, backups off, is BKP003). Backups exist, so this is defence in "
            "depth: low severity."
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
            if fact.days is None and 0 < fact.default_days < MIN_DAYS:
                yield Hit(f"{kind} '{resource.name}' keeps automated backups for only the default "
                          f"{_days(fact.default_days)} (fewer than {MIN_DAYS})", path=fact.path)
            elif isinstance(fact.days, int) and not isinstance(fact.days, bool) and 0 < fact.days < MIN_DAYS:
                yield Hit(f"{kind} '{resource.name}' keeps automated backups for only {_days(fact.days)} "
                          f"(fewer than {MIN_DAYS})", path=fact.path)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"
