"""Does changing an attribute replace the resource? The knowledge behind a fix's safety.

A fix that sets ``encrypted = true`` on an EBS volume is not an update: the
volume is destroyed and created again, empty, unless its data is migrated.
Users must hear that before they apply it, so every fix's changes are looked
up here, and an answer nobody can vouch for counts as "may replace".

* **Terraform**: :data:`TERRAFORM_FORCE_NEW`, a small table of the
  attributes srmlint's fixes set, each with its ``ForceNew`` flag as the AWS
  provider's schema declares it (shown as "forces replacement" in
  ``terraform plan``; the provider documentation says so per argument). A
  change to an attribute that is not in the table is reported as possibly
  replacing.
* **CloudFormation**: the resource schemas cfn-lint ships offline
  (``cfnlint/data/schemas``): a property listed in a type's
  ``createOnlyProperties`` is one whose change is "Update requires:
  Replacement". Only the *data files* are read, located with
  :func:`importlib.util.find_spec` (which does not run the package), so
  cfn-lint's 0.3-0.6 s import is never paid, neither on a plain scan nor in
  fix mode. Some older types carry no such list in their schema
  (``AWS::EC2::Volume``, ``AWS::KMS::Key``): :data:`CLOUDFORMATION_FALLBACK`
  answers for the properties srmlint's fixes set on them, with its source.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from srmlint.model import Format


@dataclass(frozen=True, slots=True)
class Replacement:
    """The answer for one change: ``replaces`` is True, False or None (unknown)."""

    replaces: bool | None
    source: str


#: (resource type, dotted attribute path without list indexes) → ForceNew,
#: per the Terraform AWS provider (resource schema / registry documentation).
TERRAFORM_FORCE_NEW: dict[tuple[str, str], bool] = {
    # Encryption of stored data cannot be turned on in place: a new volume/instance/cluster.
    ("aws_ebs_volume", "encrypted"): True,
    ("aws_db_instance", "storage_encrypted"): True,
    ("aws_rds_cluster", "storage_encrypted"): True,
    ("aws_instance", "root_block_device.encrypted"): True,
    ("aws_instance", "root_block_device"): True,
    # In-place updates (API calls such as EnableKeyRotation, UpdateTrail,
    # ModifyInstanceMetadataOptions, UpdateContinuousBackups, ModifyDBInstance).
    ("aws_kms_key", "enable_key_rotation"): False,
    ("aws_cloudtrail", "is_multi_region_trail"): False,
    ("aws_cloudtrail", "enable_log_file_validation"): False,
    ("aws_instance", "metadata_options"): False,
    ("aws_instance", "metadata_options.http_tokens"): False,
    ("aws_launch_template", "metadata_options.http_tokens"): False,
    ("aws_lambda_function", "tracing_config"): False,
    ("aws_lambda_function", "tracing_config.mode"): False,
    ("aws_dynamodb_table", "point_in_time_recovery"): False,
    ("aws_dynamodb_table", "point_in_time_recovery.enabled"): False,
    ("aws_db_instance", "deletion_protection"): False,
    ("aws_rds_cluster", "deletion_protection"): False,
    ("aws_ecr_repository", "image_scanning_configuration"): False,
    ("aws_ecr_repository", "image_scanning_configuration.scan_on_push"): False,
    ("aws_s3_bucket_public_access_block", "block_public_acls"): False,
    ("aws_s3_bucket_public_access_block", "block_public_policy"): False,
    ("aws_s3_bucket_public_access_block", "ignore_public_acls"): False,
    ("aws_s3_bucket_public_access_block", "restrict_public_buckets"): False,
    ("aws_s3_bucket_versioning", "versioning_configuration.status"): False,
    # Engine upgrades, backups, detection services (ModifyDBInstance, ModifyReplicationGroup,
    # ModifyReplicationInstance, UpdateBroker, ModifyCluster, StartLogging, PutConfigurationRecorder...).
    ("aws_db_instance", "auto_minor_version_upgrade"): False,
    ("aws_rds_cluster_instance", "auto_minor_version_upgrade"): False,
    ("aws_elasticache_cluster", "auto_minor_version_upgrade"): False,
    ("aws_elasticache_replication_group", "auto_minor_version_upgrade"): False,
    ("aws_dms_replication_instance", "auto_minor_version_upgrade"): False,
    ("aws_mq_broker", "auto_minor_version_upgrade"): False,
    ("aws_redshift_cluster", "allow_version_upgrade"): False,
    ("aws_ecr_repository", "image_tag_mutability"): False,
    ("aws_instance", "metadata_options.http_put_response_hop_limit"): False,
    ("aws_launch_template", "metadata_options.http_put_response_hop_limit"): False,
    ("aws_db_instance", "backup_retention_period"): False,
    ("aws_rds_cluster", "backup_retention_period"): False,
    ("aws_docdb_cluster", "backup_retention_period"): False,
    ("aws_neptune_cluster", "backup_retention_period"): False,
    ("aws_redshift_cluster", "automated_snapshot_retention_period"): False,
    ("aws_cloudtrail", "enable_logging"): False,
    ("aws_config_configuration_recorder_status", "is_enabled"): False,
    ("aws_guardduty_detector", "enable"): False,
    ("aws_ecs_cluster", "setting"): False,
    ("aws_s3_bucket", "acl"): False,
    ("aws_s3_bucket", "versioning.enabled"): False,
    ("aws_s3_bucket_acl", "acl"): False,
    ("aws_cloudfront_distribution", "default_cache_behavior.viewer_protocol_policy"): False,
    ("aws_db_instance", "iam_database_authentication_enabled"): False,
    ("aws_rds_cluster", "iam_database_authentication_enabled"): False,
    ("aws_ebs_encryption_by_default", "enabled"): False,
    ("aws_iam_account_password_policy", "minimum_password_length"): False,
    ("aws_iam_account_password_policy", "require_lowercase_characters"): False,
    ("aws_iam_account_password_policy", "require_uppercase_characters"): False,
    ("aws_iam_account_password_policy", "require_numbers"): False,
    ("aws_iam_account_password_policy", "require_symbols"): False,
    ("aws_iam_account_password_policy", "password_reuse_prevention"): False,
    ("aws_iam_account_password_policy", "max_password_age"): False,
    # Public access: in place on RDS and Redshift (ModifyDBInstance/ModifyCluster), a new broker on
    # Amazon MQ (the provider marks publicly_accessible ForceNew). DMS is left out: "may replace".
    ("aws_db_instance", "publicly_accessible"): False,
    ("aws_rds_cluster_instance", "publicly_accessible"): False,
    ("aws_neptune_cluster_instance", "publicly_accessible"): False,
    ("aws_redshift_cluster", "publicly_accessible"): False,
    ("aws_mq_broker", "publicly_accessible"): True,
}
TERRAFORM_SOURCE = "Terraform AWS provider schema (ForceNew), as listed in srmlint.fixes.replacement"

#: (type, property path) → (replaces, source), for types whose cfn-lint
#: schema has no ``createOnlyProperties``.
CLOUDFORMATION_FALLBACK: dict[tuple[str, str], tuple[bool, str]] = {
    ("AWS::EC2::Volume", "Encrypted"): (
        True, "EC2 cannot encrypt an existing volume (ModifyVolume has no encryption setting): a new volume is "
              "created; cfn-lint's AWS::EC2::Volume schema lists no createOnlyProperties"),
    ("AWS::KMS::Key", "EnableKeyRotation"): (
        False, "CloudFormation AWS::KMS::Key reference: EnableKeyRotation, Update requires: No interruption"),
    ("AWS::GuardDuty::Detector", "Enable"): (
        False, "CloudFormation AWS::GuardDuty::Detector reference: Enable, Update requires: No interruption"),
    ("AWS::CloudFront::Distribution", "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy"): (
        False, "CloudFormation AWS::CloudFront::Distribution reference: DistributionConfig, Update requires: "
               "No interruption (the distribution is redeployed in place)"),
}

_PROVIDER_REGION = "us_east_1"


def replaces(format_: Format, resource_type: str, path: tuple[str, ...]) -> Replacement:
    """Whether setting ``path`` on a resource of ``resource_type`` replaces it."""
    if format_ == "terraform":
        dotted = ".".join(path)
        for end in range(len(path), 0, -1):  # a block's own entry answers for its attributes
            key = (resource_type, ".".join(path[:end]))
            if key in TERRAFORM_FORCE_NEW:
                return Replacement(TERRAFORM_FORCE_NEW[key], TERRAFORM_SOURCE)
        return Replacement(None, f"{resource_type}.{dotted} is not in srmlint's ForceNew table")
    create_only = cloudformation_create_only(resource_type)
    if create_only is not None:
        hit = any(_prefix(path, c) or _prefix(c, path) for c in create_only)
        return Replacement(hit, f"cfn-lint resource schema of {resource_type} (createOnlyProperties)")
    fallback = CLOUDFORMATION_FALLBACK.get((resource_type, ".".join(path)))
    if fallback is not None:
        return Replacement(*fallback)
    return Replacement(None, f"no replacement data for {resource_type} {'.'.join(path)}")


def _prefix(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) <= len(b) and b[: len(a)] == a


def _schemas_dir() -> str | None:
    """cfn-lint's ``data/schemas`` folder, found without importing cfn-lint."""
    try:
        spec = importlib.util.find_spec("cfnlint")
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        folder = os.path.join(location, "data", "schemas")
        if os.path.isdir(folder):
            return folder
    return None


