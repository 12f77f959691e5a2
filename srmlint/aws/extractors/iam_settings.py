"""Identity settings outside policy documents.

- :class:`PasswordPolicy`: ``aws_iam_account_password_policy`` (Terraform only;
  CloudFormation has no password-policy resource).
- :class:`DatabaseIamAuth`: RDS instances and clusters, Neptune clusters.
- :class:`HardcodedSecret`: secrets written literally into Lambda and ECS
  environment variables, EC2 user data (instances, launch templates, launch
  configurations; plain or base64), SSM ``String`` parameters with a
  secret-looking name, DataSync object-storage secret keys. Only the kind of
  secret and where it is are kept, never its value.
- :class:`AccessKey`: ``aws_iam_access_key`` / ``AWS::IAM::AccessKey`` and the
  user it belongs to, followed through the graph.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import AccessKey, DatabaseIamAuth, HardcodedSecret, PasswordPolicy
from srmlint.aws.values import as_bool, as_int, blocks
from srmlint.evaluate import PLACEHOLDER, render_template
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Intrinsic, Resource, Unknown

# ------------------------------------------------------------------ password policy


def password_policy_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PasswordPolicy]:
    a = resource.attributes
    yield PasswordPolicy(
        path=(), source=None,
        minimum_length=as_int(a.get("minimum_password_length")),
        require_lowercase=as_bool(a.get("require_lowercase_characters")),
        require_uppercase=as_bool(a.get("require_uppercase_characters")),
        require_numbers=as_bool(a.get("require_numbers")),
        require_symbols=as_bool(a.get("require_symbols")),
        reuse_prevention=as_int(a.get("password_reuse_prevention")),
        max_age=as_int(a.get("max_password_age")),
    )


# ------------------------------------------------------------------ database IAM auth


def _lower(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    return value.strip().lower() if isinstance(value, str) else Unknown(None, repr(value))


def db_iam_auth_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[DatabaseIamAuth]:
    a = resource.attributes
    engine = "neptune" if resource.type == "aws_neptune_cluster" else _lower(a.get("engine"))
    if resource.type == "aws_rds_cluster" and engine is None:
        engine = "aurora"  # the provider's default engine
    yield DatabaseIamAuth(path=("iam_database_authentication_enabled",), source=None,
                          enabled=as_bool(a.get("iam_database_authentication_enabled")), engine=engine)


def db_iam_auth_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[DatabaseIamAuth]:
    a = resource.attributes
    engine = "neptune" if resource.type == "AWS::Neptune::DBCluster" else _lower(a.get("Engine"))
    if resource.type == "AWS::RDS::DBInstance" and a.get("DBClusterIdentifier") is not None:
        return  # an Aurora cluster member: the cluster holds the setting
    key = "IamAuthEnabled" if resource.type == "AWS::Neptune::DBCluster" else "EnableIAMDatabaseAuthentication"
    yield DatabaseIamAuth(path=(key,), source=None, enabled=as_bool(a.get(key)), engine=engine)


# ------------------------------------------------------------------ hard-coded secrets

_ACCESS_KEY = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")
#: Variable names that hold a secret: the name ends with one of these words.
_SECRET_NAME = re.compile(
    r"(?:^|[_.\-])(?:password|passwd|pwd|secret|secret_?key|secret_?access_?key|access_?key_?id|access_?key|"
    r"api_?key|apikey|auth_?token|token|private_?key|client_?secret)$",
    re.IGNORECASE,
)
#: NAME=VALUE in scripts (``export DB_PASSWORD=...``, ``password: ...``).
_ASSIGNMENT = re.compile(r"""([A-Za-z_][A-Za-z0-9_.\-]*)\s*[=:]\s*\\?["']?([^\s"'\\#;]+)""")
_PLACEHOLDER_VALUE = re.compile(
    r"^(?:x+|\*+|\.+|changeme|change_me|replace_?me|todo|none|null|nil|true|false|undefined|dummy|example)$",
    re.IGNORECASE,
)


def _secret_name(name: str) -> bool:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)  # camelCase -> snake
    return bool(_SECRET_NAME.search(name))


#: A one-word name in one case that ends with a secret word: ``MYSECRET``, ``dbpassword``.
_RUN_TOGETHER = re.compile(r"[a-z0-9]*(?:password|passwd|secret|secretkey|accesskey|apikey|token|privatekey)")


def _run_together_secret_name(name: str) -> bool:
    return (name.isupper() or name.islower()) and bool(_RUN_TOGETHER.fullmatch(name.lower()))


