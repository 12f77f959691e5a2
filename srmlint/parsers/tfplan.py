"""Terraform plan JSON (``terraform show -json plan.out``) into the common model.

Why read plans: a plan is the configuration with everything Terraform could
work out before applying it -- variables, locals, ``count``/``for_each``,
modules, registry modules included -- so its values are what will be
deployed, and a pipeline that already runs ``terraform plan`` can lint the
plan instead of asking srmlint to re-derive all that from ``.tf`` files.

What is read, and how:

* A plan is recognised by its content, not its name (people call it
  ``plan.json``, ``tfplan.json``, ``out.json``): a JSON object with
  ``format_version`` and ``planned_values`` or ``resource_changes``. Other
  ``.json`` files go on to the CloudFormation reader (:class:`TerraformPlanParser`
  claims ``.json`` before it and hands those over).
* Resources are the instances in ``planned_values.root_module`` and its
  ``child_modules`` (any depth), plus those only in ``resource_changes``;
  an instance whose only planned action is ``delete`` (or ``forget``) is
  not read: it will not exist (or not be this configuration's), so nothing
  is said about it. Data sources are read too (policy
  documents feed the IAM rules).
* Addresses are the plan's own (``module.vpc[0].aws_subnet.private["a"]``),
  one resource per instance; all the plan's resources share one scope, the
  plan file.
* Values are static: a value the plan knows is data; one that is known only
  after apply (``after_unknown``) is an :class:`~srmlint.model.Unknown`;
  ``null`` (an argument not set) is left out, as an absent argument is in
  ``.tf``.
* References come from the plan's ``configuration`` section (each
  expression lists what it refers to), mapped onto the instances of the same
  module instance, so a bucket still finds its encryption configuration and
  public access block through the graph.
* Locations are spans in the plan file (``terraform show -json`` writes one
  line: columns tell the resources apart). The reader sees one file only:
  when the configuration is beside the plan, the resolve stage
  (:mod:`srmlint.resolve.plan`) moves them to the ``.tf`` blocks the
  instances were planned from; the module calls' ``source`` from the
  ``configuration`` section (``module_sources`` in the ``plan`` definition)
  lets it check that the configuration is still the plan's.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from srmlint import expr as ex
from srmlint.model import (
    GENERATED,
    AttrPath,
    Definition,
    Location,
    ParsedFile,
    ParseProblem,
    Reference,
    Resource,
    Unknown,
)
from srmlint.parsers import shielded

__all__ = ["AFTER_APPLY", "TerraformPlanParser", "is_plan", "looks_like_plan", "parse_terraform_plan"]

#: What a value known only after apply is, for messages.
AFTER_APPLY: Final = "(known after apply)"
_BOM: Final = b"\xef\xbb\xbf"
#: ``type.name`` or ``data.type.name``, an optional index, the rest (the attribute).
_REFERENCE: Final = re.compile(r"^(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.(.+))?$")
#: Roots of references that are not resources.
_NOT_RESOURCES: Final = frozenset({"var", "local", "module", "each", "count", "path", "terraform", "self"})
_INDEX: Final = re.compile(r"\[[^\]]*\]")


#: Byte order marks of the wide encodings (UTF-32 first: its little-endian mark starts with UTF-16's).
_WIDE_BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _utf8(data: bytes) -> bytes:
    """UTF-16/32 text with a byte order mark as UTF-8, other bytes as they are.

    Why: on Windows, ``terraform show -json plan.out > plan.json`` in
    PowerShell writes UTF-16 with a mark; such a plan must not be skipped as
    "not a template". A mark over bytes that do not decode is left to the
    CloudFormation reader, which reports it.
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeError:
                return data
    return data


def looks_like_plan(data: bytes) -> bool:
    """Whether ``data`` may be a plan (a byte search; the structure decides)."""
    return b'"format_version"' in data and (b'"planned_values"' in data or b'"resource_changes"' in data)


def is_plan(document: Any) -> bool:
    """The structural test: an object with ``format_version`` and planned resources."""
    return (isinstance(document, dict) and isinstance(document.get("format_version"), str)
            and (isinstance(document.get("planned_values"), dict)
                 or isinstance(document.get("resource_changes"), list)))


class TerraformPlanParser:
    """The plan reader as a :class:`srmlint.parsers.Parser`.

    It claims every ``.json`` file but ``.tf.json`` -- a path cannot tell a
    plan from a CloudFormation template -- and reads the ones whose content
    is a plan; the others are read by the CloudFormation reader, exactly as
    if it had claimed them. Registered before it for that reason.
    """

    name = "terraform-plan"
    formats: frozenset[str] = frozenset({"terraform", "cloudformation"})
    module_context = False

    def claims(self, path: str) -> bool:
        lower = path.lower()
        return lower.endswith(".json") and not lower.endswith(".tf.json")

    def parse(self, path: str, data: bytes) -> ParsedFile:
        text = _utf8(data)
        if looks_like_plan(text):
            plan = parse_terraform_plan(path, text)
            if plan.format is not None:
                return plan
        from srmlint.parsers.cloudformation import parse_cloudformation

        return parse_cloudformation(path, data)


