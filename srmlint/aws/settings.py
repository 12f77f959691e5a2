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
    AccessPointConfinement,
    AutomaticUpdates,
    Backtrack,
    BackupRetention,
    ClientAuthentication,
    ClientOverride,
    CodeSigning,
    DeletionProtection,
    DomainTransferLock,
    EgressRule,
    EncryptionAtRest,
    EncryptionInTransit,
    FunctionRuntime,
    HostNamespaces,
    HttpRequestHandling,
    ImageRepository,
    IngressRule,
    InstanceMetadataOptions,
    KeyRotation,
    LedgerPermissionsMode,
    LegacyNetworking,
    LoggingSetting,
    MonitoringSetting,
    NetworkAclRule,
    NetworkSwitch,
    NodeGroupRemoteAccess,
    PlatformVersion,
    PointInTimeRecovery,
    PolicyAttachment,
    PolicyStatement,
    PublicAccessBlock,
    PublicExposure,
    RootAccess,
    SecretRotation,
    TaskRoles,
    Versioning,
    VpcPlacement,
    WebAclLog4jProtection,
    WebAclRuleAction,
    WebAclRules,
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


def backtrack(fact: Backtrack) -> Status:
    if isinstance(fact.window, Unknown):
        return "unknown"
    return "configured" if fact.window else "unset_or_insecure"


def logging(fact: LoggingSetting) -> Status | None:
    # A bucket that receives access logs is not expected to log itself (LOG005).
    if fact.kind == "s3_access_logs" and "log_target" in fact.detail and fact.state != "enabled":
        return None
    # Data events may be recorded by a trail outside the scan, and server access logs stand in
    # for them: only LOG028/LOG029's findings speak for them.
    if fact.kind in ("s3_data_events_read", "s3_data_events_write"):
        return None
    # Data trace on is the insecure state (full request and response bodies in the logs: LOG033).
    if fact.kind == "apigw_data_trace" and fact.state in ("enabled", "disabled"):
        return "unset_or_insecure" if fact.state == "enabled" else "configured"
    if fact.state == "enabled":
        return "configured"
    return "unknown" if fact.state == "unknown" else "unset_or_insecure"


def monitoring(fact: MonitoringSetting) -> Status:
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


def client_authentication(fact: ClientAuthentication) -> Status:
    if fact.mechanism == "unknown":
        return "unknown"
    return "unset_or_insecure" if fact.mechanism == "none" else "configured"


def key_rotation(fact: KeyRotation) -> Status | None:
    if fact.rotatable is not True:
        return None if fact.rotatable is False else "unknown"
    if isinstance(fact.enabled, Unknown):
        return "unknown"
    return "configured" if fact.enabled is True else "unset_or_insecure"


def http_request_handling(fact: HttpRequestHandling) -> Status:
    values = [fact.desync_mode] + ([fact.drop_invalid_headers] if fact.has_header_setting else [])
    if fact.desync_mode == "monitor" or (fact.has_header_setting and fact.drop_invalid_headers in (None, False)):
        return "unset_or_insecure"
    return "unknown" if _has_unknown(values) else "configured"


def node_group_remote_access(fact: NodeGroupRemoteAccess) -> Status | None:
    if fact.ssh_key is None or fact.ssh_key == "":
        return None  # no SSH access set up
    if isinstance(fact.ssh_key, Unknown) or isinstance(fact.source_groups, Unknown):
        return "unknown"
    return "configured" if fact.source_groups else "unset_or_insecure"


def image_repository(fact: ImageRepository) -> Status:
    if fact.registry_scanning:
        scan: Status = "configured"
    else:
        scan = _flag(fact.scan_on_push, False)
    tags: Status = "unknown" if isinstance(fact.tag_mutability, Unknown) else (
        "unset_or_insecure" if fact.tag_mutability in (None, "MUTABLE") else "configured")
    if "unset_or_insecure" in (scan, tags):
        return "unset_or_insecure"
    return "unknown" if "unknown" in (scan, tags) else "configured"


def host_namespaces(fact: HostNamespaces) -> Status:
    values = [fact.network_mode, fact.pid_mode, fact.ipc_mode]
    if "host" in values:
        return "unset_or_insecure"
    return "unknown" if _has_unknown(values) else "configured"


def web_acl_rules(fact: WebAclRules) -> Status:
    if isinstance(fact.rules, Unknown) or isinstance(fact.default_allow, Unknown):
        return "unknown"
    return "unset_or_insecure" if fact.rules == 0 and fact.default_allow is True else "configured"


