"""Every rule's own examples are its tests: the failing snippet must raise the
rule, the passing one must not, in every format the rule documents."""

from __future__ import annotations

import pytest

from srmlint.engine import Engine
from srmlint.plugins import default_manager
from tests.conftest import ScanFiles, rule_ids

FILE_NAMES = {"terraform": "main.tf", "cloudformation": "template.yaml"}

_ENGINE = Engine(default_manager())
CASES = [
    pytest.param(rule.meta.id, fmt, example, id=f"{rule.meta.id}-{fmt}")
    for rule in _ENGINE.rules
    for fmt, example in sorted(rule.meta.examples.items())
]


def test_every_rule_has_examples_for_each_format_it_covers() -> None:
    """Both formats wherever the resource exists in both; a rule on a resource
    that only one format has gives remediation, and examples, for that one."""
    for rule in _ENGINE.rules:
        formats = set(rule.meta.remediation)
        assert formats and formats <= {"terraform", "cloudformation"}, rule.meta.id
        assert set(rule.meta.examples) == formats, rule.meta.id


@pytest.mark.parametrize(("rule_id", "fmt", "example"), CASES)
def test_failing_example_raises_the_rule(rule_id: str, fmt: str, example, scan_files: ScanFiles) -> None:
    result = scan_files({FILE_NAMES[fmt]: example.fail})
    assert rule_id in rule_ids(result), result.findings
    assert "SRM000" not in rule_ids(result)


@pytest.mark.parametrize(("rule_id", "fmt", "example"), CASES)
def test_passing_example_is_clean(rule_id: str, fmt: str, example, scan_files: ScanFiles) -> None:
    result = scan_files({FILE_NAMES[fmt]: example.pass_})
    assert result.templates == 1
    assert rule_id not in rule_ids(result), result.findings
    assert "SRM000" not in rule_ids(result)


def test_rule_metadata_is_complete() -> None:
    from srmlint.responsibility import LAYERS

    ids = set()
    for meta in _ENGINE.rule_metas():
        assert meta.id not in ids
        ids.add(meta.id)
        assert meta.id[:3] in {"ENC", "NET", "IAM", "PUB", "LOG", "CMP", "BKP", "SRM"}, meta.id
        assert meta.slug and meta.title and meta.rationale and meta.url.startswith("https://")
        assert meta.layer in LAYERS
        assert meta.remediation and set(meta.remediation) <= {"terraform", "cloudformation"}
