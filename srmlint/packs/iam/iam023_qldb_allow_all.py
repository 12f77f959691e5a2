"""IAM023: a QLDB ledger in the ALLOW_ALL permissions mode.

Anti-pattern: ``permissions_mode = "ALLOW_ALL"`` / ``PermissionsMode: ALLOW_ALL``.
Fix: ``STANDARD``, and grant PartiQL commands per table in IAM.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import LedgerPermissionsMode
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = 'resource "aws_qldb_ledger" "audit" {{\n  name             = "audit"\n  permissions_mode = "{mode}"\n}}\n'
_CFN = "Resources:\n  Audit:\n    Type: AWS::QLDB::Ledger\n    Properties:\n      PermissionsMode: {mode}\n"


class QldbAllowAll(Rule):
    meta = RuleMeta(
        id="IAM023",
        slug="qldb-ledger-allow-all",
        title="QLDB ledger lets any principal with ledger access run every command",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(LedgerPermissionsMode,),
        services=("qldb",),
        setting="iam_permissions",
        rationale=(
            "In the ALLOW_ALL permissions mode QLDB authorizes only qldb:SendCommand on the ledger: whoever "
            "may open a session can create, drop, read and change every table. The STANDARD mode checks each "
            "PartiQL command against IAM per table (qldb:PartiQLSelect, PartiQLInsert...), so access can be "
            "least-privilege. AWS recommends STANDARD."
        ),
        remediation={
            "terraform": (
                'Set permissions_mode = "STANDARD" and grant qldb:PartiQL* actions on the tables each role needs.'
            ),
            "cloudformation": (
                "Set PermissionsMode: STANDARD and grant qldb:PartiQL* actions on the tables each role needs."
            ),
        },
        url="https://docs.aws.amazon.com/qldb/latest/developerguide/ledger-management.basics.html",
        examples={
            "terraform": Example(fail=_TF.format(mode="ALLOW_ALL"), pass_=_TF.format(mode="STANDARD")),
            "cloudformation": Example(fail=_CFN.format(mode="ALLOW_ALL"), pass_=_CFN.format(mode="STANDARD")),
        },
        tags=("iam", "least-privilege"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(LedgerPermissionsMode):
            if fact.mode == "ALLOW_ALL":
                yield Hit(f"QLDB ledger '{resource.name}' uses the ALLOW_ALL permissions mode: any principal "
                          "allowed qldb:SendCommand may run every command on every table", path=fact.path)
