"""Helpers the logging extractors share (this module registers no extractors).

Every logging extractor yields :class:`~srmlint.aws.facts.LoggingSetting`
facts. The kinds, by module:

- ``logging_audit``: ``trail_multi_region``, ``trail_log_validation``,
  ``trail_cloudwatch_logs``, ``trail_logging`` (CloudTrail);
  ``config_aggregator_all_regions``, ``config_recorder_enabled`` (AWS Config);
  ``guardduty_detector``; ``log_group_retention`` (CloudWatch Logs).
- ``logging_access``: ``s3_access_logs``, ``vpc_flow_logs``, ``lb_access_logs``,
  ``cloudfront_access_logs``, ``apigw_access_logs``, ``waf_logging``.
- ``logging_services``: ``xray_tracing`` (Lambda, API Gateway REST stages,
  Step Functions), ``sfn_logging``, ``db_log_exports`` (RDS, Aurora,
  DocumentDB, Neptune), ``eks_control_plane_logs``, ``opensearch_logs``,
  ``redshift_audit_logs``, ``ecs_container_insights``, ``msk_broker_logs``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import as_bool, blocks, is_set
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown
from srmlint.parsers.cloudformation import GLOBALS_APPLIED

#: SAM resource types whose properties the template's ``Globals`` section may
#: set. The resolve stage merges ``Globals`` into them (and marks them
#: ``GLOBALS_APPLIED``); one that did not go through it (the stage turned off,
#: ``ResolveOptions(enabled=False)``; an ``IgnoreGlobals`` or ``Properties`` that
#: is not static) may still get a property it leaves out from there.
SAM_GLOBALS_TYPES = frozenset({
    "AWS::Serverless::Function", "AWS::Serverless::Api", "AWS::Serverless::HttpApi",
    "AWS::Serverless::SimpleTable", "AWS::Serverless::StateMachine",
})


def setting(kind: str, state: LoggingState, path: AttrPath = (), *, source: str | None = None,
            detail: tuple[str, ...] = ()) -> LoggingSetting:
    return LoggingSetting(path=path, source=source, kind=kind, state=state, detail=detail)


def flag_state(value: Any, default: LoggingState = "unset") -> LoggingState:
    """A boolean switch: ``default`` when absent."""
    flag = as_bool(value)
    if isinstance(flag, Unknown):
        return "unknown"
    if flag is None:
        return default
    return "enabled" if flag else "disabled"


def flag(resource: Resource, key: str, kind: str, *, default: LoggingState = "unset") -> LoggingSetting:
    """A top-level boolean attribute of ``resource`` as a setting."""
    value = resource.attributes.get(key)
    return setting(kind, flag_state(value, default), (key,) if value is not None else ())


def absent(resource: Resource) -> LoggingState:
    """The state of a property a resource leaves out: ``unset``, but
    ``unknown`` for a SAM resource whose ``Globals`` were not merged into it
    (they may set it). Once merged, what is absent is absent: a finding then
    rests on the template as SAM deploys it."""
    if resource.type in SAM_GLOBALS_TYPES and GLOBALS_APPLIED not in resource.meta:
        return "unknown"
    return "unset"


def destination_state(value: Any) -> LoggingState:
    """A log destination (a bucket, a log group ARN): set, unset or unknown."""
    if isinstance(value, Unknown):
        return "unknown"
    return "enabled" if is_set(value) else "unset"


def tf_blocks(resource: Resource, name: str) -> tuple[list[Mapping[str, Any]], bool]:
    """The bodies of the nested block ``name`` and whether a ``dynamic`` block
    of that name exists (its content is then not statically known)."""
    attrs = resource.attributes
    dynamic = any(isinstance(d, Mapping) and name in d for d in blocks(attrs.get("dynamic")))
    value = attrs.get(name)
    if isinstance(value, Unknown):
        return [], True
    return blocks(value), dynamic


def mapping(value: Any) -> Mapping[str, Any] | Unknown | None:
    """A CloudFormation property that must be a mapping: the mapping, an
    Unknown (an intrinsic), or None (absent or the wrong type)."""
    if isinstance(value, Mapping | Unknown):
        return value
    return None


def module_or_stack_receives(resource: Resource, graph: ResourceGraph) -> bool:
    """Whether a Terraform module call or a nested CloudFormation stack is
    handed a reference to ``resource``: what it creates is not visible here."""
    for ref in graph.references_to(resource):
        if ref.source.startswith("module."):
            return True
        source = graph.get(ref.scope, ref.source)
        if source is not None and source.type == "AWS::CloudFormation::Stack":
            return True
    return False


def literal_name_match(config: Resource, key: str, target: Resource, target_key: str) -> bool:
    """``config.key`` names ``target`` by its literal ``target_key`` value."""
    name = target.attributes.get(target_key)
    return isinstance(name, str) and bool(name) and config.attributes.get(key) == name
