"""IAM025: an EFS access point that exposes the whole file system.

Anti-pattern: an access point without ``root_directory`` / ``RootDirectory``, or with path ``/``.
Fix: give each application its own directory as the access point's root.
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


class EfsAccessPointRoot(Rule):
    meta = RuleMeta(
        id="IAM025",
        slug="efs-access-point-file-system-root",
        title="EFS access point exposes the whole file system",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(AccessPointConfinement,),
        services=("efs",),
        setting="iam_permissions",
        rationale=(
            "An access point is how EFS confines an application: clients that mount through it see only its "
            "root directory. Without a root directory (or with '/') every client of the access point reaches "
            "every other application's files on the file system. Defence in depth next to the file-system "
            "policy and POSIX permissions."
        ),
        remediation={
            "terraform": 'Add root_directory { path = "/<application>" } (with creation_info if it must be created).',
            "cloudformation": "Set RootDirectory: {Path: /<application>} (with CreationInfo if it must be created).",
        },
        url=URL,
        examples=examples(TF_USER, TF_ROOT + TF_USER, CFN_USER, CFN_ROOT + CFN_USER),
        tags=("iam", "least-privilege", "efs"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(AccessPointConfinement):
            root = fact.root_path
            if root is None:
                yield Hit(f"EFS access point '{resource.name}' has no root directory: its clients see the "
                          "whole file system")
            elif isinstance(root, str) and root.rstrip("/") == "":
                yield Hit(f"EFS access point '{resource.name}' uses the file system's root '/' as its root "
                          "directory: its clients see the whole file system",
                          path=("root_directory", 0, "path") if resource.format == "terraform"
                          else ("RootDirectory", "Path"))
