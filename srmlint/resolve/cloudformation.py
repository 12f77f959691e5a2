"""CloudFormation: parameters, mappings and conditions, statically.

Why: templates written for several environments keep their security
settings behind ``Ref: EnableEncryption``, ``Fn::FindInMap`` and
``Fn::If``. With parameter defaults (or ``--parameter`` values) those are
static, and a resource whose ``Condition`` is statically false is never
created, so nothing is said about it. What depends on a resource, a
pseudo-parameter or a condition that is not static stays an Unknown: an
``Fn::If`` on an unknown condition is resolved only when both branches agree,
so a finding is never raised on a branch that may not be taken.

SAM ``Globals`` are merged first, as SAM's translator merges them (its
``GlobalProperties``), so what they set is resolved like the rest: a
``Globals.Function`` value goes into every ``AWS::Serverless::Function``
(section ``X`` into ``AWS::Serverless::X``); the resource's own value wins,
mappings are merged key by key, lists are concatenated (Globals' items
first), an intrinsic counts as a scalar, and ``IgnoreGlobals`` (``"*"`` or a
list of property names) is honoured. Each merged property keeps the location
it was written at, so a finding on a value from ``Globals`` points at the
``Globals`` line. Globals are applied whenever the section is there, with or
without ``Transform: AWS::Serverless-2016-10-31``: CloudFormation rejects a
``Globals`` section in any other template, so one that has it is written
for SAM. The full SAM expansion (``aws-sam-translator``) is not run; the
APIs and methods SAM creates implicitly are added by :mod:`srmlint.resolve.sam`.

A resource whose values still hang on the ``Fn::If`` of exactly one condition
that is not static also carries its attributes under each branch
(:data:`srmlint.resolve.BRANCHES`): the engine checks both, and a finding of
one branch only names it.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from srmlint.model import AttrPath, Definition, Intrinsic, Location, ParsedFile, Reference, Resource, Unknown
from srmlint.parsers.cloudformation import GLOBALS_APPLIED, META, convert, intrinsic_references
from srmlint.resolve.branches import BRANCHES, Branch
from srmlint.resolve.sam import SAM_EVENT_SOURCES, add_event_methods, add_implicit_apis

__all__ = ["MAX_NESTING", "apply_sam_globals", "resolve_cloudformation", "resolve_templates"]


class _Residual:
    """Not static: keeps the raw intrinsic it came from."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw


#: ``Ref: AWS::NoValue``: the property is removed.
_NO_VALUE = object()
_SUB = re.compile(r"\$\{([^}]*)\}")
#: Parameter types whose value is not the text given (SSM look-ups happen at deploy time).
_DYNAMIC_TYPES = ("AWS::SSM::Parameter::Value",)


def _known(value: Any) -> bool:
    if isinstance(value, _Residual) or value is _NO_VALUE:
        return False
    if isinstance(value, dict):
        return all(_known(v) for v in value.values())
    if isinstance(value, list):
        return all(_known(v) for v in value)
    return True


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return None


