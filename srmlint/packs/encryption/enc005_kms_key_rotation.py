"""ENC005: a customer-managed KMS key without automatic rotation.

Anti-pattern: a symmetric encryption key whose ``enable_key_rotation`` is
false or unset (KMS then never rotates its key material).
Fix: ``enable_key_rotation = true`` / ``EnableKeyRotation: true``. Keys KMS
cannot rotate automatically (asymmetric, HMAC, imported material, custom key
stores) are not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import KeyRotation
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class KmsKeyRotation(Rule):
    meta = RuleMeta(
        id="ENC005",
        slug="kms-key-rotation-disabled",
        title="KMS key does not rotate automatically",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(KeyRotation,),
        services=("kms",),
        setting="key_rotation",
        rationale=(
            "Key management is the customer's responsibility. A customer-managed KMS key keeps the "
            "same key material forever unless automatic rotation is turned on; rotation limits how "
            "much data one key version protects and how long a compromised version stays useful, and "
            "many standards require yearly rotation. Rotation is transparent: old versions still decrypt."
        ),
        remediation={
            "terraform": "Set enable_key_rotation = true on the aws_kms_key (optionally rotation_period_in_days).",
            "cloudformation": "Set EnableKeyRotation: true on the AWS::KMS::Key (optionally RotationPeriodInDays).",
        },
        url="https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
        examples={
            "terraform": Example(
                fail='resource "aws_kms_key" "data" {\n  description = "data"\n}\n',
                pass_='resource "aws_kms_key" "data" {\n  description         = "data"\n'
                      "  enable_key_rotation = true\n}\n",
            ),
            "cloudformation": Example(
                fail="Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: false\n",
                pass_="Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n",
            ),
        },
        tags=("encryption", "kms"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(KeyRotation):
            if fact.rotatable is not True:
                continue
            if fact.enabled is False:
                yield Hit(f"KMS key '{resource.name}' has automatic key rotation turned off", path=fact.path)
            elif fact.enabled is None:
                yield Hit(f"KMS key '{resource.name}' does not enable automatic key rotation", path=fact.path)
