"""Detection quality must not regress against the peers' fixtures.

bench/oracle.py runs srmlint over trivy-checks' and Checkov's own good/bad
fixtures and measures recall and specificity per theme and format; the floors
committed in floors.yaml are what was measured when they were last raised.
A rule change that loses detections or adds false alarms fails here, with the
cases that moved named in the message. The mapping itself is checked too: a
peer check missing from it would silently leave the measurement, and a rule id
that does not exist would make a check look covered when nothing runs.

Skipped (with a message) when ../shared/corpus/oracle/ is absent, so the
package's own tests still run anywhere.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
ORACLE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "oracle"
FLOORS = HERE / "floors.yaml"
MAPPING = HERE / "mapping.yaml"

pytestmark = pytest.mark.skipif(
    not ORACLE.is_dir(), reason=f"peer fixtures not found at {ORACLE} (detection-quality oracle skipped)"
)


def _load_harness() -> ModuleType:
    """Import bench/oracle.py by path: bench/ is a tool folder, not an installed package."""
    spec = importlib.util.spec_from_file_location("srmlint_bench_oracle", PROJECT / "bench" / "oracle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def oracle() -> ModuleType:
    return _load_harness()


@pytest.fixture(scope="module")
def result(oracle: ModuleType) -> Any:
    return oracle.run(ORACLE, MAPPING)


@pytest.fixture(scope="module")
def floors() -> dict[str, dict[str, dict[str, float]]]:
    with FLOORS.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{FLOORS} must be a mapping"
    return data


def test_mapping_covers_every_peer_check_exactly_once(oracle: ModuleType) -> None:
    mapping = oracle.load_mapping(MAPPING)  # refuses duplicate keys
    for peer, keys in oracle.index_checks(ORACLE).items():
        expected = set(keys)
        mapped = set(mapping[peer])
        assert not expected - mapped, f"{peer} checks missing from mapping.yaml: {sorted(expected - mapped)}"
        assert not mapped - expected, f"{peer} entries in mapping.yaml not in the index: {sorted(mapped - expected)}"
    trivy_ids = Counter(oracle.index_checks(ORACLE)["trivy"])
    assert not [k for k, n in trivy_ids.items() if n > 1], "a trivy check id appears twice in its index"


def test_mapping_refuses_duplicate_entries(oracle: ModuleType, tmp_path: Path) -> None:
    bad = tmp_path / "mapping.yaml"
    bad.write_text(
        "trivy:\n  AWS-0001: {scope: out, reason: x}\n  AWS-0001: {scope: out, reason: y}\ncheckov: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(yaml.YAMLError, match="duplicate key"):
        oracle.load_mapping(bad)


def test_mapped_rules_exist() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "srmlint", "rules", "--format", "json"],
        capture_output=True, text=True, check=True,
    ).stdout
    known = {rule["id"] for rule in json.loads(out)}
    with MAPPING.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    unknown = {
        f"{peer}.{check}: {rule}"
        for peer, entries in raw.items()
        for check, entry in entries.items()
        for rule in entry.get("rules") or []
        if rule not in known
    }
    assert not unknown, f"mapping.yaml names rules srmlint does not have: {sorted(unknown)}"


def test_every_theme_and_format_has_a_floor(result: Any, floors: dict[str, Any]) -> None:
    missing = [
        f"{row.theme}/{row.format} {metric}"
        for row in result.rows
        for metric in ("recall", "specificity")
        if getattr(row, metric) is not None and metric not in floors.get(row.theme, {}).get(row.format, {})
    ]
    assert not missing, f"no floor in floors.yaml for: {missing}"


def test_detection_quality_at_or_above_floors(oracle: ModuleType, result: Any, floors: dict[str, Any]) -> None:
    problems = oracle.floor_violations(result, floors)
    if problems:
        moved = [
            f"{'miss' if o.case.expect == 'bad' else 'false alarm'}: {o.case.peer} {o.case.check} "
            f"({o.case.format}) {o.case.resource or o.case.files[0]}"
            for o in [*result.misses, *result.false_alarms]
            if o.case.rules or o.case.expect == "good"
        ]
        pytest.fail("\n".join(["below the committed floors:", *problems, "cases of mapped rules:", *moved]))


def test_floors_can_fail(oracle: ModuleType, result: Any) -> None:
    """The floor check is live: a floor just above a measured value is reported."""
    row = next(r for r in result.rows if r.recall is not None and r.recall < 1)
    raised = {row.theme: {row.format: {"recall": row.recall + 0.01}}}
    assert oracle.floor_violations(result, raised)
    assert oracle.floor_violations(result, {"nonexistent": {"terraform": {"recall": 0.0}}})


def test_every_dispute_matches_a_case_srmlint_disagrees_on(oracle: ModuleType, result: Any) -> None:
    """A dispute is a claim that the peer's fixture is wrong: it must name a
    case that exists, and one srmlint actually judges differently (else it
    is stale and would hide nothing but still shrink the denominator)."""
    disputes = oracle.load_disputes()
    for dispute in disputes:
        matched = [o for o in result.outcomes if dispute.matches(o.case)]
        assert matched, f"dispute matches no case: {dispute}"
        assert any(not o.right for o in matched), f"srmlint already agrees with the peer here: {dispute}"


def test_disputes_are_validated(oracle: ModuleType, tmp_path: Path) -> None:
    bad = tmp_path / "disputed.yaml"
    bad.write_text("checkov:\n  CKV_AWS_1:\n    - file: x.tf\n      reason: short\n", encoding="utf-8")
    with pytest.raises(ValueError, match="reason"):
        oracle.load_disputes(bad)
    bad.write_text("nobody: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="peers"):
        oracle.load_disputes(bad)


def test_an_instance_id_is_judged_by_the_findings_that_name_it_or_hold_for_every_instance(
        oracle: ModuleType) -> None:
    index = oracle.ScanIndex()
    block = ("f.tf", "aws_instance", "aws_instance.web")
    index.resources.add(block)
    index.rules_by_resource[block] |= {"PUB011", "CMP001"}
    index.rules_by_instance[(*block, '["public"]')].add("PUB011")
    index.rules_every_instance[block].add("CMP001")

    def flagged(rid: str, rules: tuple[str, ...]) -> bool:
        case = oracle.Case("checkov", "CKV", "public_access", rules, "terraform", "bad", "resource", ("f.tf",), rid)
        return bool(oracle.judge(case, index).flagged)

    assert flagged('aws_instance.web["public"]', ("PUB011",))
    assert not flagged('aws_instance.web["private"]', ("PUB011",))  # the finding named another instance
    assert flagged('aws_instance.web["private"]', ("CMP001",))  # a finding of every instance
    assert flagged("aws_instance.web", ("PUB011",))  # the block: any of its findings
    inside = ("f.tf", "aws_instance", 'module.m["a"].aws_instance.web')  # a module call's instance
    index.resources.add(inside)
    index.rules_by_instance[(*inside, '["k"]')].add("PUB011")
    assert flagged('module.m["a"].aws_instance.web["k"]', ("PUB011",))
    assert not flagged('module.m["b"].aws_instance.web["k"]', ("PUB011",))
