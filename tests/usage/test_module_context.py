"""A Terraform file named on its own (pre-commit passes only changed files) is
read with the other files of its module as context."""

from __future__ import annotations

import json
from pathlib import Path

from srmlint.cli import main

BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
ENCRYPTION = (
    'resource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n  bucket = aws_s3_bucket.b.id\n'
    '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
)
VOLUME = 'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n'


def scan(capsys, *paths: str) -> dict:
    main(["--isolated", "--format", "json", "--select", "SRM000,ENC001,ENC002", *paths])
    return json.loads(capsys.readouterr().out)


def test_a_named_file_sees_its_siblings_but_only_it_is_reported(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(BUCKET)
    (tmp_path / "mod" / "s3.tf").write_text(ENCRYPTION + VOLUME)
    (tmp_path / "mod" / "broken.tf").write_text('resource "x" "y" {\n')
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "main.tf").write_text(ENCRYPTION)
    monkeypatch.chdir(tmp_path)

    report = scan(capsys, "mod/main.tf")
    # The bucket is encrypted by its sibling; the sibling's own volume and the
    # broken file are context, not reported.
    assert report["findings"] == []
    assert [r["address"] for r in report["resources"]] == ["aws_s3_bucket.b"]
    assert report["summary"]["files_scanned"] == 1

    report = scan(capsys, "mod/main.tf", "mod/s3.tf")
    assert [(f["file"], f["rule_id"]) for f in report["findings"]] == [("mod/s3.tf", "ENC002")]

    # Another folder is another module: its configuration does not count.
    (tmp_path / "mod" / "s3.tf").write_text(VOLUME)
    report = scan(capsys, "mod/main.tf")
    assert [(f["file"], f["rule_id"]) for f in report["findings"]] == [("mod/main.tf", "ENC001")]


def test_cloudformation_templates_stand_alone(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "a.yaml").write_text("Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
    (tmp_path / "b.yaml").write_text("Resources:\n  C:\n    Type: AWS::S3::Bucket\n")
    monkeypatch.chdir(tmp_path)
    report = scan(capsys, "a.yaml")
    assert [(f["file"], f["rule_id"]) for f in report["findings"]] == [("a.yaml", "ENC001")]
    assert [r["address"] for r in report["resources"]] == ["B"]