class _Template:
    """Evaluates one template's intrinsics against its parameters, mappings and conditions."""

    def __init__(self, definitions: tuple[Definition, ...], overrides: Mapping[str, Any]) -> None:
        self.parameters: dict[str, Any] = {}
        self.mappings: dict[str, Any] = {}
        self.conditions: dict[str, Any] = {}
        for d in definitions:
            if d.kind == "parameter" and isinstance(d.value, dict):
                value = overrides.get(d.name, d.value.get("Default"))
                kind = str(d.value.get("Type", ""))
                if value is None or isinstance(value, Unknown) or kind.startswith(_DYNAMIC_TYPES):
                    continue
                if ("CommaDelimitedList" in kind or kind.startswith("List<")) and isinstance(value, str):
                    value = [part.strip() for part in value.split(",")]
                self.parameters[d.name] = value
            elif d.kind == "mapping":
                self.mappings[d.name] = d.value
            elif d.kind == "condition":
                self.conditions[d.name] = d.value
        self._decided: dict[str, bool | None] = {}
        self._busy: set[str] = set()

    def assuming(self, name: str, value: bool) -> _Template:
        """This template with condition ``name`` taken as ``value`` (those
        derived from it are decided again)."""
        other = copy.copy(self)
        other._decided = {k: v for k, v in self._decided.items() if v is not None}
        other._decided[name] = value
        other._busy = set()
        return other

    def condition(self, name: Any) -> bool | None:
        """A named condition's value; None when it is not static."""
        if not isinstance(name, str) or name not in self.conditions or name in self._busy:
            return None
        if name not in self._decided:
            self._busy.add(name)
            try:
                value = self.eval(_raw(self.conditions[name]))
            finally:
                self._busy.discard(name)
            self._decided[name] = value if isinstance(value, bool) else None
        return self._decided[name]

    def eval(self, raw: Any) -> Any:
        if isinstance(raw, dict):
            if len(raw) == 1:
                ((key, args),) = raw.items()
                if key == "Ref" or (isinstance(key, str) and key.startswith("Fn::")) or key == "Condition":
                    return self._intrinsic(key, args, raw)
            result: dict[Any, Any] = {}
            for key, value in raw.items():
                evaluated = self.eval(value)
                if evaluated is not _NO_VALUE:
                    result[key] = evaluated
            return result
        if isinstance(raw, list):
            return [v for v in (self.eval(item) for item in raw) if v is not _NO_VALUE]
        return raw

    def _intrinsic(self, name: str, args: Any, raw: Any) -> Any:
        residual = _Residual(raw)
        if name == "Ref":
            if args == "AWS::NoValue":
                return _NO_VALUE
            return self.parameters.get(args, residual) if isinstance(args, str) else residual
        if name == "Condition" and not isinstance(args, str):
            return residual
        if name == "Condition":
            decided = self.condition(args)
            return residual if decided is None else decided
        if name == "Fn::If":
            if not isinstance(args, list) or len(args) != 3:
                return residual
            decided = self.condition(args[0])
            if decided is not None:
                return self.eval(args[1] if decided else args[2])
            true, false = self.eval(args[1]), self.eval(args[2])
            if _known(true) and _known(false) and true == false:
                return true
            return residual
        if name in ("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"):
            return self._logic(name, args, residual)
        if name == "Fn::FindInMap":
            return self._find_in_map(args, residual)
        if name == "Fn::Sub":
            return self._sub(args, residual)
        if name == "Fn::Join":
            if isinstance(args, list) and len(args) == 2:
                sep, items = self.eval(args[0]), self.eval(args[1])
                if isinstance(sep, str) and isinstance(items, list) and _known(items):
                    texts = [_scalar_text(i) for i in items]
                    if all(t is not None for t in texts):
                        return sep.join(t for t in texts if t is not None)
            return residual
        if name == "Fn::Select":
            if isinstance(args, list) and len(args) == 2:
                index, items = self.eval(args[0]), self.eval(args[1])
                if isinstance(items, list) and isinstance(index, int | str) and str(index).isdigit():
                    position = int(index)
                    if position < len(items) and _known(items[position]):
                        return items[position]
            return residual
        if name == "Fn::Split":
            if isinstance(args, list) and len(args) == 2:
                sep, text = self.eval(args[0]), self.eval(args[1])
                if isinstance(sep, str) and sep and isinstance(text, str):
                    return text.split(sep)
            return residual
        return residual

    def _logic(self, name: str, args: Any, residual: _Residual) -> Any:
        if not isinstance(args, list):
            return residual
        values = [self.eval(a) for a in args]
        if name == "Fn::Equals":
            if len(values) != 2 or not all(_known(v) for v in values):
                return residual
            left, right = (_scalar_text(v) if not isinstance(v, list | dict) else v for v in values)
            return left == right
        bools = [v if isinstance(v, bool) else None for v in values]
        if name == "Fn::Not":
            return residual if len(bools) != 1 or bools[0] is None else not bools[0]
        if name == "Fn::And":
            if any(b is False for b in bools):
                return False
            return residual if any(b is None for b in bools) else True
        if any(b is True for b in bools):  # Fn::Or
            return True
        return residual if any(b is None for b in bools) else False

    def _find_in_map(self, args: Any, residual: _Residual) -> Any:
        if not isinstance(args, list) or len(args) not in (3, 4):
            return residual
        keys = [self.eval(a) for a in args[:3]]
        if not all(isinstance(k, str | int) and not isinstance(k, bool) for k in keys):
            return residual
        table = self.mappings.get(str(keys[0]))
        second = table.get(str(keys[1])) if isinstance(table, dict) else None
        if isinstance(second, dict) and str(keys[2]) in second:
            value = second[str(keys[2])]
            return value if not isinstance(value, Unknown) else residual
        if len(args) == 4 and isinstance(args[3], dict) and "DefaultValue" in args[3]:
            return self.eval(args[3]["DefaultValue"])
        return residual

    def _sub(self, args: Any, residual: _Residual) -> Any:
        template: Any = args
        variables: dict[str, Any] = {}
        if isinstance(args, list):
            if not args or len(args) > 2:
                return residual
            template = args[0]
            if len(args) == 2:
                if not isinstance(args[1], dict):
                    return residual
                variables = {str(k): self.eval(v) for k, v in args[1].items()}
        if not isinstance(template, str):
            return residual
        unknown = False

        def substitute(match: re.Match[str]) -> str:
            nonlocal unknown
            inner = match.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            name = inner.strip()
            value = variables[name] if name in variables else self.parameters.get(name, _Residual(None))
            text = _scalar_text(value) if _known(value) else None
            if text is None:
                unknown = True
                return match.group(0)
            return text

        result = _SUB.sub(substitute, template)
        return residual if unknown else result


