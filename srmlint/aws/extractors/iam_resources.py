"""Identity and access settings of individual services' resources.

- :class:`LedgerPermissionsMode`: QLDB ledgers (``permissions_mode`` /
  ``PermissionsMode``).
- :class:`SecretRotation`: Secrets Manager rotation schedules
  (``aws_secretsmanager_secret_rotation``, the older inline ``rotation_rules``
  of ``aws_secretsmanager_secret``, ``AWS::SecretsManager::RotationSchedule``).
- :class:`AccessPointConfinement`: EFS access points.
- :class:`TaskRoles`: the execution and task roles of ECS task definitions.
- :class:`DomainTransferLock`: domains registered with Route 53 Domains
  (Terraform only; CloudFormation cannot register domains).
- :class:`IamUserIdentity`: IAM users, with the access keys and console
  passwords the template gives them.
- :class:`SecretInRequest`: a secret-holding resource (SecureString
  parameter, Secrets Manager secret version, generated password or key...)
  whose value a Terraform ``http`` data source puts in its request (sent out
  of AWS at every plan, to whoever serves that URL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import (
    AccessPointConfinement,
    DomainTransferLock,
    IamUserIdentity,
    LedgerPermissionsMode,
    SecretInRequest,
    SecretRotation,
    TaskRoles,
)
from srmlint.aws.values import as_bool, as_int, blocks, dynamic_block
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown


def _upper(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return value.strip().upper() if isinstance(value, str) else Unknown(None, repr(value))


# ------------------------------------------------------------------ QLDB


def ledger_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LedgerPermissionsMode]:
    yield LedgerPermissionsMode(path=("permissions_mode",), source=None,
                                mode=_upper(resource.attributes.get("permissions_mode")))


def ledger_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LedgerPermissionsMode]:
    yield LedgerPermissionsMode(path=("PermissionsMode",), source=None,
                                mode=_upper(resource.attributes.get("PermissionsMode")))


# ------------------------------------------------------------------ Secrets Manager rotation

_RATE = re.compile(r"rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)", re.IGNORECASE)
_UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0}


def _rotation(rules: Mapping[str, Any], keys: tuple[str, str], path: tuple[Any, ...]) -> SecretRotation:
    after_key, schedule_key = keys
    schedule = rules.get(schedule_key)
    if isinstance(schedule, str):
        match = _RATE.fullmatch(schedule.strip())
        if match:
            days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower().rstrip("s")]
            return SecretRotation(path=(*path, schedule_key), source=None, interval_days=days, schedule=schedule)
        return SecretRotation(path=(*path, schedule_key), source=None, interval_days=None, schedule=schedule)
    if isinstance(schedule, Unknown):
        return SecretRotation(path=(*path, schedule_key), source=None, interval_days=schedule, schedule=schedule)
    after = as_int(rules.get(after_key))
    return SecretRotation(path=(*path, after_key), source=None,
                          interval_days=float(after) if isinstance(after, int) else after)


def rotation_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[SecretRotation]:
    a = resource.attributes
    if dynamic_block(a, "rotation_rules"):
        yield SecretRotation(path=(), source=None, interval_days=Unknown(None, "dynamic rotation_rules"))
        return
    for i, rules in enumerate(blocks(a.get("rotation_rules"))):
        yield _rotation(rules, ("automatically_after_days", "schedule_expression"), ("rotation_rules", i))


def rotation_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[SecretRotation]:
    rules = resource.attributes.get("RotationRules")
    if isinstance(rules, Unknown):
        yield SecretRotation(path=("RotationRules",), source=None, interval_days=rules)
    elif isinstance(rules, Mapping):
        yield _rotation(rules, ("AutomaticallyAfterDays", "ScheduleExpression"), ("RotationRules",))


# ------------------------------------------------------------------ EFS access points


def _root_path(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return value.strip() if isinstance(value, str) else Unknown(None, repr(value))


def access_point_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[AccessPointConfinement]:
    a = resource.attributes
    root: str | Unknown | None = None
    if dynamic_block(a, "root_directory") or isinstance(a.get("root_directory"), Unknown):
        root = Unknown(None, "root_directory")
    for body in blocks(a.get("root_directory")):
        root = _root_path(body.get("path"))
    posix: bool | Unknown = bool(blocks(a.get("posix_user")))
    if not posix and (dynamic_block(a, "posix_user") or isinstance(a.get("posix_user"), Unknown)):
        posix = Unknown(None, "posix_user")
    yield AccessPointConfinement(path=(), source=None, root_path=root, posix_user=posix)


def access_point_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[AccessPointConfinement]:
    a = resource.attributes
    directory = a.get("RootDirectory")
    root: str | Unknown | None
    if isinstance(directory, Mapping):
        root = _root_path(directory.get("Path"))
    else:
        root = directory if isinstance(directory, Unknown) else None
    user = a.get("PosixUser")
    posix: bool | Unknown = user if isinstance(user, Unknown) else user is not None
    yield AccessPointConfinement(path=(), source=None, root_path=root, posix_user=posix)


# ------------------------------------------------------------------ ECS task roles


def task_roles_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[TaskRoles]:
    a = resource.attributes
    yield TaskRoles(path=("task_role_arn",), source=None,
                    execution_role=a.get("execution_role_arn"), task_role=a.get("task_role_arn"))


def task_roles_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[TaskRoles]:
    a = resource.attributes
    yield TaskRoles(path=("TaskRoleArn",), source=None,
                    execution_role=a.get("ExecutionRoleArn"), task_role=a.get("TaskRoleArn"))


# ------------------------------------------------------------------ Route 53 Domains


def transfer_lock_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[DomainTransferLock]:
    yield DomainTransferLock(path=("transfer_lock",), source=None,
                             enabled=as_bool(resource.attributes.get("transfer_lock")))


# ------------------------------------------------------------------ secrets sent over HTTP

#: Resource types -> attributes that hold a secret value.
_SECRET_ATTRIBUTES = {
    "aws_ssm_parameter": ("value", "insecure_value"),
    "aws_secretsmanager_secret_version": ("secret_string", "secret_binary"),
    "aws_iam_access_key": ("secret", "ses_smtp_password_v4"),
    "aws_db_instance": ("password",),
    "aws_rds_cluster": ("master_password",),
    "random_password": ("result", "bcrypt_hash"),
    "tls_private_key": ("private_key_pem", "private_key_openssh", "private_key_pem_pkcs8"),
}
_REQUEST_PARTS = ("url", "request_headers", "request_body")


def _expressions(value: Any) -> Iterator[Any]:
    """The expressions of the Unknowns in ``value`` (maps and lists walked)."""
    if isinstance(value, Unknown):
        if value.expr is not None:
            yield value.expr
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _expressions(v)
    elif isinstance(value, list):
        for v in value:
            yield from _expressions(v)


def http_senders_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[SecretInRequest]:
    """The ``http`` data sources that put this resource's secret attribute in
    their request (the engine judges managed resources, so the fact is the
    secret's, pointing at the data source)."""
    secret_attributes = _SECRET_ATTRIBUTES[resource.type]
    if resource.type == "aws_ssm_parameter" and resource.attributes.get("type") != "SecureString":
        return  # a String parameter is not secret by its type (IAM015 reads secret-looking values)
    for sender in graph.referrers(resource, type_="http"):
        if sender.mode != "data":
            continue
        for part in _REQUEST_PARTS:
            found: set[str] = set()
            for expression in _expressions(sender.attributes.get(part)):
                for traversal in E.traversals(expression):
                    names = traversal.attr_names()
                    if (traversal.root == resource.type and len(names) >= 2 and names[0] == resource.name
                            and names[1] in secret_attributes):
                        found.add(names[1])
            for attribute in sorted(found):
                yield SecretInRequest(path=(part,), source=sender.address,
                                      secret=f"{resource.address}.{attribute}", where=part)


# ------------------------------------------------------------------ IAM users


def iam_user_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[IamUserIdentity]:
    credentials = []
    if graph.referrers(resource, type_="aws_iam_access_key"):
        credentials.append("access key")
    if graph.referrers(resource, type_="aws_iam_user_login_profile"):
        credentials.append("console password")
    yield IamUserIdentity(path=(), source=None, credentials=tuple(credentials))


def iam_user_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[IamUserIdentity]:
    credentials = []
    if graph.referrers(resource, type_="AWS::IAM::AccessKey"):
        credentials.append("access key")
    if resource.attributes.get("LoginProfile") is not None:
        credentials.append("console password")
    yield IamUserIdentity(path=(), source=None, credentials=tuple(credentials))


EXTRACTORS = [
    Extractor("qldb-permissions-tf", {"terraform": ["aws_qldb_ledger"]}, [LedgerPermissionsMode], ledger_terraform),
    Extractor("qldb-permissions-cfn", {"cloudformation": ["AWS::QLDB::Ledger"]}, [LedgerPermissionsMode],
              ledger_cloudformation),
    Extractor("secret-rotation-tf", {"terraform": ["aws_secretsmanager_secret_rotation", "aws_secretsmanager_secret"]},
              [SecretRotation], rotation_terraform),
    Extractor("secret-rotation-cfn", {"cloudformation": ["AWS::SecretsManager::RotationSchedule"]},
              [SecretRotation], rotation_cloudformation),
    Extractor("efs-access-point-tf", {"terraform": ["aws_efs_access_point"]}, [AccessPointConfinement],
              access_point_terraform),
    Extractor("efs-access-point-cfn", {"cloudformation": ["AWS::EFS::AccessPoint"]}, [AccessPointConfinement],
              access_point_cloudformation),
    Extractor("ecs-task-roles-tf", {"terraform": ["aws_ecs_task_definition"]}, [TaskRoles], task_roles_terraform),
    Extractor("ecs-task-roles-cfn", {"cloudformation": ["AWS::ECS::TaskDefinition"]}, [TaskRoles],
              task_roles_cloudformation),
    Extractor("domain-transfer-lock-tf",
              {"terraform": ["aws_route53domains_registered_domain", "aws_route53domains_domain"]},
              [DomainTransferLock], transfer_lock_terraform),
    Extractor("http-request-secrets-tf", {"terraform": sorted(_SECRET_ATTRIBUTES)}, [SecretInRequest],
              http_senders_terraform),
    Extractor("iam-user-tf", {"terraform": ["aws_iam_user"]}, [IamUserIdentity], iam_user_terraform),
    Extractor("iam-user-cfn", {"cloudformation": ["AWS::IAM::User"]}, [IamUserIdentity], iam_user_cloudformation),
]
