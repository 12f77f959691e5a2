"""The built-in AWS plugin: extractors and the responsibility catalog."""

from __future__ import annotations

from pathlib import Path

from srmlint.catalog import rules_dir
from srmlint.extract import Extractor
from srmlint.hookspecs import hookimpl


@hookimpl
def srmlint_extractors() -> list[Extractor]:
    """Every ``EXTRACTORS`` list of the modules in :mod:`srmlint.aws.extractors`,
    in module-name order: adding a service's extractors is adding a module."""
    import importlib
    import pkgutil

    from srmlint.aws import extractors

    found: list[Extractor] = []
    for info in sorted(pkgutil.iter_modules(extractors.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{extractors.__name__}.{info.name}")
        found.extend(getattr(module, "EXTRACTORS", ()))
    return found


@hookimpl
def srmlint_catalog_paths() -> list[Path]:
    return [rules_dir() / "catalog.yaml"]
