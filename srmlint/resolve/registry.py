"""Terraform modules that are not local: the downloaded copy, else a shipped shim.

A ``module`` block whose ``source`` is a registry address
(``terraform-aws-modules/vpc/aws``) or a Git address of the same repository
is analysed without downloading anything:

* when ``terraform init`` has run, ``.terraform/modules/modules.json`` beside
  the root module maps the call's key (``vpc``, ``eks.kms``) to the folder it
  downloaded: that folder is expanded exactly as a local module (findings
  point into it and name the call);
* else, for the most used ``terraform-aws-modules`` modules, a *shim* shipped
  in ``rules/modules/<namespace>/<name>/`` (``srmlint/_rules/modules`` in the
  wheel) stands in for the module: a small HCL module that declares the
  module's security-relevant variables with the real module's defaults and
  the resources those inputs produce. It is expanded like a local module,
  then every location inside it is moved to the call (:class:`Relocator`):
  the line of the input the value came from, else the ``module`` block, so
  findings land in the user's file. Resources of a shim are marked
  generated: ``--fix`` never edits a module call for them.

A registry module without a shim stays unanalysed (as before), without any
note; a debug log message names it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from srmlint import expr as E
from srmlint.model import AttrPath, Definition, Location, Unknown

__all__ = ["Relocator", "downloaded_module", "shim_directory"]

log = logging.getLogger("srmlint.resolve")

#: ``[registry.terraform.io/]NAMESPACE/NAME/PROVIDER[//SUBDIR]``
_REGISTRY = re.compile(
    r"^(?:(?:registry\.terraform\.io|registry\.opentofu\.org)/)?"
    r"(?P<ns>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<name>[A-Za-z0-9][A-Za-z0-9_-]*)/(?P<provider>[a-z0-9]+)"
    r"(?://(?P<sub>[^?]*))?(?:\?.*)?$"
)
#: ``git::https://github.com/NAMESPACE/terraform-PROVIDER-NAME.git[//SUBDIR][?ref=...]``, ``github.com/...``
_GITHUB = re.compile(
    r"^(?:git::)?(?:https://|ssh://git@|git@)?github\.com[/:](?P<ns>[A-Za-z0-9_.-]+)/"
    r"terraform-(?P<provider>[a-z0-9]+)-(?P<name>[A-Za-z0-9_-]+?)(?:\.git)?(?://(?P<sub>[^?]*))?(?:\?.*)?$"
)


def _shims_root() -> str:
    from srmlint.catalog import rules_dir

    return os.path.join(str(rules_dir()), "modules")


@lru_cache(maxsize=256)
def shim_directory(source: str) -> str | None:
    """The shipped shim standing in for the module at ``source``, if there is one."""
    match = _REGISTRY.match(source) or _GITHUB.match(source.strip())
    if match is None or match["provider"] != "aws":
        return None
    parts = [match["ns"], match["name"]]
    sub = (match["sub"] or "").strip("/")
    if sub:
        if any(p in ("", ".", "..") for p in sub.split("/")):
            return None
        parts.extend(sub.split("/"))
    directory = os.path.join(_shims_root(), *parts)
    if os.path.isfile(os.path.join(directory, "main.tf")):
        return directory
    log.debug("module source %s: no shim shipped; the module's resources are not analysed", source)
    return None


# -- .terraform/modules/modules.json ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _manifest(root: str, stamp: float) -> Mapping[str, str]:
    path = os.path.join(root, ".terraform", "modules", "modules.json")
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read(4 * 1024 * 1024).decode("utf-8-sig"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    entries = data.get("Modules") if isinstance(data, dict) else None
    found: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and isinstance(entry.get("Key"), str) and isinstance(entry.get("Dir"), str):
            found[entry["Key"]] = entry["Dir"]
    return found


def downloaded_module(root: str, key: str) -> str | None:
    """The folder ``terraform init`` downloaded module call ``key`` (``a.b``) to, under ``root``."""
    manifest = os.path.join(root or ".", ".terraform", "modules", "modules.json")
    try:
        stamp = os.stat(manifest).st_mtime
    except OSError:
        return None
    relative = _manifest(root or ".", stamp).get(key)
    if not relative:
        return None
    directory = os.path.normpath(os.path.join(root or ".", relative))
    return directory if os.path.isdir(directory) else None


# -- moving a shim's locations to the module call ---------------------------------------------------------


def _var_name(node: E.Traversal) -> str | None:
    if node.root == "var" and node.steps and isinstance(node.steps[0], E.GetAttr):
        return node.steps[0].name
    return None


def _local_name(node: E.Traversal) -> str | None:
    if node.root == "local" and node.steps and isinstance(node.steps[0], E.GetAttr):
        return node.steps[0].name
    return None


def _element_key(expr: Any, iterator: str) -> str | None:
    """``k`` of ``lookup(it.value, "k", ...)``, ``it.value.k``, ``it.value["k"]``, ``try(it.value.k, ...)``."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, E.Traversal) and node.root == iterator and len(node.steps) >= 2:
            first, second = node.steps[0], node.steps[1]
            if isinstance(first, E.GetAttr) and first.name == "value":
                if isinstance(second, E.GetAttr):
                    return second.name
                if isinstance(second, E.Index) and isinstance(second.key, E.Literal) and isinstance(
                        second.key.value, str):
                    return second.key.value
        if isinstance(node, E.FunctionCall):
            args = node.args
            if (node.name == "lookup" and len(args) >= 2 and isinstance(args[0], E.Traversal)
                    and args[0].root == iterator and isinstance(args[1], E.Literal)
                    and isinstance(args[1].value, str)):
                return args[1].value
            stack.extend(reversed(args))
        elif isinstance(node, E.Conditional):
            stack.extend((node.false, node.true))
    return None


