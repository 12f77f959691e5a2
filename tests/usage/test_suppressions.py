"""Inline suppressions: a risk accepted where it is declared, with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srmlint.cli import main

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'


def scan(tmp_path: Path, files: dict[str, str], monkeypatch, capsys, *args: str) -> tuple[int, dict]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    # The foundation rules only: other packs' findings on these snippets are not the subject.
    code = main(["--format", "json", "--isolated", "--select", "SRM,ENC001,ENC002,NET001,IAM001", *args, "."])
    return code, json.loads(capsys.readouterr().out)


def active(report: dict) -> list[tuple[str, int]]:
    return [(f["rule_id"], f["line"]) for f in report["findings"] if not f["suppressed"]]


@pytest.mark.parametrize(
    "comment",
    [
        "# srmlint:ignore ENC001 -- logs are encrypted by the producer",
        "// srmlint:ignore ENC001 -- logs are encrypted by the producer",
        "/* srmlint:ignore ENC001 -- logs are encrypted by the producer */",
        "# srmlint:ignore enc001, NET001 -- logs are encrypted by the producer",
    ],
)
def test_terraform_comment_above_the_resource(comment: str, tmp_path, monkeypatch, capsys) -> None:
    code, report = scan(tmp_path, {"main.tf": f"{comment}\n{BUCKET}"}, monkeypatch, capsys)
    assert code == 0
    [finding] = report["findings"]
    assert finding["suppressed"] is True
    assert finding["suppression"] == {"kind": "inline", "reason": "logs are encrypted by the producer"}
    assert report["summary"]["findings"] == 0 and report["summary"]["suppressed"] == 1


def test_comment_inside_the_block_and_stacked_comments(tmp_path, monkeypatch, capsys) -> None:
    files = {"main.tf": (
        "# srmlint:ignore NET001 -- lab network\n"
        "# srmlint:ignore ENC001 -- reason one; IAM001 -- reason two\n"
        'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n'
        'resource "aws_ebs_volume" "v" {\n  size = 1  # srmlint:ignore ENC002 -- scratch disk\n}\n'
        'resource "aws_ebs_volume" "w" {\n  size = 1\n}\n'
    )}
    code, report = scan(tmp_path, files, monkeypatch, capsys, "--report-unused-suppressions")
    assert code == 1
    reasons = {f["resource"]["address"]: f["suppression"]["reason"] for f in report["findings"] if f["suppressed"]}
    assert reasons == {"aws_s3_bucket.a": "reason one", "aws_ebs_volume.v": "scratch disk"}
    # The unsuppressed volume still fails; the two unused entries (NET001, IAM001 on the bucket) are reported.
    assert sorted(active(report)) == [("ENC002", 9), ("SRM001", 1), ("SRM001", 2)]


def test_a_suppression_for_one_resource_does_not_cover_the_next(tmp_path, monkeypatch, capsys) -> None:
    files = {"main.tf": (
        "# srmlint:ignore ENC001 -- accepted\n" + BUCKET + "\n"
        + BUCKET.replace('"logs" {', '"other" {')
    )}
    code, report = scan(tmp_path, files, monkeypatch, capsys)
    assert code == 1
    assert active(report) == [("ENC001", 6)]


def test_marker_in_a_string_is_not_a_suppression(tmp_path, monkeypatch, capsys) -> None:
    files = {"main.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "x # srmlint:ignore ENC001"\n}\n'}
    code, report = scan(tmp_path, files, monkeypatch, capsys)
    assert code == 1
    assert active(report) == [("ENC001", 1)]


def test_unknown_and_malformed_ids_are_reported_not_accepted(tmp_path, monkeypatch, capsys) -> None:
    files = {"main.tf": "# srmlint:ignore ENC999 -- typo\n# srmlint:ignore encryption -- not an id\n" + BUCKET
             + "\n# srmlint:ignore ENC001 -- floating, attached to nothing\n\nlocals {\n  x = 1\n}\n"}
    code, report = scan(tmp_path, files, monkeypatch, capsys)
    assert code == 1
    found = sorted(active(report))
    assert found == [("ENC001", 3), ("SRM002", 1), ("SRM002", 2), ("SRM002", 7)], report["findings"]
    messages = [f["message"] for f in report["findings"] if f["rule_id"] == "SRM002"]
    assert any("ENC999" in m for m in messages) and any("encryption" in m for m in messages)


def test_no_inline_suppressions_switch(tmp_path, monkeypatch, capsys) -> None:
    files = {"main.tf": "# srmlint:ignore ENC001 -- accepted\n" + BUCKET}
    code, report = scan(tmp_path, files, monkeypatch, capsys, "--no-inline-suppressions")
    assert code == 1
    assert active(report) == [("ENC001", 2)]


def test_cloudformation_metadata(tmp_path, monkeypatch, capsys) -> None:
    files = {"t.yaml": (
        "Resources:\n"
        "  Logs:\n    Type: AWS::S3::Bucket\n    Metadata:\n      srmlint:\n        ignore:\n"
        "          - id: ENC001\n            reason: encrypted by the producer\n"
        "          - id: NET001\n            reason: stale\n"
        "  Other:\n    Type: AWS::S3::Bucket\n    Metadata:\n      srmlint:\n        ignore:\n"
        "          - id: ENC01\n"
    )}
    code, report = scan(tmp_path, files, monkeypatch, capsys, "--report-unused-suppressions")
    assert code == 1
    suppressed = [(f["resource"]["address"], f["suppression"]["reason"]) for f in report["findings"] if f["suppressed"]]
    assert suppressed == [("Logs", "encrypted by the producer")]
    assert sorted(active(report)) == [("ENC001", 11), ("SRM001", 9), ("SRM002", 16)]


def test_text_output_hides_suppressed_findings_and_counts_them(tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "main.tf").write_text("# srmlint:ignore ENC001 -- accepted\n" + BUCKET)
    monkeypatch.chdir(tmp_path)
    assert main(["--isolated", "--select", "ENC001", "."]) == 0
    out = capsys.readouterr().out
    assert "ENC001" not in out
    assert "1 suppressed" in out


def test_ignore_on_a_module_call_holds_for_what_it_instantiates(tmp_path, monkeypatch, capsys) -> None:
    """Findings of a module's resources land on (or name) the call: the user can
    only write the ignore there, and it holds for that call alone."""
    files = {
        "modules/bucket/main.tf": BUCKET,
        "main.tf": (
            '# srmlint:ignore ENC001 -- archive account encrypts at the org level\n'
            'module "archive" {\n  source = "./modules/bucket"\n}\n'
            'module "uploads" {\n  source = "./modules/bucket"\n}\n'
            'module "sg" {\n  source              = "terraform-aws-modules/security-group/aws"\n'
            '  ingress_cidr_blocks = ["0.0.0.0/0"]\n'
            '  ingress_rules       = ["all-all"] # srmlint:ignore NET001 -- honeypot\n}\n'
        ),
    }
    code, report = scan(tmp_path, files, monkeypatch, capsys)
    findings = {(f["rule_id"], (f.get("module_call") or {}).get("address")): f for f in report["findings"]
                if f["rule_id"] != "SRM000"}
    assert findings[("ENC001", "module.archive")]["suppressed"] is True
    assert findings[("ENC001", "module.archive")]["suppression"]["reason"].startswith("archive account")
    assert findings[("ENC001", "module.uploads")]["suppressed"] is False, "the ignore is for one call only"
    assert findings[("NET001", "module.sg")]["suppressed"] is True
    assert not [f for f in report["findings"] if f["rule_id"] == "SRM002"]
    assert code == 1


def test_sam_generated_api_findings_are_suppressed_on_the_function(tmp_path, monkeypatch, capsys) -> None:
    template = (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
        "    Metadata:\n      srmlint:\n        ignore:\n          - id: PUB010\n            reason: public catalogue\n"
        "          - id: LOG009\n            reason: CloudFront logs the requests\n"
        "    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      Events:\n"
        "        Get:\n          Type: Api\n          Properties:\n            Path: /items\n            Method: get\n"
    )
    for name, text in {"template.yaml": template}.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    main(["--format", "json", "--isolated", "--select", "SRM,PUB010,LOG009", "."])
    report = json.loads(capsys.readouterr().out)
    by_rule = {f["rule_id"]: f for f in report["findings"]}
    assert by_rule["PUB010"]["suppressed"] and by_rule["LOG009"]["suppressed"], report["findings"]
    assert not [f for f in report["findings"] if f["rule_id"].startswith("SRM")]
