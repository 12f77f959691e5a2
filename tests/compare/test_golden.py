"""Golden files: the examples' EC2 design compared with their Lambda design,
in every format, byte for byte.

Scanned with a fixed rule selection (and a fixed tool version in the HTML
footer), so rule packs landing elsewhere do not change these files. When a
format changes on purpose, regenerate and review the diff::

    SRMLINT_UPDATE_GOLDEN=1 python -m pytest tests/compare -p no:cacheprovider
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from srmlint import compare
from srmlint.engine import Engine
from srmlint.reporters import compare as render
from tests.conftest import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
RULES = ("SRM000", "ENC001", "ENC002", "ENC003", "NET001", "IAM001", "CMP001", "LOG010")
EXT = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}
UPDATE = os.environ.get("SRMLINT_UPDATE_GOLDEN") == "1"


def _design(engine: Engine, path: str) -> compare.Design:
    metas = [m for m in engine.rule_metas() if m.id in RULES]
    return compare.design(path, engine.scan([path], select=lambda m: m.id in RULES), metas)


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_golden(fmt: str, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(render, "__version__", "0.0.0+golden")
    result = compare.compare(_design(engine, "examples/terraform/insecure/api-ec2"),
                             _design(engine, "examples/terraform/insecure/api-lambda"))
    text = render.render(result, fmt)
    assert text == render.render(result, fmt), "output must be deterministic"
    golden = GOLDEN / f"ec2-to-lambda.{EXT[fmt]}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing {golden.name}: run with SRMLINT_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{fmt} output differs from {golden.name}; if on purpose, regenerate with SRMLINT_UPDATE_GOLDEN=1")
