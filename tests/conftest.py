"""Shared helpers: scan small hand-written templates through the real pipeline."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from srmlint.engine import Engine, ScanResult
from srmlint.plugins import default_manager

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """CLI runs in the tests fill a parse cache: keep it out of the user's ~/.cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(default_manager())


ScanFiles = Callable[[Mapping[str, str]], ScanResult]


@pytest.fixture
def scan_files(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScanFiles:
    """Write ``{relative path: text}`` under a temporary folder and scan it;
    paths in the result are relative to that folder, as a user would type them."""

    def scan(files: Mapping[str, str]) -> ScanResult:
        for name, text in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return engine.scan(["."])

    return scan


def rule_ids(result: ScanResult) -> list[str]:
    return [f.rule_id for f in result.findings]
