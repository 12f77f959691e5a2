"""The built-in AWS plugin: extractors and the responsibility catalog."""

from __future__ import annotations

from pathlib import Path

from srmlint.catalog import rules_dir
from srmlint.extract import Extractor
from srmlint.hookspecs import hookimpl


@hookimpl
def srmlint_extractors() -> list[Extractor]:
    from srmlint.aws.extractors import iam, network, storage

    return [*storage.EXTRACTORS, *network.EXTRACTORS, *iam.EXTRACTORS]


@hookimpl
def srmlint_catalog_paths() -> list[Path]:
    return [rules_dir() / "catalog.yaml"]
