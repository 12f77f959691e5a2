"""``srmlint -``: one template from standard input, as editors and pipelines
send it; and what ``--fix`` refuses to edit (standard input, plan JSON)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from srmlint.cli import main

TF = b'resource "aws_kms_key" "k" {\n  description = "x"\n}\n'
CFN_YAML = b"Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: x\n"
CFN_JSON = json.dumps({"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {}}}}).encode()


def run(args: list[str], data: bytes, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("data", [TF, CFN_YAML, CFN_JSON], ids=["terraform", "yaml", "json"])
def test_format_is_guessed_from_content(data: bytes, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["-", "--select", "ENC005", "--no-cache"], data, capsys, monkeypatch)
    assert code == 1
    assert out.startswith("<stdin>:") and " ENC005 " in out, out


def test_stdin_filename_names_findings_and_sets_the_format(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["-", "--stdin-filename", "infra/main.tf", "--format", "json", "--no-cache"], TF,
                       capsys, monkeypatch)
    report = json.loads(out)
    assert code == 1 and {f["file"] for f in report["findings"]} == {"infra/main.tf"}
    assert report["summary"]["templates"] == 1


def test_broken_stdin_is_an_srm000_not_a_pass(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["-", "--stdin-filename", "main.tf", "--no-cache"], b'resource "aws_kms_key" "k" {\n',
                       capsys, monkeypatch)
    assert code == 1 and out.startswith("main.tf:") and "SRM000" in out


def test_stdin_alongside_files(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "other.tf").write_bytes(TF.replace(b'"k"', b'"other"'))
    _, out, _ = run(["-", str(tmp_path), "--select", "ENC005", "--no-cache"], TF, capsys, monkeypatch)
    assert "<stdin>:" in out and "other.tf:" in out


def test_diff_on_stdin_prints_the_patch(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["-", "--stdin-filename", "main.tf", "--diff", "--no-cache"], TF, capsys, monkeypatch)
    assert code == 1 and "+++ b/main.tf" in out and "+  enable_key_rotation = true" in out


def test_fix_refuses_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(["-", "--fix"], TF, capsys, monkeypatch)
    assert code == 2 and out == ""
    assert "--fix cannot edit standard input" in err


def test_fix_refuses_a_named_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format_version": "1.2", "planned_values": {"root_module": {}}}))
    before = plan.read_bytes()
    code, _, err = run(["--fix", str(plan)], b"", capsys, monkeypatch)
    assert code == 2 and "is a Terraform plan" in err and "fix the .tf configuration" in err
    assert plan.read_bytes() == before
