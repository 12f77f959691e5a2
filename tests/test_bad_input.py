"""Bad input never crashes the scan and never passes silently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from srmlint.cli import main
from tests.conftest import ROOT

GOOD = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
CFN = b"AWSTemplateFormatVersion: '2010-09-09'\n"

BAD: dict[str, bytes] = {
    "syntax/main.tf": b'resource "aws_s3_bucket" "a" {\n  bucket = \n}\n'
                      b'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n',
    "nonutf8/main.tf": b'resource "aws_s3_bucket" "a" {\n  bucket = "\xff\xfe"\n}\n',
    "binary/main.tf": bytes(range(256)) * 4,
    "yaml/broken.yaml": CFN + b"Resources:\n  B:\n    Type: [unclosed\n",
    "yaml/resources-list.yaml": CFN + b"Resources:\n  - Type: AWS::S3::Bucket\n",
    "yaml/type-mapping.yaml": CFN + b"Resources:\n  M:\n    Type: !Rain::Module x.yml\n"
                              b"  B:\n    Type: AWS::S3::Bucket\n",
    "yaml/nonutf8.yaml": CFN + b"Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Description: \xff\n",
    "yaml/alias-bomb.yaml": CFN + b"Resources: {}\n" + b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((c,) * 2 + (c - 1,) * 9)
        for c in range(ord("b"), ord("k"))
    ),
    "yaml/deep.json": b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + b"[" * 50000 + b"]" * 50000 + b"}",
    "yaml/empty.yaml": b"",
    "empty/main.tf": b"",
}


@pytest.fixture
def hostile_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, data in BAD.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (tmp_path / "good" / "main.tf").parent.mkdir()
    (tmp_path / "good" / "main.tf").write_text(GOOD)
    bom = tmp_path / "bom" / "t.yaml"
    bom.parent.mkdir()
    bom.write_bytes(b"\xef\xbb\xbf" + CFN + b"Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_hostile_inputs_give_srm000_and_the_scan_goes_on(hostile_tree: Path, capsys) -> None:
    code = main(["--format", "json", "."])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""
    report = json.loads(out)
    srm000 = {f["file"]: f for f in report["findings"] if f["rule_id"] == "SRM000"}
    expected_problems = {name for name in BAD if "empty" not in name}
    assert set(srm000) == expected_problems, {k: v["message"] for k, v in srm000.items()}
    for finding in srm000.values():
        assert finding["line"] >= 1 and finding["message"]
        assert "internal error" not in finding["message"]
    others = {(f["file"], f["rule_id"], f["line"]) for f in report["findings"] if f["rule_id"] != "SRM000"}
    assert ("good/main.tf", "ENC001", 1) in others
    assert ("bom/t.yaml", "ENC001", 3) in others
    # A syntax error in one block does not hide the other blocks of the file.
    assert ("syntax/main.tf", "ENC002", 4) in others
    # A resource whose Type is a mapping is reported; its neighbours are analysed.
    assert ("yaml/type-mapping.yaml", "ENC001", 5) in others
    assert srm000["syntax/main.tf"]["line"] in (2, 3)
    assert "still analysed" in srm000["syntax/main.tf"]["message"]


def test_plain_cloudformation_scan_never_imports_cfnlint(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(CFN + b"Resources:\n  B:\n    Type: AWS::S3::Bucket\n")
    (tmp_path / "main.tf").write_text(GOOD)
    code = (
        "import sys\nfrom srmlint.cli import main\n"
        f"rc = main([{str(tmp_path)!r}])\n"
        "assert rc == 1, rc\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('cfnlint', 'samtranslator', 'hcl2'))\n"
        "print('LEAKED', leaked)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "LEAKED []" in proc.stdout
