"""ENC016: an ElastiCache Redis OSS/Valkey replication group that serves
clients without authentication.

Anti-pattern: a replication group with neither ``auth_token`` (``AuthToken``)
nor ``user_group_ids`` (``UserGroupIds``): every client that reaches the port
connects as the default user and may read and write every key. ElastiCache
only accepts an AUTH token or RBAC user groups together with in-transit
encryption, so this rule completes ENC008 (which flags the missing TLS).
An unknown token or group (a variable) and secondaries of a global datastore
(which take the primary's settings) are not judged.
Fix: in-transit encryption plus an AUTH token from a secret, or RBAC user
groups.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import ClientAuthentication
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = ('resource "aws_elasticache_replication_group" "cache" {{\n  replication_group_id       = "cache"\n'
       '  description                = "cache"\n  node_type                  = "cache.t3.micro"\n'
       '  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n{auth}}}\n')
_CFN = ("Resources:\n  Cache:\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n"
        "      ReplicationGroupDescription: cache\n      CacheNodeType: cache.t3.micro\n      Engine: redis\n"
        "      AtRestEncryptionEnabled: true\n      TransitEncryptionEnabled: true\n{auth}")


class CacheWithoutAuth(Rule):
    meta = RuleMeta(
        id="ENC016",
        slug="cache-without-authentication",
        title="ElastiCache replication group serves clients without authentication",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(ClientAuthentication,),
        services=("elasticache",),
        setting="encryption_in_transit",
        rationale=(
            "In-transit encryption protects a Redis OSS/Valkey session from the network, but without "
            "an AUTH token or RBAC user groups the server accepts every client that reaches its port "
            "as the default user, with full read and write access to all keys. ElastiCache accepts an "
            "AUTH token or user groups only together with in-transit encryption; both are the "
            "customer's configuration. Security groups still limit who reaches the port, hence medium."
        ),
        remediation={
            "terraform": "transit_encryption_enabled = true with auth_token = <a value from a secret, e.g. "
                         "aws_secretsmanager_secret_version> (auth_token_update_strategy = \"ROTATE\" to change it), "
                         "or user_group_ids = [aws_elasticache_user_group.<name>.user_group_id] (Redis OSS 6+, "
                         "Valkey).",
            "cloudformation": "TransitEncryptionEnabled: true with AuthToken: '{{resolve:secretsmanager:...}}', or "
                              "UserGroupIds: [!Ref UserGroup] (Redis OSS 6+, Valkey).",
        },
        url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
        examples={
            "terraform": Example(
                fail=_TF.format(auth=""),
                pass_=_TF.format(auth='  user_group_ids             = ["app-users"]\n'),
            ),
            "cloudformation": Example(
                fail=_CFN.format(auth=""),
                pass_=_CFN.format(auth="      UserGroupIds: [app-users]\n"),
            ),
        },
        tags=("encryption", "in-transit", "authentication"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(ClientAuthentication):
            if fact.mechanism == "none":
                engine = "Valkey" if fact.engine == "valkey" else "Redis OSS"
                yield Hit(f"{subject(resource)} accepts {engine} clients without authentication (no AUTH "
                          "token or RBAC user group)", path=fact.path)