def _literal_secret_value(value: str, minimum: int) -> bool:
    """A literal that is a secret, not a pointer to one or a placeholder."""
    text = value.strip().strip("\"'")
    if len(text) < minimum or PLACEHOLDER in text or _PLACEHOLDER_VALUE.match(text):
        return False
    if text.startswith(("arn:", "/", "$", "{{resolve:", "<", "%", "ssm:", "secretsmanager:")):
        return False
    return not text.replace(".", "").isdigit()


def secret_in_text(text: str) -> str | None:
    """What kind of secret a script or document holds, if any."""
    if _ACCESS_KEY.search(text):
        return "AWS access key"
    if _PRIVATE_KEY.search(text):
        return "private key"
    for match in _ASSIGNMENT.finditer(text):
        name, value = match.group(1), match.group(2)
        if _secret_name(name) and _literal_secret_value(value, 6):
            return "password or secret"
    return None


def secret_value(name: str, value: Any) -> str | None:
    """What kind of secret an environment variable ``name`` = ``value`` is, if any."""
    if not isinstance(value, str):
        return None
    if _ACCESS_KEY.search(value):
        return "AWS access key"
    if _PRIVATE_KEY.search(value):
        return "private key"
    if _secret_name(name) and _literal_secret_value(value, 4):
        return "password or secret"
    return None


