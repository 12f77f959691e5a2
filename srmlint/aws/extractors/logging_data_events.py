"""S3 object-level API activity recorded by CloudTrail data events.

A bucket's object reads (``GetObject``...) and writes (``PutObject``,
``DeleteObject``...) reach CloudTrail only when a trail's event selector (or
advanced event selector) names ``AWS::S3::Object`` for that bucket or for all
buckets. Each S3 bucket gets two facts, ``s3_data_events_read`` and
``s3_data_events_write``: ``enabled`` (a trail of the scan records them),
``unset`` (none does), ``unknown`` (a trail's selectors, or the bucket's name
against a selector naming one bucket, are not static; or the bucket is handed
to a module or nested stack). The trails of the bucket's root module (and its
module calls) or template count; a trail deployed from another folder or
template, or from another account, is not seen (hence LOG028/LOG029 are info).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from srmlint.aws.extractors.logging_common import module_or_stack_receives, setting
from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import blocks, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Intrinsic, Resource, Unknown

_TRAIL = {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}
_BUCKET = {"terraform": "aws_s3_bucket", "cloudformation": "AWS::S3::Bucket"}
_ALL_BUCKETS = re.compile(r"arn:[a-z0-9-]+:s3(:::)?/?")
_ONE_BUCKET = re.compile(r"arn:[a-z0-9-]+:s3:::([^/]+)/")


@dataclass
class _Selector:
    """What one (basic or advanced) selector of a trail records for S3 objects."""

    read: bool
    write: bool
    all_buckets: bool = False
    #: Literal bucket names it names (with the trailing ``/`` AWS requires).
    names: set[str] = field(default_factory=set)
    #: (scope, address) of the buckets its non-static values refer to.
    referenced: set[tuple[str, str]] = field(default_factory=set)
    #: A value that is not static and names no bucket of the scan.
    opaque: bool = False


def _partition_only(value: Unknown) -> str | None:
    """A CloudFormation ``!Sub`` whose only variable is ``${AWS::Partition}``, as text."""
    expr = value.expr
    if isinstance(expr, Intrinsic) and expr.name == "Fn::Sub" and isinstance(expr.args, str):
        text = expr.args.replace("${AWS::Partition}", "aws")
        return None if "${" in text else text
    return None


def _value(selector: _Selector, value: Any, path: AttrPath, trail: Resource, graph: ResourceGraph,
           prefix: bool = False) -> None:
    if isinstance(value, Unknown) and (text := _partition_only(value)) is not None:
        value = text
    if isinstance(value, Unknown):
        targets = {(ref.scope, ref.target) for ref in graph.references_from(trail) if ref.path[:len(path)] == path}
        buckets = {t for t in targets if (b := graph.get(*t)) is not None and b.type == _BUCKET[trail.format]}
        if buckets:
            selector.referenced |= buckets
        else:
            selector.opaque = True
        return
    if not isinstance(value, str):
        return
    text = value.strip()
    if _ALL_BUCKETS.fullmatch(text) or (prefix and "arn:aws:s3:::".startswith(text) and text.startswith("arn:")):
        selector.all_buckets = True
    elif match := _ONE_BUCKET.match(text):
        selector.names.add(match.group(1))


def _basic(trail: Resource, graph: ResourceGraph, key: str, rw_key: str, data_key: str, type_key: str,
           values_key: str) -> list[_Selector] | None:
    found: list[_Selector] = []
    selectors = trail.attributes.get(key)
    if isinstance(selectors, Unknown):
        return None
    for i, body in enumerate(items(selectors)):
        if isinstance(body, Unknown):
            return None
        if not isinstance(body, Mapping):
            continue
        rw = body.get(rw_key, "All")
        if isinstance(rw, Unknown):
            return None
        rw = rw if isinstance(rw, str) else "All"
        resources = body.get(data_key)
        if isinstance(resources, Unknown):
            return None
        for j, resource in enumerate(items(resources)):
            if isinstance(resource, Unknown):
                return None
            if not isinstance(resource, Mapping):
                continue
            resource_type = resource.get(type_key)
            if isinstance(resource_type, Unknown):
                return None
            if resource_type != "AWS::S3::Object":
                continue
            selector = _Selector(read=rw in ("All", "ReadOnly"), write=rw in ("All", "WriteOnly"))
            values = resource.get(values_key)
            if isinstance(values, Unknown):
                return None
            for k, value in enumerate(items(values)):
                _value(selector, value, (key, i, data_key, j, values_key, k), trail, graph)
            found.append(selector)
    return found


_OPERATORS = {"terraform": ("equals", "starts_with"), "cloudformation": ("Equals", "StartsWith")}


def _advanced(trail: Resource, graph: ResourceGraph, key: str, fields_key: str,
              field_key: str) -> list[_Selector] | None:
    equals_key, starts_key = _OPERATORS[trail.format]
    found: list[_Selector] = []
    selectors = trail.attributes.get(key)
    if isinstance(selectors, Unknown):
        return None
    for i, body in enumerate(items(selectors)):
        if isinstance(body, Unknown):
            return None
        if not isinstance(body, Mapping):
            continue
        fields: dict[str, tuple[Mapping[str, Any], AttrPath]] = {}
        conditions = body.get(fields_key)
        if isinstance(conditions, Unknown):
            return None
        for j, condition in enumerate(items(conditions)):
            if isinstance(condition, Unknown) or (isinstance(condition, Mapping)
                                                  and isinstance(condition.get(field_key), Unknown)):
                return None
            if isinstance(condition, Mapping) and isinstance(condition.get(field_key), str):
                fields[condition[field_key]] = (condition, (key, i, fields_key, j))
        category = fields.get("eventCategory", ({}, ()))[0].get(equals_key)
        kind = fields.get("resources.type", ({}, ()))[0].get(equals_key)
        if isinstance(category, Unknown) or isinstance(kind, Unknown):
            return None
        if "Data" not in items(category) or "AWS::S3::Object" not in items(kind):
            continue
        if set(fields) - {"eventCategory", "resources.type", "readOnly", "resources.ARN"}:
            return None  # narrowed by event name or the like: what it records is partial
        read = write = True
        if "readOnly" in fields:
            condition = fields["readOnly"][0]
            only = condition.get(equals_key)
            if isinstance(only, Unknown) or set(condition) - {field_key, equals_key}:
                return None
            flags = {str(v).lower() for v in items(only)}
            read, write = "true" in flags, "false" in flags
        selector = _Selector(read=read, write=write)
        if "resources.ARN" in fields:
            condition, path = fields["resources.ARN"]
            if set(condition) - {field_key, equals_key, starts_key}:
                return None
            for op in (equals_key, starts_key):
                values = condition.get(op)
                if isinstance(values, Unknown):
                    return None
                for k, value in enumerate(items(values)):
                    _value(selector, value, (*path, op, k), trail, graph, prefix=op == starts_key)
        else:
            selector.all_buckets = True
        found.append(selector)
    return found


def _trail_selectors(trail: Resource, graph: ResourceGraph) -> list[_Selector] | None:
    """The S3 object selectors of a trail, or None when they are not static."""

    def compute() -> list[_Selector] | None:
        attrs = trail.attributes
        if any(isinstance(d, Mapping) and ("event_selector" in d or "advanced_event_selector" in d)
               for d in blocks(attrs.get("dynamic"))):
            return None
        if trail.format == "terraform":
            basic = _basic(trail, graph, "event_selector", "read_write_type", "data_resource", "type", "values")
            advanced = _advanced(trail, graph, "advanced_event_selector", "field_selector", "field")
        else:
            basic = _basic(trail, graph, "EventSelectors", "ReadWriteType", "DataResources", "Type", "Values")
            advanced = _advanced(trail, graph, "AdvancedEventSelectors", "FieldSelectors", "Field")
        if basic is None or advanced is None:
            return None
        return basic + advanced

    return graph.memo(("s3-data-event-selectors", trail.scope, trail.address), compute)


def _covers(selector: _Selector, bucket: Resource, name: Any) -> bool | None:
    """Whether the selector covers the bucket (None: not statically known)."""
    if selector.all_buckets or (bucket.scope, bucket.address) in selector.referenced:
        return True
    if isinstance(name, str) and name in selector.names:
        return True
    if selector.opaque or (isinstance(name, Unknown) and selector.names):
        return None
    return False


def _root(scope: str) -> str:
    """The root module (or template) a scope belongs to: a module call's scope is ``<root>#<call path>``."""
    return scope.split("#", 1)[0]


