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
from srmlint.fixes.companions import AddCompanion, Block
from srmlint.fixes.settings import SetSetting, TfBlock, number_above, number_below
from srmlint.hookspecs import hookimpl

IMDS_BREAKS = ("software on the instance that still uses IMDSv1 (old AWS SDKs, agents, scripts calling "
               "169.254.169.254 without a token) stops getting credentials and metadata")
PUBLIC_BREAKS = "anyone relying on the bucket's public access (ACLs or a public bucket policy) is refused"
ACL_BREAKS = "anonymous (or any-AWS-account) readers and writers of the bucket are refused"
DB_PUBLIC_BREAKS = ("clients that reach the database over the internet lose their connection; only clients "
                    "inside the VPC (or connected to it) can connect")
BACKUP_OUTAGE = ("turning automated backups on (retention 0 to more) makes RDS restart the instance: a short "
                 "outage, so apply it in a maintenance window")
TAG_BREAKS = "pushing an image under an existing tag (latest, a branch name) is refused"
HOP_BREAKS = ("containers on the instance that reach the metadata service through a bridge network (Docker's "
              "default, pods without host networking) stop getting credentials")
VIEWER_BREAKS = "viewers on plain HTTP are redirected to HTTPS; a client that cannot follow the redirect fails"
PASSWORD_AGE_BREAKS = ("console users whose password is older than 90 days must change it at their next "
                       "sign-in")
