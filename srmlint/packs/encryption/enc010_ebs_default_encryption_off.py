"""ENC010: the account's EBS encryption by default turned off.

Anti-pattern: ``aws_ebs_encryption_by_default { enabled = false }``.
Fix: ``enabled = true`` (and ``aws_ebs_default_kms_key`` for a customer key).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import EBS_DEFAULT_TYPES
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class EbsDefaultEncryptionOff(Rule):
    meta = RuleMeta(
        id="ENC010",
        slug="ebs-default-encryption-off",
        title="EBS encryption by default is turned off",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(EncryptionAtRest,),
        services=("ebs",),
        setting="encryption_at_rest",
        rationale=(
            "The account-level, per-region EBS encryption-by-default switch makes every new volume "
            "and snapshot copy encrypted, whatever a template or a console user forgets to ask for. "
            "It is off in a new account; a template that manages it and turns it off removes the "
            "safety net for every EBS volume created in that region."
        ),
        remediation={
            "terraform": "Set enabled = true on aws_ebs_encryption_by_default (and choose a customer key with "
                         "aws_ebs_default_kms_key).",
        },
        url="https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
        examples={
            "terraform": Example(
                fail='resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n',
                pass_='resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n',
            ),
        },
        tags=("encryption", "ebs", "account"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type not in EBS_DEFAULT_TYPES:
            return
        for fact in facts.of(EncryptionAtRest):
            if fact.state == "disabled":
                yield Hit("EBS encryption by default is turned off for the region: new volumes are "
                          "unencrypted unless each one asks", path=fact.path)
