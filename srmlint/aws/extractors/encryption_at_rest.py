"""Encryption at rest of data stores other than S3 buckets and EBS volumes
(those are in :mod:`srmlint.aws.extractors.storage`): one ``EncryptionAtRest``
per encrypted thing, Terraform and CloudFormation side by side.

Resources that inherit their encryption from a source (a read replica, a
restore from a snapshot, a member of an Aurora cluster) produce no fact: the
template does not decide their encryption.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import _parent, dig, flag_fact, key_fact, key_state
from srmlint.aws.facts import EncryptionAtRest, EncryptionState, KeyRotation
from srmlint.aws.values import as_bool, blocks, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

Facts = Iterator[EncryptionAtRest]


def _any_set(attrs: Mapping[str, Any], *names: str) -> bool:
    return any(is_set(attrs.get(n)) for n in names)


# ------------------------------------------------------------ databases

def rds_instance_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    engine = a.get("engine")
    if _any_set(a, "replicate_source_db", "snapshot_identifier", "cluster_identifier", "restore_to_point_in_time"):
        return
    if isinstance(engine, str) and engine.startswith(("aurora", "docdb", "neptune")):
        return
    yield flag_fact(a, ("storage_encrypted",), ("kms_key_id",))


def rds_instance_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    engine = a.get("Engine")
    if _any_set(a, "SourceDBInstanceIdentifier", "DBSnapshotIdentifier", "DBClusterIdentifier",
                "SourceDBClusterIdentifier", "SourceDbiResourceId", "SourceDBInstanceAutomatedBackupsArn"):
        return
    if isinstance(engine, str) and engine.lower().startswith(("aurora", "docdb", "neptune")):
        return
    yield flag_fact(a, ("StorageEncrypted",), ("KmsKeyId",))


def rds_cluster_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time",
                "global_cluster_identifier", "s3_import"):
        return
    if isinstance(a.get("engine_mode"), str) and a["engine_mode"] == "serverless":
        return  # Aurora Serverless v1 storage is always encrypted
    yield flag_fact(a, ("storage_encrypted",), ("kms_key_id",))


def rds_cluster_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier",
                "GlobalClusterIdentifier", "RestoreToTime", "UseLatestRestorableTime"):
        return
    if isinstance(a.get("EngineMode"), str) and a["EngineMode"] == "serverless":
        return
    yield flag_fact(a, ("StorageEncrypted",), ("KmsKeyId",))


def global_cluster_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "source_db_cluster_identifier"):
        return
    yield flag_fact(a, ("storage_encrypted",))


def global_cluster_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "SourceDBClusterIdentifier"):
        return
    yield flag_fact(a, ("StorageEncrypted",))


def docdb_cluster_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "snapshot_identifier", "global_cluster_identifier", "restore_to_point_in_time"):
        return
    yield flag_fact(a, ("storage_encrypted",), ("kms_key_id",))


def docdb_cluster_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreToTime"):
        return
    yield flag_fact(a, ("StorageEncrypted",), ("KmsKeyId",))


def neptune_cluster_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "snapshot_identifier", "replication_source_identifier", "global_cluster_identifier"):
        return
    yield flag_fact(a, ("storage_encrypted",), ("kms_key_arn",))


def neptune_cluster_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreToTime"):
        return
    yield flag_fact(a, ("StorageEncrypted",), ("KmsKeyId",))


def redshift_cluster_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "snapshot_identifier"):
        return
    yield flag_fact(a, ("encrypted",), ("kms_key_id",))


def redshift_cluster_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if _any_set(a, "SnapshotIdentifier"):
        return
    yield flag_fact(a, ("Encrypted",), ("KmsKeyId",))


# ------------------------------------------------------------ files, caches, search, streams

def efs_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("encrypted",), ("kms_key_id",))


def efs_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("Encrypted",), ("KmsKeyId",))


def elasticache_rg_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("at_rest_encryption_enabled",), ("kms_key_id",))


def elasticache_rg_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("AtRestEncryptionEnabled",), ("KmsKeyId",))


def search_domain_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("encrypt_at_rest", "enabled"), ("encrypt_at_rest", "kms_key_id"))


def search_domain_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("EncryptionAtRestOptions", "Enabled"),
                    ("EncryptionAtRestOptions", "KmsKeyId"))


def _enum_fact(attrs: Mapping[str, Any], type_path: tuple[str, ...], key_path: tuple[str, ...],
               off: tuple[str, ...]) -> EncryptionAtRest:
    """An encryption type that is off for the values in ``off``."""
    kind, tpath = dig(attrs, *type_path)
    key, _ = dig(attrs, *key_path)
    if isinstance(kind, Unknown):
        return EncryptionAtRest(path=tpath, source=None, state="unknown", key=key)
    if not is_set(kind):
        return EncryptionAtRest(path=_parent(tpath, attrs), source=None, state="unset", key=key)
    if isinstance(kind, str) and kind.upper() in off:
        return EncryptionAtRest(path=tpath, source=None, state="disabled", key=key, algorithm=kind)
    state = key_state(key) if is_set(key) else "aws_managed_key"
    return EncryptionAtRest(path=tpath, source=None, state=state, key=key, algorithm=kind)


def kinesis_stream_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _enum_fact(resource.attributes, ("encryption_type",), ("kms_key_id",), ("NONE",))


def kinesis_stream_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _enum_fact(resource.attributes, ("StreamEncryption", "EncryptionType"),
                     ("StreamEncryption", "KeyId"), ("NONE",))


def firehose_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if is_set(a.get("kinesis_source_configuration")) or is_set(a.get("msk_source_configuration")):
        return  # data arrives from (and is encrypted by) the source stream
    sse, path = dig(a, "server_side_encryption")
    if isinstance(sse, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
        return
    enabled, epath = dig(a, "server_side_encryption", "enabled")
    key_type, _ = dig(a, "server_side_encryption", "key_type")
    key, _ = dig(a, "server_side_encryption", "key_arn")
    flag = as_bool(enabled)
    state: EncryptionState
    if isinstance(flag, Unknown) or isinstance(key_type, Unknown):
        state = "unknown"
    elif flag is True:
        state = "customer_key" if key_type == "CUSTOMER_MANAGED_CMK" else "aws_managed_key"
    elif flag is False:
        state = "disabled"
    else:
        state = "unset"
    yield EncryptionAtRest(path=epath if enabled is not None else _parent(epath, a), source=None,
                           state=state, key=key, algorithm=key_type)


def firehose_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if a.get("DeliveryStreamType") in ("KinesisStreamAsSource", "MSKAsSource") or is_set(
            a.get("KinesisStreamSourceConfiguration")):
        return
    key_type, path = dig(a, "DeliveryStreamEncryptionConfigurationInput", "KeyType")
    config = a.get("DeliveryStreamEncryptionConfigurationInput")
    key, _ = dig(a, "DeliveryStreamEncryptionConfigurationInput", "KeyARN")
    if isinstance(config, Unknown) or isinstance(key_type, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
    elif not is_set(key_type):
        yield EncryptionAtRest(path=_parent(path, a), source=None, state="unset")
    else:
        state: EncryptionState = "customer_key" if key_type == "CUSTOMER_MANAGED_CMK" else "aws_managed_key"
        yield EncryptionAtRest(path=path, source=None, state=state, key=key, algorithm=key_type)


def dax_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("server_side_encryption", "enabled"))


def dax_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("SSESpecification", "SSEEnabled"))


def appsync_cache_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("at_rest_encryption_enabled",))


def appsync_cache_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield flag_fact(resource.attributes, ("AtRestEncryptionEnabled",))


def _workspace(a: Mapping[str, Any], flags: tuple[str, str], key: str) -> Facts:
    for flag in flags:
        # The key only names the volumes' key: the flags alone turn encryption on.
        # (The path names the flag even when it is missing: messages say which volume.)
        fact = flag_fact(a, (flag,), (key,), key_implies_enabled=False)
        yield EncryptionAtRest(path=(flag,), source=None, state=fact.state, key=fact.key)


def workspace_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _workspace(resource.attributes, ("root_volume_encryption_enabled", "user_volume_encryption_enabled"),
                          "volume_encryption_key")


def workspace_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _workspace(resource.attributes, ("RootVolumeEncryptionEnabled", "UserVolumeEncryptionEnabled"),
                          "VolumeEncryptionKey")


# ------------------------------------------------------------ always encrypted: the key is the choice

def _key_only(*path: str) -> Callable[[Resource, ResourceGraph], Facts]:
    def extract(resource: Resource, graph: ResourceGraph) -> Facts:
        yield key_fact(resource.attributes, path)
    return extract


def sqs_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _sqs(resource.attributes, "kms_master_key_id", "sqs_managed_sse_enabled")


def sqs_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _sqs(resource.attributes, "KmsMasterKeyId", "SqsManagedSseEnabled")


def _sqs(a: Mapping[str, Any], key_name: str, managed_name: str) -> EncryptionAtRest:
    key = a.get(key_name)
    if is_set(key):
        return EncryptionAtRest(path=(key_name,), source=None, state=key_state(key), key=key)
    managed = as_bool(a.get(managed_name))
    if isinstance(managed, Unknown):
        return EncryptionAtRest(path=(managed_name,), source=None, state="unknown")
    if managed is False:
        return EncryptionAtRest(path=(managed_name,), source=None, state="disabled")
    if managed is True:
        return EncryptionAtRest(path=(managed_name,), source=None, state="aws_managed_key")
    return EncryptionAtRest(path=(), source=None, state="unset")


def sns_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield key_fact(resource.attributes, ("kms_master_key_id",))


def sns_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield key_fact(resource.attributes, ("KmsMasterKeyId",))


def _dynamodb(a: Mapping[str, Any], block: str, flag_key: str, key_key: str) -> Facts:
    enabled, path = dig(a, block, flag_key)
    key, kpath = dig(a, block, key_key)
    flag = as_bool(enabled)
    if isinstance(flag, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
    elif flag is True:
        # enabled without a key: the AWS-managed key aws/dynamodb
        yield EncryptionAtRest(path=kpath if is_set(key) else path, source=None,
                               state=key_state(key) if is_set(key) else "aws_managed_key", key=key)
    elif flag is False:
        # false means the AWS-owned key, not "unencrypted"
        yield EncryptionAtRest(path=path, source=None, state="aws_managed_key")
    else:
        yield EncryptionAtRest(path=_parent(path, a), source=None, state="unset")


def dynamodb_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _dynamodb(resource.attributes, "server_side_encryption", "enabled", "kms_key_arn")


def dynamodb_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _dynamodb(resource.attributes, "SSESpecification", "SSEEnabled", "KMSMasterKeyId")


def ecr_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _ecr(resource.attributes, ("encryption_configuration", "encryption_type"),
               ("encryption_configuration", "kms_key"))


def ecr_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _ecr(resource.attributes, ("EncryptionConfiguration", "EncryptionType"),
               ("EncryptionConfiguration", "KmsKey"))


def _ecr(a: Mapping[str, Any], type_path: tuple[str, ...], key_path: tuple[str, ...]) -> EncryptionAtRest:
    kind, tpath = dig(a, *type_path)
    key, kpath = dig(a, *key_path)
    if isinstance(kind, Unknown):
        return EncryptionAtRest(path=tpath, source=None, state="unknown")
    if isinstance(kind, str) and kind.upper().startswith("KMS"):
        # KMS without a key: the AWS-managed key aws/ecr
        return EncryptionAtRest(path=kpath if is_set(key) else tpath, source=None,
                                state=key_state(key) if is_set(key) else "aws_managed_key", key=key,
                                algorithm=kind)
    if is_set(kind):
        return EncryptionAtRest(path=tpath, source=None, state="aws_managed_key", algorithm=kind)
    return EncryptionAtRest(path=_parent(tpath, a), source=None, state="unset")


def eks_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _eks(resource.attributes, "encryption_config", "resources", ("provider", "key_arn"))


def eks_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _eks(resource.attributes, "EncryptionConfig", "Resources", ("Provider", "KeyArn"))


def _eks(a: Mapping[str, Any], name: str, resources: str, key_path: tuple[str, ...]) -> EncryptionAtRest:
    config = a.get(name)
    if isinstance(config, Unknown):
        return EncryptionAtRest(path=(name,), source=None, state="unknown")
    for i, body in enumerate(blocks(config)):
        listed = body.get(resources)
        key, _ = dig(body, *key_path)
        if isinstance(listed, Unknown):
            return EncryptionAtRest(path=(name, i), source=None, state="unknown")
        if isinstance(listed, list) and "secrets" in listed and is_set(key):
            return EncryptionAtRest(path=(name, i), source=None, state=key_state(key), key=key)
    return EncryptionAtRest(path=(name,) if config is not None else (), source=None, state="unset")


def lambda_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    variables, _ = dig(a, "environment", "variables")
    if not is_set(variables):
        return  # nothing to encrypt
    yield key_fact(a, ("kms_key_arn",))


def lambda_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    variables, _ = dig(a, "Environment", "Variables")
    if not is_set(variables):
        return
    yield key_fact(a, ("KmsKeyArn",))


def codebuild_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _codebuild(resource.attributes, "artifacts", "secondary_artifacts", "encryption_disabled", "type",
                          "encryption_key")
    yield from _codebuild_s3_logs(resource.attributes, ("logs_config", "s3_logs"), "status", "encryption_disabled")


def codebuild_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _codebuild(resource.attributes, "Artifacts", "SecondaryArtifacts", "EncryptionDisabled", "Type",
                          "EncryptionKey")
    yield from _codebuild_s3_logs(resource.attributes, ("LogsConfig", "S3Logs"), "Status", "EncryptionDisabled")


def _codebuild_s3_logs(a: Mapping[str, Any], base: tuple[str, str], status: str, disabled: str) -> Facts:
    """Build logs sent to S3 with their encryption turned off (only that is
    reported: logs left to the key of the project's artifacts are not a finding)."""
    state, _ = dig(a, *base, status)
    if not isinstance(state, str) or state.upper() != "ENABLED":
        return
    off, path = dig(a, *base, disabled)
    flag = as_bool(off)
    if isinstance(flag, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
    elif flag is True:
        yield EncryptionAtRest(path=path, source=None, state="disabled")


def _codebuild(a: Mapping[str, Any], artifacts: str, secondary: str, disabled: str, type_: str,
               key_name: str) -> Facts:
    key = a.get(key_name)
    found = False
    for name in (artifacts, secondary):
        for i, body in enumerate(blocks(a.get(name))):
            kind = body.get(type_)
            if isinstance(kind, str) and kind.upper() == "NO_ARTIFACTS":
                continue
            off = as_bool(body.get(disabled))
            path = (name, i, disabled)
            found = True
            if isinstance(off, Unknown):
                yield EncryptionAtRest(path=path, source=None, state="unknown")
            elif off is True:
                yield EncryptionAtRest(path=path, source=None, state="disabled")
            elif is_set(key):
                yield EncryptionAtRest(path=(key_name,), source=None, state=key_state(key), key=key)
            else:
                yield EncryptionAtRest(path=(name, i), source=None, state="unset")
    if not found and is_set(key):
        yield EncryptionAtRest(path=(key_name,), source=None, state=key_state(key), key=key)


def athena_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _athena(resource.attributes, ("configuration", "result_configuration", "encryption_configuration",
                                        "encryption_option"),
                  ("configuration", "result_configuration", "encryption_configuration", "kms_key_arn"))


def athena_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _athena(resource.attributes, ("WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration",
                                        "EncryptionOption"),
                  ("WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration", "KmsKey"))


def _athena(a: Mapping[str, Any], option_path: tuple[str, ...], key_path: tuple[str, ...]) -> EncryptionAtRest:
    option, path = dig(a, *option_path)
    key, _ = dig(a, *key_path)
    if isinstance(option, Unknown):
        return EncryptionAtRest(path=path, source=None, state="unknown")
    if not is_set(option):
        return EncryptionAtRest(path=_parent(path, a), source=None, state="unset")
    if isinstance(option, str) and option.upper() in ("SSE_KMS", "CSE_KMS"):
        # Athena requires a KMS key with these options (it has no aws/athena key).
        return EncryptionAtRest(path=path, source=None, state=key_state(key) if is_set(key) else "customer_key",
                                key=key, algorithm=option)
    return EncryptionAtRest(path=path, source=None, state="aws_managed_key", key=key, algorithm=option)


def athena_database_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield _athena(resource.attributes, ("encryption_configuration", "encryption_option"),
                  ("encryption_configuration", "kms_key"))


# ------------------------------------------------------------ EC2 block devices

def _device_fact(body: Mapping[str, Any], path: tuple[str | int, ...], encrypted: str, key_name: str,
                 snapshot: str) -> EncryptionAtRest | None:
    if is_set(body.get(snapshot)):
        return None  # a volume from a snapshot has the snapshot's encryption
    flag = body.get(encrypted)
    fact = flag_fact(body, (encrypted,), (key_name,))
    return EncryptionAtRest(path=path + fact.path if flag is not None or is_set(body.get(key_name)) else path,
                            source=None, state=fact.state, key=fact.key)


def instance_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    yield from _tf_devices(a, root_required=not is_set(a.get("launch_template")))


def launch_configuration_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _tf_devices(resource.attributes, root_required=True)


def _tf_devices(a: Mapping[str, Any], *, root_required: bool) -> Facts:
    root = a.get("root_block_device")
    if isinstance(root, Unknown):
        yield EncryptionAtRest(path=("root_block_device",), source=None, state="unknown")
    else:
        bodies = blocks(root)
        for i, body in enumerate(bodies):
            fact = _device_fact(body, ("root_block_device", i), "encrypted", "kms_key_id", "snapshot_id")
            if fact is not None:
                yield fact
        if not bodies and root_required:
            yield EncryptionAtRest(path=(), source=None, state="unset")
    devices = a.get("ebs_block_device")
    if isinstance(devices, Unknown):
        yield EncryptionAtRest(path=("ebs_block_device",), source=None, state="unknown")
        return
    for i, body in enumerate(blocks(devices)):
        fact = _device_fact(body, ("ebs_block_device", i), "encrypted", "kms_key_id", "snapshot_id")
        if fact is not None:
            yield fact


def launch_template_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    mappings = resource.attributes.get("block_device_mappings")
    if isinstance(mappings, Unknown):
        yield EncryptionAtRest(path=("block_device_mappings",), source=None, state="unknown")
        return
    for i, mapping in enumerate(blocks(mappings)):
        for j, ebs in enumerate(blocks(mapping.get("ebs"))):
            fact = _device_fact(ebs, ("block_device_mappings", i, "ebs", j), "encrypted", "kms_key_id",
                                "snapshot_id")
            if fact is not None:
                yield fact


def _cfn_mappings(mappings: Any, path: tuple[str | int, ...]) -> Facts:
    if isinstance(mappings, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
        return
    for i, mapping in enumerate(blocks(mappings)):
        ebs = mapping.get("Ebs")
        if isinstance(ebs, Unknown):
            yield EncryptionAtRest(path=(*path, i, "Ebs"), source=None, state="unknown")
            continue
        if not isinstance(ebs, Mapping):
            continue  # an instance-store (ephemeral) or suppressed device
        fact = _device_fact(ebs, (*path, i, "Ebs"), "Encrypted", "KmsKeyId", "SnapshotId")
        if fact is not None:
            yield fact


def instance_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    mappings = a.get("BlockDeviceMappings")
    if mappings is None:
        if not is_set(a.get("LaunchTemplate")):
            # The root volume comes from the AMI's snapshot: unencrypted unless
            # that snapshot or the account's EBS default is encrypted.
            yield EncryptionAtRest(path=(), source=None, state="unset")
        return
    yield from _cfn_mappings(mappings, ("BlockDeviceMappings",))


def launch_configuration_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    a = resource.attributes
    if is_set(a.get("InstanceId")):
        return  # attributes copied from a running instance
    mappings = a.get("BlockDeviceMappings")
    if mappings is None:
        yield EncryptionAtRest(path=(), source=None, state="unset")
        return
    yield from _cfn_mappings(mappings, ("BlockDeviceMappings",))


def launch_template_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    mappings, path = dig(resource.attributes, "LaunchTemplateData", "BlockDeviceMappings")
    if mappings is None:
        return
    yield from _cfn_mappings(mappings, path)


# ------------------------------------------------------------ KMS key rotation

_NOT_ROTATABLE_SPECS = ("RSA_", "ECC_", "HMAC_", "SM2")


def _rotation(a: Mapping[str, Any], enabled_name: str, spec_names: tuple[str, ...],
              usage_name: str, origin_name: str, store_name: str) -> Iterator[KeyRotation]:
    rotatable: bool | Unknown = True
    for name in spec_names:
        spec = a.get(name)
        if isinstance(spec, Unknown):
            rotatable = spec
        elif isinstance(spec, str) and spec.upper().startswith(_NOT_ROTATABLE_SPECS):
            rotatable = False
    usage = a.get(usage_name)
    if isinstance(usage, str) and usage.upper() in ("SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"):
        rotatable = False
    origin = a.get(origin_name)
    if isinstance(origin, str) and origin.upper() in ("EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"):
        rotatable = False
    if is_set(a.get(store_name)):
        rotatable = False
    enabled = a.get(enabled_name)
    yield KeyRotation(path=(enabled_name,) if enabled is not None else (), source=None,
                      enabled=as_bool(enabled), rotatable=rotatable)


def kms_key_tf(resource: Resource, graph: ResourceGraph) -> Iterator[KeyRotation]:
    return _rotation(resource.attributes, "enable_key_rotation", ("customer_master_key_spec",), "key_usage",
                     "origin", "custom_key_store_id")


def kms_key_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[KeyRotation]:
    return _rotation(resource.attributes, "EnableKeyRotation", ("KeySpec", "KeySpec"), "KeyUsage", "Origin",
                     "CustomKeyStoreId")


def _both(name: str, tf: list[str], tf_fn: Callable[..., Any], cfn: list[str],
          cfn_fn: Callable[..., Any], produces: type = EncryptionAtRest) -> list[Extractor]:
    out = []
    if tf:
        out.append(Extractor(f"{name}-tf", {"terraform": tf}, [produces], tf_fn))
    if cfn:
        out.append(Extractor(f"{name}-cfn", {"cloudformation": cfn}, [produces], cfn_fn))
    return out


EXTRACTORS = [
    *_both("rds-instance-encryption", ["aws_db_instance"], rds_instance_tf,
           ["AWS::RDS::DBInstance"], rds_instance_cfn),
    *_both("rds-cluster-encryption", ["aws_rds_cluster"], rds_cluster_tf,
           ["AWS::RDS::DBCluster"], rds_cluster_cfn),
    *_both("global-cluster-encryption", ["aws_rds_global_cluster", "aws_docdb_global_cluster"], global_cluster_tf,
           ["AWS::RDS::GlobalCluster"], global_cluster_cfn),
    *_both("docdb-cluster-encryption", ["aws_docdb_cluster"], docdb_cluster_tf,
           ["AWS::DocDB::DBCluster"], docdb_cluster_cfn),
    *_both("neptune-cluster-encryption", ["aws_neptune_cluster"], neptune_cluster_tf,
           ["AWS::Neptune::DBCluster"], neptune_cluster_cfn),
    *_both("redshift-cluster-encryption", ["aws_redshift_cluster"], redshift_cluster_tf,
           ["AWS::Redshift::Cluster"], redshift_cluster_cfn),
    *_both("efs-encryption", ["aws_efs_file_system"], efs_tf, ["AWS::EFS::FileSystem"], efs_cfn),
    *_both("elasticache-at-rest", ["aws_elasticache_replication_group"], elasticache_rg_tf,
           ["AWS::ElastiCache::ReplicationGroup"], elasticache_rg_cfn),
    *_both("search-domain-at-rest", ["aws_elasticsearch_domain", "aws_opensearch_domain"], search_domain_tf,
           ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"], search_domain_cfn),
    *_both("kinesis-stream-encryption", ["aws_kinesis_stream"], kinesis_stream_tf,
           ["AWS::Kinesis::Stream"], kinesis_stream_cfn),
    *_both("firehose-encryption", ["aws_kinesis_firehose_delivery_stream"], firehose_tf,
           ["AWS::KinesisFirehose::DeliveryStream"], firehose_cfn),
    *_both("dax-encryption", ["aws_dax_cluster"], dax_tf, ["AWS::DAX::Cluster"], dax_cfn),
    *_both("appsync-cache-encryption", ["aws_appsync_api_cache"], appsync_cache_tf,
           ["AWS::AppSync::ApiCache"], appsync_cache_cfn),
    *_both("workspaces-encryption", ["aws_workspaces_workspace"], workspace_tf,
           ["AWS::WorkSpaces::Workspace"], workspace_cfn),
    *_both("sqs-encryption", ["aws_sqs_queue"], sqs_tf, ["AWS::SQS::Queue"], sqs_cfn),
    *_both("sns-encryption", ["aws_sns_topic"], sns_tf, ["AWS::SNS::Topic"], sns_cfn),
    *_both("dynamodb-encryption", ["aws_dynamodb_table"], dynamodb_tf, ["AWS::DynamoDB::Table"], dynamodb_cfn),
    *_both("ecr-encryption", ["aws_ecr_repository"], ecr_tf, ["AWS::ECR::Repository"], ecr_cfn),
    *_both("eks-secrets-encryption", ["aws_eks_cluster"], eks_tf, ["AWS::EKS::Cluster"], eks_cfn),
    *_both("lambda-environment-encryption", ["aws_lambda_function"], lambda_tf,
           ["AWS::Lambda::Function", "AWS::Serverless::Function"], lambda_cfn),
    *_both("codebuild-artifact-encryption", ["aws_codebuild_project"], codebuild_tf,
           ["AWS::CodeBuild::Project"], codebuild_cfn),
    *_both("athena-workgroup-encryption", ["aws_athena_workgroup"], athena_tf,
           ["AWS::Athena::WorkGroup"], athena_cfn),
    Extractor("athena-database-encryption-tf", {"terraform": ["aws_athena_database"]}, [EncryptionAtRest],
              athena_database_tf),
    *_both("log-group-key", ["aws_cloudwatch_log_group"], _key_only("kms_key_id"),
           ["AWS::Logs::LogGroup"], _key_only("KmsKeyId")),
    *_both("cloudtrail-key", ["aws_cloudtrail"], _key_only("kms_key_id"),
           ["AWS::CloudTrail::Trail"], _key_only("KMSKeyId")),
    *_both("secretsmanager-key", ["aws_secretsmanager_secret"], _key_only("kms_key_id"),
           ["AWS::SecretsManager::Secret"], _key_only("KmsKeyId")),
    *_both("sagemaker-notebook-key", ["aws_sagemaker_notebook_instance"], _key_only("kms_key_id"),
           ["AWS::SageMaker::NotebookInstance"], _key_only("KmsKeyId")),
    *_both("sagemaker-endpoint-key", ["aws_sagemaker_endpoint_configuration"], _key_only("kms_key_arn"),
           ["AWS::SageMaker::EndpointConfig"], _key_only("KmsKeyId")),
    *_both("backup-vault-key", ["aws_backup_vault"], _key_only("kms_key_arn"),
           ["AWS::Backup::BackupVault"], _key_only("EncryptionKeyArn")),
    *_both("msk-at-rest-key", ["aws_msk_cluster"], _key_only("encryption_info", "encryption_at_rest_kms_key_arn"),
           ["AWS::MSK::Cluster"], _key_only("EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId")),
    *_both("ec2-instance-volumes", ["aws_instance"], instance_tf, ["AWS::EC2::Instance"], instance_cfn),
    *_both("launch-configuration-volumes", ["aws_launch_configuration"], launch_configuration_tf,
           ["AWS::AutoScaling::LaunchConfiguration"], launch_configuration_cfn),
    *_both("launch-template-volumes", ["aws_launch_template"], launch_template_tf,
           ["AWS::EC2::LaunchTemplate"], launch_template_cfn),
    *_both("kms-key-rotation", ["aws_kms_key"], kms_key_tf, ["AWS::KMS::Key"], kms_key_cfn, KeyRotation),
]
