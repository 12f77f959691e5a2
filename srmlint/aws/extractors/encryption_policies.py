"""Which algorithms and client checks a service's encrypted endpoint accepts:

- Transfer Family servers: the security policy (``security_policy_name`` /
  ``SecurityPolicyName``) names the SSH and TLS algorithms the server accepts;
  ``EncryptionInTransit`` aspect ``algorithm_policy``, ``weak`` for a policy
  that still allows SHA-1 based algorithms (:data:`SHA1_TRANSFER_POLICIES`).
  Unset is ``TransferSecurityPolicy-2018-11`` in both formats (the AWS
  provider's schema default; CloudFormation's default per the Transfer Family
  User Guide), so it is judged as that policy.
- ElastiCache Redis OSS/Valkey replication groups: whether clients must
  authenticate (``ClientAuthentication``: an AUTH token or RBAC user groups,
  both of which require in-transit encryption).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import ClientAuthentication, EncryptionInTransit, TransitState
from srmlint.aws.values import is_set, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------------ Transfer Family

#: Transfer Family server security policies that still accept SHA-1 based SSH
#: algorithms, with what they accept. Source: AWS Transfer Family User Guide,
#: "Security policies for AWS Transfer Family servers" (consulted 2025): the
#: ssh-rsa host-key signature algorithm (RSA with SHA-1) is allowed only by
#: the policies listed here; the SHA-1 key exchange diffie-hellman-group14-sha1
#: only by TransferSecurityPolicy-2018-11. Newer policies (2022-03, 2023-05,
#: 2024-01, 2025-03, FIPS-2024-05, FIPS-2025-03, ...) accept neither. Names
#: not in this table (including future or misspelt ones) are not judged.
SHA1_TRANSFER_POLICIES: dict[str, str] = {
    "transfersecuritypolicy-2018-11": "SHA-1 key exchange (diffie-hellman-group14-sha1) and ssh-rsa (SHA-1) "
                                      "host-key signatures",
    "transfersecuritypolicy-2020-06": "ssh-rsa (SHA-1) host-key signatures",
    "transfersecuritypolicy-fips-2020-06": "ssh-rsa (SHA-1) host-key signatures",
    "transfersecuritypolicy-fips-2023-05": "ssh-rsa (SHA-1) host-key signatures",
    "transfersecuritypolicy-fips-2024-01": "ssh-rsa (SHA-1) host-key signatures",
    "transfersecuritypolicy-pq-ssh-fips-experimental-2023-04": "ssh-rsa (SHA-1) host-key signatures",
}

#: The policy a server gets when the template names none (both formats).
TRANSFER_DEFAULT_POLICY = "TransferSecurityPolicy-2018-11"


def sha1_algorithms(policy: str) -> str | None:
    """What SHA-1 based algorithms a Transfer Family policy accepts (None: none known)."""
    return SHA1_TRANSFER_POLICIES.get(policy.strip().lower())


def _transfer_policy(a: Mapping[str, Any], key: str) -> Iterator[EncryptionInTransit]:
    value = a.get(key)
    path: AttrPath = (key,)
    if isinstance(value, Unknown):
        yield EncryptionInTransit(path=path, source=None, aspect="algorithm_policy", state="unknown", value=value)
        return
    if not isinstance(value, str) or not value.strip():
        yield EncryptionInTransit(path=(), source=None, aspect="algorithm_policy", state="weak",
                                  value=f"{TRANSFER_DEFAULT_POLICY} (default)")
        return
    state: TransitState = "weak" if sha1_algorithms(value) else "enabled"
    yield EncryptionInTransit(path=path, source=None, aspect="algorithm_policy", state=state, value=value)


def transfer_policy_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _transfer_policy(resource.attributes, "security_policy_name")


def transfer_policy_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _transfer_policy(resource.attributes, "SecurityPolicyName")


# ------------------------------------------------------------------ ElastiCache authentication

_AUTH_ENGINES = ("redis", "valkey")


def _cache_auth(a: Mapping[str, Any], engine_key: str, token_key: str, groups_key: str,
                global_key: str) -> Iterator[ClientAuthentication]:
    engine = a.get(engine_key)
    if isinstance(engine, Unknown) or (engine is not None and str(engine).strip().lower() not in _AUTH_ENGINES):
        return  # not statically a Redis OSS/Valkey group
    if is_set(a.get(global_key)):
        return  # a secondary of a global datastore takes its primary's settings
    name = str(engine).strip().lower() if engine is not None else "redis"
    token = a.get(token_key)
    groups = a.get(groups_key)
    if isinstance(token, Unknown) or isinstance(groups, Unknown) or any(
            isinstance(group, Unknown) for group in items(groups)):
        yield ClientAuthentication(path=(token_key,), source=None, mechanism="unknown", engine=name)
    elif is_set(token):
        yield ClientAuthentication(path=(token_key,), source=None, mechanism="token", engine=name)
    elif any(is_set(group) for group in items(groups)):
        yield ClientAuthentication(path=(groups_key,), source=None, mechanism="user_group", engine=name)
    else:
        yield ClientAuthentication(path=(), source=None, mechanism="none", engine=name)


def cache_auth_tf(resource: Resource, graph: ResourceGraph) -> Iterator[ClientAuthentication]:
    yield from _cache_auth(resource.attributes, "engine", "auth_token", "user_group_ids",
                           "global_replication_group_id")


def cache_auth_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[ClientAuthentication]:
    yield from _cache_auth(resource.attributes, "Engine", "AuthToken", "UserGroupIds", "GlobalReplicationGroupId")


EXTRACTORS = [
    Extractor("transfer-security-policy-tf", {"terraform": ["aws_transfer_server"]}, [EncryptionInTransit],
              transfer_policy_tf),
    Extractor("transfer-security-policy-cfn", {"cloudformation": ["AWS::Transfer::Server"]}, [EncryptionInTransit],
              transfer_policy_cfn),
    Extractor("elasticache-auth-tf", {"terraform": ["aws_elasticache_replication_group"]}, [ClientAuthentication],
              cache_auth_tf),
    Extractor("elasticache-auth-cfn", {"cloudformation": ["AWS::ElastiCache::ReplicationGroup"]},
              [ClientAuthentication], cache_auth_cfn),
]