@shielded("terraform")
def parse_terraform_plan(path: str, data: bytes) -> ParsedFile:
    """Read one plan; never raises. ``format`` is None when it is not a plan."""
    from srmlint.parsers.terraform import _decode_problem
    from srmlint.parsers.yamlnodes import compose_json

    data = data.removeprefix(_BOM)
    problem = _decode_problem(path, data)
    if problem is not None:
        return ParsedFile(path, "terraform", problems=(problem,))
    composed = compose_json(data.decode("utf-8"), path)
    if composed.failed:  # it has a plan's keys, so it is one, broken
        return ParsedFile(path, "terraform", problems=composed.problems)
    if not is_plan(composed.value):
        return ParsedFile(path, None)
    return _Plan(path, composed.value, composed.locations, composed.problems).read()


@dataclass
class _Instance:
    """One resource instance of the plan and where its values are in the file."""

    address: str
    module: str
    mode: Literal["managed", "data"]
    type: str
    name: str
    values: Any
    #: Where the instance's object is, and where its values are, in the file.
    object_path: AttrPath
    json_path: AttrPath
    unknown: Any = None


def _strip_indexes(address: str) -> str:
    return _INDEX.sub("", address)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _mark_unknown(values: Any, unknown: Any) -> Any:
    """``values`` with an Unknown wherever ``after_unknown`` says ``true``."""
    if unknown is True:
        return Unknown(ex.Opaque(AFTER_APPLY), AFTER_APPLY)
    if isinstance(unknown, dict):
        out = dict(values) if isinstance(values, dict) else {}
        for key, inner in unknown.items():
            marked = _mark_unknown(out.get(key), inner)
            if marked is not None:
                out[key] = marked
        return out if out or isinstance(values, dict) else values
    if isinstance(unknown, list) and isinstance(values, list | type(None)):
        items = list(values or [])
        for index, inner in enumerate(unknown):
            if index < len(items):
                items[index] = _mark_unknown(items[index], inner)
            elif inner is True:
                items.append(_mark_unknown(None, inner))
        return items if items or values is not None else values
    return values


