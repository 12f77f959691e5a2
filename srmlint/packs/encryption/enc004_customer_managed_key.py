"""ENC004: data encrypted at rest only with a key AWS owns or manages.

Anti-pattern: a data store, secret, log or trail encrypted with the service's
default key (AWS-owned, or ``aws/<service>``) instead of a customer-managed
KMS key. The data is encrypted either way (info severity: the customer's side
of the encryption responsibility is met, so the rule reports without failing
a run at the default threshold; teams that require CMKs raise it with
``--severity-threshold info`` or select it); a customer-managed
key adds a key policy that limits who may decrypt, CloudTrail records of every
use, rotation under the customer's control, and the ability to revoke access
by disabling the key. S3 objects without a key of their own are judged by their bucket's
default encryption when the bucket is in the scan. Session Manager preferences and ECS Exec sessions
(TLS only unless a KMS key is named) are judged the same way. Single-service key choices (Keyspaces, FSx, MemoryDB,
Timestream, AppFlow, Bedrock, DMS, MQ, Glue, Performance Insights...) come
from the table in srmlint/aws/extractors/encryption_keys.py. Services with no encryption at all are ENC001-ENC003.
Fix: point the resource at a customer-managed ``aws_kms_key``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint.aws.extractors.encryption_objects import OBJECT_TYPES
from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import (
    EBS_DEFAULT_TYPES,
    ENCRYPTED_WHEN_UNSET,
    KEY_CHOICES,
    NO_CUSTOMER_KEY,
    contents,
    key_choice_only,
    part,
    subject,
)
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

SERVICES = (
    "s3", "dynamodb", "sqs", "sns", "secretsmanager", "lambda", "cloudwatch", "cloudtrail", "ecr", "eks",
    "kinesis", "sagemaker", "backup", "msk", "codebuild", "athena", "rds", "docdb", "neptune", "redshift",
    "efs", "elasticache", "opensearch", "ebs", "ec2", "emr",
)


#: Resources whose facts are about interactive sessions (Session Manager, ECS
#: Exec): TLS always protects them; a KMS key adds a second, customer-held layer.
SESSION_TYPES = frozenset({"aws_ssm_document", "AWS::SSM::Document", "aws_ecs_cluster", "AWS::ECS::Cluster"})

_LOG_DELIVERY = ("logging.s3.amazonaws.com", "acs.amazonaws.com/groups/s3/LogDelivery", "log-delivery-write",
                 "LogDeliveryWrite")


def _mentions_log_delivery(value: Any) -> bool:
    text = repr(value)
    return any(marker in text for marker in _LOG_DELIVERY)


def _log_delivery_target(bucket: Resource, graph: ResourceGraph) -> bool:
    """A bucket that receives S3 server access logs: the log delivery service
    cannot write to a bucket whose default encryption is SSE-KMS."""
    if _mentions_log_delivery(bucket.attributes.get("acl")) or _mentions_log_delivery(
            bucket.attributes.get("AccessControl")):
        return True
    for other in graph.referrers(bucket):
        if other.type in ("aws_s3_bucket_logging", "aws_s3_bucket", "AWS::S3::Bucket") and any(
                ref.path and ref.path[0] in ("target_bucket", "logging", "LoggingConfiguration")
                for ref in graph.references_from(other) if ref.target == bucket.address):
            return True
        if other.type in ("aws_s3_bucket_acl", "aws_s3_bucket_policy", "AWS::S3::BucketPolicy") and \
                _mentions_log_delivery(other.attributes):
            return True
    return False


class CustomerManagedKey(Rule):
    meta = RuleMeta(
        id="ENC004",
        slug="customer-managed-key-unused",
        title="Data is encrypted only with an AWS-owned or AWS-managed key",
        severity=Severity.INFO,
        layer="encryption",
        facts=(EncryptionAtRest,),
        # Limited to SERVICES in check(): with no catalog setting (the data is
        # encrypted either way, so the matrix's "encryption at rest" stays the
        # business of ENC001-ENC003) the catalog has no default to look up.
        aws_default=(
            "Data is encrypted with a key AWS owns (no key policy, no CloudTrail record) or with the "
            "account's AWS-managed aws/<service> key, unless a customer-managed KMS key is chosen."
        ),
        rationale=(
            "The data is encrypted, but with a key the customer does not control: an AWS-owned key "
            "(no key policy, no CloudTrail record of its use) or the account's AWS-managed "
            "aws/<service> key (its key policy cannot be changed, it cannot be disabled or shared "
            "across accounts). A customer-managed KMS key lets a key policy decide who may decrypt, "
            "independently of the data store's own permissions, logs every use, and can be disabled "
            "to cut off access. Defence in depth, and the encryption itself is on: info severity, "
            "so it informs without failing a run at the default threshold."
        ),
        remediation={
            "terraform": (
                "Create an aws_kms_key (enable_key_rotation = true) and reference it: kms_key_id / "
                "kms_key_arn / kms_master_key_id = aws_kms_key.<key>.arn (S3: "
                "apply_server_side_encryption_by_default { sse_algorithm = \"aws:kms\", kms_master_key_id = "
                "... }; DynamoDB: server_side_encryption { enabled = true, kms_key_arn = ... }; ECR: "
                "encryption_configuration { encryption_type = \"KMS\", kms_key = ... }; EKS: encryption_config "
                "{ resources = [\"secrets\"], provider { key_arn = ... } }; Glue jobs, crawlers and development "
                "endpoints: security_configuration = aws_glue_security_configuration.<name>.name, with SSE-KMS/CSE-KMS "
                "modes; Session Manager preferences document (Standard_Stream): inputs.kmsKeyId; aws_ecs_cluster: "
                "configuration { execute_command_configuration { kms_key_id = ... } })."
            ),
            "cloudformation": (
                "Create an AWS::KMS::Key (EnableKeyRotation: true) and reference it: KmsKeyId / "
                "KMSMasterKeyID / KmsMasterKeyId: !GetAtt Key.Arn (S3: BucketEncryption "
                "ServerSideEncryptionByDefault {SSEAlgorithm: aws:kms, KMSMasterKeyID}; DynamoDB: "
                "SSESpecification {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId}; ECR: "
                "EncryptionConfiguration {EncryptionType: KMS, KmsKey}; EKS: EncryptionConfig "
                "[{Resources: [secrets], Provider: {KeyArn}}]; Glue jobs and development endpoints: "
                "SecurityConfiguration, crawlers: CrawlerSecurityConfiguration, naming an "
                "AWS::Glue::SecurityConfiguration with SSE-KMS/CSE-KMS modes; Session Manager preferences "
                "document: inputs kmsKeyId; ECS cluster: Configuration.ExecuteCommandConfiguration.KmsKeyId)."
            ),
        },
        url="https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
        examples={
            "terraform": Example(
                fail=('resource "aws_secretsmanager_secret" "db" {\n  name = "db-password"\n}\n'),
                pass_=('resource "aws_kms_key" "secrets" {\n  enable_key_rotation = true\n}\n\n'
                       'resource "aws_secretsmanager_secret" "db" {\n  name       = "db-password"\n'
                       "  kms_key_id = aws_kms_key.secrets.arn\n}\n"),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n"
                      "      Name: db-password\n"),
                pass_=("Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n"
                       "  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: db-password\n"
                       "      KmsKeyId: !Ref Key\n"),
            ),
        },
        tags=("encryption", "kms", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type in NO_CUSTOMER_KEY or resource.type in EBS_DEFAULT_TYPES:
            return
        if resource.type in SESSION_TYPES:
            for fact in facts.of(EncryptionAtRest):
                if fact.state == "aws_managed_key":
                    yield Hit(f"{subject(resource)} encrypts its {contents(resource)} with TLS only, not also "
                              "with a customer-managed KMS key", path=fact.path)
            return
        if responsibility.service_id not in SERVICES and resource.type not in KEY_CHOICES:
            return
        if responsibility.service_id == "s3" and _log_delivery_target(resource, graph):
            return
        default_encrypted = resource.type in ENCRYPTED_WHEN_UNSET
        for fact in facts.of(EncryptionAtRest):
            what = part(fact.path, resource.type)
            target = f"its {what or contents(resource)}"
            if fact.state == "aws_managed_key" and resource.type in OBJECT_TYPES and fact.path == ("bucket",):
                yield Hit(f"{subject(resource)} names no KMS key, so it takes its bucket's default encryption, "
                          "SSE-S3 (a key AWS owns), not a customer-managed KMS key", path=fact.path)
            elif fact.state == "aws_managed_key":
                yield Hit(f"{subject(resource)} encrypts {target} with an AWS-managed key, not a "
                          "customer-managed KMS key", path=fact.path)
            elif fact.state == "unset" and (default_encrypted or key_choice_only(resource.type, fact.path)) \
                    and responsibility.service_id != "s3":
                # (an S3 bucket with no encryption configuration at all is ENC001's)
                yield Hit(f"{subject(resource)} sets no customer-managed KMS key (AWS encrypts {target} "
                          "with a key it owns or manages)", path=fact.path)
