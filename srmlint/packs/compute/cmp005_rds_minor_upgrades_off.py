"""CMP005: an RDS DB instance with automatic minor version upgrades off.

Anti-pattern: ``auto_minor_version_upgrade = false``: minor engine versions,
which carry the engine's security fixes, are no longer applied in the
maintenance window; patching the database engine becomes the customer's.
Fix: leave automatic minor version upgrades on (AWS's default).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import AutomaticUpdates
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF_DB = (
    'resource "aws_db_instance" "db" {{\n  engine         = "postgres"\n'
    '  instance_class = "db.t4g.micro"\n  allocated_storage = 20\n{extra}}}\n'
)
_CFN_DB = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
    "      DBInstanceClass: db.t4g.micro\n      AllocatedStorage: \"20\"\n{extra}"
)


class RdsMinorUpgradesOff(Rule):
    meta = RuleMeta(
        id="CMP005",
        slug="rds-auto-minor-upgrade-off",
        title="RDS DB instance has automatic minor version upgrades turned off",
        severity=Severity.MEDIUM,
        layer="middleware",
        facts=(AutomaticUpdates,),
        services=("rds",),
        setting="platform_updates",
        rationale=(
            "On RDS AWS patches the database engine by applying minor versions in the "
            "maintenance window, unless the customer turns that off. Then the engine's security "
            "fixes wait until someone upgrades by hand, and the database software is the "
            "customer's to keep patched."
        ),
        remediation={
            "terraform": "Remove auto_minor_version_upgrade = false (or set it to true).",
            "cloudformation": "Remove AutoMinorVersionUpgrade: false (or set it to true).",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades",
        examples={
            "terraform": Example(fail=_TF_DB.format(extra="  auto_minor_version_upgrade = false\n"),
                                 pass_=_TF_DB.format(extra="")),
            "cloudformation": Example(fail=_CFN_DB.format(extra="      AutoMinorVersionUpgrade: false\n"),
                                      pass_=_CFN_DB.format(extra="      AutoMinorVersionUpgrade: true\n")),
        },
        tags=("compute", "rds", "patching"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(AutomaticUpdates):
            if fact.kind == "minor_version" and fact.enabled is False:
                yield Hit(f"RDS DB instance '{resource.name}' has automatic minor version upgrades "
                          "turned off", path=fact.path)