@cache
def _provider_index() -> dict[str, str]:
    """Type → schema file name, from the provider module's source text (read, never imported)."""
    folder = _schemas_dir()
    if folder is None:
        return {}
    try:
        with open(os.path.join(folder, "providers", f"{_PROVIDER_REGION}.py"), encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return {}
    return dict(re.findall(r'"(AWS::[A-Za-z0-9:]+)":\s*"([0-9a-f]+)"', text))


@cache
def cloudformation_create_only(resource_type: str) -> tuple[tuple[str, ...], ...] | None:
    """The type's ``createOnlyProperties`` as property paths, or None when the
    schema is unavailable or has no such list."""
    name = _provider_index().get(resource_type)
    folder = _schemas_dir()
    if name is None or folder is None:
        return None
    try:
        with open(os.path.join(folder, "resources", f"{name}.json"), encoding="utf-8") as fh:
            schema: Any = json.load(fh)
    except (OSError, ValueError):
        return None
    pointers = schema.get("createOnlyProperties") if isinstance(schema, dict) else None
    if not isinstance(pointers, list):
        return None
    paths = []
    for pointer in pointers:
        if isinstance(pointer, str) and pointer.startswith("/properties/"):
            paths.append(tuple(p for p in pointer[len("/properties/"):].split("/") if p != "*"))
    return tuple(paths)