def _text(value: Any) -> str | None:
    """The static text of a value: a string, a Terraform template with
    placeholders for its interpolations, the literal parts of CloudFormation
    ``Fn::Base64`` / ``Fn::Sub`` / ``Fn::Join``; base64 decoded when it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        if isinstance(value.expr, E.Template):
            return render_template(value.expr)
        if isinstance(value.expr, Intrinsic):
            return _intrinsic_text(value.expr.name, value.expr.args)
    return None


def _intrinsic_text(name: str, args: Any) -> str | None:
    if name == "Fn::Sub":
        template = args[0] if isinstance(args, list) and args else args
        return template if isinstance(template, str) else None
    if name == "Fn::Base64":
        return _plain(args)
    if name == "Fn::Join" and isinstance(args, list) and len(args) == 2 and isinstance(args[1], list):
        parts = [_plain(p) for p in args[1]]
        return "".join(p if p is not None else PLACEHOLDER for p in parts)
    return None


def _plain(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and len(value) == 1:
        ((name, args),) = value.items()
        if isinstance(name, str) and name.startswith("Fn::"):
            return _intrinsic_text(name, args)
    return _text(value)


def _maybe_base64(text: str) -> str:
    compact = text.strip()
    if compact and len(compact) % 4 == 0 and re.fullmatch(r"[A-Za-z0-9+/=\s]+", compact):
        try:
            return base64.b64decode(compact, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return text
    return text


def _user_data(value: Any, path: tuple[Any, ...]) -> Iterator[HardcodedSecret]:
    text = _text(value)
    if text is None:
        return
    kind = secret_in_text(text) or secret_in_text(_maybe_base64(text))
    if kind:
        yield HardcodedSecret(path=path, source=None, kind=kind, where="user data")


def _variables(variables: Any, path: tuple[Any, ...], where: str) -> Iterator[HardcodedSecret]:
    if not isinstance(variables, Mapping):
        return
    for name, value in variables.items():
        kind = secret_value(str(name), value)
        if kind:
            yield HardcodedSecret(path=(*path, name), source=None, kind=kind, where=f"{where} {name}")


def _name_value_list(
    entries: Any, path: tuple[Any, ...], where: str, keys: tuple[str, str]
) -> Iterator[HardcodedSecret]:
    if not isinstance(entries, list):
        return
    for i, entry in enumerate(entries):
        if isinstance(entry, Mapping) and isinstance(entry.get(keys[0]), str):
            kind = secret_value(entry[keys[0]], entry.get(keys[1]))
            if kind:
                yield HardcodedSecret(path=(*path, i), source=None, kind=kind, where=f"{where} {entry[keys[0]]}")


def secrets_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[HardcodedSecret]:
    a = resource.attributes
    if resource.type == "aws_lambda_function":
        for i, env in enumerate(blocks(a.get("environment"))):
            yield from _variables(env.get("variables"), ("environment", i, "variables"), "environment variable")
    elif resource.type == "aws_ecs_task_definition":
        text = _text(a.get("container_definitions"))
        try:
            containers = json.loads(text) if text is not None and PLACEHOLDER not in text else None
        except ValueError:
            containers = None
        for container in containers if isinstance(containers, list) else []:
            if isinstance(container, Mapping):
                yield from _name_value_list(container.get("environment"), ("container_definitions",),
                                            "container environment variable", ("name", "value"))
    elif resource.type in ("aws_instance", "aws_launch_template", "aws_launch_configuration"):
        for key in ("user_data", "user_data_base64"):
            if key in a:
                yield from _user_data(a.get(key), (key,))
    elif resource.type == "aws_datasync_location_object_storage":
        secret = a.get("secret_key")
        if isinstance(secret, str) and secret.strip():
            yield HardcodedSecret(path=("secret_key",), source=None, kind="secret key", where="secret_key")


def secrets_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[HardcodedSecret]:
    a = resource.attributes
    if resource.type in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
        env = a.get("Environment")
        if isinstance(env, Mapping):
            yield from _variables(env.get("Variables"), ("Environment", "Variables"), "environment variable")
    elif resource.type == "AWS::ECS::TaskDefinition":
        containers = a.get("ContainerDefinitions")
        for i, container in enumerate(containers if isinstance(containers, list) else []):
            if isinstance(container, Mapping):
                yield from _name_value_list(container.get("Environment"), ("ContainerDefinitions", i, "Environment"),
                                            "container environment variable", ("Name", "Value"))
    elif resource.type in ("AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"):
        if "UserData" in a:
            yield from _user_data(a.get("UserData"), ("UserData",))
    elif resource.type == "AWS::EC2::LaunchTemplate":
        data = a.get("LaunchTemplateData")
        if isinstance(data, Mapping) and "UserData" in data:
            yield from _user_data(data.get("UserData"), ("LaunchTemplateData", "UserData"))
    elif resource.type == "AWS::SSM::Parameter":
        name, value = a.get("Name"), a.get("Value")
        if a.get("Type") == "String" and isinstance(name, str) and isinstance(value, str):
            leaf = name.rstrip("/").rsplit("/", 1)[-1]
            named = (secret_value(leaf, value) or _secret_name(leaf.replace("-", "_"))
                     or _run_together_secret_name(leaf))
            if named and (_literal_secret_value(value, 4) or _ACCESS_KEY.search(value)):
                yield HardcodedSecret(path=("Value",), source=None, kind="secret",
                                      where=f"plain String parameter {name}")


# ------------------------------------------------------------------ access keys


def _user_name(value: Any, resource: Resource, graph: ResourceGraph, key: str) -> str | Unknown:
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        target = None
        if isinstance(value.expr, E.Traversal):
            names = value.expr.attr_names()
            if value.expr.root == "aws_iam_user" and names:
                target = graph.get(resource.scope, f"aws_iam_user.{names[0]}")
        elif isinstance(value.expr, Intrinsic) and value.expr.name == "Ref" and isinstance(value.expr.args, str):
            target = graph.get(resource.scope, value.expr.args)
        if target is not None:
            name = target.attributes.get(key)
            if isinstance(name, str):
                return name
        return value
    return Unknown(None, repr(value))


def access_key_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[AccessKey]:
    user = _user_name(resource.attributes.get("user"), resource, graph, "name")
    yield AccessKey(path=("user",), source=None, user=user)


def access_key_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[AccessKey]:
    user = _user_name(resource.attributes.get("UserName"), resource, graph, "UserName")
    yield AccessKey(path=("UserName",), source=None, user=user)


EXTRACTORS = [
    Extractor("password-policy-tf", {"terraform": ["aws_iam_account_password_policy"]}, [PasswordPolicy],
              password_policy_terraform),
    Extractor("db-iam-auth-tf", {"terraform": ["aws_db_instance", "aws_rds_cluster", "aws_neptune_cluster"]},
              [DatabaseIamAuth], db_iam_auth_terraform),
    Extractor("db-iam-auth-cfn", {"cloudformation": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
                                                     "AWS::Neptune::DBCluster"]},
              [DatabaseIamAuth], db_iam_auth_cloudformation),
    Extractor("hardcoded-secrets-tf", {"terraform": ["aws_lambda_function", "aws_ecs_task_definition", "aws_instance",
                                                     "aws_launch_template", "aws_launch_configuration",
                                                     "aws_datasync_location_object_storage"]},
              [HardcodedSecret], secrets_terraform),
    Extractor("hardcoded-secrets-cfn", {"cloudformation": ["AWS::Lambda::Function", "AWS::Serverless::Function",
                                                           "AWS::ECS::TaskDefinition", "AWS::EC2::Instance",
                                                           "AWS::AutoScaling::LaunchConfiguration",
                                                           "AWS::EC2::LaunchTemplate", "AWS::SSM::Parameter"]},
              [HardcodedSecret], secrets_cloudformation),
    Extractor("access-key-tf", {"terraform": ["aws_iam_access_key"]}, [AccessKey], access_key_terraform),
    Extractor("access-key-cfn", {"cloudformation": ["AWS::IAM::AccessKey"]}, [AccessKey], access_key_cloudformation),
]