class Relocator:
    """Moves the locations of a shim's resources to the module call that reached them.

    ``call`` is the caller's ``module`` block; ``given`` the input names the
    call sets. A value is placed at the input it came from (followed through
    the shim's locals and ``dynamic`` iterators, down to the element of a list
    input when a ``dynamic`` block iterates that input directly), else at the
    ``module`` block.
    """

    def __init__(self, call: Definition, given: Iterable[str], locals_: Mapping[str, Any]) -> None:
        self.call = call
        self.given = frozenset(given)
        self.locals = locals_
        self._local_vars: dict[str, tuple[str, ...]] = {}

    @property
    def block(self) -> Location:
        return self.call.location

    def at(self, *path: str | int) -> Location:
        """The span of the longest prefix of ``path`` the call states."""
        for end in range(len(path), 0, -1):
            loc = self.call.locations.get(tuple(path[:end]))
            if loc is not None:
                return loc
        return self.call.location

    def _vars(self, expr: Any, iterators: Mapping[str, tuple[str, ...]], seen: frozenset[str] = frozenset()
              ) -> tuple[str, ...]:
        """The inputs an expression depends on, in order, through locals and iterators."""
        if not isinstance(expr, Unknown):
            return ()
        # What the block iterates comes first: it is the more precise place.
        first: list[str] = []
        found: list[str] = []
        for node in reversed(E.traversals(expr.expr)):
            var = _var_name(node)
            if var is not None:
                found.append(var)
            elif node.root in iterators:
                first.extend(iterators[node.root])
            else:
                local = _local_name(node)
                if local is not None and local not in seen:
                    found.extend(self._through_local(local, seen | {local}))
        return tuple(dict.fromkeys([*first, *found]))

    def _through_local(self, name: str, seen: frozenset[str]) -> tuple[str, ...]:
        if name not in self._local_vars:
            self._local_vars[name] = ()  # a cycle ends here
            value = self.locals.get(name)
            found: list[str] = []
            stack = [value]
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    stack.extend(reversed(list(item.values())))
                elif isinstance(item, list):
                    stack.extend(reversed(item))
                else:
                    found.extend(v for v in self._vars(item, {}, seen) if v not in found)
            self._local_vars[name] = tuple(found)
        return self._local_vars[name]

    def relocate(self, raw: Mapping[str, Any], raw_locations: Mapping[AttrPath, Location],
                 locations: Mapping[AttrPath, Location],
                 origins: Mapping[AttrPath, tuple[AttrPath, Any]]) -> Mapping[AttrPath, Location]:
        """New locations for a resolved shim resource, each placed when first
        looked up: a finding needs one or two of a resource's hundred paths,
        and placing one follows the shim's locals back to the call's inputs.

        ``raw``/``raw_locations``: the shim resource as written; ``locations``:
        its resolved locations (new path → span in the shim); ``origins``:
        expanded dynamic blocks (new path → the dynamic entry's path, key).
        """
        return _Relocated(self, raw, raw_locations, locations, origins)

    def place(self, raw: Mapping[str, Any], by_span: Mapping[Location, AttrPath], path: AttrPath,
              location: Location, origins: Mapping[AttrPath, tuple[AttrPath, Any]]) -> Location:
        """Where the call states what the shim states at ``location`` (resolved path ``path``)."""
        if path in origins:  # a block expanded from a dynamic block: the input it iterates
            return self._expanded(raw, *origins[path])
        raw_path = by_span.get(location)
        return self._place(raw, raw_path, path, origins) if raw_path is not None else self.block

    def _expanded(self, raw: Mapping[str, Any], dynamic: AttrPath, key: Any) -> Location:
        node: Any = raw
        for step in dynamic:
            if isinstance(node, dict) and isinstance(step, str):
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                return self.block
        spec = next(iter(node.values()), None) if isinstance(node, dict) and len(node) == 1 else None
        each = spec.get("for_each") if isinstance(spec, dict) else None
        if isinstance(each, Unknown) and isinstance(each.expr, E.Traversal) and len(each.expr.steps) == 1:
            var = _var_name(each.expr)
            if var in self.given and isinstance(key, int):
                return self.at(var, key)
        names = [n for n in self._vars(each, {}) if n in self.given]
        return self.at(names[0]) if names else self.block

    def _place(self, raw: Mapping[str, Any], raw_path: AttrPath, path: AttrPath,
               origins: Mapping[AttrPath, tuple[AttrPath, Any]]) -> Location:
        iterators: dict[str, tuple[str, ...]] = {}
        direct: dict[str, str] = {}  # iterator -> the input it iterates directly
        node: Any = raw
        for index, step in enumerate(raw_path):
            if isinstance(node, dict) and step == "dynamic" and index + 2 < len(raw_path):
                entries = node.get("dynamic")
                position = raw_path[index + 1]
                entry = entries[position] if isinstance(entries, list) and isinstance(position, int) and \
                    0 <= position < len(entries) else None
                if isinstance(entry, dict) and len(entry) == 1:
                    ((label, spec),) = entry.items()
                    if isinstance(spec, dict):
                        name = label
                        it = spec.get("iterator")
                        if isinstance(it, Unknown) and isinstance(it.expr, E.Traversal):
                            name = it.expr.root
                        each = spec.get("for_each")
                        iterators[name] = self._vars(each, iterators)
                        if isinstance(each, Unknown) and isinstance(each.expr, E.Traversal):
                            var = _var_name(each.expr)
                            if var is not None and len(each.expr.steps) == 1:
                                direct[name] = var
            if isinstance(node, dict):
                node = node.get(step) if isinstance(step, str) else None
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                node = None
        names = [n for n in self._vars(node, iterators) if n in self.given]
        # An element of a list input, when the block's (only) dynamic iterates that input directly.
        if len(iterators) == 1 and len(direct) == 1 and names:
            ((name, var),) = direct.items()
            key = self._element(path, origins)
            if names[0] == var and isinstance(key, int):
                element = _element_key(node.expr, name) if isinstance(node, Unknown) else None
                return self.at(var, key, element) if element is not None else self.at(var, key)
        return self.at(names[0]) if names else self.block

    @staticmethod
    def _element(path: AttrPath, origins: Mapping[AttrPath, tuple[AttrPath, Any]]) -> Any:
        for end in range(len(path), 0, -1):
            origin = origins.get(tuple(path[:end]))
            if origin is not None:
                return origin[1]
        return None