S3_PAB_BODY = {"block_public_acls": True, "block_public_policy": True, "ignore_public_acls": True,
               "restrict_public_buckets": True}


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
                SetSetting(frozenset({"aws_ecr_repository"}), ("image_scanning_configuration",),
                           TfBlock(scan_on_push=True), "add image_scanning_configuration { scan_on_push = true }"),
            ],
            "cloudformation": [
                SetSetting(frozenset({"AWS::ECR::Repository"}), ("ImageScanningConfiguration", "ScanOnPush"), True,
                           "set ImageScanningConfiguration.ScanOnPush: true", insecure=(False,)),
                SetSetting(frozenset({"AWS::ECR::Repository"}), ("ImageScanningConfiguration",),
                           {"ScanOnPush": True}, "add ImageScanningConfiguration.ScanOnPush: true"),
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
    fixes.extend(_more_fixes())
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


def _set(types: set[str], path: tuple[str | int, ...], secure: object, description: str, **kw: object) -> SetSetting:
    return SetSetting(frozenset(types), path, secure, description, **kw)  # type: ignore[arg-type]


def _more_fixes() -> list[Fix]:
    """Second round: companions, engine upgrades, backups, detection services,
    exposure and account password policy."""
    rds = {"aws_db_instance", "aws_rds_cluster"}
    cfn_rds = {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
    tf_engines = {"aws_elasticache_cluster", "aws_elasticache_replication_group", "aws_dms_replication_instance",
                  "aws_mq_broker"}
    cfn_engines = {"AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
                   "AWS::DMS::ReplicationInstance", "AWS::AmazonMQ::Broker"}
    tf_public = {"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster",
                 "aws_dms_replication_instance", "aws_neptune_cluster_instance", "aws_mq_broker"}
    cfn_public = {"AWS::RDS::DBInstance", "AWS::Redshift::Cluster", "AWS::DMS::ReplicationInstance",
                  "AWS::AmazonMQ::Broker"}
    tf_backup = {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
    cfn_backup = {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}
    policy = {"aws_iam_account_password_policy"}
    public_acls = ("public-read", "public-read-write", "authenticated-read")
    cfn_public_acls = ("PublicRead", "PublicReadWrite", "AuthenticatedRead")

    def password(rule: str, name: str, secure: object, **kw: object) -> Fix:
        return Fix(rule, {"terraform": [_set(policy, (name,), secure, f"set {name} = "
                                             f"{str(secure).lower() if isinstance(secure, bool) else secure}",
                                             **kw)]})

    return [
        # -- Terraform v4 companions --------------------------------------------------------------------------
        Fix("BKP001", {"terraform": [
            _set({"aws_s3_bucket"}, ("versioning", 0, "enabled"), True, "set versioning.enabled = true (inline, v3)",
                 insecure=(False,)),
            AddCompanion(
            "aws_s3_bucket", "aws_s3_bucket_versioning", "bucket",
            {"versioning_configuration": Block({"status": "Enabled"})},
            "add an aws_s3_bucket_versioning resource with status Enabled", inline=("versioning",))]}),
        Fix("ENC001", {"terraform": [AddCompanion(
            "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "bucket",
            {"rule": Block({"apply_server_side_encryption_by_default": Block({"sse_algorithm": "AES256"})})},
            "add an aws_s3_bucket_server_side_encryption_configuration with SSE-S3 (AES256)",
            inline=("server_side_encryption_configuration",))]}),
        Fix("PUB013", {
            "terraform": [AddCompanion(
                "aws_s3_bucket", "aws_s3_bucket_public_access_block", "bucket", S3_PAB_BODY,
                "add an aws_s3_bucket_public_access_block with all four settings on",
                breaks_clients=PUBLIC_BREAKS)],
            "cloudformation": [_set({"AWS::S3::Bucket"}, ("PublicAccessBlockConfiguration",),
                                    {"BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
                                     "RestrictPublicBuckets": True},
                                    "add PublicAccessBlockConfiguration with all four settings true",
                                    breaks_clients=PUBLIC_BREAKS)],
        }),
        # -- engine upgrades ----------------------------------------------------------------------------------
        Fix("CMP005", {
            "terraform": [_flag({"aws_db_instance", "aws_rds_cluster_instance"}, "auto_minor_version_upgrade",
                                "set auto_minor_version_upgrade = true")],
            "cloudformation": [_flag({"AWS::RDS::DBInstance"}, "AutoMinorVersionUpgrade",
                                     "set AutoMinorVersionUpgrade: true")],
        }),
        Fix("CMP006", {
            "terraform": [_flag(tf_engines, "auto_minor_version_upgrade", "set auto_minor_version_upgrade = true"),
                          _flag({"aws_redshift_cluster"}, "allow_version_upgrade", "set allow_version_upgrade = true")],
            "cloudformation": [
                _flag(cfn_engines, "AutoMinorVersionUpgrade", "set AutoMinorVersionUpgrade: true"),
                _flag({"AWS::Redshift::Cluster"}, "AllowVersionUpgrade", "set AllowVersionUpgrade: true"),
            ],
        }),
        Fix("CMP008", {
            "terraform": [_set({"aws_ecr_repository"}, ("image_tag_mutability",), "IMMUTABLE",
                               'set image_tag_mutability = "IMMUTABLE"', insecure=("MUTABLE",),
                               breaks_clients=TAG_BREAKS)],
            "cloudformation": [_set({"AWS::ECR::Repository"}, ("ImageTagMutability",), "IMMUTABLE",
                                    "set ImageTagMutability: IMMUTABLE", insecure=("MUTABLE",),
                                    breaks_clients=TAG_BREAKS)],
        }),
        Fix("CMP011", {
            "terraform": [_set({"aws_instance", "aws_launch_template"},
                               ("metadata_options", 0, "http_put_response_hop_limit"), 1,
                               "set metadata_options.http_put_response_hop_limit = 1", insecure_if=number_above(1),
                               insert=False, breaks_clients=HOP_BREAKS)],
            "cloudformation": [_set({"AWS::EC2::LaunchTemplate"},
                                    ("LaunchTemplateData", "MetadataOptions", "HttpPutResponseHopLimit"), 1,
                                    "set MetadataOptions.HttpPutResponseHopLimit: 1", insecure_if=number_above(1),
                                    insert=False, breaks_clients=HOP_BREAKS)],
        }),
        # -- backups ------------------------------------------------------------------------------------------
        Fix("BKP003", {
            "terraform": [_set(tf_backup, ("backup_retention_period",), 7, "set backup_retention_period = 7",
                               insecure=(0,), insert=False, breaks_clients=BACKUP_OUTAGE),
                          _set({"aws_redshift_cluster"}, ("automated_snapshot_retention_period",), 7,
                               "set automated_snapshot_retention_period = 7", insecure=(0,), insert=False)],
            "cloudformation": [_set(cfn_backup, ("BackupRetentionPeriod",), 7, "set BackupRetentionPeriod: 7",
                                    insecure_if=number_below(1), insert=False, breaks_clients=BACKUP_OUTAGE),
                               _set({"AWS::Redshift::Cluster"}, ("AutomatedSnapshotRetentionPeriod",), 7,
                                    "set AutomatedSnapshotRetentionPeriod: 7", insecure_if=number_below(1),
                                    insert=False)],
        }),
        Fix("BKP004", {
            "terraform": [_set(tf_backup, ("backup_retention_period",), 7, "set backup_retention_period = 7",
                               insecure_if=lambda v: not isinstance(v, bool) and 1 <= int(v) < 7)],
            "cloudformation": [_set(cfn_backup, ("BackupRetentionPeriod",), 7, "set BackupRetentionPeriod: 7",
                                    insecure_if=lambda v: not isinstance(v, bool) and 1 <= int(v) < 7)],
        }),
        # -- detection and audit ------------------------------------------------------------------------------
        Fix("LOG004", {
            "terraform": [_flag({"aws_cloudtrail"}, "enable_logging", "set enable_logging = true")],
            "cloudformation": [_flag({"AWS::CloudTrail::Trail"}, "IsLogging", "set IsLogging: true")],
        }),
        Fix("LOG019", {"terraform": [_flag({"aws_config_configuration_recorder_status"}, "is_enabled",
                                           "set is_enabled = true")]}),
        Fix("LOG020", {
            "terraform": [_flag({"aws_guardduty_detector"}, "enable", "set enable = true")],
            "cloudformation": [_flag({"AWS::GuardDuty::Detector"}, "Enable", "set Enable: true")],
        }),
        Fix("LOG021", {
            "terraform": [
                _set({"aws_ecs_cluster"}, ("setting", 0, "value"), "enabled",
                     'set setting.value = "enabled" (containerInsights)', insecure=("disabled",)),
                _set({"aws_ecs_cluster"}, ("setting",), TfBlock(name="containerInsights", value="enabled"),
                     'add setting { name = "containerInsights", value = "enabled" }'),
            ],
            "cloudformation": [_set({"AWS::ECS::Cluster"}, ("ClusterSettings",),
                                    [{"Name": "containerInsights", "Value": "enabled"}],
                                    "add ClusterSettings with containerInsights enabled")],
        }),
        # -- exposure -----------------------------------------------------------------------------------------
        Fix("PUB001", {
            "terraform": [_set({"aws_s3_bucket", "aws_s3_bucket_acl"}, ("acl",), "private", 'set acl = "private"',
                               insecure=public_acls, insert=False, breaks_clients=ACL_BREAKS)],
            "cloudformation": [_set({"AWS::S3::Bucket"}, ("AccessControl",), "Private", "set AccessControl: Private",
                                    insecure=cfn_public_acls, insert=False, breaks_clients=ACL_BREAKS)],
        }),
        Fix("PUB007", {
            "terraform": [_set(tf_public, ("publicly_accessible",), False, "set publicly_accessible = false",
                               insecure=(True,), breaks_clients=DB_PUBLIC_BREAKS)],
            "cloudformation": [_set(cfn_public, ("PubliclyAccessible",), False, "set PubliclyAccessible: false",
                                    insecure=(True,), breaks_clients=DB_PUBLIC_BREAKS)],
        }),
        Fix("ENC006", {
            "terraform": [_set({"aws_cloudfront_distribution"}, ("default_cache_behavior", 0, "viewer_protocol_policy"),
                               "redirect-to-https", 'set viewer_protocol_policy = "redirect-to-https"',
                               insecure=("allow-all",), insert=False, breaks_clients=VIEWER_BREAKS)],
            "cloudformation": [_set({"AWS::CloudFront::Distribution"},
                                    ("DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"),
                                    "redirect-to-https", "set ViewerProtocolPolicy: redirect-to-https",
                                    insecure=("allow-all",), insert=False, breaks_clients=VIEWER_BREAKS)],
        }),
        # -- identity -----------------------------------------------------------------------------------------
        Fix("IAM014", {
            "terraform": [_flag(rds, "iam_database_authentication_enabled",
                                "set iam_database_authentication_enabled = true")],
            "cloudformation": [_flag(cfn_rds, "EnableIAMDatabaseAuthentication",
                                     "set EnableIAMDatabaseAuthentication: true")],
        }),
        Fix("ENC010", {"terraform": [_flag({"aws_ebs_encryption_by_default"}, "enabled", "set enabled = true")]}),
        password("IAM013", "minimum_password_length", 14, insecure_if=number_below(14)),
        password("IAM017", "require_lowercase_characters", True, insecure=(False,)),
        password("IAM018", "require_uppercase_characters", True, insecure=(False,)),
        password("IAM019", "require_numbers", True, insecure=(False,)),
        password("IAM020", "require_symbols", True, insecure=(False,)),
        password("IAM021", "password_reuse_prevention", 24, insecure_if=number_below(24)),
        password("IAM022", "max_password_age", 90,
                 insecure_if=lambda v: not isinstance(v, bool) and (int(v) > 90 or int(v) == 0),
                 breaks_clients=PASSWORD_AGE_BREAKS),
    ]


@hookimpl
def srmlint_fixes() -> list[Fix]:
    return _fixes()
