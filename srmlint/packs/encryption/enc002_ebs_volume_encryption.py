"""ENC002: an EBS volume that is not encrypted.

Anti-pattern: ``encrypted = false`` or no ``encrypted`` at all on a volume.
Fix: ``encrypted = true``, preferably with a customer-managed ``kms_key_id``.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class EbsVolumeEncryption(Rule):
    meta = RuleMeta(
        id="ENC002",
        slug="ebs-volume-unencrypted",
        title="EBS volume is not encrypted",
        severity=Severity.HIGH,
        layer="encryption",
        facts=(EncryptionAtRest,),
        services=("ebs",),
        setting="encryption_at_rest",
        rationale=(
            "On infrastructure services the customer owns data encryption. An EBS volume is "
            "stored unencrypted unless the template (or the account's encryption-by-default "
            "setting, which the template cannot see) asks for it, and so are its snapshots. "
            "Encryption can only be chosen when the volume is created."
        ),
        remediation={
            "terraform": "Set encrypted = true (and kms_key_id = aws_kms_key.<key>.arn) on the volume.",
            "cloudformation": "Set Encrypted: true (and KmsKeyId: !Ref Key) on the volume.",
        },
        url="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
        examples={
            "terraform": Example(
                fail='resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n'
                     "  size = 10\n  encrypted = false\n}\n",
                pass_='resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n'
                      "  size = 10\n  encrypted = true\n}\n",
            ),
            "cloudformation": Example(
                fail="Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n"
                     "      AvailabilityZone: eu-west-1a\n      Size: 10\n",
                pass_="Resources:\n  Data:\n    Type: AWS::EC2::Volume\n    Properties:\n"
                      "      AvailabilityZone: eu-west-1a\n      Size: 10\n      Encrypted: true\n",
            ),
        },
        tags=("encryption", "ebs", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type not in ("aws_ebs_volume", "AWS::EC2::Volume"):
            return  # copies and DLM policies: ENC009; the account default: ENC010
        for fact in facts.of(EncryptionAtRest):
            if fact.state == "disabled":
                yield Hit(f"EBS volume '{resource.name}' has encryption turned off", path=fact.path)
            elif fact.state == "unset":
                yield Hit(f"EBS volume '{resource.name}' does not enable encryption", path=fact.path)
