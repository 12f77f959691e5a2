"""BKP008: an Aurora MySQL cluster without backtracking.

Anti-pattern: an Aurora MySQL (provisioned) cluster with ``backtrack_window``
/ ``BacktrackWindow`` unset or 0: a bad write or a dropped table can only be
undone by restoring a new cluster from backups.
Fix: set a backtrack window (at cluster creation).
Low severity: automated backups and point-in-time restore still recover the
data; backtracking makes recovery faster and in place.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import Backtrack
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_rds_cluster" "db" {{\n  cluster_identifier = "db"\n  engine = "aurora-mysql"\n'
    '  backup_retention_period = 7\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n"
    "      BackupRetentionPeriod: 7\n{extra}"
)


class AuroraBacktrackOff(Rule):
    meta = RuleMeta(
        id="BKP008",
        slug="aurora-backtrack-off",
        title="Aurora MySQL cluster has backtracking turned off",
        severity=Severity.LOW,
        layer="data",
        facts=(Backtrack,),
        services=("rds",),
        setting="backup",
        rationale=(
            "Backtracking rewinds an Aurora MySQL cluster in place to a point in time within its window, "
            "undoing a bad deployment, a destructive query or a ransomware-style overwrite in minutes, "
            "without restoring a new cluster. It is off unless a backtrack window is set, and it can only be "
            "turned on when the cluster is created. Automated backups still allow point-in-time restore, so "
            "this is defence in depth: low severity."
        ),
        remediation={
            "terraform": "Set backtrack_window (seconds, up to 259200 = 72 hours) on the aws_rds_cluster.",
            "cloudformation": "Set BacktrackWindow (seconds, up to 259200 = 72 hours) on the AWS::RDS::DBCluster.",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html",
        examples={
            "terraform": Example(fail=_TF.format(extra=""),
                                 pass_=_TF.format(extra="  backtrack_window = 86400\n")),
            "cloudformation": Example(fail=_CFN.format(extra="      BacktrackWindow: 0\n"),
                                      pass_=_CFN.format(extra="      BacktrackWindow: 86400\n")),
        },
        tags=("backup", "rds", "aurora"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(Backtrack):
            if isinstance(fact.window, Unknown) or (fact.window or 0) > 0:
                continue
            state = "turned off (backtrack window 0)" if fact.window == 0 else "not enabled (no backtrack window)"
            yield Hit(f"Aurora MySQL cluster '{resource.name}' has backtracking {state}", path=fact.path)
