"""Terraform plans beside their configuration: findings at the ``.tf`` lines.

A plan (``terraform show -json``) holds the values Terraform worked out, but
no positions in the ``.tf`` files; a finding on line 1 column 48213 of
``plan.json`` helps nobody. When the configuration the plan was made from is
beside it, this stage moves each planned resource's locations to its
``resource`` block (and to the attribute, for plain attributes and nested
blocks) while keeping the plan's values.

Which configuration (the rule):

* The plan's **root module is the folder the plan file is in** (the JSON
  does not record the folder ``terraform plan`` ran in; ``terraform show
  -json plan.out > plan.json`` beside the ``.tf`` files is the common
  layout). Its ``.tf``/``.tf.json`` files are the scan's own when the scan
  read that folder, else read from disk as the folder's regular files (a
  symlink is followed only while it stays inside the folder).
* A **child module** is found through the ``module`` block of its parent's
  files: a local ``source`` (``./``, ``../``) relative to the parent's
  folder, a registry one where ``.terraform/modules/modules.json`` (in the
  root folder) says ``terraform init`` put it. Its folder is read only when
  it is inside the plan's folder or is a folder the scan itself read: the
  mapping never reads outside what was scanned. When the plan's
  ``configuration`` names another ``source`` for the call than the ``.tf``
  does, the folder is not used (the configuration changed since the plan).
* A resource is matched by its configuration address (the plan address
  without instance keys: ``module.a[0].aws_x.y["k"]`` is block ``aws_x.y``
  of module call ``a``), all instances to the one block. One whose module
  folder cannot be read (a registry module not downloaded, a folder outside
  the scan) is placed at the ``module`` block that calls it; one the
  configuration does not declare at all stays at the plan's lines.
* Attribute paths: a plan value path is the HCL path for plain attributes
  and nested blocks; a block of a repeated type is matched by content
  (Terraform orders set-typed blocks such as ``ingress`` by hash, not as
  written), a block a ``dynamic`` block generates by its ``content``;
  anything else falls back to the enclosing block.

What the findings say: the resource keeps the plan's address and values (the
instance the finding is about); the finding names the plan ("… (from plan
plan.json)") and, inside a module, the call (``module_call``), as a finding
in a local module of a ``.tf`` scan does. Inline suppressions of the
configuration hold for it, whether the scan read the configuration or this
stage read it from disk for the plan (then a malformed or unused one is not
reported: those files were not scanned).

No double report: when a scan reads both a plan and the configuration of
its folder, a configuration resource the plan has an instance of (and a
registry module shim's resource under a call the plan covers) is marked
:data:`SUPERSEDED`: it stays in the graph, but only the plan's instance is
checked -- the plan's resolved values, reported at the ``.tf`` lines. A
configuration resource the plan lacks (a plan older than the configuration)
is still checked from the ``.tf``.

The plan's resources stay marked generated: ``--fix`` never edits what a
finding says about a plan, as the value may come from a variable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from srmlint.findings import Finding, ModuleCallRef
from srmlint.model import GENERATED, AttrPath, Definition, Location, ModuleCall, ParsedFile, Resource, Unknown

__all__ = ["PLANNED", "SUPERSEDED", "PlannedAt", "locate_plans"]

#: ``Resource.meta`` key of a plan's resource placed in its configuration: a :class:`PlannedAt`.
PLANNED: Final = "<planned>"
#: ``Resource.meta`` key (``True``) of a configuration resource a scanned plan covers:
#: it joins the graph, but the engine checks the plan's instance instead.
SUPERSEDED: Final = "<superseded>"

#: Same limits as the Terraform resolve stage's.
_MAX_FILE_BYTES: Final = 16 * 1024 * 1024
_MAX_DEPTH: Final = 16
#: An instance key: ``[0]``, ``["a.b]"]``.
_INDEX: Final = re.compile(r'\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]')


@dataclass(frozen=True)
class PlannedAt:
    """Where a plan's resource came from, for the engine and the reports."""

    #: The plan file (the resource is reported when the plan is).
    plan: str
    #: The instance's place in the plan file.
    location: Location
    #: The configuration's block (with the module call reaching it), whose
    #: inline suppressions hold for the instance.
    configured: Resource

    def annotate(self, finding: Finding) -> Finding:
        """``finding`` saying that its values are the plan's, and naming the module call."""
        call = self.configured.module
        return replace(
            finding, message=f"{finding.message} (from plan {self.plan})",
            module_call=finding.module_call if call is None else ModuleCallRef(
                call.address, call.location.file, call.location.line))


