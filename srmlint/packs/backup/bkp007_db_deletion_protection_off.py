"""BKP007: a database without deletion protection.

Anti-pattern: no ``deletion_protection = true`` on an RDS instance or an
RDS, Aurora, DocumentDB or Neptune cluster, or ``false`` on a QLDB ledger: one API call (or one careless
``terraform destroy``) deletes it.
Fix: enable deletion protection.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import DeletionProtection
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.backup.bkp003_db_automated_backups_off import KINDS
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

LEDGERS = {"aws_qldb_ledger": "QLDB ledger", "AWS::QLDB::Ledger": "QLDB ledger"}

_TF = (
    'resource "aws_db_instance" "db" {{\n  engine            = "postgres"\n'
    '  instance_class    = "db.t4g.micro"\n  allocated_storage = 20\n'
    "  backup_retention_period = 7\n{extra}}}\n"
)
_CFN = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
    "      DBInstanceClass: db.t4g.micro\n      AllocatedStorage: \"20\"\n      BackupRetentionPeriod: 7\n{extra}"
)


class DbDeletionProtectionOff(Rule):
    meta = RuleMeta(
        id="BKP007",
        slug="db-deletion-protection-off",
        title="Database does not have deletion protection enabled",
        severity=Severity.LOW,
        layer="data",
        facts=(DeletionProtection,),
        services=("rds", "docdb", "neptune", "qldb"),
        setting="deletion_protection",
        rationale=(
            "Deletion protection makes the API refuse to delete a database until it is turned "
            "off, guarding the customer's data against a mistaken delete or a stack teardown. "
            "It is off by default (QLDB ledgers: on unless turned off). Final snapshots and "
            "backups soften the loss, so this is defence in depth: low severity."
        ),
        remediation={
            "terraform": "Set deletion_protection = true.",
            "cloudformation": "Set DeletionProtection: true (and keep DeletionPolicy: Snapshot or Retain).",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
        examples={
            "terraform": Example(fail=_TF.format(extra="  deletion_protection = false\n"),
                                 pass_=_TF.format(extra="  deletion_protection = true\n")),
            "cloudformation": Example(fail=_CFN.format(extra=""),
                                      pass_=_CFN.format(extra="      DeletionProtection: true\n")),
        },
        tags=("backup", "rds", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        kind = KINDS.get(resource.type) or LEDGERS.get(resource.type, "Database")
        for fact in facts.of(DeletionProtection):
            if fact.enabled is False:
                yield Hit(f"{kind} '{resource.name}' has deletion protection turned off", path=fact.path)
            elif fact.enabled is None:
                yield Hit(f"{kind} '{resource.name}' does not enable deletion protection", path=fact.path)
