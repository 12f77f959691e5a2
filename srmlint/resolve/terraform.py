"""Terraform: variables, locals, local modules, ``count`` and dynamic blocks, statically.

Why a stage of its own, after parsing and before the graph: a value is only
known once every file of its module directory is read (a ``variable`` in
``variables.tf``, its value in ``terraform.tfvars``, a ``local`` in
``locals.tf``), and a module's resources only once its caller's inputs are
known. The readers stay one-file-at-a-time and cacheable; this stage works
per module directory and hands the graph resources whose attributes are as
static as the configuration makes them.

Each directory of the scan is a root module: variables take their
``default``, then ``terraform.tfvars``, ``terraform.tfvars.json`` and
``*.auto.tfvars(.json)`` (lexical order), then the configuration's
``variables`` table, ``--var-file``\\ s and ``--var``\\ s, as Terraform ranks
them. A ``module`` block with a local ``source`` (``./``, ``../``) is
expanded once per call with its inputs bound: its resources get a scope of
their own and a :class:`~srmlint.model.ModuleCall` naming the call. A module
from a registry (or a Git address of one) is expanded the same way from the
folder ``terraform init`` downloaded it to, when ``.terraform/modules`` says
so, else from a shipped shim with its locations moved to the call
(:mod:`srmlint.resolve.registry`); the version pin is not looked at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from srmlint import expr as E
from srmlint.model import (
    GENERATED,
    AttrPath,
    Definition,
    Location,
    ModuleCall,
    ParsedFile,
    ParseProblem,
    Reference,
    Resource,
    Unknown,
)
from srmlint.resolve.branches import BRANCHES, Branch
from srmlint.resolve.hcl import EvalError, Evaluator, distinct, is_known, tobool, tonumber, tostring
from srmlint.resolve.registry import Relocator, downloaded_module, shim_directory

__all__ = ["TerraformInputs", "load_var_file", "parse_var_assignment", "resolve_terraform"]

#: Module nesting deeper than this is not expanded (real trees are 2-4 deep).
MAX_MODULE_DEPTH = 8
#: A block with more known instances than this (``count``, ``for_each``) is
#: checked once, with its index or key unknown, instead of once per instance.
MAX_INSTANCES = 32
#: Same limit as the engine's: a module file larger than this is not read.
_MAX_FILE_BYTES = 16 * 1024 * 1024
#: Reference targets a module call's resolved copy has already inlined.
_INLINED = ("var.", "local.")
#: Module block arguments that are not inputs.
_MODULE_META = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})


@dataclass(frozen=True)
class TerraformInputs:
    """Variable values given from outside the templates (all root modules).

    ``config`` comes from the configuration file's ``variables`` table (typed
    TOML values), ``var_files`` from ``--var-file`` (already read, in order),
    ``cli`` from ``--var NAME=VALUE`` (raw text, converted by the variable's
    declared type as Terraform does).
    """

    config: Mapping[str, Any] = field(default_factory=dict)
    var_files: tuple[Mapping[str, Any], ...] = ()
    cli: Mapping[str, str] = field(default_factory=dict)


def parse_var_assignment(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` from ``--var``; ValueError when there is no name."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not name.replace("_", "a").replace("-", "a").isalnum():
        raise ValueError(f"--var expects NAME=VALUE, got {text!r}")
    return name, value


def load_var_file(path: str) -> dict[str, Any]:
    """The values of a ``.tfvars`` (HCL) or ``.tfvars.json`` file; ValueError if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(_MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read variable file: {exc.strerror or exc}") from None
    values, problems = _read_var_data(path, data)
    if problems:
        problem = problems[0]
        raise ValueError(f"{path}:{problem.location.line}: {problem.message}")
    return values


def _read_var_data(path: str, data: bytes) -> tuple[dict[str, Any], list[ParseProblem]]:
    if len(data) > _MAX_FILE_BYTES:
        return {}, [ParseProblem("variable file over the size limit; not read", Location(path, 1, 1))]
    if path.endswith(".json"):
        try:
            loaded = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            return {}, [ParseProblem(f"invalid JSON: {exc}", Location(path, 1, 1))]
        if not isinstance(loaded, dict):
            return {}, [ParseProblem("a JSON variable file must hold an object", Location(path, 1, 1))]
        return loaded, []
    from srmlint.parsers.terraform import read_attributes

    raw, problems = read_attributes(data, path)
    if problems:
        return {}, problems
    static = Evaluator({}, {})  # variable files hold constants: no variables, no locals
    return {name: static.value(value) for name, value in raw.items()}, []


def _auto_var_files(directory: str) -> list[str]:
    """Terraform's automatically loaded variable files of a root module, in its order."""
    try:
        with os.scandir(directory or ".") as it:
            names = sorted(e.name for e in it if e.is_file())
    except OSError:
        return []
    first = [n for n in ("terraform.tfvars", "terraform.tfvars.json") if n in names]
    auto = [n for n in names if n.endswith((".auto.tfvars", ".auto.tfvars.json"))]
    return [os.path.join(directory, n) if directory else n for n in [*first, *auto]]


# -- variable typing -----------------------------------------------------------------------------


def _primitive_type(body: Mapping[str, Any]) -> str | None:
    """``string``/``number``/``bool`` when the variable declares that type."""
    declared = body.get("type")
    if isinstance(declared, Unknown) and isinstance(declared.expr, E.Traversal) and not declared.expr.steps:
        return declared.expr.root
    return None


def _convert(value: Any, type_name: str | None) -> Any:
    """Convert a given value to a primitive declared type, as Terraform would."""
    if value is None or type_name not in ("string", "number", "bool") or not is_known(value):
        return value
    try:
        if type_name == "string":
            return tostring(value)
        if type_name == "number":
            return tonumber(value)
        return tobool(value)
    except EvalError:
        return value


def _cli_value(text: str, type_name: str | None) -> Any:
    """A ``--var`` value: raw text for a string, else read as an HCL expression."""
    if type_name == "string":
        return text
    from srmlint.parsers.terraform import parse_expression

    parsed = parse_expression(text)
    if parsed is None:
        return text
    value, _ = parsed
    value = Evaluator({}, {}).value(value)
    if type_name is None and not isinstance(value, list | dict):
        return text  # an untyped variable takes the text as given
    return value


# -- module directories ---------------------------------------------------------------------------


class _Loader:
    """The files of module directories: from the scan when it read them, else
    from disk (through the parse cache when the scan has one)."""

    def __init__(self, groups: Mapping[str, Sequence[ParsedFile]], cache_dir: str | None = None) -> None:
        self._groups = {os.path.normpath(k): list(v) for k, v in groups.items()}
        self._read: dict[str, list[ParsedFile]] = {}
        self._cache_dir = cache_dir

    def files(self, directory: str) -> list[ParsedFile]:
        key = os.path.normpath(directory)
        if key in self._groups:
            return self._groups[key]
        if key not in self._read:
            self._read[key] = _read_module(directory, self._cache_dir)
        return self._read[key]

    def read_elsewhere(self) -> list[str]:
        """The files read from module folders outside the scan (registry shims,
        modules a call names but the scan did not include), in reading order."""
        return [pf.path for files in self._read.values() for pf in files]


def _read_module(directory: str, cache_dir: str | None = None) -> list[ParsedFile]:
    from srmlint.discover import Candidate
    from srmlint.parsers.terraform import TerraformParser
    from srmlint.parsers.tfjson import TerraformJsonParser
    from srmlint.reading import read_all

    try:
        with os.scandir(directory) as it:
            names = sorted(e.name for e in it if e.is_file())
    except OSError:
        return []
    hcl, json_ = TerraformParser(), TerraformJsonParser()
    candidates = [Candidate(os.path.join(directory, name), hcl if name.endswith(".tf") else json_)
                  for name in names if name.endswith((".tf", ".tf.json"))]
    # A file that cannot be read (too large, unreadable, a reader error) is
    # left out, as a file the module does not have: it is not the user's.
    return [pf for pf in read_all(candidates, jobs=1, cache_dir=cache_dir) if pf.format == "terraform"]


def _local_source(body: Mapping[str, Any]) -> str | None:
    source = body.get("source")
    if isinstance(source, str) and source.startswith(("./", "../", ".\\", "..\\")):
        return source
    return None


# -- one module instance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Directory:
    """What every instance of one module directory shares: its declarations,
    gathered once per scan, not once per call (a module called from sixty
    examples would otherwise re-read its declarations and re-evaluate its
    variable defaults sixty times)."""

    locals: Mapping[str, Any]
    modules: Mapping[str, Definition]
    outputs: Mapping[str, Definition]
    declared: Mapping[str, Mapping[str, Any]]
    defaults: Mapping[str, Any]

    @classmethod
    def of(cls, files: Sequence[ParsedFile]) -> _Directory:
        locals_: dict[str, Any] = {}
        modules: dict[str, Definition] = {}
        outputs: dict[str, Definition] = {}
        for pf in files:
            for d in pf.definitions:
                if d.kind == "local":
                    locals_.setdefault(d.name, d.value)
                elif d.kind == "module":
                    modules.setdefault(d.name, d)
                elif d.kind == "output":
                    outputs.setdefault(d.name, d)
        declared = _declared_variables(files)
        return cls(locals_, modules, outputs, declared, _defaults(declared))


@dataclass
class _Shared:
    loader: _Loader
    problems: dict[str, list[ParseProblem]] = field(default_factory=dict)
    #: What is derived once per object as read, by (what, the object's id):
    #: the object is kept beside its result, so its id cannot be reused.
    _derived: dict[tuple[str, int], tuple[object, Any]] = field(default_factory=dict)

    def report(self, problem: ParseProblem) -> None:
        self.problems.setdefault(problem.location.file, []).append(problem)

    def _once(self, what: str, source: Any, derive: Callable[[Any], Any]) -> Any:
        """``derive(source)``, computed once per scan for the same object (a
        module called sixty times hands the same parsed objects to each call)."""
        key = (what, id(source))
        known = self._derived.get(key)
        if known is None or known[0] is not source:
            known = self._derived[key] = (source, derive(source))
        return known[1]

    def edges(self, pf: ParsedFile) -> tuple[Reference, ...]:
        """A file's references to anything but its module's variables and
        locals: what a call's copy may keep."""
        return cast(tuple[Reference, ...], self._once("edges", pf, lambda f: tuple(
            ref for ref in f.references if not ref.target.startswith(_INLINED))))

    def eager_keys(self, body: Mapping[str, Any]) -> frozenset[str]:
        """The keys of a resource body that hold a dynamic block at any depth."""
        return cast(frozenset[str], self._once("eager", body, _eager_keys))

    def directory(self, files: Sequence[ParsedFile]) -> _Directory:
        """The declarations of a module directory's files (the loader hands out
        one list per directory, so its identity is the key)."""
        return cast(_Directory, self._once("directory", files, _Directory.of))


class _Instance:
    """One module directory evaluated with one set of variable values."""

    def __init__(
        self,
        shared: _Shared,
        directory: str,
        files: Sequence[ParsedFile],
        scope: str,
        variables: Mapping[str, Any],
        call: ModuleCall | None,
        stack: tuple[str, ...],
        root: str | None = None,
        key: tuple[str, ...] = (),
        relocator: Relocator | None = None,
    ) -> None:
        self.shared = shared
        self.directory = directory
        self.files = files
        self.scope = scope
        self.call = call
        self.stack = stack
        #: the root module's directory (where ``.terraform/modules`` is) and this call's key there
        self.root = directory if root is None else root
        self.key = key
        #: set for a registry module's shim: its locations move to the call
        self.relocator = relocator
        declarations = shared.directory(files)
        self.locals = declarations.locals
        self.modules = declarations.modules
        self.outputs = declarations.outputs
        self.evaluator = Evaluator(variables, self.locals, self._module_outputs, directory or ".")
        self._children: dict[str, list[_Instance]] = {}
        self._busy: set[str] = set()
        self._outputs: dict[str, Any] = {}

    # -- child modules ------------------------------------------------------------------------

    def child(self, name: str) -> _Instance | None:
        """The expansion of ``module.NAME``, its first instance's for a call
        with ``count``/``for_each`` (None: not local, not created, or not expandable)."""
        found = self.children(name)
        return found[0] if found else None

    def children(self, name: str) -> list[_Instance]:
        """The expansions of ``module.NAME``: one per known instance of the call."""
        if name in self._children:
            return self._children[name]
        if name in self._busy:  # inputs that depend on the module's own outputs
            return []
        self._busy.add(name)
        try:
            instances = self._make_children(name)
        finally:
            self._busy.discard(name)
        self._children[name] = instances
        return instances

    def _make_children(self, name: str) -> list[_Instance]:
        definition = self.modules.get(name)
        if definition is None or not isinstance(definition.value, dict):
            return []
        body = definition.value
        source = _local_source(body)
        relocate = False
        if source is None:
            raw_source = body.get("source")
            if not isinstance(raw_source, str):
                return []
            # Downloaded by ``terraform init``: analysed as a local module; else a shipped shim.
            found = downloaded_module(self.root, ".".join((*self.key, name))) if self.relocator is None else None
            if found is not None:
                found = os.path.relpath(found, self.directory or ".")
            else:
                found = shim_directory(raw_source)
                relocate = found is not None
            if found is None:
                return []
            source = found
        instances = self._instances(body)
        if not instances:
            return []  # count = 0, an empty for_each: never created
        directory = os.path.normpath(os.path.join(self.directory or ".", source))
        address = f"module.{name}"
        outer = self.call.location if self.call is not None else definition.location
        real = os.path.realpath(directory)
        if real in self.stack or len(self.stack) > MAX_MODULE_DEPTH:
            why = "calls itself (a module cycle)" if real in self.stack else (
                f"is nested more than {MAX_MODULE_DEPTH} modules deep")
            self.shared.report(ParseProblem(
                f"{address} (source {source!r}) {why}; its resources are not analysed", outer))
            return []
        files = self.shared.loader.files(directory)
        if not files:
            return []
        relocator = self.relocator  # what a shim calls is still placed at the user's call
        if relocate and relocator is None:
            relocator = Relocator(definition, [k for k in body if k not in _MODULE_META],
                                  self.shared.directory(files).locals)
        elif relocate and relocator is not None:
            relocator = Relocator(relocator.call, (), {})
        children = []
        # One expansion per known instance of the call (``module.a["dev"]``), its
        # inputs evaluated with ``each``/``count.index`` bound, as Terraform does.
        for key, env in instances:
            key = key if len(instances) > 1 else ""  # one instance keeps the call's address, as before
            path = f"{address}{key}" if self.call is None else f"{self.call.path}.{address}{key}"
            call = ModuleCall(path=path, address=address if self.call is None else self.call.address,
                              location=outer, source_scope=directory)
            children.append(_Instance(self.shared, directory, files, f"{self.scope}#{call.path}",
                                      self._child_variables(files, body, env), call, (*self.stack, real),
                                      self.root, (*self.key, name), relocator))
        return children

    def _child_variables(self, files: Sequence[ParsedFile], body: Mapping[str, Any],
                         env: Mapping[str, Any]) -> Mapping[str, Any]:
        declarations = self.shared.directory(files)
        declared = declarations.declared
        given = {k: v for k, v in body.items() if k not in _MODULE_META and k in declared}
        return _Inputs(self.evaluator, declared, declarations.defaults, given, env)

    def _module_outputs(self, name: str) -> Any:
        """``module.NAME`` as an object of its outputs (what is static of them),
        evaluated once per call (a caller's outputs read it once per output)."""
        if name in self._outputs:
            return self._outputs[name]
        busy = name in self._busy
        value = self._evaluate_outputs(name)
        if not busy:  # a value seen mid-expansion (a cycle) is not the call's value
            self._outputs[name] = value
        return value

    def _evaluate_outputs(self, name: str) -> Any:
        definition = self.modules.get(name)
        if definition is None or not isinstance(definition.value, dict):
            return Unknown(E.Traversal("module", (E.GetAttr(name),)))
        if "count" in definition.value or "for_each" in definition.value:
            return Unknown(E.Traversal("module", (E.GetAttr(name),)))  # a list or map of instances
        child = self.child(name)
        if child is None:
            return Unknown(E.Traversal("module", (E.GetAttr(name),)))
        outputs: dict[str, Any] = {}
        for out_name, out in child.outputs.items():
            raw = out.value.get("value") if isinstance(out.value, dict) else None
            value = child.evaluator.value(raw)
            # Only what is static crosses the module boundary: a residual
            # names the child's own resources, meaningless in the caller.
            outputs[out_name] = value if is_known(value) else Unknown(
                E.Traversal("module", (E.GetAttr(name), E.GetAttr(out_name))))
        return outputs

    # -- resources ------------------------------------------------------------------------------

    def resolved_files(self) -> list[ParsedFile]:
        """This instance's files with resources resolved (and re-scoped for a module call)."""
        out: list[ParsedFile] = []
        for pf in self.files:
            if pf.format != "terraform":
                out.append(pf)
                continue
            resources = tuple(r for r in (self._resource(r) for r in pf.resources) if r is not None)
            if self.call is None:
                same = len(resources) == len(pf.resources) and all(
                    a is b for a, b in zip(resources, pf.resources, strict=True))
                out.append(pf if same else replace(pf, resources=resources))
                continue
            # A call's copy keeps the edges the graph can use: from a resource
            # this call creates (or from a nested call) to anything but its own
            # variables and locals, which resolving has already inlined. A
            # module called sixty times would otherwise copy every edge of its
            # locals and outputs, and of resources ``count`` turned off, sixty
            # times over: most of the scan's references and none of its findings.
            created = {r.address for r in resources}
            out.append(ParsedFile(
                pf.path, "terraform", resources,
                tuple(self._definition(d) for d in pf.definitions if d.kind == "module"),
                tuple(self._reference(ref) for ref in self.shared.edges(pf)
                      if ref.source in created or ref.source.startswith("module.")),
            ))
        return out

    # Re-scoping builds the objects directly: ``dataclasses.replace`` inspects
    # the fields on every call, and a module called from many examples re-scopes
    # tens of thousands of references (a third of tf-aws-lambda's scan time).

    def _definition(self, d: Definition) -> Definition:
        if self.relocator is None:
            return Definition(d.kind, d.name, d.value, d.location, self.scope, d.locations)
        block = self.relocator.block
        return Definition(d.kind, d.name, d.value, block, self.scope, dict.fromkeys(d.locations, block))

    def _reference(self, r: Reference) -> Reference:
        location = r.location if self.relocator is None else self.relocator.block
        return Reference(r.source, r.target, r.attribute, r.path, location, self.scope)

    def expansions(self) -> list[ParsedFile]:
        """The files of every local module this instance calls, resolved per call (recursively)."""
        found: list[ParsedFile] = []
        for name in self.modules:
            for child in self.children(name):
                files = child.resolved_files()
                if child.relocator is not None and child.relocator is not self.relocator:
                    files = _without(files, self._configured_outside(name, child))
                found.extend(files)
                found.extend(child.expansions())
        return found

    def _configured_outside(self, name: str, child: _Instance) -> set[str]:
        """Resources of a shim that the caller may configure itself, through the
        module's outputs: a flow log of ``module.vpc.vpc_id``, a bucket policy
        of ``module.s3.s3_bucket_id``, or an output handed to a module whose
        content is not known. Left out (not analysed), as a finding on them
        could be false."""
        outputs: dict[str, set[str]] = {}
        for out_name, out in child.outputs.items():
            raw = out.value.get("value") if isinstance(out.value, dict) else None
            if isinstance(raw, Unknown) and not isinstance(raw.expr, E.Opaque):
                outputs[out_name] = {f"{t.root}.{t.steps[0].name}" for t in E.traversals(raw.expr)
                                     if t.root.startswith("aws_") and t.steps and isinstance(t.steps[0], E.GetAttr)}
        targets = {a for addresses in outputs.values() for a in addresses}
        if not targets:
            return set()
        left: set[str] = set()
        for pf in self.files:
            for ref in pf.references:
                if ref.target != f"module.{name}":
                    continue
                addresses = outputs.get(ref.attribute or "", set()) if ref.attribute else targets
                if ref.source.startswith("module."):
                    other = self.child(ref.source.split(".")[1]) if ref.source.count(".") == 1 else None
                    if other is None or other.relocator is None:  # a module srmlint does not see into
                        left.update(addresses)
                    continue
                kind = ref.source.split(".")[0]
                left.update(a for a in addresses if _attached(kind, a.split(".")[0]))
        return left

    def _resource(self, resource: Resource) -> Resource | None:
        instances = self._instances(resource.attributes)
        if not instances:
            return None  # never created: nothing to say about it
        first = self._instance(resource, instances[0][1])
        if len(instances) == 1:
            return first
        # Several known instances (``count = 2``, a ``for_each`` over a known
        # map): each is checked, so the one instance that opens SSH is found.
        variants = [first, *(self._instance(resource, env) for _, env in instances[1:])]
        if self.call is None and all(v.attributes == first.attributes for v in variants[1:]):
            return first  # alike: checking one is checking all
        branches = tuple(Branch(f"instance {key}", v.attributes, v.locations)
                         for (key, _), v in zip(instances, variants, strict=True))
        return replace(first, meta={**first.meta, BRANCHES: branches})

    def _instances(self, attrs: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """The instances of a block (a resource's or a module call's), as (its
        key as Terraform writes it, ``[0]`` or ``["k"]``, and what ``count`` or
        ``each`` is in it): none when it is never created, one (no key, the
        index or key unknown) when their number is unknown or over
        :data:`MAX_INSTANCES`."""
        if "count" in attrs:
            count = self.evaluator.value(attrs["count"])
            if not isinstance(count, Unknown):
                number = _count(count)
                if number == 0:
                    return []
                if number is not None and number <= MAX_INSTANCES:
                    return [(f"[{i}]", {"count": {"index": i}}) for i in range(number)]
        if "for_each" in attrs:
            each = self.evaluator.value(attrs["for_each"])
            if isinstance(each, list | dict) and is_known(each):
                if not each:
                    return []
                pairs = list(each.items()) if isinstance(each, dict) else [(v, v) for v in distinct(each)]
                if len(pairs) <= MAX_INSTANCES:
                    return [(f"[{json.dumps(key) if isinstance(key, str) else key}]",
                             {"each": {"key": key, "value": value}}) for key, value in pairs]
        return [("", {})]

    def _instance(self, resource: Resource, env: dict[str, Any]) -> Resource:
        """``resource`` resolved with ``count``/``each`` bound as ``env`` says."""
        attrs = resource.attributes
        body = _Body(self.evaluator, resource.locations)
        r = resource
        if self.call is None:
            # A root module's resource is resolved once: evaluated now, and kept
            # as read when nothing in it changes (most of a large repository).
            resolved = body.resolve(dict(attrs), env, ())
            if resolved == attrs and not body.moved:
                return resource
            return Resource(r.format, r.type, r.name, r.address, resolved, r.location, self.scope, r.mode,
                            body.locations(), r.meta, None)
        # A module's resource is resolved once per call: evaluated when read.
        attributes = body.resolve_lazily(attrs, env, self.shared.eager_keys(attrs))
        # Built directly: ``dataclasses.replace`` inspects the fields on every call.
        if self.relocator is not None:
            # A shim's resource: placed at the user's module call, never edited by --fix.
            locations = self.relocator.relocate(attrs, r.locations, body.final_locations(), body.origins)
            return Resource(r.format, r.type, r.name, r.address, attributes, self.relocator.block, self.scope,
                            r.mode, locations, {**r.meta, GENERATED: True}, self.call)
        return Resource(r.format, r.type, r.name, r.address, attributes, r.location, self.scope, r.mode,
                        body.final_locations(), r.meta, self.call)


#: Resource types that configure a resource of another type from outside it.
_ATTACHED: Mapping[str, tuple[str, ...]] = {
    "aws_vpc": ("aws_flow_log", "aws_default_security_group", "aws_default_network_acl"),
    "aws_security_group": ("aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
                           "aws_vpc_security_group_egress_rule"),
    "aws_lambda_function": ("aws_lambda_permission", "aws_lambda_function_url"),
    "aws_eks_cluster": ("aws_eks_addon", "aws_eks_access_entry"),
}


def _attached(kind: str, target: str) -> bool:
    """Whether a ``kind`` resource may configure a ``target`` resource (``aws_s3_bucket_policy`` a bucket)."""
    return kind.startswith(f"{target}_") or kind in _ATTACHED.get(target, ())


def _without(files: list[ParsedFile], addresses: set[str]) -> list[ParsedFile]:
    if not addresses:
        return files
    return [replace(pf, resources=tuple(r for r in pf.resources if r.address not in addresses))
            for pf in files]


def _eager_keys(body: Mapping[str, Any]) -> frozenset[str]:
    keys = frozenset(k for k, v in body.items() if k == "dynamic" or _has_dynamic(v))
    if "dynamic" in keys:  # the blocks it expands join the static ones of the same name
        for entry in body["dynamic"] if isinstance(body["dynamic"], list) else ():
            if isinstance(entry, dict):
                keys |= frozenset(k for k in entry if k in body)
    return keys


def _has_dynamic(value: Any) -> bool:
    if isinstance(value, dict):
        return "dynamic" in value or any(_has_dynamic(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_dynamic(v) for v in value)
    return False


def _count(value: Any) -> int | None:
    """A known ``count`` as a whole number (None: not one)."""
    try:
        number = tonumber(value)
    except EvalError:
        return None
    return int(number) if number >= 0 and float(number).is_integer() else None


def _opaque_unknowns(value: Any) -> Any:
    """Unknown leaves of a caller's value, cut from the caller's expressions
    (their traversals name the caller's resources, not the module's)."""
    if isinstance(value, Unknown):
        return Unknown(E.Opaque(value.text), value.text)
    if isinstance(value, dict):
        return {k: _opaque_unknowns(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_opaque_unknowns(v) for v in value]
    return value


def _declared_variables(files: Iterable[ParsedFile]) -> dict[str, Mapping[str, Any]]:
    declared: dict[str, Mapping[str, Any]] = {}
    for pf in files:
        for d in pf.definitions:
            if d.kind == "variable" and d.name not in declared:
                declared[d.name] = d.value if isinstance(d.value, dict) else {}
    return declared


def _defaults(declared: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    static = Evaluator({}, {})
    values: dict[str, Any] = {}
    for name, body in declared.items():
        if "default" in body:
            values[name] = _convert(static.value(body["default"]), _primitive_type(body))
    return values


class _Inputs(Mapping[str, Any]):
    """A module call's variables: the declared defaults, and each argument of
    the call evaluated in the caller when the module first reads it. With
    attributes read lazily too, most arguments of most calls are never
    evaluated (a call passing ninety inputs, a finding reading three)."""

    __slots__ = ("_busy", "_caller", "_declared", "_env", "_given", "_values")

    def __init__(self, caller: Evaluator, declared: Mapping[str, Mapping[str, Any]],
                 defaults: Mapping[str, Any], given: dict[str, Any], env: Mapping[str, Any]) -> None:
        self._caller = caller
        self._env = env
        self._declared = declared
        self._values = {k: v for k, v in defaults.items() if k not in given}
        self._given = given
        self._busy: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        values = self._values
        if name in values:
            return values[name]
        raw = self._given[name]  # KeyError: neither given nor defaulted
        if name in self._busy:  # an input that depends on the module's own outputs
            return Unknown(E.Traversal("var", (E.GetAttr(name),)))
        self._busy.add(name)
        try:
            value = self._caller.value(raw, self._env)
            if isinstance(value, Unknown):
                value = Unknown(E.Traversal("var", (E.GetAttr(name),)), value.text)
            else:
                value = _convert(_opaque_unknowns(value), _primitive_type(self._declared[name]))
        except Exception:  # a bug or a hostile input: unknown, never a guess
            value = Unknown(E.Traversal("var", (E.GetAttr(name),)))
        finally:
            self._busy.discard(name)
        values[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return name in self._values or name in self._given

    def __iter__(self) -> Iterator[str]:
        yield from self._values
        yield from (k for k in self._given if k not in self._values)

    def __len__(self) -> int:
        return len(self._values) + sum(1 for k in self._given if k not in self._values)


class _Attributes(Mapping[str, Any]):
    """A resolved resource body, evaluated key by key on first read (see
    :meth:`_Body.resolve_lazily`). Iterates in the order an eager resolution
    gives: the body's keys, then the blocks only dynamic blocks create, then
    what stays ``dynamic``."""

    __slots__ = ("_body", "_body_keys", "_done", "_env", "_keys", "_resolver")

    def __init__(self, body: Mapping[str, Any], now: dict[str, Any], eager: frozenset[str],
                 resolver: _Body, env: Mapping[str, Any]) -> None:
        self._body = body
        self._done = now
        self._resolver = resolver
        self._env = env
        keys = [k for k in body if k != "dynamic" and (k not in eager or k in now)]
        keys.extend(k for k in now if k not in body and k != "dynamic")
        if "dynamic" in now:
            keys.append("dynamic")
        self._keys = keys
        self._body_keys = frozenset(keys)

    def __getitem__(self, key: str) -> Any:
        done = self._done
        if key in done:
            return done[key]
        if key not in self._body_keys:
            raise KeyError(key)
        raw = self._body[key]
        try:
            value = self._resolver.value_at(raw, self._env, key)
        except (Exception, RecursionError):  # a bug or a hostile input: the value as read
            value = raw
        done[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._body_keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self))


class _Body:
    """Resolves one resource body: values evaluated, static dynamic blocks expanded.

    Locations follow the expansion: the content of ``dynamic "ingress"``
    expanded as ``ingress[n]`` is located at the content's own lines.
    """

    def __init__(self, evaluator: Evaluator, locations: Mapping[AttrPath, Location]) -> None:
        self.evaluator = evaluator
        self._original = locations
        #: original path prefix -> the new prefixes it now stands at
        self._moves: dict[AttrPath, list[AttrPath]] = {}
        self.moved = False
        #: each block expanded from a dynamic block -> (the dynamic entry's path, the iteration key)
        self.origins: dict[AttrPath, tuple[AttrPath, Any]] = {}

    def resolve(self, body: dict[str, Any], env: Mapping[str, Any], new: AttrPath,
                orig: AttrPath | None = None) -> dict[str, Any]:
        orig = new if orig is None else orig
        result: dict[str, Any] = {}
        for key, value in body.items():
            if key == "dynamic" and isinstance(value, list):
                continue
            result[key] = self._value(value, env, (*new, key), (*orig, key))
        dynamic = body.get("dynamic")
        if isinstance(dynamic, list):
            kept: list[Any] = []
            for index, entry in enumerate(dynamic):
                if not (isinstance(entry, dict) and len(entry) == 1 and self._expand(entry, env, result, new,
                                                                                     (*orig, "dynamic", index))):
                    if index != len(kept):
                        self._move((*orig, "dynamic", index), (*new, "dynamic", len(kept)))
                    kept.append(self._value(entry, env, (*new, "dynamic", len(kept)),
                                            (*orig, "dynamic", index)))
            if kept:
                result["dynamic"] = kept
        return result

    def resolve_lazily(self, body: Mapping[str, Any], env: Mapping[str, Any],
                       eager: frozenset[str]) -> Mapping[str, Any]:
        """A resource body whose attributes are evaluated when first read.

        Only ``eager`` keys are resolved now: the ones with a dynamic block at
        any depth, as their expansion moves locations, which must be final
        before the resource is. The rest of a module's resource is never read
        by most rules: evaluating all of it for each of sixty calls was the
        bulk of a scan.
        """
        now = self.resolve({k: v for k, v in body.items() if k in eager}, env, ()) if eager else {}
        return _Attributes(body, now, eager, self, env)

    def value_at(self, value: Any, env: Mapping[str, Any], key: str) -> Any:
        """One top-level attribute, resolved (holding no dynamic block: see resolve_lazily)."""
        return self._value(value, env, (key,), (key,))

    def _value(self, value: Any, env: Mapping[str, Any], new: AttrPath, orig: AttrPath) -> Any:
        if isinstance(value, dict):
            return self.resolve(value, env, new, orig)
        if isinstance(value, list):
            return [self._value(v, env, (*new, i), (*orig, i)) for i, v in enumerate(value)]
        return self.evaluator.value(value, env)

    def _expand(self, entry: dict[str, Any], env: Mapping[str, Any], result: dict[str, Any],
                new: AttrPath, orig: AttrPath) -> bool:
        ((label, spec),) = entry.items()
        if not isinstance(spec, dict) or "labels" in spec:
            return False
        collection = self.evaluator.value(spec.get("for_each"), env)
        if isinstance(collection, dict):
            pairs: list[tuple[Any, Any]] = list(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            return False
        iterator = spec.get("iterator")
        name = label
        if isinstance(iterator, Unknown) and isinstance(iterator.expr, E.Traversal):
            name = iterator.expr.root
        contents = spec.get("content")
        content = contents[0] if isinstance(contents, list) and contents and isinstance(contents[0], dict) else {}
        blocks = result.get(label)
        if not isinstance(blocks, list):
            blocks = result[label] = []
        for key, item in pairs:
            inner = {**env, name: {"key": key, "value": item}}
            target: AttrPath = (*new, label, len(blocks))
            self.origins[target] = (orig, key)
            self._move(orig, target, whole=True)
            self._move((*orig, label, "content", 0), target)
            blocks.append(self.resolve(content, inner, target, (*orig, label, "content", 0)))
        if not blocks:
            del result[label]
        self.moved = True
        return True

    def _move(self, orig: AttrPath, new: AttrPath, whole: bool = False) -> None:
        """Record that what was at ``orig`` is now (also) at ``new``; ``whole``
        maps only the prefix itself (the dynamic block's own span)."""
        self.moved = True
        key = (*orig, "<whole>") if whole else orig
        self._moves.setdefault(key, []).append(new)

    def final_locations(self) -> Mapping[AttrPath, Location]:
        """:meth:`locations`, mapped when first looked up: a module's resource
        is located only if a finding names it. Only once nothing moves any more."""
        return _MovedLocations(self) if self._moves else self._original

    def locations(self) -> Mapping[AttrPath, Location]:
        if not self._moves:
            return self._original
        out: dict[AttrPath, Location] = {}
        prefixes = sorted((k for k in self._moves if k[-1:] != ("<whole>",)), key=len, reverse=True)
        for path, location in self._original.items():
            whole = self._moves.get((*path, "<whole>"))
            if whole:
                for target in whole:
                    out.setdefault(target, location)
            prefix = next((p for p in prefixes if path[: len(p)] == p), None)
            if prefix is None:
                out.setdefault(path, location)
                continue
            for target in self._moves[prefix]:
                out[(*target, *path[len(prefix):])] = location
        return out


class _MovedLocations(Mapping[AttrPath, Location]):
    """A resolved body's locations after dynamic blocks moved some (see :meth:`_Body.final_locations`)."""

    __slots__ = ("_body", "_done")

    def __init__(self, body: _Body) -> None:
        self._body: _Body | None = body
        self._done: Mapping[AttrPath, Location] = {}

    def _mapped(self) -> Mapping[AttrPath, Location]:
        if self._body is not None:
            self._done, self._body = self._body.locations(), None
        return self._done

    def __getitem__(self, path: AttrPath) -> Location:
        return self._mapped()[path]

    def __iter__(self) -> Iterator[AttrPath]:
        return iter(self._mapped())

    def __len__(self) -> int:
        return len(self._mapped())


# -- entry point -------------------------------------------------------------------------------------------


def resolve_terraform(
    groups: Mapping[str, Sequence[ParsedFile]], inputs: TerraformInputs, cache_dir: str | None = None,
    read_elsewhere: list[str] | None = None,
) -> tuple[dict[str, ParsedFile], list[ParsedFile], dict[str, list[ParseProblem]]]:
    """Resolve every module directory of a scan.

    ``groups`` maps a directory to its Terraform files. Returns the resolved
    files by path, the module-call expansions, and problems by file path
    (module cycles, unreadable variable files). Module folders outside the
    scan are read through the parse cache in ``cache_dir``; the files read
    are appended to ``read_elsewhere``.
    """
    loader = _Loader(groups, cache_dir)
    try:
        return _resolve_groups(groups, inputs, _Shared(loader))
    finally:
        if read_elsewhere is not None:
            read_elsewhere.extend(loader.read_elsewhere())


def _resolve_groups(
    groups: Mapping[str, Sequence[ParsedFile]], inputs: TerraformInputs, shared: _Shared
) -> tuple[dict[str, ParsedFile], list[ParsedFile], dict[str, list[ParseProblem]]]:
    resolved: dict[str, ParsedFile] = {}
    expanded: list[ParsedFile] = []
    for directory, files in groups.items():
        try:
            variables = _root_variables(directory, files, inputs, shared)
            root = _Instance(shared, directory, files, directory, variables, None,
                             (os.path.realpath(directory or "."),))
            done, more = root.resolved_files(), root.expansions()
        except (Exception, RecursionError):  # a bug or a hostile input: the files stay as read
            continue
        resolved.update((pf.path, pf) for pf in done)
        expanded.extend(more)
    return resolved, expanded, shared.problems


def _root_variables(
    directory: str, files: Sequence[ParsedFile], inputs: TerraformInputs, shared: _Shared
) -> dict[str, Any]:
    declared = _declared_variables(files)
    values = _defaults(declared)
    if not declared:
        return values
    layers: list[Mapping[str, Any]] = []
    for path in _auto_var_files(directory):
        try:
            with open(path, "rb") as fh:
                data = fh.read(_MAX_FILE_BYTES + 1)
        except OSError:
            continue
        loaded, problems = _read_var_data(path, data)
        for problem in problems:
            shared.report(ParseProblem(f"variable file not used: {problem.message}", problem.location))
        layers.append(loaded)
    layers.append(inputs.config)
    layers.extend(inputs.var_files)
    for layer in layers:
        for name, value in layer.items():
            if name in declared:
                values[name] = _convert(value, _primitive_type(declared[name]))
    for name, text in inputs.cli.items():
        if name in declared:
            values[name] = _convert(_cli_value(text, _primitive_type(declared[name])),
                                    _primitive_type(declared[name]))
    return values
