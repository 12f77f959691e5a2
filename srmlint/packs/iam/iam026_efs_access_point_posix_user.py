"""IAM026: an EFS access point that does not enforce a POSIX user.

Anti-pattern: an access point without ``posix_user`` / ``PosixUser``.
Fix: set the user and group ID every request through the access point runs as.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import AccessPointConfinement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.iam._efs_access_point import CFN_ROOT, CFN_USER, TF_ROOT, TF_USER, URL, examples
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule, RuleMeta, Severity


class EfsAccessPointPosixUser(Rule):
    meta = RuleMeta(
        id="IAM026",
        slug="efs-access-point-user-identity",
        title="EFS access point does not enforce a user identity",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(AccessPointConfinement,),
        services=("efs",),
        setting="iam_permissions",
        rationale=(
            "NFS trusts the user and group IDs the client sends. An access point with a POSIX user replaces "
            "them with the ones it names, so an application (or whoever controls its host) cannot act as "
            "another user, or as root, on the files it reaches. Defence in depth next to the file-system "
            "policy (root squashing, elasticfilesystem:ClientRootAccess)."
        ),
        remediation={
            "terraform": "Add posix_user { uid = <uid>, gid = <gid> } for the application's user.",
            "cloudformation": "Set PosixUser: {Uid: <uid>, Gid: <gid>} for the application's user.",
        },
        url=URL,
        examples=examples(TF_ROOT, TF_ROOT + TF_USER, CFN_ROOT, CFN_ROOT + CFN_USER),
        tags=("iam", "least-privilege", "efs"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(AccessPointConfinement):
            if fact.posix_user is False:
                yield Hit(f"EFS access point '{resource.name}' does not enforce a POSIX user: clients act as "
                          "whatever user ID they claim")
