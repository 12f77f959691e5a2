"""Baselines: adopt srmlint on an existing codebase, fail only on new problems."""

from __future__ import annotations

import json
from pathlib import Path

from srmlint.cli import main

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
OTHER = 'resource "aws_s3_bucket" "other" {\n  bucket = "other"\n}\n'


def findings(capsys) -> list[tuple[str, str, bool]]:
    report = json.loads(capsys.readouterr().out)
    return sorted((f["file"], f["resource"]["address"] if f["resource"] else "", f["suppressed"])
                  for f in report["findings"])


def test_baseline_absorbs_known_findings_only(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.tf").write_text(BUCKET)
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--select", "ENC001", "--write-baseline", "baseline.json", "a"]) == 0
    capsys.readouterr()
    document = json.loads((tmp_path / "baseline.json").read_text())
    assert document["srmlint-baseline"] == 1
    assert [e["file"] for e in document["findings"]] == ["a/main.tf"]

    # Moving the block down does not resurrect it.
    (tmp_path / "a" / "main.tf").write_text("\n\n# moved\n" + BUCKET)
    assert main(["--isolated", "--select", "ENC001", "--format", "json", "--baseline", "baseline.json", "a"]) == 0
    assert findings(capsys) == [("a/main.tf", "aws_s3_bucket.logs", True)]

    # A new violation on another resource, or the same resource in another file, is new.
    (tmp_path / "a" / "main.tf").write_text(BUCKET + OTHER)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "main.tf").write_text(BUCKET)
    assert main(["--isolated", "--select", "ENC001", "--format", "json", "--baseline", "baseline.json", "a", "b"]) == 1
    assert findings(capsys) == [
        ("a/main.tf", "aws_s3_bucket.logs", True),
        ("a/main.tf", "aws_s3_bucket.other", False),
        ("b/main.tf", "aws_s3_bucket.logs", False),
    ]


def test_baseline_from_another_working_directory_and_from_config(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(BUCKET)
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--select", "ENC001", "--write-baseline", "infra/.srmlint-baseline.json", "infra"]) == 0
    capsys.readouterr()
    (tmp_path / "infra" / ".srmlint.toml").write_text(
        'baseline = ".srmlint-baseline.json"\nformat = "json"\nselect = ["ENC001"]\n')
    monkeypatch.chdir(tmp_path / "infra")
    assert main(["."]) == 0
    assert findings(capsys) == [("main.tf", "aws_s3_bucket.logs", True)]


def test_a_file_that_is_not_our_baseline_is_an_error(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "main.tf").write_text(BUCKET)
    (tmp_path / "other.json").write_text('{"results": []}\n')
    (tmp_path / "broken.json").write_text('{"srmlint-baseline": 1,\n "findings": [\n')
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--select", "ENC001", "--baseline", "other.json", "."]) == 2
    assert "other.json:1: not an srmlint baseline" in capsys.readouterr().err
    assert main(["--isolated", "--select", "ENC001", "--baseline", "broken.json", "."]) == 2
    assert "broken.json:3:" in capsys.readouterr().err
    assert main(["--isolated", "--select", "ENC001", "--baseline", "missing.json", "."]) == 2
    assert "missing.json: cannot read baseline" in capsys.readouterr().err