def _raw(value: Any) -> Any:
    """Model data (with Unknown(Intrinsic)) back to decoded form, for evaluation."""
    if isinstance(value, Unknown) and isinstance(value.expr, Intrinsic):
        return {value.expr.name: value.expr.args}
    if isinstance(value, dict):
        return {k: _raw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_raw(v) for v in value]
    return value


def _finish(value: Any, original: Any) -> Any:
    """Evaluation result to model data; an unchanged residual keeps the original Unknown."""
    if isinstance(value, _Residual):
        return original if isinstance(original, Unknown) else convert(value.raw)
    if isinstance(value, dict):
        return {k: _finish(v, None) for k, v in value.items()}
    if isinstance(value, list):
        return [_finish(v, None) for v in value]
    return value


def _resolve_value(template: _Template, value: Any) -> Any:
    if isinstance(value, Unknown):
        intrinsic = value.expr
        if not isinstance(intrinsic, Intrinsic) or intrinsic.name == "Fn::GetAtt" or (
                intrinsic.name == "Ref" and isinstance(intrinsic.args, str)
                and intrinsic.args not in template.parameters and intrinsic.args != "AWS::NoValue"):
            return value  # the common case, a resource's attribute: never static
        return _finish(template.eval({intrinsic.name: intrinsic.args}), value)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            resolved = _resolve_value(template, item)
            if resolved is not _NO_VALUE:
                out[key] = resolved
        return out
    if isinstance(value, list):
        return [v for v in (_resolve_value(template, item) for item in value) if v is not _NO_VALUE]
    return value


_SAM_PREFIX = "AWS::Serverless::"
#: Where a merged value comes from: the resource itself or the Globals section.
_LOCAL, _GLOBAL = "local", "global"


