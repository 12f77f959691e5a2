"""Service logs and tracing: X-Ray on Lambda, API Gateway and Step Functions;
Step Functions execution logs; database log exports (RDS, Aurora, DocumentDB,
Neptune); EKS control-plane logs; OpenSearch logs; Redshift audit logs; ECS
Container Insights; MSK broker logs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.logging_common import (
    absent,
    flag,
    flag_state,
    literal_name_match,
    mapping,
    setting,
    tf_blocks,
)
from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import as_bool, blocks, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown


def _mode_state(mode: Any) -> LoggingState:
    if isinstance(mode, Unknown):
        return "unknown"
    if mode is None:
        return "unset"
    return "enabled" if isinstance(mode, str) and mode.lower() == "active" else "disabled"


# ------------------------------------------------------------------ X-Ray tracing

def lambda_tracing_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "tracing_config")
    if bodies:
        yield setting("xray_tracing", _mode_state(bodies[0].get("mode")), ("tracing_config", 0))
    else:
        yield setting("xray_tracing", "unknown" if dynamic else "unset")


def lambda_tracing_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    if resource.type == "AWS::Serverless::Function":
        mode = resource.attributes.get("Tracing")
        if mode is None:
            yield setting("xray_tracing", absent(resource))
        else:
            yield setting("xray_tracing", _mode_state(mode), ("Tracing",))
        return
    config = mapping(resource.attributes.get("TracingConfig"))
    if isinstance(config, Unknown):
        yield setting("xray_tracing", "unknown", ("TracingConfig",))
    elif config is None:
        yield setting("xray_tracing", "unset")
    else:
        yield setting("xray_tracing", _mode_state(config.get("Mode")), ("TracingConfig",))


def apigw_tracing_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield flag(resource, "xray_tracing_enabled", "xray_tracing")


def apigw_tracing_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    fact = flag(resource, "TracingEnabled", "xray_tracing")
    if fact.state == "unset":
        fact = setting("xray_tracing", absent(resource))
    yield fact


def _sfn_tracing(resource: Resource, key: str, enabled_key: str) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get(key))
    if isinstance(config, Unknown):
        yield setting("xray_tracing", "unknown", (key,))
    elif config is None:
        value = resource.attributes.get(key)
        if isinstance(value, list):  # Terraform block
            bodies = blocks(value)
            state = flag_state(bodies[0].get(enabled_key)) if bodies else "unset"
            yield setting("xray_tracing", state, (key, 0))
        else:
            dynamic = any(isinstance(d, Mapping) and key in d for d in blocks(resource.attributes.get("dynamic")))
            yield setting("xray_tracing", "unknown" if dynamic else "unset")
    else:
        yield setting("xray_tracing", flag_state(config.get(enabled_key)), (key,))


def sfn_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield from _sfn_tracing(resource, "tracing_configuration", "enabled")
    bodies, dynamic = tf_blocks(resource, "logging_configuration")
    if bodies:
        yield setting("sfn_logging", _level_state(bodies[0].get("level")), ("logging_configuration", 0))
    else:
        yield setting("sfn_logging", "unknown" if dynamic else "unset")


def _level_state(level: Any) -> LoggingState:
    if isinstance(level, Unknown):
        return "unknown"
    if level is None:
        return "unset"
    return "disabled" if isinstance(level, str) and level.upper() == "OFF" else "enabled"


def sfn_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    sam = resource.type == "AWS::Serverless::StateMachine"
    yield from _sfn_tracing(resource, "Tracing" if sam else "TracingConfiguration", "Enabled")
    key = "Logging" if sam else "LoggingConfiguration"
    config = mapping(resource.attributes.get(key))
    if isinstance(config, Unknown):
        yield setting("sfn_logging", "unknown", (key,))
    elif config is None:
        yield setting("sfn_logging", "unset")
    else:
        yield setting("sfn_logging", _level_state(config.get("Level")), (key,))


# ------------------------------------------------------------------ databases

def _log_types(value: Any, path: AttrPath, *, item_key: str | None = None) -> LoggingSetting:
    """A list of enabled log types (strings, or mappings with ``item_key``)."""
    if isinstance(value, Unknown):
        return setting("db_log_exports", "unknown", path)
    if value is None:
        return setting("db_log_exports", "unset")
    found: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if item_key is not None and isinstance(item, Mapping):
            item = item.get(item_key)
        if isinstance(item, Unknown):
            return setting("db_log_exports", "unknown", path)
        if isinstance(item, str) and item:
            found.append(item)
    return setting("db_log_exports", "enabled" if found else "disabled", path, detail=tuple(found))


def db_exports_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    engine = resource.attributes.get("engine")
    if resource.type == "aws_db_instance" and isinstance(engine, str) and engine.startswith("aurora"):
        return  # an Aurora instance exports its logs through its cluster
    if resource.type == "aws_rds_cluster" and resource.attributes.get("engine_mode") == "serverless":
        return  # Aurora Serverless v1 cannot export logs to CloudWatch Logs
    # aws_neptune_cluster spells it enable_cloudwatch_logs_exports.
    key = "enable_cloudwatch_logs_exports" if resource.type == "aws_neptune_cluster" else \
        "enabled_cloudwatch_logs_exports"
    yield _log_types(resource.attributes.get(key), (key,))


def db_exports_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    attrs = resource.attributes
    engine = attrs.get("Engine")
    if resource.type == "AWS::RDS::DBInstance" and (
        attrs.get("DBClusterIdentifier") is not None or (isinstance(engine, str) and engine.startswith("aurora"))
    ):
        return  # a cluster member exports its logs through its cluster
    if resource.type == "AWS::RDS::DBCluster" and attrs.get("EngineMode") == "serverless":
        return
    yield _log_types(attrs.get("EnableCloudwatchLogsExports"), ("EnableCloudwatchLogsExports",))


# ------------------------------------------------------------------ EKS

def _eks(value: Any, path: AttrPath, item_key: str | None) -> LoggingSetting:
    fact = _log_types(value, path, item_key=item_key)
    return setting("eks_control_plane_logs", fact.state, fact.path, detail=fact.detail)


def eks_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield _eks(resource.attributes.get("enabled_cluster_log_types"), ("enabled_cluster_log_types",), None)


def eks_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    logging = mapping(resource.attributes.get("Logging"))
    if isinstance(logging, Unknown):
        yield setting("eks_control_plane_logs", "unknown", ("Logging",))
        return
    cluster = mapping(logging.get("ClusterLogging")) if logging is not None else None
    if isinstance(cluster, Unknown):
        yield setting("eks_control_plane_logs", "unknown", ("Logging",))
        return
    types = cluster.get("EnabledTypes") if cluster is not None else None
    yield _eks(types, ("Logging", "ClusterLogging", "EnabledTypes") if types is not None else (), "Type")


# ------------------------------------------------------------------ OpenSearch

def opensearch_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "log_publishing_options")
    if dynamic:
        yield setting("opensearch_logs", "unknown", ("dynamic",))
        return
    found: list[str] = []
    for body in bodies:
        log_type, enabled = body.get("log_type"), as_bool(body.get("enabled"))
        if isinstance(log_type, Unknown) or isinstance(enabled, Unknown):
            yield setting("opensearch_logs", "unknown", ("log_publishing_options",))
            return
        if enabled is not False and isinstance(log_type, str):  # `enabled` defaults to true
            found.append(log_type)
    state: LoggingState = "enabled" if found else ("disabled" if bodies else "unset")
    yield setting("opensearch_logs", state, ("log_publishing_options",) if bodies else (), detail=tuple(found))


def opensearch_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    options = mapping(resource.attributes.get("LogPublishingOptions"))
    if isinstance(options, Unknown):
        yield setting("opensearch_logs", "unknown", ("LogPublishingOptions",))
        return
    if options is None:
        yield setting("opensearch_logs", "unset")
        return
    found: list[str] = []
    for log_type, option in options.items():
        option = mapping(option)
        if isinstance(option, Unknown):
            yield setting("opensearch_logs", "unknown", ("LogPublishingOptions",))
            return
        enabled = as_bool(option.get("Enabled")) if option is not None else None
        if isinstance(enabled, Unknown):
            yield setting("opensearch_logs", "unknown", ("LogPublishingOptions",))
            return
        if enabled is True:  # CloudFormation: a log type is published only when Enabled is true
            found.append(str(log_type))
    yield setting("opensearch_logs", "enabled" if found else "disabled", ("LogPublishingOptions",),
                  detail=tuple(found))


# ------------------------------------------------------------------ Redshift

def redshift_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logging")
    connected = graph.referrers(resource, type_="aws_redshift_logging", via="cluster_identifier")
    connected += [r for r in graph.by_type("aws_redshift_logging", resource.scope)
                  if r not in connected and literal_name_match(r, "cluster_identifier", resource,
                                                                 "cluster_identifier")]
    if connected:
        yield setting("redshift_audit_logs", "enabled", source=connected[0].address)
    elif bodies:
        yield setting("redshift_audit_logs", flag_state(bodies[0].get("enable")), ("logging", 0))
    else:
        yield setting("redshift_audit_logs", "unknown" if dynamic else "unset")


def redshift_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get("LoggingProperties"))
    if isinstance(config, Unknown):
        yield setting("redshift_audit_logs", "unknown", ("LoggingProperties",))
    elif config is None:
        yield setting("redshift_audit_logs", "unset")
    else:
        target = config.get("BucketName", config.get("LogDestinationType"))
        state: LoggingState = "unknown" if isinstance(target, Unknown) else ("enabled" if is_set(target)
                                                                              else "unset")
        yield setting("redshift_audit_logs", state, ("LoggingProperties",))


# ------------------------------------------------------------------ ECS

def _insights_state(value: Any) -> LoggingState:
    if isinstance(value, Unknown):
        return "unknown"
    return "enabled" if isinstance(value, str) and value.lower() in ("enabled", "enhanced") else "disabled"


def _account_default_insights(resource: Resource, graph: ResourceGraph, type_: str, name_key: str,
                              value_key: str) -> LoggingState | None:
    for account in graph.by_type(type_, resource.scope):
        if account.attributes.get(name_key) == "containerInsights":
            return _insights_state(account.attributes.get(value_key))
    return None


def ecs_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "setting")
    for i, body in enumerate(bodies):
        name = body.get("name")
        if isinstance(name, Unknown):
            yield setting("ecs_container_insights", "unknown", ("setting", i))
            return
        if name == "containerInsights":
            yield setting("ecs_container_insights", _insights_state(body.get("value")), ("setting", i))
            return
    account = _account_default_insights(resource, graph, "aws_ecs_account_setting_default", "name", "value")
    yield setting("ecs_container_insights", "unknown" if dynamic else (account or "unset"))


def ecs_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    settings = resource.attributes.get("ClusterSettings")
    if isinstance(settings, Unknown):
        yield setting("ecs_container_insights", "unknown", ("ClusterSettings",))
        return
    for i, body in enumerate(blocks(settings)):
        name = body.get("Name")
        if isinstance(name, Unknown):
            yield setting("ecs_container_insights", "unknown", ("ClusterSettings", i))
            return
        if name == "containerInsights":
            yield setting("ecs_container_insights", _insights_state(body.get("Value")), ("ClusterSettings", i))
            return
    account = _account_default_insights(resource, graph, "AWS::ECS::AccountSetting", "Name", "Value")
    yield setting("ecs_container_insights", account or "unset")


# ------------------------------------------------------------------ MSK

def _msk(broker_logs: Any, keys: tuple[str, str, str], enabled_key: str, path: AttrPath) -> LoggingSetting:
    if isinstance(broker_logs, Unknown):
        return setting("msk_broker_logs", "unknown", path)
    found: list[str] = []
    for body in blocks(broker_logs):
        for key in keys:
            for target in blocks(body.get(key)):
                enabled = as_bool(target.get(enabled_key))
                if isinstance(enabled, Unknown):
                    return setting("msk_broker_logs", "unknown", path)
                if enabled:
                    found.append(key)
    state: LoggingState = "enabled" if found else ("disabled" if blocks(broker_logs) else "unset")
    return setting("msk_broker_logs", state, path if broker_logs is not None else (), detail=tuple(found))


def msk_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logging_info")
    if dynamic:
        yield setting("msk_broker_logs", "unknown", ("dynamic",))
        return
    broker_logs: Any = [b for body in bodies for b in blocks(body.get("broker_logs"))] if bodies else None
    yield _msk(broker_logs, ("cloudwatch_logs", "firehose", "s3"), "enabled", ("logging_info",))


def msk_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    info = mapping(resource.attributes.get("LoggingInfo"))
    if isinstance(info, Unknown):
        yield setting("msk_broker_logs", "unknown", ("LoggingInfo",))
        return
    broker_logs = info.get("BrokerLogs") if info is not None else None
    yield _msk(broker_logs, ("CloudWatchLogs", "Firehose", "S3"), "Enabled", ("LoggingInfo",))


EXTRACTORS = [
    Extractor("lambda-tracing-tf", {"terraform": ["aws_lambda_function"]}, [LoggingSetting],
              lambda_tracing_terraform),
    Extractor("lambda-tracing-cfn", {"cloudformation": ["AWS::Lambda::Function", "AWS::Serverless::Function"]},
              [LoggingSetting], lambda_tracing_cloudformation),
    Extractor("apigw-tracing-tf", {"terraform": ["aws_api_gateway_stage"]}, [LoggingSetting],
              apigw_tracing_terraform),
    Extractor("apigw-tracing-cfn", {"cloudformation": ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"]},
              [LoggingSetting], apigw_tracing_cloudformation),
    Extractor("sfn-logging-tf", {"terraform": ["aws_sfn_state_machine"]}, [LoggingSetting], sfn_terraform),
    Extractor("sfn-logging-cfn",
              {"cloudformation": ["AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"]},
              [LoggingSetting], sfn_cloudformation),
    Extractor("db-log-exports-tf",
              {"terraform": ["aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]},
              [LoggingSetting], db_exports_terraform),
    Extractor("db-log-exports-cfn",
              {"cloudformation": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster",
                                  "AWS::Neptune::DBCluster"]},
              [LoggingSetting], db_exports_cloudformation),
    Extractor("eks-control-plane-logs-tf", {"terraform": ["aws_eks_cluster"]}, [LoggingSetting], eks_terraform),
    Extractor("eks-control-plane-logs-cfn", {"cloudformation": ["AWS::EKS::Cluster"]}, [LoggingSetting],
              eks_cloudformation),
    Extractor("opensearch-logs-tf", {"terraform": ["aws_elasticsearch_domain", "aws_opensearch_domain"]},
              [LoggingSetting], opensearch_terraform),
    Extractor("opensearch-logs-cfn",
              {"cloudformation": ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"]},
              [LoggingSetting], opensearch_cloudformation),
    Extractor("redshift-audit-logs-tf", {"terraform": ["aws_redshift_cluster"]}, [LoggingSetting],
              redshift_terraform),
    Extractor("redshift-audit-logs-cfn", {"cloudformation": ["AWS::Redshift::Cluster"]}, [LoggingSetting],
              redshift_cloudformation),
    Extractor("ecs-container-insights-tf", {"terraform": ["aws_ecs_cluster"]}, [LoggingSetting], ecs_terraform),
    Extractor("ecs-container-insights-cfn", {"cloudformation": ["AWS::ECS::Cluster"]}, [LoggingSetting],
              ecs_cloudformation),
    Extractor("msk-broker-logs-tf", {"terraform": ["aws_msk_cluster"]}, [LoggingSetting], msk_terraform),
    Extractor("msk-broker-logs-cfn", {"cloudformation": ["AWS::MSK::Cluster"]}, [LoggingSetting],
              msk_cloudformation),
]
