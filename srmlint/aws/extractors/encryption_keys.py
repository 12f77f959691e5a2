"""Services that always encrypt at rest, where the template only chooses the
key: one table row per resource type (both formats), one ``EncryptionAtRest``
per key the row names.

A row says where the key is, and, for services that take a key *type*
besides the key (``AWS_OWNED_KMS_KEY`` / ``CUSTOMER_MANAGED_KMS_KEY``), where
that type is and which of its values mean a key AWS owns or manages. Unset:
the service encrypts with a key AWS owns or manages (``unset``; ENC004 reports
it at info severity). A key that is a reference or a variable counts as
customer-managed: no finding is raised on a key srmlint cannot see.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from srmlint.aws.extractors.encryption_common import _parent, dig, key_state
from srmlint.aws.facts import EncryptionAtRest, EncryptionState
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class KeyChoice:
    """Where one encrypted thing of a resource names its KMS key."""

    key: Path
    #: the key type's path (None: the key alone decides)
    kind: Path | None = None
    #: key type values (upper case) that mean a key AWS owns or manages
    aws: frozenset[str] = frozenset()
    #: the key type AWS applies when it is unset (None: the key decides)
    kind_default: str | None = None
    #: only when the value at this path starts with one of these (upper case);
    #: missing or unknown: no fact (e.g. Performance Insights turned off)
    when: tuple[Path, tuple[str, ...]] | None = None
    #: no fact when the value at this path starts with one of these (upper case)
    unless: tuple[Path, tuple[str, ...]] | None = None
    #: what the key protects, for messages ("model", "Performance Insights data")
    label: str | None = None


@dataclass(frozen=True)
class KeyRow:
    noun: str
    choices: tuple[KeyChoice, ...]
    contents: str | None = None


def _k(*key: str | int, **kw: Any) -> KeyChoice:
    return KeyChoice(key=key, **kw)


_KEYSPACES_AWS = frozenset({"AWS_OWNED_KMS_KEY"})
_NFW_AWS = frozenset({"AWS_OWNED_KMS_KEY"})
#: Glue: no KMS encryption of its own (S3's and CloudWatch's default encryption applies)
_GLUE_AWS = frozenset({"DISABLED", "SSE-S3"})
_PI_TF = ("performance_insights_enabled",), ("TRUE",)
_GLUE_JOB = "logs and job bookmarks"

#: resource type -> its key choices. Services whose data is always encrypted.
KEY_CHOICES: dict[str, KeyRow] = {
    # ---------------------------------------------------------------- Terraform
    "aws_keyspaces_table": KeyRow("Keyspaces table", (
        _k("encryption_specification", "kms_key_identifier", kind=("encryption_specification", "type"),
           aws=_KEYSPACES_AWS, kind_default="AWS_OWNED_KMS_KEY"),)),
    "aws_networkfirewall_firewall": KeyRow("Network Firewall", (
        _k("encryption_configuration", "key_id", kind=("encryption_configuration", "type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "aws_networkfirewall_firewall_policy": KeyRow("Network Firewall policy", (
        _k("encryption_configuration", "key_id", kind=("encryption_configuration", "type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "aws_networkfirewall_rule_group": KeyRow("Network Firewall rule group", (
        _k("encryption_configuration", "key_id", kind=("encryption_configuration", "type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "aws_codegurureviewer_repository_association": KeyRow("CodeGuru Reviewer repository association", (
        _k("kms_key_details", "kms_key_id", kind=("kms_key_details", "encryption_option"),
           aws=frozenset({"AWS_OWNED_CMK"}), kind_default="AWS_OWNED_CMK"),), "code and analysis"),
    "aws_mq_broker": KeyRow("MQ broker", (
        _k("encryption_options", "kms_key_id", kind=("encryption_options", "use_aws_owned_key"),
           aws=frozenset({"TRUE"}), kind_default="TRUE"),), "messages"),
    "aws_qldb_ledger": KeyRow("QLDB ledger", (
        _k("kms_key", kind=("kms_key",), aws=frozenset({"AWS_OWNED_KMS_KEY"})),)),
    # an S3 endpoint connects with an IAM role: no password for the key to protect
    "aws_dms_endpoint": KeyRow("DMS endpoint", (_k("kms_key_arn", unless=(("engine_name",), ("S3",))),),
                               "connection parameters"),
    "aws_dms_s3_endpoint": KeyRow("DMS S3 endpoint", (_k("kms_key_arn"),)),
    "aws_dms_replication_instance": KeyRow("DMS replication instance", (_k("kms_key_arn"),), "storage"),
    "aws_cloudtrail_event_data_store": KeyRow("CloudTrail event data store", (_k("kms_key_id"),), "events"),
    "aws_scheduler_schedule": KeyRow("EventBridge Scheduler schedule", (_k("kms_key_arn"),), "target input"),
    "aws_appflow_flow": KeyRow("AppFlow flow", (_k("kms_arn"),)),
    "aws_appflow_connector_profile": KeyRow("AppFlow connector profile", (_k("kms_arn"),), "credentials"),
    "aws_bedrockagent_agent": KeyRow("Bedrock agent", (_k("customer_encryption_key_arn"),)),
    "aws_codeartifact_domain": KeyRow("CodeArtifact domain", (_k("encryption_key"),), "packages"),
    # (the training volumes' key, volume_kms_key_id, protects short-lived training
    # job volumes: the model is what stays)
    "aws_comprehend_entity_recognizer": KeyRow("Comprehend entity recognizer", (_k("model_kms_key_id"),),
                                               "model"),
    "aws_comprehend_document_classifier": KeyRow("Comprehend document classifier", (_k("model_kms_key_id"),),
                                                 "model"),
    "aws_dynamodb_table_replica": KeyRow("DynamoDB table replica", (_k("kms_key_arn"),)),
    "aws_fsx_ontap_file_system": KeyRow("FSx for ONTAP file system", (_k("kms_key_id"),)),
    "aws_fsx_openzfs_file_system": KeyRow("FSx for OpenZFS file system", (_k("kms_key_id"),)),
    "aws_fsx_windows_file_system": KeyRow("FSx for Windows file system", (_k("kms_key_id"),)),
    # scratch file systems take no key (AWS-owned keys only)
    "aws_fsx_lustre_file_system": KeyRow("FSx for Lustre file system", (
        _k("kms_key_id", when=(("deployment_type",), ("PERSISTENT",))),)),
    "aws_imagebuilder_component": KeyRow("Image Builder component", (_k("kms_key_id"),)),
    "aws_kendra_index": KeyRow("Kendra index", (_k("server_side_encryption_configuration", "kms_key_id"),),
                               "indexed documents"),
    "aws_kinesis_video_stream": KeyRow("Kinesis video stream", (_k("kms_key_id"),)),
    "aws_memorydb_cluster": KeyRow("MemoryDB cluster", (_k("kms_key_arn"),)),
    "aws_memorydb_snapshot": KeyRow("MemoryDB snapshot", (_k("kms_key_arn"),)),
    "aws_rds_cluster_activity_stream": KeyRow("RDS activity stream", (_k("kms_key_id"),), "activity records"),
    "aws_db_instance_automated_backups_replication": KeyRow(
        "RDS backup replication", (_k("kms_key_id"),), "replicated backups"),
    "aws_redshiftserverless_namespace": KeyRow("Redshift Serverless namespace", (_k("kms_key_id"),)),
    "aws_redshift_snapshot_copy_grant": KeyRow("Redshift snapshot copy grant", (_k("kms_key_id"),),
                                               "copied snapshots"),
    "aws_ssm_parameter": KeyRow("SSM parameter", (
        _k("key_id", when=(("type",), ("SECURESTRING",))),), "value"),
    "aws_sagemaker_domain": KeyRow("SageMaker domain", (_k("kms_key_id"),), "home directories"),
    "aws_sagemaker_flow_definition": KeyRow("SageMaker flow definition", (_k("output_config", "kms_key_id"),),
                                            "human review output"),
    "aws_sagemaker_data_quality_job_definition": KeyRow("SageMaker data quality job definition", (
        _k("data_quality_job_output_config", "kms_key_id", label="monitoring output"),
        _k("job_resources", "cluster_config", "volume_kms_key_id", label="processing volumes"))),
    "aws_glue_security_configuration": KeyRow("Glue security configuration", (
        _k("encryption_configuration", "s3_encryption", "kms_key_arn",
           kind=("encryption_configuration", "s3_encryption", "s3_encryption_mode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="S3 output"),
        _k("encryption_configuration", "cloudwatch_encryption", "kms_key_arn",
           kind=("encryption_configuration", "cloudwatch_encryption", "cloudwatch_encryption_mode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="CloudWatch logs"),
        _k("encryption_configuration", "job_bookmarks_encryption", "kms_key_arn",
           kind=("encryption_configuration", "job_bookmarks_encryption", "job_bookmarks_encryption_mode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="job bookmarks"))),
    "aws_glue_data_catalog_encryption_settings": KeyRow("Glue Data Catalog encryption settings", (
        _k("data_catalog_encryption_settings", "encryption_at_rest", "sse_aws_kms_key_id",
           kind=("data_catalog_encryption_settings", "encryption_at_rest", "catalog_encryption_mode"),
           aws=_GLUE_AWS, kind_default="DISABLED"),), "Data Catalog metadata"),
    # Glue jobs, crawlers and development endpoints choose their keys through a
    # security configuration (judged on its own, above); without one their
    # CloudWatch logs and job bookmarks get only AWS's encryption
    "aws_glue_job": KeyRow("Glue job", (_k("security_configuration"),), _GLUE_JOB),
    "aws_glue_crawler": KeyRow("Glue crawler", (_k("security_configuration"),), "logs"),
    "aws_glue_dev_endpoint": KeyRow("Glue development endpoint", (_k("security_configuration"),), _GLUE_JOB),
    "aws_timestreamwrite_database": KeyRow("Timestream database", (_k("kms_key_id"),)),
    "aws_codepipeline": KeyRow("CodePipeline pipeline", (_k("artifact_store", "encryption_key", "id"),),
                               "artifacts"),
    # Performance Insights data of instances (the instance's own storage: encryption_at_rest.py)
    "aws_db_instance": KeyRow("RDS instance", (
        _k("performance_insights_kms_key_id", when=_PI_TF, label="Performance Insights data"),)),
    "aws_rds_cluster_instance": KeyRow("RDS cluster instance", (
        _k("performance_insights_kms_key_id", when=_PI_TF, label="Performance Insights data"),)),
    # ---------------------------------------------------------------- CloudFormation
    "AWS::Keyspaces::Table": KeyRow("Keyspaces table", (
        _k("EncryptionSpecification", "KmsKeyIdentifier", kind=("EncryptionSpecification", "EncryptionType"),
           aws=_KEYSPACES_AWS, kind_default="AWS_OWNED_KMS_KEY"),)),
    "AWS::NetworkFirewall::Firewall": KeyRow("Network Firewall", (
        _k("EncryptionConfiguration", "KeyId", kind=("EncryptionConfiguration", "Type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "AWS::NetworkFirewall::FirewallPolicy": KeyRow("Network Firewall policy", (
        _k("EncryptionConfiguration", "KeyId", kind=("EncryptionConfiguration", "Type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "AWS::NetworkFirewall::RuleGroup": KeyRow("Network Firewall rule group", (
        _k("EncryptionConfiguration", "KeyId", kind=("EncryptionConfiguration", "Type"), aws=_NFW_AWS,
           kind_default="AWS_OWNED_KMS_KEY"),)),
    "AWS::MQ::Broker": KeyRow("MQ broker", (
        _k("EncryptionOptions", "KmsKeyId", kind=("EncryptionOptions", "UseAwsOwnedKey"),
           aws=frozenset({"TRUE"}), kind_default="TRUE"),), "messages"),
    "AWS::DMS::Endpoint": KeyRow("DMS endpoint", (_k("KmsKeyId", unless=(("EngineName",), ("S3",))),),
                                 "connection parameters"),
    "AWS::DMS::ReplicationInstance": KeyRow("DMS replication instance", (_k("KmsKeyId"),), "storage"),
    "AWS::CloudTrail::EventDataStore": KeyRow("CloudTrail event data store", (_k("KmsKeyId"),), "events"),
    "AWS::Scheduler::Schedule": KeyRow("EventBridge Scheduler schedule", (_k("KmsKeyArn"),), "target input"),
    "AWS::AppFlow::Flow": KeyRow("AppFlow flow", (_k("KMSArn"),)),
    "AWS::AppFlow::ConnectorProfile": KeyRow("AppFlow connector profile", (_k("KMSArn"),), "credentials"),
    "AWS::Bedrock::Agent": KeyRow("Bedrock agent", (_k("CustomerEncryptionKeyArn"),)),
    "AWS::CodeArtifact::Domain": KeyRow("CodeArtifact domain", (_k("EncryptionKey"),), "packages"),
    "AWS::FSx::FileSystem": KeyRow("FSx file system", (
        _k("KmsKeyId", when=(("FileSystemType",), ("WINDOWS", "ONTAP", "OPENZFS"))),)),
    "AWS::Kendra::Index": KeyRow("Kendra index", (_k("ServerSideEncryptionConfiguration", "KmsKeyId"),),
                                 "indexed documents"),
    "AWS::KinesisVideo::Stream": KeyRow("Kinesis video stream", (_k("KmsKeyId"),)),
    "AWS::MemoryDB::Cluster": KeyRow("MemoryDB cluster", (_k("KmsKeyId"),)),
    "AWS::RedshiftServerless::Namespace": KeyRow("Redshift Serverless namespace", (_k("KmsKeyId"),)),
    "AWS::SageMaker::Domain": KeyRow("SageMaker domain", (_k("KmsKeyId"),), "home directories"),
    "AWS::SageMaker::DataQualityJobDefinition": KeyRow("SageMaker data quality job definition", (
        _k("DataQualityJobOutputConfig", "KmsKeyId", label="monitoring output"),
        _k("JobResources", "ClusterConfig", "VolumeKmsKeyId", label="processing volumes"))),
    "AWS::Glue::SecurityConfiguration": KeyRow("Glue security configuration", (
        _k("EncryptionConfiguration", "S3Encryptions", "KmsKeyArn",
           kind=("EncryptionConfiguration", "S3Encryptions", "S3EncryptionMode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="S3 output"),
        _k("EncryptionConfiguration", "CloudWatchEncryption", "KmsKeyArn",
           kind=("EncryptionConfiguration", "CloudWatchEncryption", "CloudWatchEncryptionMode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="CloudWatch logs"),
        _k("EncryptionConfiguration", "JobBookmarksEncryption", "KmsKeyArn",
           kind=("EncryptionConfiguration", "JobBookmarksEncryption", "JobBookmarksEncryptionMode"),
           aws=_GLUE_AWS, kind_default="DISABLED", label="job bookmarks"))),
    "AWS::Glue::DataCatalogEncryptionSettings": KeyRow("Glue Data Catalog encryption settings", (
        _k("DataCatalogEncryptionSettings", "EncryptionAtRest", "SseAwsKmsKeyId",
           kind=("DataCatalogEncryptionSettings", "EncryptionAtRest", "CatalogEncryptionMode"),
           aws=_GLUE_AWS, kind_default="DISABLED"),), "Data Catalog metadata"),
    "AWS::Glue::Job": KeyRow("Glue job", (_k("SecurityConfiguration"),), _GLUE_JOB),
    "AWS::Glue::Crawler": KeyRow("Glue crawler", (_k("CrawlerSecurityConfiguration"),), "logs"),
    "AWS::Glue::DevEndpoint": KeyRow("Glue development endpoint", (_k("SecurityConfiguration"),), _GLUE_JOB),
    "AWS::Timestream::Database": KeyRow("Timestream database", (_k("KmsKeyId"),)),
    "AWS::CodePipeline::Pipeline": KeyRow("CodePipeline pipeline", (_k("ArtifactStore", "EncryptionKey", "Id"),),
                                          "artifacts"),
    "AWS::RDS::DBInstance": KeyRow("RDS instance", (
        _k("PerformanceInsightsKMSKeyId", when=(("EnablePerformanceInsights",), ("TRUE",)),
           label="Performance Insights data"),)),
    "AWS::RDS::DBCluster": KeyRow("RDS cluster", (
        _k("PerformanceInsightsKmsKeyId", when=(("PerformanceInsightsEnabled",), ("TRUE",)),
           label="Performance Insights data"),)),
}

#: Types whose every EncryptionAtRest fact comes from this table (always
#: encrypted: unset means a key AWS owns or manages, never "unencrypted").
KEY_ONLY_TYPES = frozenset(KEY_CHOICES) - {"aws_db_instance", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}


def _norm(value: Any) -> str | None:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value.upper()
    return None


def choice_of(type_: str, path: AttrPath) -> KeyChoice | None:
    """The table's choice a fact of this type and path comes from."""
    row = KEY_CHOICES.get(type_)
    if row is None or not path:
        return None
    best, best_len = None, 0
    for choice in row.choices:
        for known in (choice.key, choice.kind or (), choice.when[0] if choice.when else ()):
            common = 0
            for a, b in zip(path, known, strict=False):
                if a != b:
                    break
                common += 1
            if common > best_len:
                best, best_len = choice, common
    return best