class _Mounts:
    """Where each part of a merged value came from, to carry locations over.

    ``subtree[origin][src] = dst``: everything at and below ``src`` in
    ``origin`` now lives at ``dst``. ``exact[origin][src] = dst``: only the
    node itself (a mapping or list merged from both sides keeps the
    resource's own span for itself; its children have their own entries).
    """

    def __init__(self) -> None:
        self.subtree: dict[str, dict[AttrPath, AttrPath]] = {_LOCAL: {}, _GLOBAL: {}}
        self.exact: dict[str, dict[AttrPath, AttrPath]] = {_LOCAL: {}, _GLOBAL: {}}

    def moved(self, origin: str, path: AttrPath) -> AttrPath | None:
        """``path`` of ``origin`` in the merged value; None when it was overridden."""
        exact = self.exact[origin].get(path)
        if exact is not None:
            return exact
        subtree = self.subtree[origin]
        for end in range(len(path), -1, -1):
            dst = subtree.get(path[:end])
            if dst is not None:
                return (*dst, *path[end:])
        return None


def _token(value: Any) -> str:
    """SAM's merge classes: an intrinsic (an Unknown here) merges as a scalar."""
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list):
        return "list"
    return "primitive"


def _merge(glob: Any, local: Any, path: AttrPath, mounts: _Mounts) -> Any:
    """SAM's ``GlobalProperties._do_merge``, recording where each part went."""
    kind = _token(glob)
    if kind != _token(local) or kind == "primitive":
        mounts.subtree[_LOCAL][path] = path
        return local
    mounts.exact[_LOCAL][path] = path
    if kind == "list":
        for index in range(len(glob)):
            mounts.subtree[_GLOBAL][(*path, index)] = (*path, index)
        for index in range(len(local)):
            mounts.subtree[_LOCAL][(*path, index)] = (*path, len(glob) + index)
        return [*glob, *local]
    merged = dict(glob)
    for key in glob:
        if key not in local:
            mounts.subtree[_GLOBAL][(*path, key)] = (*path, key)
    for key, value in local.items():
        if key in glob:
            merged[key] = _merge(glob[key], value, (*path, key), mounts)
        else:
            mounts.subtree[_LOCAL][(*path, key)] = (*path, key)
            merged[key] = value
    return merged


def _globals_for(resource: Resource, section: Definition | None) -> dict[str, Any] | None:
    """The Globals properties that apply to ``resource`` ({} for none); None
    when that cannot be known (an ``IgnoreGlobals`` or ``Properties`` that is
    not static, a malformed section)."""
    if "Properties" in resource.meta:  # Properties: !If [...]: nothing is known
        return None
    if section is None:
        return {}
    if not isinstance(section.value, dict):
        return None
    ignore = resource.meta.get("IgnoreGlobals")
    if ignore is None:
        return dict(section.value)
    if ignore == "*":
        return {}
    if isinstance(ignore, list) and all(isinstance(i, str) for i in ignore):
        return {k: v for k, v in section.value.items() if k not in ignore}
    return None


def apply_sam_globals(pf: ParsedFile) -> ParsedFile:
    """``pf`` with its ``Globals`` merged into its ``AWS::Serverless::*``
    resources (see the module docstring), each marked :data:`GLOBALS_APPLIED`
    so that a property it still leaves out is known to be unset."""
    sections = {d.name: d for d in pf.definitions if d.kind == "sam_globals"}
    resources: list[Resource] = []
    references: list[Reference] = []
    changed = False
    for resource in pf.resources:
        if not resource.type.startswith(_SAM_PREFIX):
            resources.append(resource)
            continue
        section = sections.get(resource.type[len(_SAM_PREFIX):])
        glob = _globals_for(resource, section)
        if glob is None:
            resources.append(resource)
            continue
        changed = True
        meta = {**resource.meta, GLOBALS_APPLIED: section.name if section is not None and glob else None}
        if not glob or section is None:
            resources.append(replace(resource, meta=meta))
            continue
        mounts = _Mounts()
        attributes = _merge(glob, dict(resource.attributes), (), mounts)
        locations: dict[AttrPath, Location] = {}
        for origin, spans in ((_GLOBAL, section.locations), (_LOCAL, resource.locations)):
            for where, span in spans.items():
                if origin == _LOCAL and where[:1] == (META,):
                    locations[where] = span
                    continue
                if not where:
                    continue
                moved = mounts.moved(origin, where)
                if moved is not None:
                    locations[moved] = span
        merged = replace(resource, attributes=attributes, locations=locations, meta=meta)
        resources.append(merged)
        for src, dst in mounts.subtree[_GLOBAL].items():
            for target, attribute, where in intrinsic_references(_raw(_at(glob, src)), dst):
                references.append(Reference(resource.name, target, attribute, where, merged.locate(*where),
                                            resource.scope))
    if not changed:
        return pf
    return replace(pf, resources=tuple(resources), references=(*pf.references, *references))


