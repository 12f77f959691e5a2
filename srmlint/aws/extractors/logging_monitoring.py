"""Monitoring and service logs beyond the audit trails: RDS Performance
Insights and Enhanced Monitoring (:class:`MonitoringSetting`); CloudWatch alarm
actions, ACM Certificate Transparency logging, API Gateway data trace, ECS
Exec session logging, CodeBuild build logs, DocumentDB audit logs in a cluster
parameter group (:class:`LoggingSetting`).

Kinds: ``performance_insights``, ``enhanced_monitoring`` (MonitoringSetting);
``alarm_actions``, ``certificate_transparency``, ``apigw_data_trace``
(``enabled`` means full request and response bodies are logged: the insecure
state), ``ecs_exec_logging``, ``codebuild_logs``, ``docdb_audit_logs``.
Settings whose AWS default is the secure one (alarm actions, CT logging, ECS
Exec's ``DEFAULT`` logging, CodeBuild's CloudWatch Logs) yield ``enabled`` or
nothing when the template leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.logging_common import flag_state, mapping, setting, tf_blocks
from srmlint.aws.facts import LoggingSetting, LoggingState, MonitoringSetting
from srmlint.aws.values import as_bool, as_int, blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------------ RDS monitoring

#: Instance classes on which RDS offers no Performance Insights (MySQL and
#: MariaDB on the smallest burstable classes; every engine on db.t2).
_NO_PERFORMANCE_INSIGHTS = ("db.t2.", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small")


def _monitoring(kind: str, state: LoggingState, path: AttrPath = (), detail: tuple[str, ...] = ()) -> MonitoringSetting:
    return MonitoringSetting(path=path, source=None, kind=kind, state=state, detail=detail)


def _rds_monitoring(resource: Resource, keys: tuple[str, str, str]) -> Iterator[MonitoringSetting]:
    insights_key, interval_key, class_key = keys
    attrs = resource.attributes
    instance_class = attrs.get(class_key)
    if not (isinstance(instance_class, str) and instance_class.startswith(_NO_PERFORMANCE_INSIGHTS)):
        value = attrs.get(insights_key)
        yield _monitoring("performance_insights", flag_state(value), (insights_key,) if value is not None else ())
    value = attrs.get(interval_key)
    seconds = as_int(value)
    here: AttrPath = (interval_key,) if value is not None else ()
    if isinstance(seconds, Unknown):
        yield _monitoring("enhanced_monitoring", "unknown", here)
    elif seconds is None:
        yield _monitoring("enhanced_monitoring", "unset", here)
    elif seconds == 0:  # 0 turns Enhanced Monitoring off
        yield _monitoring("enhanced_monitoring", "disabled", here)
    else:
        yield _monitoring("enhanced_monitoring", "enabled", here, (str(seconds),))


def rds_monitoring_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[MonitoringSetting]:
    return _rds_monitoring(resource, ("performance_insights_enabled", "monitoring_interval", "instance_class"))


def rds_monitoring_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[MonitoringSetting]:
    return _rds_monitoring(resource, ("EnablePerformanceInsights", "MonitoringInterval", "DBInstanceClass"))


# ------------------------------------------------------------------ CloudWatch alarms

def alarm_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    value = resource.attributes.get("actions_enabled")
    yield setting("alarm_actions", flag_state(value, "enabled"), ("actions_enabled",) if value is not None else ())


def alarm_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    value = resource.attributes.get("ActionsEnabled")
    yield setting("alarm_actions", flag_state(value, "enabled"), ("ActionsEnabled",) if value is not None else ())


# ------------------------------------------------------------------ ACM

def _transparency(value: Any, path: AttrPath) -> LoggingSetting:
    if isinstance(value, Unknown):
        return setting("certificate_transparency", "unknown", path)
    if value is None:
        return setting("certificate_transparency", "enabled")  # AWS's default: ENABLED
    state: LoggingState = "disabled" if isinstance(value, str) and value.upper() == "DISABLED" else "enabled"
    return setting("certificate_transparency", state, path)


def acm_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    attrs = resource.attributes
    # A private CA's certificates and imported ones are never logged to public CT logs.
    if attrs.get("certificate_authority_arn") is not None or attrs.get("private_key") is not None:
        return
    bodies, dynamic = tf_blocks(resource, "options")
    if dynamic:
        yield setting("certificate_transparency", "unknown", ("dynamic",))
    elif bodies:
        yield _transparency(bodies[0].get("certificate_transparency_logging_preference"),
                            ("options", 0, "certificate_transparency_logging_preference"))
    else:
        yield _transparency(None, ())


def acm_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    attrs = resource.attributes
    if attrs.get("CertificateAuthorityArn") is not None:
        return
    key = "CertificateTransparencyLoggingPreference"
    yield _transparency(attrs.get(key), (key,))


# ------------------------------------------------------------------ API Gateway data trace

def _data_trace(entries: list[tuple[Any, AttrPath]]) -> Iterator[LoggingSetting]:
    """``enabled`` at the first entry that turns data trace on; ``unknown`` if
    one is not static; ``disabled`` when all say false; nothing when none is set."""
    stated = False
    unknown: AttrPath | None = None
    for value, path in entries:
        flag = as_bool(value)
        if isinstance(flag, Unknown):
            unknown = unknown or path
        elif flag:
            yield setting("apigw_data_trace", "enabled", path)
            return
        elif flag is False:
            stated = True
    if unknown is not None:
        yield setting("apigw_data_trace", "unknown", unknown)
    elif stated:
        yield setting("apigw_data_trace", "disabled")


def method_settings_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "settings")
    if dynamic:
        yield setting("apigw_data_trace", "unknown", ("dynamic",))
        return
    yield from _data_trace([(body.get("data_trace_enabled"), ("settings", i, "data_trace_enabled"))
                            for i, body in enumerate(bodies)])


def _method_settings(value: Any, path: AttrPath) -> list[tuple[Any, AttrPath]]:
    if isinstance(value, Unknown):
        return [(value, path)]
    if not isinstance(value, list):
        return []
    return [(body, (*path, i)) if isinstance(body, Unknown) else (body.get("DataTraceEnabled"),
                                                                   (*path, i, "DataTraceEnabled"))
            for i, body in enumerate(value) if isinstance(body, Mapping | Unknown)]


def stage_data_trace_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    attrs = resource.attributes
    if resource.type == "AWS::ApiGateway::Deployment":
        description = mapping(attrs.get("StageDescription"))
        if isinstance(description, Unknown):
            yield setting("apigw_data_trace", "unknown", ("StageDescription",))
            return
        if description is None:
            return
        entries: list[tuple[Any, AttrPath]] = [
            (description.get("DataTraceEnabled"), ("StageDescription", "DataTraceEnabled"))]
        entries += _method_settings(description.get("MethodSettings"), ("StageDescription", "MethodSettings"))
    else:
        entries = _method_settings(attrs.get("MethodSettings"), ("MethodSettings",))
    yield from _data_trace(entries)


# ------------------------------------------------------------------ ECS Exec

def _exec_logging(value: Any, path: AttrPath) -> Iterator[LoggingSetting]:
    if isinstance(value, Unknown):
        yield setting("ecs_exec_logging", "unknown", path)
    elif isinstance(value, str) and value:
        yield setting("ecs_exec_logging", "disabled" if value.upper() == "NONE" else "enabled", path)


def ecs_exec_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "configuration")
    if dynamic:
        yield setting("ecs_exec_logging", "unknown", ("dynamic",))
        return
    for i, body in enumerate(bodies):
        for j, command in enumerate(blocks(body.get("execute_command_configuration"))):
            yield from _exec_logging(command.get("logging"),
                                     ("configuration", i, "execute_command_configuration", j, "logging"))
            return


def ecs_exec_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    configuration = mapping(resource.attributes.get("Configuration"))
    if isinstance(configuration, Unknown):
        yield setting("ecs_exec_logging", "unknown", ("Configuration",))
        return
    command = mapping(configuration.get("ExecuteCommandConfiguration")) if configuration is not None else None
    if isinstance(command, Unknown):
        yield setting("ecs_exec_logging", "unknown", ("Configuration", "ExecuteCommandConfiguration"))
    elif command is not None:
        yield from _exec_logging(command.get("Logging"), ("Configuration", "ExecuteCommandConfiguration", "Logging"))


# ------------------------------------------------------------------ CodeBuild

def _status(value: Any, default: LoggingState) -> LoggingState:
    if isinstance(value, Unknown):
        return "unknown"
    if value is None:
        return default
    return "enabled" if isinstance(value, str) and value.upper() == "ENABLED" else "disabled"


def _codebuild(cloudwatch: LoggingState, s3: LoggingState, path: AttrPath) -> LoggingSetting:
    states = (cloudwatch, s3)
    state: LoggingState = ("enabled" if "enabled" in states else "unknown" if "unknown" in states else "disabled")
    return setting("codebuild_logs", state, path)


def codebuild_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logs_config")
    if dynamic:
        yield setting("codebuild_logs", "unknown", ("dynamic",))
        return
    if not bodies:
        yield setting("codebuild_logs", "enabled")  # CloudWatch Logs are on by default
        return
    body = bodies[0]
    cloudwatch = blocks(body.get("cloudwatch_logs"))
    s3 = blocks(body.get("s3_logs"))
    if isinstance(body.get("cloudwatch_logs"), Unknown) or isinstance(body.get("s3_logs"), Unknown):
        yield setting("codebuild_logs", "unknown", ("logs_config", 0))
        return
    yield _codebuild(_status(cloudwatch[0].get("status") if cloudwatch else None, "enabled"),
                     _status(s3[0].get("status") if s3 else None, "disabled"), ("logs_config", 0))


def codebuild_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get("LogsConfig"))
    if isinstance(config, Unknown):
        yield setting("codebuild_logs", "unknown", ("LogsConfig",))
        return
    if config is None:
        yield setting("codebuild_logs", "enabled")
        return
    cloudwatch, s3 = mapping(config.get("CloudWatchLogs")), mapping(config.get("S3Logs"))
    if isinstance(cloudwatch, Unknown) or isinstance(s3, Unknown):
        yield setting("codebuild_logs", "unknown", ("LogsConfig",))
        return
    yield _codebuild(_status(cloudwatch.get("Status") if cloudwatch is not None else None, "enabled"),
                     _status(s3.get("Status") if s3 is not None else None, "disabled"), ("LogsConfig",))


# ------------------------------------------------------------------ DocumentDB parameter groups

#: ``audit_logs`` values that record events (``none`` and ``disabled`` record none).
_AUDIT_ON = frozenset({"enabled", "all", "ddl", "dml_read", "dml_write"})


def _audit_value(value: Any, path: AttrPath) -> LoggingSetting:
    if isinstance(value, Unknown):
        return setting("docdb_audit_logs", "unknown", path)
    if isinstance(value, str):
        on = all(part.strip().lower() in _AUDIT_ON for part in value.split(",") if part.strip())
        return setting("docdb_audit_logs", "enabled" if on and value.strip() else "disabled", path,
                       detail=(value,))
    return setting("docdb_audit_logs", "unknown", path)


def docdb_parameters_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "parameter")
    for i, body in enumerate(bodies):
        name = body.get("name")
        if isinstance(name, Unknown):
            yield setting("docdb_audit_logs", "unknown", ("parameter", i))
            return
        if name == "audit_logs":
            yield _audit_value(body.get("value"), ("parameter", i, "value"))
            return
    yield setting("docdb_audit_logs", "unknown" if dynamic else "unset")


def docdb_parameters_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    parameters = mapping(resource.attributes.get("Parameters"))
    if isinstance(parameters, Unknown):
        yield setting("docdb_audit_logs", "unknown", ("Parameters",))
    elif parameters is None or "audit_logs" not in parameters:
        yield setting("docdb_audit_logs", "unset")
    else:
        yield _audit_value(parameters["audit_logs"], ("Parameters", "audit_logs"))


EXTRACTORS = [
    Extractor("rds-monitoring-tf", {"terraform": ["aws_db_instance", "aws_rds_cluster_instance"]},
              [MonitoringSetting], rds_monitoring_terraform),
    Extractor("rds-monitoring-cfn", {"cloudformation": ["AWS::RDS::DBInstance"]}, [MonitoringSetting],
              rds_monitoring_cloudformation),
    Extractor("alarm-actions-tf", {"terraform": ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]},
              [LoggingSetting], alarm_terraform),
    Extractor("alarm-actions-cfn", {"cloudformation": ["AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm"]},
              [LoggingSetting], alarm_cloudformation),
    Extractor("acm-transparency-tf", {"terraform": ["aws_acm_certificate"]}, [LoggingSetting], acm_terraform),
    Extractor("acm-transparency-cfn", {"cloudformation": ["AWS::CertificateManager::Certificate"]},
              [LoggingSetting], acm_cloudformation),
    Extractor("apigw-data-trace-tf", {"terraform": ["aws_api_gateway_method_settings"]}, [LoggingSetting],
              method_settings_terraform),
    Extractor("apigw-data-trace-cfn",
              {"cloudformation": ["AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "AWS::Serverless::Api"]},
              [LoggingSetting], stage_data_trace_cloudformation),
    Extractor("ecs-exec-logging-tf", {"terraform": ["aws_ecs_cluster"]}, [LoggingSetting], ecs_exec_terraform),
    Extractor("ecs-exec-logging-cfn", {"cloudformation": ["AWS::ECS::Cluster"]}, [LoggingSetting],
              ecs_exec_cloudformation),
    Extractor("codebuild-logs-tf", {"terraform": ["aws_codebuild_project"]}, [LoggingSetting], codebuild_terraform),
    Extractor("codebuild-logs-cfn", {"cloudformation": ["AWS::CodeBuild::Project"]}, [LoggingSetting],
              codebuild_cloudformation),
    Extractor("docdb-audit-parameter-tf", {"terraform": ["aws_docdb_cluster_parameter_group"]}, [LoggingSetting],
              docdb_parameters_terraform),
    Extractor("docdb-audit-parameter-cfn", {"cloudformation": ["AWS::DocDB::DBClusterParameterGroup"]},
              [LoggingSetting], docdb_parameters_cloudformation),
]