def key_choice_fact(attrs: Mapping[str, Any], choice: KeyChoice) -> EncryptionAtRest | None:
    if choice.unless is not None:
        value, _ = dig(attrs, *choice.unless[0])
        norm = _norm(value)
        if isinstance(value, Unknown) or (norm is not None and norm.startswith(choice.unless[1])):
            return None
    if choice.when is not None:
        value, wpath = dig(attrs, *choice.when[0])
        norm = _norm(value)
        if norm is None or not norm.startswith(choice.when[1]):
            return None
        anchor: AttrPath = wpath
    else:
        anchor = _parent(choice.key, attrs)
    key, kpath = dig(attrs, *choice.key)
    state: EncryptionState
    if choice.kind is not None:
        kind, tpath = dig(attrs, *choice.kind)
        if isinstance(kind, Unknown):
            return EncryptionAtRest(path=tpath, source=None, state="unknown", key=key)
        if kind is None or kind == "":
            if choice.kind_default is not None and choice.kind_default in choice.aws:
                return EncryptionAtRest(path=anchor, source=None, state="unset", key=key)
            norm = choice.kind_default
        else:
            norm = _norm(kind)
        if norm is not None and norm in choice.aws:
            return EncryptionAtRest(path=tpath, source=None, state="aws_managed_key", key=key, algorithm=kind)
        if norm is not None and kind is not None and kind != "" and not isinstance(kind, bool) and \
                choice.key != choice.kind:
            state = key_state(key) if key is not None and key != "" else "customer_key"
            return EncryptionAtRest(path=tpath, source=None, state=state, key=key, algorithm=kind)
    if isinstance(key, Unknown):
        return EncryptionAtRest(path=kpath, source=None, state="customer_key", key=key)
    if key is None or key == "":
        return EncryptionAtRest(path=anchor, source=None, state="unset")
    return EncryptionAtRest(path=kpath, source=None, state=key_state(key), key=key)


def extract(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    row = KEY_CHOICES.get(resource.type)
    if row is None:
        return
    for choice in row.choices:
        fact = key_choice_fact(resource.attributes, choice)
        if fact is not None:
            yield fact


EXTRACTORS = [
    Extractor("service-key-choice-tf", {"terraform": [t for t in KEY_CHOICES if not t.startswith("AWS::")]},
              [EncryptionAtRest], extract),
    Extractor("service-key-choice-cfn", {"cloudformation": [t for t in KEY_CHOICES if t.startswith("AWS::")]},
              [EncryptionAtRest], extract),
]
