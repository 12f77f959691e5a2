"""Golden files: every output format of one small fixture, byte for byte.

The fixture (``fixture/``) is scanned from this folder with a fixed rule
selection, so rule packs landing elsewhere do not change these files; the
tool version is a fixed string, so a release does not either. When a format
changes on purpose (or the catalog's wording of a service or AWS default
does), regenerate and review the diff::

    SRMLINT_UPDATE_GOLDEN=1 python -m pytest tests/reporters -p no:cacheprovider
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from srmlint.engine import Engine, ScanResult
from srmlint.reporting import ReportContext, Reporter

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
#: The rules the fixture exercises; others are left out so the goldens only
#: change when a reporter (or one of these rules) does.
RULES = ("SRM000", "ENC001", "ENC002", "NET001", "IAM001")
VERSION = "0.0.0+golden"
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "txt", "gitlab": "json",
           "markdown": "md", "html": "html"}
UPDATE = os.environ.get("SRMLINT_UPDATE_GOLDEN") == "1"


@pytest.fixture
def scanned(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> tuple[ScanResult, ReportContext]:
    monkeypatch.chdir(HERE)
    result = engine.scan(["fixture"], select=lambda m: m.id in RULES)
    rules = {m.id: m for m in engine.rule_metas() if m.id in RULES}
    return result, ReportContext(tool_version=VERSION, rules=rules)


def reporters() -> dict[str, Reporter]:
    """The formats as the CLI finds them: through the ``srmlint_reporters`` hook."""
    from srmlint.plugins import default_manager

    return {r.name: r for group in default_manager().hook.srmlint_reporters() for r in group}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_golden(name: str, scanned: tuple[ScanResult, ReportContext]) -> None:
    result, context = scanned
    reporter = reporters()[name]
    text = reporter.render(result, context)
    assert text == reporter.render(result, context), "output must be deterministic"
    assert str(HERE) not in text, "no absolute paths in a report of relative inputs"
    golden = GOLDEN / f"{name}.{FORMATS[name]}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden.name}: run with SRMLINT_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} output differs from {golden.relative_to(HERE.parent.parent)}; if the change is intended, "
        "regenerate with `SRMLINT_UPDATE_GOLDEN=1 python -m pytest tests/reporters -p no:cacheprovider` "
        "and review the diff")


def test_every_builtin_format_has_a_golden_file() -> None:
    from srmlint.reporters.plugin import srmlint_reporters

    assert {r.name for r in srmlint_reporters()} == set(FORMATS)


def test_color_text_golden(scanned: tuple[ScanResult, ReportContext]) -> None:
    """Colored text: the same words as plain text, with ANSI styles."""
    import re

    from srmlint.reporters.text import TextReporter

    result, context = scanned
    plain = TextReporter().render(result, context)
    colored = TextReporter().render(result, ReportContext(context.tool_version, context.rules, color=True))
    assert "\033[" in colored
    assert re.sub(r"\033\[[0-9;]*m", "", colored) == plain
    golden = GOLDEN / "text-color.txt"
    if UPDATE:
        golden.write_text(colored, encoding="utf-8", newline="\n")
    assert colored == golden.read_text(encoding="utf-8")