def _at(value: Any, path: AttrPath) -> Any:
    """The part of ``value`` at ``path`` (which exists: it was recorded walking it)."""
    for step in path:
        value = value[step]
    return value


def resolve_cloudformation(pf: ParsedFile, parameters: Mapping[str, Any]) -> ParsedFile:
    """``pf`` with SAM ``Globals`` merged, and parameters, mappings and
    conditions applied where static; resources whose ``Condition`` is
    statically false are left out."""
    if pf.format != "cloudformation" or not pf.resources:
        return pf
    sam = any(r.type in SAM_EVENT_SOURCES for r in pf.resources)
    if sam:  # SAM's implicit APIs exist before its Globals are merged: they receive them
        pf = add_implicit_apis(pf)
    pf = apply_sam_globals(pf)
    if any(d.kind in ("parameter", "mapping", "condition") for d in pf.definitions):
        # with nothing to look up, intrinsics only name resources and pseudo-parameters
        pf = _apply_template(pf, _Template(pf.definitions, parameters))
    return add_event_methods(pf) if sam else pf


def _apply_template(pf: ParsedFile, template: _Template) -> ParsedFile:
    resources: list[Resource] = []
    changed = False
    for resource in pf.resources:
        condition = resource.meta.get("Condition")
        if isinstance(condition, str) and template.condition(condition) is False:
            changed = True
            continue
        attributes = _resolve_value(template, resource.attributes)
        if attributes != resource.attributes:
            changed = True
            resource = replace(resource, attributes=attributes)
        branches = _branches(template, attributes) if template.conditions else None
        if branches:
            changed = True
            resource = replace(resource, meta={**resource.meta, BRANCHES: branches})
        resources.append(resource)
    return replace(pf, resources=tuple(resources)) if changed else pf


def _if_conditions(template: _Template, raw: Any, found: set[str]) -> None:
    """The conditions, not static, of the ``Fn::If``s in decoded ``raw``."""
    if isinstance(raw, dict):
        if len(raw) == 1 and "Fn::If" in raw:
            args = raw["Fn::If"]
            if isinstance(args, list) and len(args) == 3 and isinstance(args[0], str) \
                    and template.condition(args[0]) is None:
                found.add(args[0])
        for value in raw.values():
            _if_conditions(template, value, found)
    elif isinstance(raw, list):
        for value in raw:
            _if_conditions(template, value, found)


def _branches(template: _Template, attributes: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """For a resource whose values still hang on ``Fn::If`` on ONE
    condition that is not static: its attributes with that condition true,
    and false (a :class:`~srmlint.resolve.branches.Branch` each), so that a finding
    that holds on one branch only can be reported with the branch named
    (:data:`srmlint.resolve.BRANCHES`). None otherwise: with several such
    conditions their combinations may not all be reachable, and the values
    stay Unknown, without findings, as before."""
    found: set[str] = set()
    stack: list[Any] = [attributes]
    while stack:
        item = stack.pop()
        if isinstance(item, Unknown):
            if isinstance(item.expr, Intrinsic):
                _if_conditions(template, {item.expr.name: item.expr.args}, found)
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    if len(found) != 1:
        return None
    (condition,) = found
    return tuple(Branch(f"when condition {condition} is {'true' if value else 'false'}",
                        _resolve_value(template.assuming(condition, value), attributes))
                 for value in (True, False))


# ------------------------------------------------------------------ nested stacks

#: Resource types that deploy another template, and the property naming it.
_NESTED: dict[str, str] = {"AWS::CloudFormation::Stack": "TemplateURL", "AWS::Serverless::Application": "Location"}
#: How deep parents are followed to bind a child's parameters (a longer chain,
#: or a cycle, is resolved from the parameter defaults).
MAX_NESTING = 8


def _local_template(parent: ParsedFile, resource: Resource) -> str | None:
    """The normalised path a nested stack's template names, when it is a local file."""
    key = _NESTED.get(resource.type)
    url = resource.attributes.get(key) if key else None
    if not isinstance(url, str) or not url or "://" in url or url.startswith("s3:") or "${" in url:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(parent.path), url))


