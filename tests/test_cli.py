"""The command line a user (and CI) relies on: output, JSON contract, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from srmlint.cli import main
from tests.conftest import ROOT

INSECURE_TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
SECURE_TF = (
    'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n'
    "  server_side_encryption_configuration {\n    rule {\n"
    '      apply_server_side_encryption_by_default {\n        sse_algorithm = "aws:kms"\n'
    '        kms_master_key_id = "arn:aws:kms:eu-west-1:123456789012:key/logs"\n'
    "      }\n    }\n  }\n}\n"
)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_is_one_line_per_finding(tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {"s3/main.tf": INSECURE_TF})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["--select", "ENC001", "s3"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "s3/main.tf:1:1: ENC001 [*] [high] S3 bucket 'logs' has no default encryption configured  "
        "(aws_s3_bucket.logs · customer-owned: data encryption · abstracted service)"
    )
    assert lines[-2].startswith("Found 1 finding (1 high)")
    assert lines[-1] == "[*] 1 fixable with --fix."


def test_clean_scan_exits_zero(tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {"main.tf": SECURE_TF})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["--select", "ENC001"], capsys)  # default path is "."
    assert code == 0
    assert out.startswith("Found 0 findings")


def test_json_contract(tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {
        "tf/main.tf": INSECURE_TF + 'resource "random_id" "x" {\n  byte_length = 4\n}\n',
        "cfn/t.yaml": "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n  Odd:\n    Type: AWS::Nope::Thing\n",
        "cfn/config.yaml": "name: not a template\n",
    })
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["--format", "json", "--select", "SRM,ENC001", "tf", "cfn"], capsys)
    assert code == 1
    report = json.loads(out)
    assert set(report) == {"schema_version", "tool", "summary", "resources", "findings"}
    assert report["schema_version"] == 1
    assert report["tool"]["name"] == "srmlint"
    assert report["summary"] == {
        "files_scanned": 3, "templates": 2, "resources": 4, "findings": 2, "suppressed": 0,
        "parse_errors": 0, "unclassified_resources": 1, "fixable": 2, "fixed": 0,
    }
    resource = next(r for r in report["resources"] if r["address"] == "aws_s3_bucket.logs")
    assert resource == {
        "file": "tf/main.tf", "format": "terraform", "type": "aws_s3_bucket", "name": "logs",
        "address": "aws_s3_bucket.logs", "line": 1, "end_line": 3, "service_model": "abstracted",
        "customer_layers": resource["customer_layers"], "aws_layers": resource["aws_layers"],
    }
    assert "encryption" in resource["customer_layers"] and "data" in resource["customer_layers"]
    assert "host" in resource["aws_layers"] and "operating_system" in resource["aws_layers"]
    odd = next(r for r in report["resources"] if r["address"] == "Odd")
    assert odd["service_model"] is None
    finding = report["findings"][0]
    assert set(finding) == {
        "rule_id", "rule", "title", "severity", "message", "file", "line", "end_line", "resource",
        "responsibility", "aws_default", "suppressed", "suppression", "fix",
    }
    assert finding["suppressed"] is False and finding["suppression"] is None
    assert [(f["file"], f["line"], f["rule_id"]) for f in report["findings"]] == [
        ("cfn/t.yaml", 2, "ENC001"), ("tf/main.tf", 1, "ENC001"),
    ]
    assert report["findings"][0]["resource"] == {"type": "AWS::S3::Bucket", "name": "Logs", "address": "Logs"}
    assert report["findings"][0]["responsibility"] == {
        "owner": "customer", "layer": "encryption", "service_model": "abstracted",
    }


def test_output_is_deterministic_and_written_to_file(tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {f"src/d{i}/main.tf": INSECURE_TF for i in range(5)})
    monkeypatch.chdir(tmp_path)
    outputs = []
    for n in range(2):
        assert run(["--format", "json", "--select", "ENC001", "--output", f"r{n}.json", "src"], capsys)[0] == 1
        outputs.append((tmp_path / f"r{n}.json").read_bytes())
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["findings"]) == 5


def test_unparseable_file_is_srm000_and_the_scan_goes_on(tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {
        "a/broken.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = \n',
        "b/main.tf": INSECURE_TF,
        "c/t.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n",
        "d/bin.tf": b"\x00\x01\x02\xff\xfe",
    })
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["--format", "json", "."], capsys)
    assert code == 1
    assert "Traceback" not in err
    report = json.loads(out)
    by_file = {(f["file"], f["rule_id"]) for f in report["findings"]}
    assert ("a/broken.tf", "SRM000") in by_file
    assert ("c/t.yaml", "SRM000") in by_file
    assert ("d/bin.tf", "SRM000") in by_file
    assert ("b/main.tf", "ENC001") in by_file
    assert report["summary"]["parse_errors"] == 3
    for f in report["findings"]:
        assert f["line"] >= 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "NET"], 0),
        (["--select", "ENC001"], 1),
        (["--select", "ENC001,NET", "--ignore", "ENC"], 0),
        (["--select", "ENC001", "--severity-threshold", "critical"], 0),
        (["--select", "ENC001", "--severity-threshold", "high"], 1),
    ],
)
def test_selection_and_threshold(args: list[str], expected: int, tmp_path: Path, monkeypatch, capsys) -> None:
    write(tmp_path, {"main.tf": INSECURE_TF})
    monkeypatch.chdir(tmp_path)
    assert run([*args, "."], capsys)[0] == expected


@pytest.mark.parametrize(
    "args",
    [["--format", "xml", "."], ["--select", "XYZ9", "."], ["--severity-threshold", "urgent", "."],
     ["does-not-exist"], ["--no-such-flag"]],
)
def test_usage_errors_exit_two(args: list[str], tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc_info:
        raise SystemExit(main(args))
    assert exc_info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_rules_and_explain(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    rows = {line.split()[0]: line.split()[4] for line in out.splitlines()}
    assert {"SRM000", "ENC001", "NET001", "IAM001"} <= set(rows)
    # Which rules can fix, and how safely (per format when they differ).
    assert rows["ENC005"] == "fix:safe" and rows["ENC002"] == "fix:unsafe" and rows["IAM001"] == "-"
    code, out, _ = run(["rules", "--format", "json"], capsys)
    records = {r["id"]: r for r in json.loads(out)}
    assert records["ENC005"]["fix"] == {"terraform": "safe", "cloudformation": "safe"}
    assert records["CMP001"]["fix"] == {"terraform": "unsafe", "cloudformation": "unsafe"}
    assert records["NET001"]["fix"] is None
    code, out, _ = run(["explain", "enc001"], capsys)
    assert code == 0
    assert "Fails (terraform):" in out and "Fix (cloudformation):" in out
    assert "Autofix:\n  terraform: safe (applied by --fix)" in out
    assert "Autofix:" not in run(["explain", "IAM001"], capsys)[1]
    assert run(["explain", "NOPE1"], capsys)[0] == 2


def test_examples_insecure_find_and_fixed_pass(capsys) -> None:
    examples = ROOT / "examples"
    for fmt in ("terraform", "cloudformation"):
        code, out, _ = run(["--format", "json", str(examples / fmt / "insecure")], capsys)
        report = json.loads(out)
        assert code == 1
        assert {"ENC001", "ENC002", "NET001", "IAM001"} <= {f["rule_id"] for f in report["findings"]}, fmt
        code, out, _ = run(["--format", "json", str(examples / fmt / "fixed")], capsys)
        assert code == 0, json.loads(out)["findings"]
        active = [f for f in json.loads(out)["findings"] if not f["suppressed"]]
        assert active == [], active


def test_examples_mirror_each_other(capsys) -> None:
    """The same story in both formats: the same findings on the same kinds of resources."""
    kinds = {}
    for fmt in ("terraform", "cloudformation"):
        _, out, _ = run(["--format", "json", str(ROOT / "examples" / fmt / "insecure")], capsys)
        kinds[fmt] = sorted(f["rule_id"] for f in json.loads(out)["findings"])
    assert kinds["terraform"] == kinds["cloudformation"]


def test_python_dash_m(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(INSECURE_TF)
    proc = subprocess.run([sys.executable, "-m", "srmlint", str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "ENC001" in proc.stdout


def test_framework_limits_the_scan_to_a_format(tmp_path: Path, capsys) -> None:
    """--framework (as Checkov's): a folder holding both formats scanned for one of them."""
    write(tmp_path, {
        "tf/main.tf": INSECURE_TF,
        "cfn/t.yaml": "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n",
        "cfn/t.json": json.dumps({"Resources": {"Raw": {"Type": "AWS::S3::Bucket"}}}),
    })
    files = {}
    for framework in ("terraform", "cloudformation", "tf,cfn"):
        code, out, _ = run(["--format", "json", "--select", "ENC001", "--framework", framework, str(tmp_path)],
                           capsys)
        files[framework] = sorted({Path(f["file"]).name for f in json.loads(out)["findings"]})
        assert code == 1
    assert files == {"terraform": ["main.tf"], "cloudformation": ["t.json", "t.yaml"],
                     "tf,cfn": ["main.tf", "t.json", "t.yaml"]}
    with pytest.raises(SystemExit) as exc_info:
        main(["--framework", "kubernetes", str(tmp_path)])
    assert exc_info.value.code == 2 and "unknown framework kubernetes" in capsys.readouterr().err
