"""Input built to exhaust time, memory or the stack: an alias bomb, nesting
10,000+ levels deep in YAML, JSON and HCL, a 50 MB template. Each gives an
SRM000 on its own file, the scan goes on, and the cost stays bounded.

Measured on the 2-core dev machine (one file plus a good neighbour, child
process, CPU s / peak RSS; a plain run of one small file costs the same):
alias bomb 0.3 s / 50 MiB; YAML and JSON nested 100,000 deep 0.15 s /
28 MiB; HCL nested 20,000-100,000 deep 0.6 s / 86-100 MiB; ``.tf.json``
100,000 deep 0.6 s / 86 MiB; a 50 MB template is not read (RSS as for an
empty scan).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srmlint.engine import Engine, ScanResult
from srmlint.reading import MAX_FILE_BYTES
from tests.hostile.harness import MAX_CPU_SECONDS, MAX_RSS_MIB, run_srmlint

CFN = b"AWSTemplateFormatVersion: '2010-09-09'\n"
TF_HEAD = b'resource "aws_s3_bucket" "deep" {\n  x = '
DEPTH = 20_000

#: name -> (bytes, what the SRM000 says)
BOMBS: dict[str, tuple[bytes, str]] = {
    # 9 levels of 9 aliases each: 9**9 (387 million) values if expanded.
    "alias-bomb.yaml": (
        CFN + b"Resources: {}\n" + b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((c,) * 2 + (c - 1,) * 9)
            for c in range(ord("b"), ord("k"))),
        r"alias bomb"),
    "deep-seq.yaml": (CFN + b"Resources: " + b"[" * DEPTH + b"]" * DEPTH + b"\n", r"nesting deeper than \d+ levels"),
    "deep-map.yaml": (CFN + b"Resources: " + b"{a: " * DEPTH + b"1" + b"}" * DEPTH + b"\n",
                      r"nesting deeper than \d+ levels"),
    "deep-block.yaml": (CFN + b"Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      X:\n      "
                        + b"- " * DEPTH + b"x\n", r"nesting deeper than \d+ levels"),
    "deep.json": (b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + b'{"a":' * DEPTH + b"1"
                  + b"}" * DEPTH + b"}", r"nesting deeper than \d+ levels"),
    "deep-array.json": (b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ' + b"[" * DEPTH + b"]" * DEPTH
                        + b"}", r"nesting deeper than \d+ levels"),
    "deep/main.tf.json": (b'{"resource": {"aws_s3_bucket": {"b": ' + b'{"a":' * DEPTH + b"1" + b"}" * DEPTH
                          + b"}}}", r"nesting deeper than \d+ levels"),
    "list/main.tf": (TF_HEAD + b"[" * DEPTH + b"]" * DEPTH + b"\n}\n", r"nested more than \d+ levels"),
    "object/main.tf": (TF_HEAD + b"{a = " * DEPTH + b"1" + b"}" * DEPTH + b"\n}\n", r"nested more than \d+ levels"),
    "call/main.tf": (TF_HEAD + b"f(" * DEPTH + b")" * DEPTH + b"\n}\n", r"nested more than \d+ levels"),
    "paren/main.tf": (TF_HEAD + b"(" * DEPTH + b"1" + b")" * DEPTH + b"\n}\n", r"nested more than \d+ levels"),
    "template/main.tf": (TF_HEAD + b'"${' * DEPTH + b"1" + b'}"' * DEPTH + b"\n}\n",
                         r"nested more than \d+ levels|syntax error"),
    "blocks/main.tf": (b'resource "aws_s3_bucket" "deep" {\n' + b"a {\n" * DEPTH + b"}\n" * DEPTH + b"}\n",
                       r"nested more than \d+ levels"),
}

GOOD_TF = b'resource "aws_s3_bucket" "good" {\n  bucket = "good"\n}\n'


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _scan(engine: Engine, root: Path, monkeypatch: pytest.MonkeyPatch) -> ScanResult:
    monkeypatch.chdir(root)
    return engine.scan(["."])


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_is_srm000_and_the_neighbour_is_analysed(
    name: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, expected = BOMBS[name]
    _write(tmp_path, {name: data, "good/main.tf": GOOD_TF})
    result = _scan(engine, tmp_path, monkeypatch)
    srm000 = [f for f in result.findings if f.rule_id == "SRM000"]
    assert [f.file for f in srm000] == [name], [f.message for f in srm000]
    assert re.search(expected, srm000[0].message), srm000[0].message
    assert "internal error" not in srm000[0].message
    assert any(f.file == "good/main.tf" and f.rule_id == "ENC001" for f in result.findings)


@pytest.mark.parametrize("group", ["cloudformation", "terraform"])
def test_bombs_cost_bounded_cpu_and_memory(group: str, tmp_path: Path) -> None:
    """All bombs of one format in one child: CPU and peak RSS stay far below the ceilings."""
    names = [n for n in BOMBS if n.endswith((".tf", ".tf.json")) == (group == "terraform")]
    _write(tmp_path, {f"scan/{n}": BOMBS[n][0] for n in names} | {"scan/good/main.tf": GOOD_TF})
    run = run_srmlint("scan", cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert {f["file"] for f in run.findings("SRM000")} == {f"scan/{n}" for n in names}
    assert run.cpu < MAX_CPU_SECONDS and run.rss_mib < MAX_RSS_MIB, (run.cpu, run.rss_mib)


def test_50mb_template_is_reported_without_being_read(tmp_path: Path) -> None:
    """Over MAX_FILE_BYTES: an SRM000 saying so, and the bytes never enter memory
    (peak RSS no higher than a scan without the file: reading even the first
    16 MiB of it would show)."""
    resource = b"  B%07d:\n    Type: AWS::S3::Bucket\n"
    big = tmp_path / "big" / "scan" / "huge.yaml"
    big.parent.mkdir(parents=True)
    with big.open("wb") as fh:
        fh.write(CFN + b"Resources:\n")
        chunk = b"".join(resource % i for i in range(10_000))
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    size = big.stat().st_size
    assert size > 3 * MAX_FILE_BYTES
    for root in (tmp_path / "big", tmp_path / "small"):
        _write(root, {"scan/good/main.tf": GOOD_TF})
    with_big = run_srmlint("scan", cwd=tmp_path / "big")
    without = run_srmlint("scan", cwd=tmp_path / "small")
    (finding,) = with_big.findings("SRM000")
    assert finding["file"] == "scan/huge.yaml"
    assert f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit; not read" in str(finding["message"])
    assert any(f["rule_id"] == "ENC001" for f in with_big.findings())
    assert with_big.rss_mib < without.rss_mib + 8, (with_big.rss_mib, without.rss_mib)
