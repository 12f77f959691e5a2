"""More service logs: Amazon MQ general and audit logs, Session Manager
session logs (the ``Standard_Stream`` session preferences document), MWAA
(Airflow) environment logs, AppSync API logs.

Kinds: ``mq_general_logs``, ``mq_audit_logs`` (ActiveMQ only),
``ssm_session_logs``, ``mwaa_logs`` (``detail``: the log types turned on),
``appsync_logs``, ``ssm_session_log_encryption`` (``detail``: the session-log
destinations not required to be encrypted).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from srmlint.aws.extractors.logging_common import destination_state, flag_state, mapping, setting, tf_blocks
from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import as_bool, is_set
from srmlint.evaluate import partial_value
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

# ------------------------------------------------------------------ Amazon MQ


def _mq(resource: Resource, logs: Any, path: tuple[Any, ...], general_key: str, audit_key: str,
        engine: Any) -> Iterator[LoggingSetting]:
    if isinstance(logs, Unknown):
        yield setting("mq_general_logs", "unknown", path)
        yield setting("mq_audit_logs", "unknown", path)
        return
    body = logs if isinstance(logs, Mapping) else {}
    here = path if logs is not None else ()
    yield setting("mq_general_logs", flag_state(body.get(general_key)), here)
    # Audit logs exist for ActiveMQ only; an engine that is not static may not have them.
    if isinstance(engine, Unknown):
        yield setting("mq_audit_logs", "unknown", here)
    elif not (isinstance(engine, str) and engine.lower() == "rabbitmq"):
        yield setting("mq_audit_logs", flag_state(body.get(audit_key)), here)


def mq_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logs")
    engine = resource.attributes.get("engine_type")
    if dynamic:
        yield from _mq(resource, Unknown(None, "dynamic logs"), ("dynamic",), "general", "audit", engine)
        return
    yield from _mq(resource, bodies[0] if bodies else None, ("logs", 0), "general", "audit", engine)


def mq_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    logs = mapping(resource.attributes.get("Logs"))
    yield from _mq(resource, logs, ("Logs",), "General", "Audit", resource.attributes.get("EngineType"))


# ------------------------------------------------------------------ Session Manager


def _document(content: Any, fmt: Any) -> Mapping[str, Any] | Unknown | None:
    """A document's content as data: a mapping, an Unknown, or None (unreadable)."""
    if isinstance(content, Unknown | Mapping):
        return content
    if not isinstance(content, str):
        return None
    try:
        data = json.loads(content) if not (isinstance(fmt, str) and fmt.upper() == "YAML") else None
    except ValueError:
        data = None
    if data is None:
        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError:
            return None
    return data if isinstance(data, Mapping) else None


def _session(resource: Resource, doc_type: Any, content: Any, fmt: Any, key: str) -> Iterator[LoggingSetting]:
    if doc_type != "Session":
        return
    data = _document(content, fmt)
    if isinstance(data, Unknown):
        yield setting("ssm_session_logs", "unknown", (key,))
        return
    if data is None or data.get("sessionType") != "Standard_Stream":
        return  # only the Standard_Stream document holds the session preferences
    inputs = data.get("inputs")
    if not isinstance(inputs, Mapping):
        yield setting("ssm_session_logs", "unset", (key,))
        return
    states = [destination_state(inputs.get("s3BucketName")), destination_state(inputs.get("cloudWatchLogGroupName"))]
    state: LoggingState = "enabled" if "enabled" in states else ("unknown" if "unknown" in states else "unset")
    yield setting("ssm_session_logs", state, (key,))
    yield from _session_encryption(inputs, states, key)


def _session_encryption(inputs: Mapping[str, Any], states: list[LoggingState], key: str) -> Iterator[LoggingSetting]:
    """``ssm_session_log_encryption``: for each destination that receives the
    logs, whether Session Manager is told to require it encrypted
    (``s3EncryptionEnabled``, ``cloudWatchEncryptionEnabled``). Only an
    explicit false is ``disabled``; ``detail`` names the destinations."""
    unencrypted: list[str] = []
    unknown = False
    for destination, flag_key, state in (("S3", "s3EncryptionEnabled", states[0]),
                                         ("CloudWatch Logs", "cloudWatchEncryptionEnabled", states[1])):
        if state == "unset":
            continue
        required = as_bool(inputs.get(flag_key))
        if state == "unknown" or isinstance(required, Unknown):
            unknown = unknown or required is not True
        elif required is False:
            unencrypted.append(destination)
    if unencrypted:
        yield setting("ssm_session_log_encryption", "disabled", (key,), detail=tuple(unencrypted))
    elif unknown:
        yield setting("ssm_session_log_encryption", "unknown", (key,))
    elif "enabled" in states:
        yield setting("ssm_session_log_encryption", "enabled", (key,))


def ssm_document_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    a = resource.attributes
    content = partial_value(a.get("content"))  # jsonencode({...}) of static data
    yield from _session(resource, a.get("document_type"), content, a.get("document_format"), "content")