def _trails(graph: ResourceGraph, bucket: Resource) -> list[Resource]:
    """The trails of the bucket's root module or template, its module calls included."""

    def compute() -> dict[str, list[Resource]]:
        by_root: dict[str, list[Resource]] = {}
        for trail in graph.by_type(_TRAIL[bucket.format]):
            by_root.setdefault(_root(trail.scope), []).append(trail)
        return by_root

    return graph.memo(("s3-data-event-trails", bucket.format), compute).get(_root(bucket.scope), [])


def _states(bucket: Resource, graph: ResourceGraph, name_key: str) -> tuple[LoggingState, LoggingState]:
    name = bucket.attributes.get(name_key)
    read: LoggingState = "unset"
    write: LoggingState = "unset"
    for trail in _trails(graph, bucket):
        selectors = _trail_selectors(trail, graph)
        if selectors is None:
            read = "unknown" if read != "enabled" else read
            write = "unknown" if write != "enabled" else write
            continue
        for selector in selectors:
            covered = _covers(selector, bucket, name)
            if covered is False:
                continue
            state: LoggingState = "enabled" if covered else "unknown"
            if selector.read and read != "enabled":
                read = state
            if selector.write and write != "enabled":
                write = state
    if module_or_stack_receives(bucket, graph):
        read = "unknown" if read == "unset" else read
        write = "unknown" if write == "unset" else write
    return read, write


def _facts(bucket: Resource, graph: ResourceGraph, name_key: str) -> Iterator[LoggingSetting]:
    read, write = _states(bucket, graph, name_key)
    yield setting("s3_data_events_read", read)
    yield setting("s3_data_events_write", write)


def bucket_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _facts(resource, graph, "bucket")


def bucket_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _facts(resource, graph, "BucketName")


EXTRACTORS = [
    Extractor("s3-data-events-tf", {"terraform": ["aws_s3_bucket"]}, [LoggingSetting], bucket_terraform),
    Extractor("s3-data-events-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [LoggingSetting],
              bucket_cloudformation),
]
