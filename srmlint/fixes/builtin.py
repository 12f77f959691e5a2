"""The built-in fixes, registered through the ``srmlint_fixes`` hook like a plugin's.

Only fixes whose secure value needs nothing from the user are here (no KMS
key ARN, no log bucket name: those rules say what to add instead). Safety per
fix, decided here and documented in ``docs/fixes.md``:

* **safe**: an in-place update that neither interrupts the resource nor
  changes who can reach it: KMS key rotation, CloudTrail multi-region and
  log-file validation, DynamoDB point-in-time recovery, RDS deletion
  protection, Lambda X-Ray active tracing, ECR scan on push, S3 versioning
  and default encryption (SSE-S3 is what S3 applies anyway since 2023).
* **unsafe, replaces the resource**: encryption at rest of EBS volumes, RDS
  instances and clusters, EC2 root volumes: decided per change by
  :mod:`srmlint.fixes.replacement`, never declared here.
* **unsafe, may break clients** although in place: requiring IMDSv2 (IMDSv1
  callers, old SDKs and agents stop getting credentials), blocking S3 public
  access (public readers and public-ACL writers are refused).
"""

from __future__ import annotations

from srmlint.fixes import Fix
from srmlint.fixes.settings import SetSetting, TfBlock
from srmlint.hookspecs import hookimpl

IMDS_BREAKS = ("software on the instance that still uses IMDSv1 (old AWS SDKs, agents, scripts calling "
               "169.254.169.254 without a token) stops getting credentials and metadata")
PUBLIC_BREAKS = "anyone relying on the bucket's public access (ACLs or a public bucket policy) is refused"


def _flag(types: set[str], name: str, description: str, *, breaks: str | None = None) -> SetSetting:
    """``name = true`` (or the CloudFormation property): in place when false, inserted when missing."""
    return SetSetting(frozenset(types), (name,), True, description, insecure=(False,), breaks_clients=breaks)


