"""``--format sarif`` against the official SARIF 2.1.0 schema (OASIS), plus
what GitHub code scanning needs beyond the schema.

The schema is shipped in ``tests/schemas/`` with its terms (see the README
there), so this runs wherever the tests do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from srmlint.engine import Engine, ScanResult
from srmlint.reporters.common import FORMAT_TITLES
from srmlint.reporters.sarif import SarifReporter
from srmlint.reporting import ReportContext
from tests.reporters.test_golden import GOLDEN

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def errors(validator: jsonschema.protocols.Validator, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_schema_is_draft_04_and_strict(validator: jsonschema.protocols.Validator) -> None:
    """A sanity check of the check: the schema rejects what SARIF forbids."""
    assert validator.schema["$schema"].startswith("http://json-schema.org/draft-04/")
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "level": "fatal"}]}]}
    assert errors(validator, bad)


def test_golden_sarif_is_valid(validator: jsonschema.protocols.Validator) -> None:
    doc = json.loads((GOLDEN / "sarif.sarif").read_text(encoding="utf-8"))
    assert errors(validator, doc) == []


def test_examples_sarif_is_valid_and_fit_for_github(
    engine: Engine, validator: jsonschema.protocols.Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rule and format the examples exercise, with every rule's metadata."""
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    result = engine.scan(["examples"])
    assert result.findings
    context = ReportContext(tool_version="1.2.3", rules={m.id: m for m in engine.rule_metas()})
    doc = json.loads(SarifReporter().render(result, context))
    assert errors(validator, doc) == []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    metas = {m.id: m for m in engine.rule_metas()}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        for fmt in metas[rule["id"]].remediation:
            title = FORMAT_TITLES[fmt]
            assert f"Fix ({title})" in rule["help"]["text"] and f"### Fix ({title})" in rule["help"]["markdown"]
        score = float(rule["properties"]["security-severity"])
        assert 0.0 < score <= 10.0
        assert "security" in rule["properties"]["tags"]
        assert any(t.startswith("layer:") for t in rule["properties"]["tags"])
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert len(res["partialFingerprints"]["srmlint/v1"]) == 64
    assert len({r["partialFingerprints"]["srmlint/v1"] for r in run["results"]}) == len(run["results"])


def test_empty_scan_and_absolute_paths_are_valid(
    engine: Engine, validator: jsonschema.protocols.Validator, tmp_path: Path
) -> None:
    (tmp_path / "ok.yaml").write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", encoding="utf-8")
    clean = engine.scan([str(tmp_path / "ok.yaml")], select=lambda m: m.id == "ENC001")
    context = ReportContext(tool_version="1.2.3", rules={m.id: m for m in engine.rule_metas()})
    doc = json.loads(SarifReporter().render(clean, context))
    assert errors(validator, doc) == []
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []

    (tmp_path / "dir with space").mkdir()
    target = tmp_path / "dir with space" / "b#1.tf"
    target.write_text('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n', encoding="utf-8")
    result = engine.scan([str(target)], select=lambda m: m.id == "ENC001")
    doc = json.loads(SarifReporter().render(result, context))
    assert errors(validator, doc) == []
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in location
    assert location["uri"].startswith("file:///") and location["uri"].endswith("/dir%20with%20space/b%231.tf")


def test_suppressed_results_are_valid(validator: jsonschema.protocols.Validator) -> None:
    import dataclasses

    from tests.reporters.test_formats import finding

    accepted = dataclasses.replace(finding(), suppressed=True, suppression="inline", suppression_reason="why")
    doc = json.loads(SarifReporter().render(ScanResult(findings=[accepted, finding(line=20)]),
                                            ReportContext(tool_version="1.2.3")))
    assert errors(validator, doc) == []