def ssm_document_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    a = resource.attributes
    yield from _session(resource, a.get("DocumentType"), a.get("Content"), a.get("DocumentFormat"), "Content")


# ------------------------------------------------------------------ MWAA

_MWAA_TYPES = ("dag_processing_logs", "scheduler_logs", "task_logs", "webserver_logs", "worker_logs")
_MWAA_CFN = ("DagProcessingLogs", "SchedulerLogs", "TaskLogs", "WebserverLogs", "WorkerLogs")


def _mwaa(config: Any, keys: tuple[str, ...], enabled_key: str, path: tuple[Any, ...]) -> LoggingSetting:
    if isinstance(config, Unknown):
        return setting("mwaa_logs", "unknown", path)
    if not isinstance(config, Mapping):
        return setting("mwaa_logs", "unset")
    found: list[str] = []
    for key in keys:
        body = config.get(key)
        if isinstance(body, list):
            body = body[0] if body and isinstance(body[0], Mapping) else None
        if isinstance(body, Unknown):
            return setting("mwaa_logs", "unknown", path)
        if isinstance(body, Mapping):
            enabled = as_bool(body.get(enabled_key))
            if isinstance(enabled, Unknown):
                return setting("mwaa_logs", "unknown", path)
            if enabled:
                found.append(key)
    return setting("mwaa_logs", "enabled" if found else "disabled", path, detail=tuple(found))


def mwaa_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logging_configuration")
    if dynamic:
        yield setting("mwaa_logs", "unknown", ("dynamic",))
    elif bodies:
        if any(isinstance(d, Mapping) and set(d) & set(_MWAA_TYPES) for d in _dynamic_bodies(bodies[0])):
            yield setting("mwaa_logs", "unknown", ("logging_configuration", 0))
        else:
            yield _mwaa(bodies[0], _MWAA_TYPES, "enabled", ("logging_configuration", 0))
    else:
        yield setting("mwaa_logs", "unset")


def _dynamic_bodies(body: Mapping[str, Any]) -> list[Any]:
    dynamic = body.get("dynamic")
    return dynamic if isinstance(dynamic, list) else ([dynamic] if dynamic is not None else [])


def mwaa_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    config = resource.attributes.get("LoggingConfiguration")
    if config is None:
        yield setting("mwaa_logs", "unset")
    else:
        yield _mwaa(config, _MWAA_CFN, "Enabled", ("LoggingConfiguration",))


# ------------------------------------------------------------------ AppSync


def _field_level(level: Any, path: tuple[Any, ...], role: Any) -> LoggingSetting:
    if isinstance(level, Unknown):
        return setting("appsync_logs", "unknown", path)
    if not is_set(level):
        return setting("appsync_logs", "unset", path)
    if isinstance(level, str) and level.upper() == "NONE":
        return setting("appsync_logs", "disabled", path, detail=("NONE",))
    return setting("appsync_logs", "enabled", path, detail=(str(level),))


def appsync_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "log_config")
    if dynamic:
        yield setting("appsync_logs", "unknown", ("dynamic",))
    elif bodies:
        yield _field_level(bodies[0].get("field_log_level"), ("log_config", 0),
                           bodies[0].get("cloudwatch_logs_role_arn"))
    else:
        yield setting("appsync_logs", "unset")


def appsync_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get("LogConfig"))
    if isinstance(config, Unknown):
        yield setting("appsync_logs", "unknown", ("LogConfig",))
    elif config is None:
        yield setting("appsync_logs", "unset")
    else:
        yield _field_level(config.get("FieldLogLevel"), ("LogConfig",), config.get("CloudWatchLogsRoleArn"))


EXTRACTORS = [
    Extractor("mq-logs-tf", {"terraform": ["aws_mq_broker"]}, [LoggingSetting], mq_terraform),
    Extractor("mq-logs-cfn", {"cloudformation": ["AWS::AmazonMQ::Broker"]}, [LoggingSetting], mq_cloudformation),
    Extractor("ssm-session-logs-tf", {"terraform": ["aws_ssm_document"]}, [LoggingSetting], ssm_document_terraform),
    Extractor("ssm-session-logs-cfn", {"cloudformation": ["AWS::SSM::Document"]}, [LoggingSetting],
              ssm_document_cloudformation),
    Extractor("mwaa-logs-tf", {"terraform": ["aws_mwaa_environment"]}, [LoggingSetting], mwaa_terraform),
    Extractor("mwaa-logs-cfn", {"cloudformation": ["AWS::MWAA::Environment"]}, [LoggingSetting],
              mwaa_cloudformation),
    Extractor("appsync-logs-tf", {"terraform": ["aws_appsync_graphql_api"]}, [LoggingSetting], appsync_terraform),
    Extractor("appsync-logs-cfn", {"cloudformation": ["AWS::AppSync::GraphQLApi"]}, [LoggingSetting],
              appsync_cloudformation),
]