def _fixes() -> list[Fix]:
    tf_trail, cfn_trail = {"aws_cloudtrail"}, {"AWS::CloudTrail::Trail"}
    tf_db = {"aws_db_instance", "aws_rds_cluster"}
    cfn_db = {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
    tf_pab, cfn_bucket = {"aws_s3_bucket_public_access_block"}, frozenset({"AWS::S3::Bucket"})
    pab = {"PUB002": ("block_public_acls", "BlockPublicAcls"), "PUB003": ("block_public_policy", "BlockPublicPolicy"),
           "PUB004": ("ignore_public_acls", "IgnorePublicAcls"),
           "PUB005": ("restrict_public_buckets", "RestrictPublicBuckets")}
    fixes = [
        Fix("ENC002", {
            "terraform": [_flag({"aws_ebs_volume"}, "encrypted", "set encrypted = true")],
            "cloudformation": [_flag({"AWS::EC2::Volume"}, "Encrypted", "set Encrypted: true")],
        }),
        Fix("ENC003", {
            "terraform": [
                _flag(tf_db, "storage_encrypted", "set storage_encrypted = true"),
                SetSetting(frozenset({"aws_instance"}), ("root_block_device", 0, "encrypted"), True,
                           "set root_block_device.encrypted = true", insecure=(False,)),
                SetSetting(frozenset({"aws_instance"}), ("root_block_device",), TfBlock(encrypted=True),
                           "add root_block_device { encrypted = true }"),
            ],
            "cloudformation": [_flag(cfn_db, "StorageEncrypted", "set StorageEncrypted: true")],
        }),
        Fix("ENC005", {
            "terraform": [_flag({"aws_kms_key"}, "enable_key_rotation", "set enable_key_rotation = true")],
            "cloudformation": [_flag({"AWS::KMS::Key"}, "EnableKeyRotation", "set EnableKeyRotation: true")],
        }),
        Fix("LOG001", {
            "terraform": [_flag(tf_trail, "is_multi_region_trail", "set is_multi_region_trail = true")],
            "cloudformation": [_flag(cfn_trail, "IsMultiRegionTrail", "set IsMultiRegionTrail: true")],
        }),
        Fix("LOG002", {
            "terraform": [_flag(tf_trail, "enable_log_file_validation", "set enable_log_file_validation = true")],
            "cloudformation": [_flag(cfn_trail, "EnableLogFileValidation", "set EnableLogFileValidation: true")],
        }),
        Fix("BKP007", {
            "terraform": [_flag(tf_db, "deletion_protection", "set deletion_protection = true")],
            "cloudformation": [_flag(cfn_db, "DeletionProtection", "set DeletionProtection: true")],
        }),
        Fix("BKP006", {
            "terraform": [
                SetSetting(frozenset({"aws_dynamodb_table"}), ("point_in_time_recovery", 0, "enabled"), True,
                           "set point_in_time_recovery.enabled = true", insecure=(False,)),
                SetSetting(frozenset({"aws_dynamodb_table"}), ("point_in_time_recovery",), TfBlock(enabled=True),
                           "add point_in_time_recovery { enabled = true }"),
            ],
            "cloudformation": [
                SetSetting(frozenset({"AWS::DynamoDB::Table"}),
                           ("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"), True,
                           "set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true",
                           insecure=(False,)),
                SetSetting(frozenset({"AWS::DynamoDB::Table"}), ("PointInTimeRecoverySpecification",),
                           {"PointInTimeRecoveryEnabled": True},
                           "add PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true"),
            ],
        }),
        Fix("LOG010", {
            "terraform": [
                SetSetting(frozenset({"aws_lambda_function"}), ("tracing_config", 0, "mode"), "Active",
                           'set tracing_config.mode = "Active"', insecure=("PassThrough",)),
                SetSetting(frozenset({"aws_lambda_function"}), ("tracing_config",), TfBlock(mode="Active"),
                           'add tracing_config { mode = "Active" }'),
            ],
            "cloudformation": [
                SetSetting(frozenset({"AWS::Lambda::Function"}), ("TracingConfig", "Mode"), "Active",
                           "set TracingConfig.Mode: Active", insecure=("PassThrough",)),
                SetSetting(frozenset({"AWS::Lambda::Function"}), ("TracingConfig",), {"Mode": "Active"},
                           "add TracingConfig.Mode: Active"),
            ],
        }),
        Fix("CMP007", {
            "terraform": [
                SetSetting(frozenset({"aws_ecr_repository"}), ("image_scanning_configuration", 0, "scan_on_push"),
                           True, "set image_scanning_configuration.scan_on_push = true", insecure=(False,)),
            ],
            "cloudformation": [
                SetSetting(frozenset({"AWS::ECR::Repository"}), ("ImageScanningConfiguration", "ScanOnPush"), True,
                           "set ImageScanningConfiguration.ScanOnPush: true", insecure=(False,)),
            ],
        }),
        Fix("CMP001", {
            "terraform": [
                SetSetting(frozenset({"aws_instance", "aws_launch_template"}), ("metadata_options", 0, "http_tokens"),
                           "required", 'set metadata_options.http_tokens = "required"', insecure=("optional",),
                           breaks_clients=IMDS_BREAKS),
                SetSetting(frozenset({"aws_instance"}), ("metadata_options",), TfBlock(http_tokens="required"),
                           'add metadata_options { http_tokens = "required" }', breaks_clients=IMDS_BREAKS),
            ],
            "cloudformation": [
                SetSetting(frozenset({"AWS::EC2::LaunchTemplate"}),
                           ("LaunchTemplateData", "MetadataOptions", "HttpTokens"), "required",
                           "set LaunchTemplateData.MetadataOptions.HttpTokens: required", insecure=("optional",),
                           breaks_clients=IMDS_BREAKS),
            ],
        }),
        Fix("BKP001", {
            "terraform": [
                SetSetting(frozenset({"aws_s3_bucket_versioning"}), ("versioning_configuration", 0, "status"),
                           "Enabled", 'set versioning_configuration.status = "Enabled"', insecure=("Suspended",)),
            ],
            "cloudformation": [
                SetSetting(cfn_bucket, ("VersioningConfiguration", "Status"), "Enabled",
                           "set VersioningConfiguration.Status: Enabled", insecure=("Suspended",)),
                SetSetting(cfn_bucket, ("VersioningConfiguration",), {"Status": "Enabled"},
                           "add VersioningConfiguration.Status: Enabled"),
            ],
        }),
        Fix("ENC001", {
            "cloudformation": [
                SetSetting(cfn_bucket, ("BucketEncryption",), {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
                    "add BucketEncryption with SSE-S3 (AES256) default encryption"),
            ],
        }),
    ]
    for rule_id, (tf_name, cfn_name) in pab.items():
        fixes.append(Fix(rule_id, {
            "terraform": [_flag(tf_pab, tf_name, f"set {tf_name} = true", breaks=PUBLIC_BREAKS)],
            "cloudformation": [
                SetSetting(cfn_bucket, ("PublicAccessBlockConfiguration", cfn_name), True,
                           f"set PublicAccessBlockConfiguration.{cfn_name}: true", insecure=(False,),
                           breaks_clients=PUBLIC_BREAKS),
            ],
        }))
    return fixes


@hookimpl
def srmlint_fixes() -> list[Fix]:
    return _fixes()
