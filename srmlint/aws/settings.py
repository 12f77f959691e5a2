"""How the responsibility matrix reads AWS facts: configured, unset or insecure, unknown.

A rule says only when something is wrong; the matrix must also say when a
customer-owned setting is configured and when srmlint cannot tell. That
judgement depends on what each fact means, so it lives here with the facts
rather than in the generic matrix code. A judge returns ``None`` for a fact
no rule of that setting looks at (a Deny statement, a trust policy): the
matrix then shows nothing for it rather than inventing a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeAlias

from srmlint.aws.facts import (
    AutomaticUpdates,
    BackupRetention,
    DeletionProtection,
    EgressRule,
    EncryptionAtRest,
    EncryptionInTransit,
    FunctionRuntime,
    IngressRule,
    InstanceMetadataOptions,
    KeyRotation,
    LoggingSetting,
    NetworkAclRule,
    PointInTimeRecovery,
    PolicyAttachment,
    PolicyStatement,
    PublicAccessBlock,
    PublicExposure,
    Versioning,
)
from srmlint.facts import Fact
from srmlint.model import Unknown

Status: TypeAlias = Literal["configured", "unset_or_insecure", "unknown"]
Judge: TypeAlias = Callable[[Any], "Status | None"]


def _has_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, tuple | list):
        return any(_has_unknown(v) for v in value)
    return False


def encryption(fact: EncryptionAtRest) -> Status:
    if fact.state in ("customer_key", "aws_managed_key"):
        return "configured"
    if fact.state == "unknown":
        return "unknown"
    return "unset_or_insecure"


def ingress(fact: IngressRule) -> Status:
    stated = [fact.protocol, fact.from_port, fact.to_port]
    if fact.source_kind == "cidr":
        stated.append(fact.cidr)
    return "unknown" if _has_unknown(stated) else "configured"


def policy(fact: PolicyStatement) -> Status | None:
    # IAM rules judge what an identity may do and who may assume a role;
    # resource policies and Deny statements are not theirs to pass.
    if fact.kind == "trust":
        principals = fact.principals
        named = list(principals.values()) if isinstance(principals, dict) else principals
        if isinstance(fact.effect, Unknown) or _has_unknown(named):
            return "unknown"
        return "configured" if fact.effect == "Allow" else None
    if fact.kind != "identity":
        return None
    if isinstance(fact.effect, Unknown):
        return "unknown"
    if fact.effect != "Allow":
        return None
    if _has_unknown(fact.actions) or _has_unknown(fact.not_actions):
        return "unknown"
    actions = fact.actions if isinstance(fact.actions, tuple) else ()
    wildcard = fact.not_actions is not None or any(isinstance(a, str) and "*" in a for a in actions)
    if wildcard and _has_unknown(fact.resources):
        return "unknown"
    return "configured"


def attachment(fact: PolicyAttachment) -> Status:
    # IAM006/IAM007 make it ✗; a policy that is not static may be anything.
    return "unknown" if isinstance(fact.policy, Unknown) else "configured"


# Compute (CMP) and backup (BKP) settings: a rule's finding makes them ✗ where
# the rule is stricter than the fact alone (a deprecated runtime, 1-day retention).

def imds(fact: InstanceMetadataOptions) -> Status:
    if fact.state in ("required", "disabled"):
        return "configured"
    return "unknown" if fact.state == "unknown" else "unset_or_insecure"


def runtime(fact: FunctionRuntime) -> Status:
    return "unknown" if isinstance(fact.runtime, Unknown) else "configured"


def _flag(enabled: Any, default: bool) -> Status:
    if isinstance(enabled, Unknown):
        return "unknown"
    return "configured" if (default if enabled is None else enabled) else "unset_or_insecure"


def updates(fact: AutomaticUpdates) -> Status:
    return _flag(fact.enabled, fact.default)


def versioning(fact: Versioning) -> Status:
    if fact.state == "enabled":
        return "configured"
    return "unknown" if fact.state == "unknown" else "unset_or_insecure"


def retention(fact: BackupRetention) -> Status:
    if isinstance(fact.days, Unknown):
        return "unknown"
    days = fact.default_days if fact.days is None else fact.days
    return "configured" if days > 0 else "unset_or_insecure"


def point_in_time(fact: PointInTimeRecovery) -> Status:
    return _flag(fact.enabled, False)


def deletion_protection(fact: DeletionProtection) -> Status:
    return _flag(fact.enabled, False)


def logging(fact: LoggingSetting) -> Status | None:
    # A bucket that receives access logs is not expected to log itself (LOG005).
    if fact.kind == "s3_access_logs" and "log_target" in fact.detail and fact.state != "enabled":
        return None
    if fact.state == "enabled":
        return "configured"
    return "unknown" if fact.state == "unknown" else "unset_or_insecure"


def network_acl(fact: NetworkAclRule) -> Status:
    stated = [fact.egress, fact.action, fact.cidr, fact.protocol, fact.from_port, fact.to_port]
    return "unknown" if _has_unknown(stated) else "configured"


def public_access_block(fact: PublicAccessBlock) -> Status | None:
    # An undeclared block leaves the AWS default (on, for new buckets): no rule reports it.
    if not fact.present:
        return None
    flags = [fact.block_public_acls, fact.block_public_policy, fact.ignore_public_acls,
             fact.restrict_public_buckets]
    if any(f is False for f in flags):
        return "unset_or_insecure"
    return "unknown" if _has_unknown(flags) else "configured"


def public_exposure(fact: PublicExposure) -> Status | None:
    if fact.state == "unset":
        return None  # the catalog's aws_defaults says what AWS does
    return {"public": "unset_or_insecure", "private": "configured"}.get(fact.state, "unknown")  # type: ignore[return-value]


def in_transit(fact: EncryptionInTransit) -> Status:
    if fact.state == "unknown":
        return "unknown"
    if fact.state == "enabled" or (fact.state == "unset" and fact.default_secure):
        return "configured"
    return "unset_or_insecure"


def key_rotation(fact: KeyRotation) -> Status | None:
    if fact.rotatable is not True:
        return None if fact.rotatable is False else "unknown"
    if isinstance(fact.enabled, Unknown):
        return "unknown"
    return "configured" if fact.enabled is True else "unset_or_insecure"


JUDGES: Mapping[type[Fact], Judge] = {
    EncryptionAtRest: encryption,
    IngressRule: ingress,
    PolicyStatement: policy,
    PolicyAttachment: attachment,
    InstanceMetadataOptions: imds,
    FunctionRuntime: runtime,
    AutomaticUpdates: updates,
    Versioning: versioning,
    BackupRetention: retention,
    PointInTimeRecovery: point_in_time,
    DeletionProtection: deletion_protection,
    LoggingSetting: logging,
    EgressRule: ingress,
    NetworkAclRule: network_acl,
    PublicAccessBlock: public_access_block,
    PublicExposure: public_exposure,
    EncryptionInTransit: in_transit,
    KeyRotation: key_rotation,
}