class _Plan:
    def __init__(self, path: str, document: dict[str, Any], locations: dict[AttrPath, Location],
                 problems: tuple[ParseProblem, ...]) -> None:
        self.path = path
        self.document = document
        self.locations = locations
        self.problems = list(problems)
        self.whole = locations.get((), Location(path, 1, 1))

    def where(self, json_path: AttrPath) -> Location:
        for end in range(len(json_path), -1, -1):
            found = self.locations.get(json_path[:end])
            if found is not None:
                return found
        return self.whole

    def read(self) -> ParsedFile:
        instances: dict[str, _Instance] = {}
        planned = self.document.get("planned_values")
        if isinstance(planned, dict) and isinstance(planned.get("root_module"), dict):
            for instance in self._planned(planned["root_module"], ("planned_values", "root_module"), ""):
                instances.setdefault(instance.address, instance)
        deleted: set[str] = set()
        for instance, actions in self._changes():
            if actions in (["delete"], ["forget"]):  # will not exist, or no longer managed here
                deleted.add(instance.address)
                continue
            known = instances.get(instance.address)
            if known is None:
                instances[instance.address] = instance
            else:
                known.unknown = instance.unknown
        resources: list[Resource] = []
        for address, instance in instances.items():
            if address in deleted:
                continue
            values = instance.values if isinstance(instance.values, dict) else {}
            attributes = _mark_unknown(_without_nulls(values), instance.unknown)
            locations = {path: self.locations[(*instance.json_path, *path)]
                         for path in _paths(attributes) if (*instance.json_path, *path) in self.locations}
            location = self.where(instance.object_path)
            locations[()] = location
            resources.append(Resource(
                "terraform", instance.type, instance.name, address, attributes, location, self.path,
                instance.mode, locations, meta={GENERATED: True}))
        references = list(self._references(resources, instances))
        header: dict[str, Any] = {k: self.document.get(k) for k in ("format_version", "terraform_version")}
        header["module_sources"] = _module_sources(self.document.get("configuration"))
        plan = Definition("plan", "plan", header, self.whole, self.path)
        return ParsedFile(self.path, "terraform", tuple(resources), (plan,), tuple(references),
                          tuple(self.problems))

    def _planned(self, module: dict[str, Any], json_path: AttrPath, module_address: str) -> Iterator[_Instance]:
        for index, item in enumerate(module.get("resources") or []):
            instance = self._instance(item, (*json_path, "resources", index), ("values",), module_address)
            if instance is not None:
                instance.values = item.get("values")
                yield instance
        for index, child in enumerate(module.get("child_modules") or []):
            if isinstance(child, dict):
                address = child.get("address")
                yield from self._planned(child, (*json_path, "child_modules", index),
                                         address if isinstance(address, str) else module_address)

    def _instance(self, item: Any, object_path: AttrPath, values: AttrPath, module_address: str) -> _Instance | None:
        if not isinstance(item, dict):
            return None
        address, type_, name = item.get("address"), item.get("type"), item.get("name")
        if not (isinstance(address, str) and isinstance(type_, str) and isinstance(name, str)):
            self.problems.append(ParseProblem("plan resource without address, type or name; not analysed",
                                              self.where(object_path)))
            return None
        mode: Literal["managed", "data"] = "data" if item.get("mode") == "data" else "managed"
        module = item.get("module_address")
        return _Instance(address, module if isinstance(module, str) else module_address, mode, type_, name,
                         None, object_path, (*object_path, *values))

    def _changes(self) -> Iterator[tuple[_Instance, list[Any]]]:
        for index, item in enumerate(self.document.get("resource_changes") or []):
            change = item.get("change") if isinstance(item, dict) else None
            if not isinstance(change, dict):
                continue
            instance = self._instance(item, ("resource_changes", index), ("change", "after"), "")
            if instance is None:
                continue
            instance.values = change.get("after")
            instance.unknown = change.get("after_unknown")
            actions = change.get("actions")
            yield instance, actions if isinstance(actions, list) else []

    def _references(self, resources: list[Resource], instances: dict[str, _Instance]) -> Iterator[Reference]:
        """Edges from the ``configuration`` section's expressions, per instance."""
        configuration = self.document.get("configuration")
        root = configuration.get("root_module") if isinstance(configuration, dict) else None
        if not isinstance(root, dict):
            return
        expressions: dict[str, Any] = {}
        _config_resources(root, "", expressions)
        # (module instance, mode, type, name) -> instance addresses
        by_block: dict[tuple[str, str, str, str], list[str]] = {}
        for instance in instances.values():
            by_block.setdefault((instance.module, instance.mode, instance.type, instance.name), []).append(
                instance.address)
        seen: set[tuple[str, str, AttrPath]] = set()
        for resource in resources:
            instance = instances[resource.address]
            config_address = _strip_indexes(resource.address)
            for path, ref in _expression_references(expressions.get(config_address)):
                parsed = _REFERENCE.match(ref)
                if parsed is None or (not parsed.group(1) and parsed.group(2) in _NOT_RESOURCES):
                    continue
                data, type_, name, index, attribute = parsed.groups()
                targets = by_block.get((instance.module, "data" if data else "managed", type_, name), [])
                if index:
                    targets = [t for t in targets if t.endswith(f"{type_}.{name}{index}")] or targets
                for target in targets:
                    key = (resource.address, target, path)
                    if key in seen or target == resource.address:
                        continue
                    seen.add(key)
                    yield Reference(resource.address, target, attribute, path, resource.locate(*path), self.path)


def _paths(value: Any, prefix: AttrPath = ()) -> Iterator[AttrPath]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _paths(item, (*prefix, index))


def _module_sources(configuration: Any) -> dict[str, str]:
    """Module path (``module.a.module.b``) -> the ``source`` the configuration gave the call."""
    out: dict[str, str] = {}
    stack: list[tuple[Any, str, int]] = [
        (configuration.get("root_module") if isinstance(configuration, dict) else None, "", 0)]
    while stack:
        module, prefix, depth = stack.pop()
        calls = module.get("module_calls") if isinstance(module, dict) else None
        if not isinstance(calls, dict) or depth > 32:
            continue
        for name, call in calls.items():
            if isinstance(call, dict):
                path = f"{prefix}module.{name}"
                if isinstance(call.get("source"), str):
                    out[path] = call["source"]
                stack.append((call.get("module"), path + ".", depth + 1))
    return out


def _config_resources(module: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    """Configuration address (``module.a.type.name``) -> expressions, all modules."""
    for item in module.get("resources") or []:
        if isinstance(item, dict) and isinstance(item.get("address"), str):
            out[prefix + item["address"]] = item.get("expressions")
    calls = module.get("module_calls")
    for name, call in (calls.items() if isinstance(calls, dict) else ()):
        inner = call.get("module") if isinstance(call, dict) else None
        if isinstance(inner, dict):
            _config_resources(inner, f"{prefix}module.{name}.", out)


def _expression_references(expressions: Any, path: AttrPath = ()) -> Iterator[tuple[AttrPath, str]]:
    """(attribute path, reference) for each expression; nested blocks are
    lists of expression maps."""
    if isinstance(expressions, list):
        for index, block in enumerate(expressions):
            yield from _expression_references(block, (*path, index))
        return
    if not isinstance(expressions, dict):
        return
    for key, item in expressions.items():
        if isinstance(item, dict) and set(item) <= {"references", "constant_value"} and item:
            for ref in item.get("references") or []:
                if isinstance(ref, str):
                    yield (*path, key), ref
        elif isinstance(item, dict | list):
            yield from _expression_references(item, (*path, key))
