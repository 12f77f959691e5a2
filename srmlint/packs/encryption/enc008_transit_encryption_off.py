"""ENC008: traffic between clients and a data service, or between its nodes,
is not encrypted.

Anti-pattern: ElastiCache without in-transit encryption, OpenSearch without
node-to-node encryption, MSK allowing plaintext client or broker traffic, ECS
EFS volumes mounted without TLS, DAX endpoints without TLS, database
parameter groups that turn off required SSL/TLS (``require_ssl``,
``rds.force_ssl``, ``require_secure_transport``, DocumentDB ``tls``), AppSync
API caches and MemoryDB clusters without TLS, EMR security configurations
without in-transit encryption, SageMaker monitoring jobs without
inter-container traffic encryption.
Fix: turn in-transit encryption on (most of these only at creation).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

WHAT = {
    "node_to_node": "node-to-node encryption",
    "client": "in-transit encryption for client connections",
    "in_cluster": "encryption of traffic between brokers",
    "efs_volume": "in-transit encryption on an EFS volume",
    "require_ssl": "required SSL/TLS connections",
    "inter_container": "encryption of traffic between the job's instances",
    "cluster_nodes": "in-transit encryption between cluster nodes",
    "email_delivery": "required TLS for outgoing email",
}


class TransitEncryptionOff(Rule):
    meta = RuleMeta(
        id="ENC008",
        slug="transit-encryption-off",
        title="Traffic to or within a data service is not encrypted",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("elasticache", "opensearch", "msk", "ecs", "dynamodb", "redshift", "rds", "docdb", "appsync",
                  "memorydb", "sagemaker", "emr", "ses"),
        setting="encryption_in_transit",
        rationale=(
            "Network traffic protection is the customer's side of the shared responsibility model. "
            "Caches, search domains, brokers and databases carry the data itself between clients and "
            "nodes; without TLS anyone who can observe the VPC traffic (a compromised host, a "
            "mirrored port) reads it and any credentials sent with it. Most of these settings can "
            "only be chosen when the resource is created."
        ),
        remediation={
            "terraform": (
                "aws_elasticache_replication_group: transit_encryption_enabled = true; OpenSearch: "
                "node_to_node_encryption { enabled = true }; aws_msk_cluster: encryption_info "
                "{ encryption_in_transit { client_broker = \"TLS\", in_cluster = true } }; "
                "aws_ecs_task_definition: efs_volume_configuration { transit_encryption = \"ENABLED\" }; "
                "aws_dax_cluster: cluster_endpoint_encryption_type = \"TLS\"; parameter groups: "
                "require_ssl = true (Redshift), rds.force_ssl = 1 / require_secure_transport = ON (RDS), "
                "tls = enabled (DocumentDB); aws_ses_configuration_set: delivery_options { tls_policy = "
                "\"Require\" }."
            ),
            "cloudformation": (
                "ElastiCache: TransitEncryptionEnabled: true; OpenSearch: NodeToNodeEncryptionOptions "
                "{Enabled: true}; MSK: EncryptionInfo.EncryptionInTransit {ClientBroker: TLS, InCluster: "
                "true}; ECS: EFSVolumeConfiguration {TransitEncryption: ENABLED}; DAX: "
                "ClusterEndpointEncryptionType: TLS; parameter groups: require_ssl: 'true' (Redshift), "
                "rds.force_ssl: '1' / require_secure_transport: 'ON' (RDS), tls: enabled (DocumentDB); SES "
                "configuration set: DeliveryOptions {TlsPolicy: REQUIRE}."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
        examples={
            "terraform": Example(
                fail=('resource "aws_elasticache_replication_group" "cache" {\n'
                      '  replication_group_id       = "cache"\n  description                = "cache"\n'
                      '  node_type                  = "cache.t3.micro"\n  at_rest_encryption_enabled = true\n'
                      "  transit_encryption_enabled = false\n}\n"),
                pass_=('resource "aws_elasticache_replication_group" "cache" {\n'
                       '  replication_group_id       = "cache"\n  description                = "cache"\n'
                       '  node_type                  = "cache.t3.micro"\n  at_rest_encryption_enabled = true\n'
                       "  transit_encryption_enabled = true\n}\n"),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n"
                      "      ReplicationGroupDescription: cache\n      CacheNodeType: cache.t3.micro\n"
                      "      AtRestEncryptionEnabled: true\n"),
                pass_=("Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n"
                       "      ReplicationGroupDescription: cache\n      CacheNodeType: cache.t3.micro\n"
                       "      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n"),
            ),
        },
        tags=("encryption", "in-transit", "tls"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            what = WHAT.get(fact.aspect)
            if what is None:
                continue
            if fact.aspect == "email_delivery" and fact.state in ("disabled", "unset"):
                yield Hit(f"{subject(resource)} does not require TLS for outgoing email (TLS policy "
                          f"{fact.value or 'unset, Optional'}: SES delivers in plaintext to a server that offers "
                          "no TLS)", path=fact.path)
                continue
            if fact.state == "disabled":
                detail = f" ({fact.value})" if isinstance(fact.value, str) and fact.aspect != "require_ssl" else ""
                yield Hit(f"{subject(resource)} turns off {what}{detail}", path=fact.path)
            elif fact.state == "unset" and not fact.default_secure:
                yield Hit(f"{subject(resource)} does not enable {what}", path=fact.path)