def root_access(fact: RootAccess) -> Status:
    return _flag(None if fact.enabled is None else (
        fact.enabled if isinstance(fact.enabled, Unknown) else not fact.enabled), False)


def code_signing(fact: CodeSigning) -> Status:
    return "unset_or_insecure" if fact.config is None else "configured"


def platform_version(fact: PlatformVersion) -> Status:
    # CMP014's finding marks a version past its support dates.
    return "unknown" if isinstance(fact.version, Unknown) else "configured"



def vpc_placement(fact: VpcPlacement) -> Status:
    if isinstance(fact.in_vpc, Unknown):
        return "unknown"
    return "configured" if fact.in_vpc else "unset_or_insecure"


def network_switch(fact: NetworkSwitch) -> Status:
    if isinstance(fact.enabled, Unknown):
        return "unknown"
    value = fact.default if fact.enabled is None else fact.enabled
    return "configured" if value is fact.secure_when else "unset_or_insecure"


def web_acl_rule_action(fact: WebAclRuleAction) -> Status:
    return "configured" if fact.has_action else "unset_or_insecure"


def web_acl_log4j(fact: WebAclLog4jProtection) -> Status:
    if fact.state == "unknown":
        return "unknown"
    return "configured" if fact.state == "blocking" else "unset_or_insecure"


def legacy_networking(fact: LegacyNetworking) -> Status:
    return "unset_or_insecure"


def client_override(fact: ClientOverride) -> Status:
    if isinstance(fact.enforced, Unknown):
        return "unknown"
    enforced = fact.default if fact.enforced is None else fact.enforced
    return "configured" if enforced else "unset_or_insecure"


def ledger_permissions(fact: LedgerPermissionsMode) -> Status | None:
    if isinstance(fact.mode, Unknown):
        return "unknown"
    if fact.mode is None:
        return None
    return "unset_or_insecure" if fact.mode == "ALLOW_ALL" else "configured"


def secret_rotation(fact: SecretRotation) -> Status | None:
    days = fact.interval_days
    if isinstance(days, Unknown):
        return "unknown"
    if days is None:
        return "configured" if fact.schedule is not None else None
    return "unset_or_insecure" if days > 90 else "configured"


def access_point(fact: AccessPointConfinement) -> Status:
    root = fact.root_path
    if fact.posix_user is False or root is None or (isinstance(root, str) and root.rstrip("/") == ""):
        return "unset_or_insecure"
    return "unknown" if _has_unknown((root, fact.posix_user)) else "configured"


def task_roles(fact: TaskRoles) -> Status | None:
    execution, task = fact.execution_role, fact.task_role
    if execution is None or task is None:
        return None
    if isinstance(execution, Unknown) and isinstance(task, Unknown):
        return "unset_or_insecure" if execution.expr is not None and execution.expr == task.expr else "configured"
    if isinstance(execution, str) and isinstance(task, str):
        return "unset_or_insecure" if execution.strip() == task.strip() else "configured"
    return "unknown"


def transfer_lock(fact: DomainTransferLock) -> Status:
    if isinstance(fact.enabled, Unknown):
        return "unknown"
    return "unset_or_insecure" if fact.enabled is False else "configured"


JUDGES: Mapping[type[Fact], Judge] = {
    ClientOverride: client_override,
    ClientAuthentication: client_authentication,
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
    Backtrack: backtrack,
    LoggingSetting: logging,
    MonitoringSetting: monitoring,
    EgressRule: ingress,
    NetworkAclRule: network_acl,
    PublicAccessBlock: public_access_block,
    PublicExposure: public_exposure,
    EncryptionInTransit: in_transit,
    KeyRotation: key_rotation,
    HttpRequestHandling: http_request_handling,
    NodeGroupRemoteAccess: node_group_remote_access,
    ImageRepository: image_repository,
    HostNamespaces: host_namespaces,
    WebAclRules: web_acl_rules,
    LedgerPermissionsMode: ledger_permissions,
    SecretRotation: secret_rotation,
    AccessPointConfinement: access_point,
    TaskRoles: task_roles,
    DomainTransferLock: transfer_lock,
    VpcPlacement: vpc_placement,
    NetworkSwitch: network_switch,
    WebAclRuleAction: web_acl_rule_action,
    WebAclLog4jProtection: web_acl_log4j,
    LegacyNetworking: legacy_networking,
    RootAccess: root_access,
    CodeSigning: code_signing,
    PlatformVersion: platform_version,
}
