"""The plugin manager: built-ins and third-party plugins alike come in
through the ``srmlint`` entry-point group (see :mod:`srmlint.hookspecs`).
"""

from __future__ import annotations

from collections.abc import Iterable
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
}


def new_manager(extra: Iterable[object] = (), *, entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-ins, the installed plugins and ``extra``."""
    import importlib

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name, module in BUILTIN_PLUGINS.items():
        pm.register(importlib.import_module(module), name=name)
    if entry_points:
        # pluggy skips entry-point names it already has: the built-ins above.
        pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    for plugin in extra:
        pm.register(plugin)
    return pm


@cache
def default_manager() -> pluggy.PluginManager:
    return new_manager()
