"""ENC003: a data store (database, file system, cache, stream, queue, volume)
whose data is stored unencrypted.

Anti-pattern: encryption at rest turned off, or left unset on a service whose
AWS default is to store data unencrypted (RDS, Aurora, DocumentDB, Neptune,
EFS, ElastiCache, OpenSearch, Kinesis, SNS, DAX, WorkSpaces, EC2 volumes, AMI
and Image Builder block devices, AppSync API caches, API Gateway response
caches, EMR security configurations...).
Services that encrypt by default (DynamoDB, SQS, S3...) are flagged only when
the template turns encryption off. S3 buckets and EBS volumes: ENC001, ENC002.
Fix: turn encryption at rest on, preferably with a customer-managed KMS key.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionAtRest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import COPY_TYPES, ENCRYPTED_WHEN_UNSET, key_choice_only, part, subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

SERVICES = (
    "ec2", "rds", "docdb", "neptune", "redshift", "efs", "elasticache", "opensearch", "kinesis", "dynamodb",
    "workspaces", "sqs", "sns", "codebuild", "athena", "appsync", "emr", "apigateway",
)


class DataStoreUnencrypted(Rule):
    meta = RuleMeta(
        id="ENC003",
        slug="data-store-unencrypted",
        title="Data store is not encrypted at rest",
        severity=Severity.HIGH,
        layer="encryption",
        facts=(EncryptionAtRest,),
        services=SERVICES,
        setting="encryption_at_rest",
        rationale=(
            "Encryption at rest is the customer's side of the shared responsibility model on every "
            "service. Many data stores are created unencrypted through the API unless the template "
            "asks for encryption, and for most of them (RDS, Aurora, DocumentDB, Neptune, EFS, "
            "ElastiCache, OpenSearch, EC2 volumes) it can only be chosen at creation: fixing it later "
            "means copying the data into a new resource. Their snapshots and backups inherit it."
        ),
        remediation={
            "terraform": (
                "Turn encryption at rest on, with kms_key_id/kms_key_arn = aws_kms_key.<key>.arn where the "
                "resource takes one: storage_encrypted = true (aws_db_instance, aws_rds_cluster, "
                "aws_docdb_cluster, aws_neptune_cluster), encrypted = true (aws_efs_file_system, "
                "aws_redshift_cluster, root_block_device/ebs_block_device/launch template ebs blocks), "
                "at_rest_encryption_enabled = true (aws_elasticache_replication_group), "
                "encrypt_at_rest { enabled = true } (OpenSearch/Elasticsearch), encryption_type = \"KMS\" "
                "(aws_kinesis_stream), kms_master_key_id (aws_sns_topic), server_side_encryption "
                "{ enabled = true } (aws_dax_cluster, Firehose), root/user_volume_encryption_enabled = true "
                "(WorkSpaces), settings { cache_data_encrypted = true } where caching_enabled = true "
                "(aws_api_gateway_method_settings); remove sqs_managed_sse_enabled = false or "
                "encryption_disabled = true."
            ),
            "cloudformation": (
                "Turn encryption at rest on, with KmsKeyId where the resource takes one: StorageEncrypted: "
                "true (AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::DocDB::DBCluster, "
                "AWS::Neptune::DBCluster), Encrypted: true (AWS::EFS::FileSystem, AWS::Redshift::Cluster, "
                "BlockDeviceMappings Ebs), AtRestEncryptionEnabled: true (ElastiCache), "
                "EncryptionAtRestOptions.Enabled: true (OpenSearch/Elasticsearch), StreamEncryption "
                "{EncryptionType: KMS} (Kinesis), KmsMasterKeyId (SNS), SSESpecification.SSEEnabled: true "
                "(DAX), DeliveryStreamEncryptionConfigurationInput (Firehose), Root/UserVolumeEncryptionEnabled"
                " (WorkSpaces), MethodSettings CacheDataEncrypted: true where CachingEnabled: true "
                "(AWS::ApiGateway::Stage, AWS::Serverless::Api); remove SqsManagedSseEnabled: false or "
                "EncryptionDisabled: true."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
        examples={
            "terraform": Example(
                fail=('resource "aws_db_instance" "db" {\n  engine            = "postgres"\n'
                      '  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n'),
                pass_=('resource "aws_db_instance" "db" {\n  engine            = "postgres"\n'
                       '  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n'
                       "  storage_encrypted = true\n}\n"),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                      "      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: '20'\n"
                      "      StorageEncrypted: false\n"),
                pass_=("Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                       "      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: '20'\n"
                       "      StorageEncrypted: true\n"),
            ),
        },
        tags=("encryption", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type in COPY_TYPES:
            return  # ENC009
        default_encrypted = resource.type in ENCRYPTED_WHEN_UNSET
        for fact in facts.of(EncryptionAtRest):
            if key_choice_only(resource.type, fact.path):
                continue  # always encrypted; the key is ENC004's
            what = part(fact.path)
            if what is None and responsibility.service_id == "ec2":
                what = "root volume"
            where = f"encryption on its {what}" if what else "encryption at rest"
            if fact.state == "disabled":
                yield Hit(f"{subject(resource)} has {where} turned off", path=fact.path)
            elif fact.state == "unset" and not default_encrypted:
                yield Hit(f"{subject(resource)} does not enable {where}", path=fact.path)