def _static(value: Any) -> bool:
    if isinstance(value, Unknown):
        return False
    if isinstance(value, dict):
        return all(_static(v) for v in value.values())
    if isinstance(value, list):
        return all(_static(v) for v in value)
    return True


def _passed(child: ParsedFile, stacks: list[Resource]) -> dict[str, Any]:
    """The parameter values the parent stacks pass ``child``: a value all of
    them pass statically is bound; one they pass differently, or not
    statically, is an Unknown (never the default, which they replace); one
    none of them passes keeps its default."""
    _unset = object()
    bound: dict[str, Any] = {}
    for definition in child.definitions:
        if definition.kind != "parameter":
            continue
        values: list[Any] = []
        for stack in stacks:
            given = stack.attributes.get("Parameters", {})
            values.append(given.get(definition.name, _unset) if isinstance(given, dict) else given)
        if all(v is _unset for v in values):
            continue
        first = values[0]
        if all(v is not _unset and _static(v) and v == first for v in values):
            bound[definition.name] = first
        else:
            bound[definition.name] = Unknown(Intrinsic("Ref", definition.name), f"!Ref {definition.name}")
    return bound


def resolve_templates(files: list[ParsedFile], parameters: Mapping[str, Any]) -> dict[str, ParsedFile]:
    """Every CloudFormation file of ``files`` resolved, by path.

    Why more than one file at a time: a nested stack (``AWS::CloudFormation::Stack``
    with a ``TemplateURL``, or a SAM application with a ``Location``, naming a
    template of the scan by its path relative to the parent) receives its
    parameter values from the parent's ``Parameters``, not from its defaults:
    those are bound (see :func:`_passed`), after the parent itself is resolved
    (so what the parent computes statically from its own parameters is
    passed on). The child is still reported as its own template. A template
    that cannot be resolved stays as read.
    """
    templates = {os.path.normpath(pf.path): pf for pf in files if pf.format == "cloudformation"}
    parents: dict[str, list[str]] = {}
    for key, pf in templates.items():
        for resource in pf.resources:
            child = _local_template(pf, resource)
            if child in templates and child != key and key not in parents.get(child, []):
                parents.setdefault(child, []).append(key)
    done: dict[str, ParsedFile] = {}

    def resolve(key: str, chain: tuple[str, ...]) -> ParsedFile:
        if key in done:
            return done[key]
        pf = templates[key]
        stacks: list[Resource] = []
        if len(chain) < MAX_NESTING:
            for parent_key in parents.get(key, []):
                if parent_key in chain:
                    continue  # a cycle: CloudFormation would never deploy it
                parent = resolve(parent_key, (*chain, key))
                stacks.extend(r for r in parent.resources if _local_template(parent, r) == key)
        bound = _passed(pf, stacks) if stacks else {}
        try:
            result = resolve_cloudformation(pf, {**parameters, **bound})
        except (Exception, RecursionError):  # a bug or a hostile input: the file stays as read
            result = pf
        if len(chain) < MAX_NESTING or not parents.get(key):
            done[key] = result
        return result

    for key in templates:
        resolve(key, ())
    return {pf.path: done.get(key, pf) for key, pf in templates.items()}
