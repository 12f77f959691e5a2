"""One unit's failure never loses another's result.

A failure is injected into each kind of component -- a reader (built-in and
third-party), an extractor, a rule, the catalog's classification, a reporter
-- and the scan must report it as an SRM000 naming the component while every
finding of the other files (and, for an extractor or a rule, of the other
extractors and rules on the same resource) is still there. A reporter that
fails cannot put an SRM000 in its own report: the run exits 2 naming it and
writes no partial report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from srmlint.aws.facts import EncryptionAtRest
from srmlint.cli import main
from srmlint.engine import Engine, ScanResult
from srmlint.extract import Extractor
from srmlint.facts import Fact, FactSet
from srmlint.graph import ResourceGraph
from srmlint.hookspecs import hookimpl
from srmlint.model import ParsedFile, Resource
from srmlint.parsers import cloudformation
from srmlint.plugins import new_manager
from srmlint.responsibility import Responsibility
from srmlint.rule import Hit, Rule, RuleMeta, Severity

FILES = {
    "a/main.tf": 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\nresource "aws_ebs_volume" "v" {\n  size = 1\n}\n',
    "b/main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    "c/t.yaml": "Resources:\n  C:\n    Type: AWS::S3::Bucket\n",
    "d/t.yaml": "Resources:\n  D:\n    Type: AWS::S3::Bucket\n",
    "e/x.boom": "anything\n",
}


class ExplodingError(RuntimeError):
    pass


class BoomParser:
    """A third-party reader that fails on every file it claims."""

    name = "boom"
    module_context = False

    def claims(self, path: str) -> bool:
        return path.endswith(".boom")

    def parse(self, path: str, data: bytes) -> ParsedFile:
        raise ExplodingError("reader exploded")


def _explode_on_b(resource: Resource, graph: ResourceGraph) -> Iterable[Fact]:
    if resource.name == "b":
        yield EncryptionAtRest(state="customer_key", path=(), source=None)  # yielded before the failure: must not count
        raise ExplodingError("extractor exploded")
    return


class ExplodingRule(Rule):
    meta = RuleMeta(
        id="ZZZ999", slug="explodes", title="Explodes on bucket a", severity=Severity.LOW,
        layer="data_encryption", facts=(EncryptionAtRest,), rationale="test", remediation={}, url="",
    )

    def check(self, resource: Resource, facts: FactSet, responsibility: Responsibility,
              graph: ResourceGraph) -> Iterable[Hit]:
        if resource.name in ("a", "C"):
            raise ExplodingError("rule exploded")
        return ()


class Plugin:
    @hookimpl
    def srmlint_parsers(self) -> Sequence[Any]:
        return [BoomParser()]

    @hookimpl
    def srmlint_extractors(self) -> Sequence[Extractor]:
        return [Extractor("exploding-extractor", {"terraform": ["aws_s3_bucket"]}, (EncryptionAtRest,),
                          _explode_on_b)]

    @hookimpl
    def srmlint_rules(self) -> Sequence[Rule]:
        return [ExplodingRule()]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _keys(result: ScanResult, rule_id: str | None = None) -> set[tuple[str, str | None]]:
    return {(f.file, f.resource.address if f.resource else None) for f in result.findings
            if rule_id is None or f.rule_id == rule_id}


def test_every_kind_of_component_failure_is_contained(tree: Path, engine: Engine,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = engine.scan(["."])
    expected = {(f.file, f.rule_id, f.line) for f in baseline.findings}
    assert ("b/main.tf", "ENC001", 1) in expected and ("d/t.yaml", "ENC001", 2) in expected

    # A built-in reader failing on one file (d/t.yaml), beyond what it guards against itself.
    real_parse = cloudformation._parse

    def failing_parse(path: str, data: bytes) -> ParsedFile:
        if path.endswith("d/t.yaml"):
            raise ExplodingError("built-in reader exploded")
        return real_parse(path, data)

    monkeypatch.setattr(cloudformation, "_parse", failing_parse)
    broken = Engine(new_manager(extra=[Plugin()]))
    # The catalog failing on one resource (the EBS volume).
    real_classify = broken.catalog.classify_resource

    def failing_classify(resource: Resource) -> Responsibility | None:
        if resource.type == "aws_ebs_volume":
            raise ExplodingError("catalog exploded")
        return real_classify(resource)

    monkeypatch.setattr(broken.catalog, "classify_resource", failing_classify)
    result = broken.scan(["."])

    srm000 = {(f.file, f.message) for f in result.findings if f.rule_id == "SRM000"}
    assert srm000 == {
        ("e/x.boom", "internal error in the boom reader: ExplodingError: reader exploded"),
        ("d/t.yaml", "could not analyse file (internal error in the cloudformation reader: "
                     "ExplodingError: built-in reader exploded)"),
        ("b/main.tf", "aws_s3_bucket.b: internal error in extractor exploding-extractor: "
                      "ExplodingError: extractor exploded"),
        ("a/main.tf", "aws_s3_bucket.a: internal error in rule ZZZ999: ExplodingError: rule exploded"),
        ("c/t.yaml", "C: internal error in rule ZZZ999: ExplodingError: rule exploded"),
        ("a/main.tf", "aws_ebs_volume.v: internal error in classification: ExplodingError: catalog exploded"),
    }
    got = {(f.file, f.rule_id, f.line) for f in result.findings if f.rule_id != "SRM000"}
    # Everything the healthy scan found is still found, except on the file whose reader failed;
    # in particular bucket b keeps ENC001 from the built-in extractor, and bucket a and C keep
    # every other rule's findings although ZZZ999 failed on them.
    lost = {e for e in expected if e[0] != "d/t.yaml"} - got
    assert not lost, lost
    assert not any(f.file == "d/t.yaml" and f.rule_id != "SRM000" for f in result.findings)


class FailingReporter:
    name = "failing"

    def render(self, result: ScanResult, context: object) -> str:
        raise ExplodingError("reporter exploded")


class ReporterPlugin:
    @hookimpl
    def srmlint_reporters(self) -> Sequence[Any]:
        return [FailingReporter()]


def test_failing_reporter_exits_2_naming_it_and_writes_nothing(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import srmlint.plugins

    monkeypatch.setattr(srmlint.plugins, "default_manager", lambda: new_manager(extra=[ReporterPlugin()]))
    code = main(["--isolated", "--no-cache", "--format", "failing", "-o", "out.txt", "."])
    err = capsys.readouterr().err
    assert code == 2
    assert "the 'failing' reporter failed: ExplodingError: reporter exploded" in err
    assert not (tree / "out.txt").exists()
    # The same scan with a working reporter is complete.
    assert main(["--isolated", "--no-cache", "--format", "json", "-o", "out.json", "."]) == 1
    report = json.loads((tree / "out.json").read_text())
    assert {f["file"] for f in report["findings"]} >= {"a/main.tf", "b/main.tf", "c/t.yaml", "d/t.yaml"}
