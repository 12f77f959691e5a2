"""The plugin manager: built-ins and third-party plugins alike come in
through the ``srmlint`` entry-point group (see :mod:`srmlint.hookspecs`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache

import pluggy

from srmlint import hookspecs

#: Built-in plugin modules. They are also declared as entry points in
#: pyproject.toml; listing them here keeps srmlint whole when it runs from a
#: source tree that was never installed (entry points absent).
#: Keys are the entry-point names, so an installed srmlint's own entry
#: points are recognised as already registered.
BUILTIN_PLUGINS: dict[str, str] = {
    "srmlint-parsers": "srmlint.parsers.plugin",
    "srmlint-aws": "srmlint.aws.plugin",
    "srmlint-encryption": "srmlint.packs.encryption",
    "srmlint-network": "srmlint.packs.network",
    "srmlint-iam": "srmlint.packs.iam",
    "srmlint-public-access": "srmlint.packs.public_access",
    "srmlint-logging": "srmlint.packs.logging",
    "srmlint-compute": "srmlint.packs.compute",
    "srmlint-backup": "srmlint.packs.backup",
    "srmlint-reporters": "srmlint.reporters.plugin",
    "srmlint-fixes": "srmlint.fixes.builtin",
}


def new_manager(extra: Iterable[object] = (), *, entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-ins, the installed plugins and ``extra``."""
    import importlib

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name, module in BUILTIN_PLUGINS.items():
        pm.register(importlib.import_module(module), name=name)
    if entry_points:
        load_entry_points(pm, hookspecs.PROJECT)
    for plugin in extra:
        pm.register(plugin)
    return pm


def load_entry_points(pm: pluggy.PluginManager, group: str) -> None:
    """Register the plugins of ``group`` that are not registered yet (the built-ins are).

    What pluggy's ``load_setuptools_entrypoints`` does, without its cost:
    importlib.metadata parses the metadata of every installed distribution
    (~10-20 ms with a hundred of them, on every run, plus ~8 ms to import),
    while only a distribution whose ``entry_points.txt`` names the group can
    hold a plugin, and a plugin that is already registered is not loaded
    again. When a path entry is not a plain folder (a zip), the full
    importlib.metadata scan is used instead, so nothing is missed.
    """
    eps = _fast_entry_points(group)
    if eps is None:
        from importlib.metadata import entry_points

        eps = [(ep.name, ep.value) for ep in entry_points(group=group)]
    for name, value in eps:
        if pm.get_plugin(name) is not None or pm.is_blocked(name):
            continue
        pm.register(_load(value), name=name)


def _load(value: str) -> object:
    """What an entry point's ``module:attr.path [extras]`` names (EntryPoint.load)."""
    import importlib

    module, _, attrs = value.split("[", 1)[0].strip().partition(":")
    target: object = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        target = getattr(target, attr)
    return target


def _fast_entry_points(group: str) -> list[tuple[str, str]] | None:
    """(name, value) of the group's entry points, the first distribution of a
    name on ``sys.path`` winning (importlib.metadata's rule); None if the
    path cannot be read cheaply."""
    header = f"[{group}]"
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for directory, name in _metadata_dirs():
        if directory is None:
            return None
        dist_name = _normalise(name.rsplit(".", 1)[0].split("-", 1)[0])
        if dist_name in seen:
            continue
        seen.add(dist_name)
        try:
            with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8") as fh:
                text = fh.read()
        except OSError:
            continue
        if header in text:
            found.extend(_section(text, group))
    return found


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` lines of one ``[group]`` of an entry_points.txt
    (an INI file; comments start with ``#`` or ``;``)."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _metadata_dirs() -> Iterator[tuple[str | None, str]]:
    """(folder, name) of every ``*.dist-info``/``*.egg-info`` on ``sys.path``, in
    importlib.metadata's order; (None, "") for an entry that is not a folder."""
    for entry in sys.path:
        directory = entry or "."
        try:
            with os.scandir(directory) as it:
                names = sorted(e.name for e in it if e.name.endswith((".dist-info", ".egg-info")))
        except NotADirectoryError:
            yield None, ""
            return
        except OSError:
            continue  # a missing folder holds nothing
        for name in names:
            yield directory, name


def _normalise(name: str) -> str:
    """PEP 503 name normalisation, as importlib.metadata deduplicates by it."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def default_manager() -> pluggy.PluginManager:
    return new_manager()
