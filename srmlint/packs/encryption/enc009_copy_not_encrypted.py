"""ENC009: a copy of a snapshot or an image that does not ask for encryption.

Anti-pattern: ``aws_ami_copy`` / ``aws_ebs_snapshot_copy`` without
``encrypted = true``, a Data Lifecycle Manager cross-region copy rule with
``encrypted`` false or unset. A copy keeps its source's encryption unless it
asks for encryption: the copy of an unencrypted source stays unencrypted (and
lands in another region or account).
Fix: ``encrypted = true`` with a customer-managed ``kms_key_id``/``cmk_arn``.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import COPY_TYPES, subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class CopyNotEncrypted(Rule):
    meta = RuleMeta(
        id="ENC009",
        slug="copy-not-encrypted",
        title="Snapshot or image copy does not request encryption",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(EncryptionAtRest,),
        services=("ec2", "ebs"),
        setting="encryption_at_rest",
        rationale=(
            "Encryption at rest is the customer's side of the shared responsibility model. A copy "
            "of an EBS snapshot or an AMI keeps the encryption of its source unless the copy asks "
            "for encryption, so a copy rule without it carries unencrypted data into another region "
            "or account, where the account's EBS encryption-by-default setting may not be on. "
            "Copying is the one moment an unencrypted snapshot can be encrypted without downtime."
        ),
        remediation={
            "terraform": (
                "aws_ami_copy / aws_ebs_snapshot_copy: encrypted = true and kms_key_id = "
                "aws_kms_key.<key>.arn; aws_dlm_lifecycle_policy: cross_region_copy_rule { encrypted = "
                "true, cmk_arn = ... } and action { cross_region_copy { encryption_configuration "
                "{ encryption = true, cmk_arn = ... } } }."
            ),
            "cloudformation": (
                "AWS::DLM::LifecyclePolicy: CrossRegionCopyRules [{Encrypted: true, CmkArn: ...}] and "
                "Actions [{CrossRegionCopy: [{EncryptionConfiguration: {Encrypted: true, CmkArn: ...}}]}]."
            ),
        },
        url="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
        examples={
            "terraform": Example(
                fail=('resource "aws_ebs_snapshot_copy" "backup" {\n  source_snapshot_id = "snap-0123456789abcdef0"\n'
                      '  source_region      = "eu-west-1"\n}\n'),
                pass_=('resource "aws_kms_key" "backup" {\n  enable_key_rotation = true\n}\n\n'
                       'resource "aws_ebs_snapshot_copy" "backup" {\n  source_snapshot_id = "snap-0123456789abcdef0"\n'
                       '  source_region      = "eu-west-1"\n  encrypted          = true\n'
                       "  kms_key_id         = aws_kms_key.backup.arn\n}\n"),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Snapshots:\n    Type: AWS::DLM::LifecyclePolicy\n    Properties:\n"
                      "      Description: daily\n      State: ENABLED\n"
                      "      ExecutionRoleArn: arn:aws:iam::123456789012:role/dlm\n      PolicyDetails:\n"
                      "        ResourceTypes: [VOLUME]\n        TargetTags:\n          - Key: backup\n"
                      "            Value: 'true'\n        Schedules:\n          - Name: daily\n"
                      "            CreateRule:\n              Interval: 24\n              IntervalUnit: HOURS\n"
                      "            RetainRule:\n              Count: 7\n            CrossRegionCopyRules:\n"
                      "              - TargetRegion: eu-central-1\n                Encrypted: false\n"),
                pass_=("Resources:\n  Snapshots:\n    Type: AWS::DLM::LifecyclePolicy\n    Properties:\n"
                       "      Description: daily\n      State: ENABLED\n"
                       "      ExecutionRoleArn: arn:aws:iam::123456789012:role/dlm\n      PolicyDetails:\n"
                       "        ResourceTypes: [VOLUME]\n        TargetTags:\n          - Key: backup\n"
                       "            Value: 'true'\n        Schedules:\n          - Name: daily\n"
                       "            CreateRule:\n              Interval: 24\n              IntervalUnit: HOURS\n"
                       "            RetainRule:\n              Count: 7\n            CrossRegionCopyRules:\n"
                       "              - TargetRegion: eu-central-1\n                Encrypted: true\n"
                       "                CmkArn: arn:aws:kms:eu-central-1:123456789012:key/1\n"),
            ),
        },
        tags=("encryption", "ebs", "snapshots"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type not in COPY_TYPES:
            return
        what = "a cross-region copy rule" if "DLM" in resource.type or "dlm" in resource.type else "the copy"
        for fact in facts.of(EncryptionAtRest):
            if fact.state == "disabled":
                yield Hit(f"{subject(resource)} turns encryption off for {what}: the copy is encrypted only "
                          "if its source already is", path=fact.path)
            elif fact.state == "unset":
                yield Hit(f"{subject(resource)} does not request encryption for {what}: the copy is encrypted "
                          "only if its source already is", path=fact.path)