def config_address(address: str) -> tuple[str, str]:
    """(module path, address in the module) of a plan address, without instance keys:
    ``module.a[0].module.b.aws_x.y["k"]`` -> (``module.a.module.b``, ``aws_x.y``)."""
    parts = _INDEX.sub("", address).split(".")
    modules: list[str] = []
    while len(parts) > 2 and parts[0] == "module":
        modules.extend(parts[:2])
        parts = parts[2:]
    return ".".join(modules), ".".join(parts)


# -- the configuration's modules -----------------------------------------------------------------------


def _inside(path: str, root_real: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _read_folder(directory: str, root_real: str) -> list[ParsedFile]:
    """A module folder's Terraform files, from disk; none that leads out of ``root_real``."""
    from srmlint.parsers.terraform import parse_terraform
    from srmlint.parsers.tfjson import parse_terraform_json

    try:
        with os.scandir(directory or ".") as it:
            names = sorted(e.name for e in it if e.name.endswith((".tf", ".tf.json")) and e.is_file())
    except OSError:
        return []
    found = []
    for name in names:
        path = os.path.join(directory, name) if directory else name
        try:
            if not _inside(path, root_real) or os.stat(path).st_size > _MAX_FILE_BYTES:
                continue
            with open(path, "rb") as fh:
                data = fh.read(_MAX_FILE_BYTES + 1)
        except OSError:
            continue
        found.append(parse_terraform(path, data) if name.endswith(".tf") else parse_terraform_json(path, data))
    return found


@dataclass
class _Module:
    """One module of the configuration, as far as it can be read."""

    #: Its resource blocks by address (``aws_x.y``, ``data.aws_x.y``); empty when not readable.
    blocks: dict[str, Resource] = field(default_factory=dict)
    #: Its module blocks by name.
    calls: dict[str, Definition] = field(default_factory=dict)
    directory: str | None = None
    #: How it is reached (None for the root module).
    call: ModuleCall | None = None
    #: Where resources of an unreadable module are placed: the ``module`` block calling it.
    anchor: Location | None = None
    #: The module-call key in ``.terraform/modules/modules.json`` (``a.b``).
    key: tuple[str, ...] = ()

    @classmethod
    def of(cls, files: Sequence[ParsedFile], **kwargs: Any) -> _Module:
        module = cls(**kwargs)
        for pf in files:
            if pf.format != "terraform":
                continue
            for resource in pf.resources:
                module.blocks.setdefault(resource.address, resource)
            for d in pf.definitions:
                if d.kind == "module":
                    module.calls.setdefault(d.name, d)
        return module


class _Configuration:
    """The configuration beside one plan: its modules by path (``module.a.module.b``)."""

    def __init__(self, plan: ParsedFile, groups: Mapping[str, Sequence[ParsedFile]]) -> None:
        self.root = os.path.dirname(plan.path)  # "" for a plan in the working folder: paths as the scan's
        self.root_real = os.path.realpath(self.root or ".")
        self.groups = {os.path.normpath(k): v for k, v in groups.items()}
        #: Folders read from disk, not the scan's (their inline suppressions still hold).
        self.read: dict[str, list[ParsedFile]] = {}
        definition = next((d for d in plan.definitions if d.kind == "plan"), None)
        sources = definition.value.get("module_sources") if definition and isinstance(definition.value, dict) else None
        self.sources: Mapping[str, Any] = sources if isinstance(sources, dict) else {}
        self.modules: dict[str, _Module | None] = {"": _Module.of(self._files(self.root) or (),
                                                                  directory=self.root)}

    def _files(self, directory: str) -> Sequence[ParsedFile] | None:
        """The folder's Terraform files (None: not to be read)."""
        key = os.path.normpath(directory)
        if key in self.groups:
            return self.groups[key]
        if not _inside(directory or ".", self.root_real):
            return None
        if key not in self.read:
            self.read[key] = _read_folder(directory, self.root_real)
        return self.read[key]

    def module(self, path: str) -> _Module | None:
        """The module at ``path``; None when the configuration does not call it."""
        if path in self.modules:
            return self.modules[path]
        head, _, name = path.rpartition(".module.") if ".module." in path else ("", "", path[len("module."):])
        parent = self.module(head) if path.count(".") // 2 < _MAX_DEPTH else None
        found = self._child(parent, name, path) if parent is not None else None
        self.modules[path] = found  # None is remembered too
        return found

    def _child(self, parent: _Module, name: str, path: str) -> _Module | None:
        if parent.directory is None:  # inside an unreadable module: placed where it is
            return _Module(call=parent.call, anchor=parent.anchor)
        definition = parent.calls.get(name)
        if definition is None or not isinstance(definition.value, dict):
            return None
        source = definition.value.get("source")
        planned = self.sources.get(path)
        directory: str | None = None
        if isinstance(source, str) and (planned is None or planned == source):
            if source.startswith(("./", "../", ".\\", "..\\")):
                directory = os.path.normpath(os.path.join(parent.directory or ".", source))
            else:
                from srmlint.resolve.registry import downloaded_module

                directory = downloaded_module(self.root, ".".join((*parent.key, name)))
        files = self._files(directory) if directory is not None else None
        call = ModuleCall(
            path=path,
            address=parent.call.address if parent.call else f"module.{name}",
            location=parent.call.location if parent.call else definition.location,
            source_scope=directory if files and directory is not None else f"{self.root or '.'}#{path}",
        )
        if not files:
            return _Module(call=call, anchor=definition.location)
        return _Module.of(files, directory=directory, call=call, key=(*parent.key, name))


# -- attribute paths -------------------------------------------------------------------------------------


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _agrees(planned: Any, written: Any) -> bool:
    """Whether the configuration's ``written`` may have produced ``planned`` (unknowns may)."""
    if isinstance(written, Unknown) or isinstance(planned, Unknown):
        return True
    if isinstance(written, Mapping):
        if not isinstance(planned, Mapping):
            return False
        return all(_agrees(planned.get(k), v) for k, v in written.items()
                   if not isinstance(v, Mapping | list) and k != "dynamic")
    if isinstance(written, list):
        if not isinstance(planned, list) or any(isinstance(v, Mapping | list | Unknown) for v in written):
            return isinstance(planned, list)
        return sorted(map(_norm, written)) == sorted(map(_norm, planned))
    return planned is not None and _norm(planned) == _norm(written)


def _pick(planned: Any, index: int, written: list[Any], count: int) -> int | None:
    """Which of the written items the planned item ``index`` (of ``count``) is."""
    if len(written) == 1 and count == 1:
        return 0
    agreeing = [i for i, item in enumerate(written) if _agrees(planned, item)]
    if index in agreeing:
        return index
    return agreeing[0] if agreeing else None


def _dynamic(written: Mapping[str, Any], name: str) -> tuple[int, list[Any]] | None:
    for index, item in enumerate(written.get("dynamic") or ()):
        block = item.get(name) if isinstance(item, Mapping) else None
        content = block.get("content") if isinstance(block, Mapping) else None
        if isinstance(content, list) and content:
            return index, content
    return None


def config_path(planned: Any, written: Any, path: AttrPath) -> AttrPath:
    """The path in the configuration's attributes of the plan's ``path``, as far as it goes."""
    out: list[str | int] = []
    template = False  # inside a dynamic block's content: every generated block is its one body
    for step in path:
        if isinstance(step, str):
            if not isinstance(written, Mapping):
                break
            if step in written:
                out.append(step)
                written = written[step]
            else:
                found = _dynamic(written, step)
                if found is None:
                    break
                out.extend(("dynamic", found[0], step, "content"))
                written = found[1]
                template = True
                planned = planned.get(step) if isinstance(planned, Mapping) else None
                continue
            planned = planned.get(step) if isinstance(planned, Mapping) else None
            template = False
        else:
            if not isinstance(written, list) or not written:
                break
            items = planned if isinstance(planned, list) else []
            item = items[step] if 0 <= step < len(items) else None
            chosen = 0 if template else _pick(item, step, written, len(items))
            if chosen is None:
                break
            out.append(chosen)
            written, planned, template = written[chosen], item, False
    return tuple(out)


def _paths(value: Any, prefix: AttrPath = ()) -> list[AttrPath]:
    out: list[AttrPath] = []
    items = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        out.append((*prefix, key))
        out.extend(_paths(item, (*prefix, key)))
    return out


# -- the stage ---------------------------------------------------------------------------------------------


def _place(resource: Resource, plan: str, configuration: _Configuration) -> Resource | None:
    """``resource`` located in the configuration, or None when it declares no such block."""
    module_path, local = config_address(resource.address)
    module = configuration.module(module_path)
    if module is None:
        return None
    block = module.blocks.get(local)
    origin = PlannedAt(plan, resource.location, resource)
    if block is not None:
        configured = block if module.call is None else replace(block, module=module.call)
        locations: dict[AttrPath, Location] = {(): block.location}
        for path in _paths(resource.attributes):
            mapped = config_path(resource.attributes, block.attributes, path)
            if mapped:
                locations[path] = block.locate(*mapped)
        location = block.location
    elif module.anchor is not None and module.call is not None:
        configured = replace(resource, scope=f"{configuration.root or '.'}#{module_path}", address=local,
                             module=module.call)
        locations, location = {(): module.anchor}, module.anchor
    else:
        return None
    origin = replace(origin, configured=configured)
    return replace(resource, location=location, locations=locations,
                   meta={**resource.meta, PLANNED: origin, GENERATED: True})


@dataclass
class _Covered:
    """What one plan's mapped resources cover in the configuration of its folder."""

    addresses: set[str] = field(default_factory=set)
    #: Module paths whose resources were placed at their call (the module was not readable).
    anchored: set[str] = field(default_factory=set)

    def covers(self, resource: Resource) -> bool:
        # Configuration addresses carry no instance keys (``module.a["k"]`` is module a).
        if _INDEX.sub("", resource.full_address) in self.addresses:
            return True
        call = resource.module
        path = _INDEX.sub("", call.path) if call is not None else ""
        return call is not None and bool(resource.meta.get(GENERATED)) and any(
            path == p or path.startswith(p + ".") for p in self.anchored)


def locate_plans(
    plans: Sequence[ParsedFile],
    groups: Mapping[str, Sequence[ParsedFile]],
    resolved: Mapping[str, ParsedFile],
    expanded: Sequence[ParsedFile],
    read: list[ParsedFile] | None = None,
) -> tuple[dict[str, ParsedFile], list[ParsedFile]]:
    """Place the resources of ``plans`` (scanned plan files) in their configuration.

    ``groups`` are the scan's Terraform files by folder, as read; ``resolved``
    and ``expanded`` the Terraform stage's output (files by path, module
    expansions). Returns the changed files by path (the plans, and the
    configuration files with superseded resources) and the expansions with
    theirs marked. The configuration files read from disk (not the scan's)
    are appended to ``read``: their inline suppressions hold for the plan.
    """
    changed: dict[str, ParsedFile] = {}
    covered: dict[str, _Covered] = {}
    for plan in plans:
        try:
            configuration = _Configuration(plan, groups)
            placed = [_place(r, plan.path, configuration) for r in plan.resources]
        except (Exception, RecursionError):  # a bug or a hostile input: the plan stays at its own lines
            continue
        if read is not None:
            known = {pf.path for pf in read}
            read.extend(pf for files in configuration.read.values() for pf in files if pf.path not in known)
        if not any(placed):
            continue
        mine = covered.setdefault(os.path.normpath(configuration.root or "."), _Covered())
        for resource in placed:
            if resource is None:
                continue
            module_path, local = config_address(resource.address)
            mine.addresses.add(f"{module_path}.{local}" if module_path else local)
            module = configuration.modules.get(module_path)
            if module is not None and module.anchor is not None and resource.location == module.anchor:
                mine.anchored.add(module_path)
        resources = tuple(p or r for p, r in zip(placed, plan.resources, strict=True))
        changed[plan.path] = replace(plan, resources=resources)
    if not covered:
        return changed, list(expanded)

    def mark(pf: ParsedFile, what: _Covered | None) -> ParsedFile:
        if what is None or not any(what.covers(r) for r in pf.resources):
            return pf
        return replace(pf, resources=tuple(
            replace(r, meta={**r.meta, SUPERSEDED: True}) if what.covers(r) else r for r in pf.resources))

    for directory, files in groups.items():
        what = covered.get(os.path.normpath(directory))
        for pf in files:
            current = resolved.get(pf.path, pf)
            marked = mark(current, what)
            if marked is not current:
                changed[pf.path] = marked
    out = []
    for pf in expanded:
        scope = pf.resources[0].scope if pf.resources else ""
        out.append(mark(pf, covered.get(os.path.normpath(scope.partition("#")[0])) if "#" in scope else None))
    return changed, out