class _Relocated(Mapping[AttrPath, Location]):
    """A shim resource's locations at the user's module call (see :meth:`Relocator.relocate`)."""

    __slots__ = ("_by_span", "_done", "_locations", "_origins", "_raw", "_raw_locations", "_relocator")

    def __init__(self, relocator: Relocator, raw: Mapping[str, Any], raw_locations: Mapping[AttrPath, Location],
                 locations: Mapping[AttrPath, Location], origins: Mapping[AttrPath, tuple[AttrPath, Any]]) -> None:
        self._relocator = relocator
        self._raw = raw
        self._raw_locations = raw_locations
        self._locations = locations
        self._origins = origins
        self._by_span: dict[Location, AttrPath] | None = None
        self._done: dict[AttrPath, Location] = {}

    def __getitem__(self, path: AttrPath) -> Location:
        done = self._done.get(path)
        if done is not None:
            return done
        location = self._locations[path]
        if self._by_span is None:
            self._by_span = {}
            for raw_path, loc in self._raw_locations.items():
                self._by_span.setdefault(loc, raw_path)
        placed = self._done[path] = self._relocator.place(self._raw, self._by_span, path, location, self._origins)
        return placed

    def __contains__(self, path: object) -> bool:
        return path in self._locations

    def __iter__(self) -> Iterator[AttrPath]:
        return iter(self._locations)

    def __len__(self) -> int:
        return len(self._locations)
