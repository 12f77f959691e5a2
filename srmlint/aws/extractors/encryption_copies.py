"""Encryption of EBS snapshot and AMI copies, Data Lifecycle Manager
cross-region copies, AMI block devices and Image Builder recipes, and the
account's EBS encryption-by-default switch.

A copy keeps its source's encryption unless it asks for encryption: an
``encrypted`` flag that is false or unset gives a copy that is encrypted only
if the source already was (``disabled`` / ``unset``; ENC009).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import flag_fact
from srmlint.aws.facts import EncryptionAtRest
from srmlint.aws.values import as_bool, blocks, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

Facts = Iterator[EncryptionAtRest]

#: Resource types whose EncryptionAtRest facts describe copies (ENC009).
COPY_TYPES = frozenset({"aws_ami_copy", "aws_ebs_snapshot_copy", "aws_dlm_lifecycle_policy",
                        "AWS::DLM::LifecyclePolicy"})

#: The account-level EBS default (ENC010).
EBS_DEFAULT_TYPES = frozenset({"aws_ebs_encryption_by_default"})


def _at(base: AttrPath, fact: EncryptionAtRest) -> EncryptionAtRest:
    return EncryptionAtRest(path=base + fact.path, source=None, state=fact.state, key=fact.key)


def copy_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("encrypted",), ("kms_key_id",), key_implies_enabled=False)


def _rules(value: Any, base: AttrPath) -> Iterator[tuple[Mapping[str, Any] | Unknown, AttrPath]]:
    if isinstance(value, Unknown):
        yield value, base
        return
    for i, body in enumerate(blocks(value)):
        yield body, (*base, i)


def dlm_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    for details, dpath in _rules(resource.attributes.get("policy_details"), ("policy_details",)):
        if isinstance(details, Unknown):
            yield EncryptionAtRest(path=dpath, source=None, state="unknown")
            continue
        for schedule, spath in _rules(details.get("schedule"), (*dpath, "schedule")):
            if isinstance(schedule, Unknown):
                yield EncryptionAtRest(path=spath, source=None, state="unknown")
                continue
            for rule, rpath in _rules(schedule.get("cross_region_copy_rule"), (*spath, "cross_region_copy_rule")):
                if isinstance(rule, Unknown):
                    yield EncryptionAtRest(path=rpath, source=None, state="unknown")
                    continue
                yield _at(rpath, flag_fact(rule, ("encrypted",), ("cmk_arn",), key_implies_enabled=False))
        for action, apath in _rules(details.get("action"), (*dpath, "action")):
            if isinstance(action, Unknown):
                yield EncryptionAtRest(path=apath, source=None, state="unknown")
                continue
            for copy, cpath in _rules(action.get("cross_region_copy"), (*apath, "cross_region_copy")):
                if isinstance(copy, Unknown):
                    yield EncryptionAtRest(path=cpath, source=None, state="unknown")
                    continue
                config = copy.get("encryption_configuration")
                bodies = blocks(config)
                if isinstance(config, Unknown):
                    yield EncryptionAtRest(path=(*cpath, "encryption_configuration"), source=None, state="unknown")
                elif not bodies:
                    yield EncryptionAtRest(path=cpath, source=None, state="unset")
                else:
                    yield _at((*cpath, "encryption_configuration", 0),
                              flag_fact(bodies[0], ("encryption",), ("cmk_arn",), key_implies_enabled=False))


def dlm_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    details = resource.attributes.get("PolicyDetails")
    if isinstance(details, Unknown):
        yield EncryptionAtRest(path=("PolicyDetails",), source=None, state="unknown")
        return
    if not isinstance(details, Mapping):
        return
    for schedule, spath in _rules(details.get("Schedules"), ("PolicyDetails", "Schedules")):
        if isinstance(schedule, Unknown):
            yield EncryptionAtRest(path=spath, source=None, state="unknown")
            continue
        for rule, rpath in _rules(schedule.get("CrossRegionCopyRules"), (*spath, "CrossRegionCopyRules")):
            if isinstance(rule, Unknown):
                yield EncryptionAtRest(path=rpath, source=None, state="unknown")
                continue
            yield _at(rpath, flag_fact(rule, ("Encrypted",), ("CmkArn",), key_implies_enabled=False))
    for action, apath in _rules(details.get("Actions"), ("PolicyDetails", "Actions")):
        if isinstance(action, Unknown):
            yield EncryptionAtRest(path=apath, source=None, state="unknown")
            continue
        for copy, cpath in _rules(action.get("CrossRegionCopy"), (*apath, "CrossRegionCopy")):
            if isinstance(copy, Unknown):
                yield EncryptionAtRest(path=cpath, source=None, state="unknown")
                continue
            config = copy.get("EncryptionConfiguration")
            if isinstance(config, Unknown):
                yield EncryptionAtRest(path=(*cpath, "EncryptionConfiguration"), source=None, state="unknown")
            elif not isinstance(config, Mapping):
                yield EncryptionAtRest(path=cpath, source=None, state="unset")
            else:
                yield _at((*cpath, "EncryptionConfiguration"),
                          flag_fact(config, ("Encrypted",), ("CmkArn",), key_implies_enabled=False))


def _device(body: Mapping[str, Any], path: AttrPath) -> EncryptionAtRest | None:
    if is_set(body.get("snapshot_id")):
        return None  # a volume from a snapshot has the snapshot's encryption
    return _at(path, flag_fact(body, ("encrypted",), ("kms_key_id",)))


def ami_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    """An AMI registered with empty EBS devices: new volumes from it are
    encrypted only when the device says so (or the account default)."""
    devices = resource.attributes.get("ebs_block_device")
    if isinstance(devices, Unknown):
        yield EncryptionAtRest(path=("ebs_block_device",), source=None, state="unknown")
        return
    for i, body in enumerate(blocks(devices)):
        fact = _device(body, ("ebs_block_device", i))
        if fact is not None:
            yield fact


def image_recipe_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    for mapping, mpath in _rules(resource.attributes.get("block_device_mapping"), ("block_device_mapping",)):
        if isinstance(mapping, Unknown):
            yield EncryptionAtRest(path=mpath, source=None, state="unknown")
            continue
        for ebs, epath in _rules(mapping.get("ebs"), (*mpath, "ebs")):
            if isinstance(ebs, Unknown):
                yield EncryptionAtRest(path=epath, source=None, state="unknown")
                continue
            fact = _device(ebs, epath)
            if fact is not None:
                yield fact


def image_recipe_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    for mapping, mpath in _rules(resource.attributes.get("BlockDeviceMappings"), ("BlockDeviceMappings",)):
        if isinstance(mapping, Unknown):
            yield EncryptionAtRest(path=mpath, source=None, state="unknown")
            continue
        ebs = mapping.get("Ebs")
        if isinstance(ebs, Unknown):
            yield EncryptionAtRest(path=(*mpath, "Ebs"), source=None, state="unknown")
        elif isinstance(ebs, Mapping) and not is_set(ebs.get("SnapshotId")):
            yield _at((*mpath, "Ebs"), flag_fact(ebs, ("Encrypted",), ("KmsKeyId",)))


def ebs_default_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    enabled = resource.attributes.get("enabled")
    flag = as_bool(enabled)
    if isinstance(flag, Unknown):
        yield EncryptionAtRest(path=("enabled",), source=None, state="unknown")
    elif flag is False:
        yield EncryptionAtRest(path=("enabled",), source=None, state="disabled")
    else:  # the resource's own default is true
        yield EncryptionAtRest(path=("enabled",) if enabled is not None else (), source=None,
                               state="aws_managed_key")


EXTRACTORS = [
    Extractor("copy-encryption-tf", {"terraform": ["aws_ami_copy", "aws_ebs_snapshot_copy"]}, [EncryptionAtRest],
              copy_tf),
    Extractor("dlm-copy-encryption-tf", {"terraform": ["aws_dlm_lifecycle_policy"]}, [EncryptionAtRest], dlm_tf),
    Extractor("dlm-copy-encryption-cfn", {"cloudformation": ["AWS::DLM::LifecyclePolicy"]}, [EncryptionAtRest],
              dlm_cfn),
    Extractor("ami-devices-tf", {"terraform": ["aws_ami"]}, [EncryptionAtRest], ami_tf),
    Extractor("image-recipe-devices-tf", {"terraform": ["aws_imagebuilder_image_recipe"]}, [EncryptionAtRest],
              image_recipe_tf),
    Extractor("image-recipe-devices-cfn", {"cloudformation": ["AWS::ImageBuilder::ImageRecipe"]},
              [EncryptionAtRest], image_recipe_cfn),
    Extractor("ebs-encryption-by-default-tf", {"terraform": ["aws_ebs_encryption_by_default"]}, [EncryptionAtRest],
              ebs_default_tf),
]
