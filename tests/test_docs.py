"""docs/rules.md is generated from the rules' metadata and must match the
live rule registry: rule packs are added all the time, and a rule list that
lags the code is worse than none."""

from __future__ import annotations

from srmlint import docgen
from srmlint.responsibility import LAYERS
from tests.conftest import ROOT


def test_rules_md_is_in_sync_with_the_rule_registry() -> None:
    expected = docgen.render(docgen.builtin_metas())
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, (
        "docs/rules.md is out of date with the rules' metadata. Regenerate it with "
        f"`{docgen.COMMAND}` (from the repository root) and commit the result."
    )


def test_every_rule_has_an_anchor_and_a_known_layer() -> None:
    metas = docgen.builtin_metas()
    text = docgen.render(metas)
    for meta in metas:
        assert f"\n### {meta.id}\n" in text
        assert meta.layer in LAYERS, f"{meta.id}: unknown layer {meta.layer!r}"
