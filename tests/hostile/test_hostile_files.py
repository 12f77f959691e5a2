"""Hostile and odd files, one test each: binary and mis-encoded bytes, symlinks
that loop or lead out of the scanned folder, files that vanish or cannot be
read, a CloudFormation Type that is not a string, duplicate keys, Terraform
with unterminated heredocs, strings and interpolations.

Every one gives an SRM000 on its own file (or, where the file is not a
template at all, is counted as such), and the good neighbour's findings are
all still there.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import srmlint.engine
import srmlint.reading
from srmlint.engine import Engine, ScanResult
from tests.conftest import ROOT

CFN = "AWSTemplateFormatVersion: '2010-09-09'\n"
BUCKET_YAML = CFN + "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
GOOD_TF = b'resource "aws_s3_bucket" "good" {\n  bucket = "good"\n}\n'

ScanFn = Callable[..., ScanResult]


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@pytest.fixture
def scan(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScanFn]:
    """Write files (plus a good Terraform neighbour) under tmp_path/scan and scan it."""
    monkeypatch.chdir(tmp_path)

    def run(files: dict[str, bytes], paths: tuple[str, ...] = ("scan",)) -> ScanResult:
        write(tmp_path / "scan", {**files, "good/main.tf": GOOD_TF})
        result = engine.scan(list(paths))
        assert any(f.file == os.path.join("scan", "good", "main.tf") and f.rule_id == "ENC001"
                   for f in result.findings), "the good neighbour lost its findings"
        return result

    yield run


def srm000(result: ScanResult) -> dict[str, str]:
    return {f.file: f.message for f in result.findings if f.rule_id == "SRM000"}


def test_binary_files_with_template_extensions(scan: ScanFn) -> None:
    rng = random.Random(13)
    noise = rng.randbytes(4096)
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(56) + noise
    result = scan({
        "bin/main.tf": noise, "bin/x.tf.json": noise, "bin/elf.tf": elf,
        "bin/noise.yaml": noise, "bin/noise.json": noise, "bin/noise.template": noise,
        # Binary that carries the template markers the byte prefilter looks for.
        "bin/marked.yaml": noise + b"\nAWSTemplateFormatVersion: x\nType: AWS::S3::Bucket\n" + noise,
    })
    problems = srm000(result)
    assert set(problems) == {"scan/bin/main.tf", "scan/bin/x.tf.json", "scan/bin/elf.tf", "scan/bin/marked.yaml"}
    # Binary YAML/JSON without any template marker is simply not a template.
    assert result.not_templates == 3
    assert all("internal error" not in m for m in problems.values())


@pytest.mark.parametrize("bad", [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"])
def test_invalid_utf8_is_located(scan: ScanFn, bad: bytes) -> None:
    result = scan({
        "u/main.tf": b'resource "aws_s3_bucket" "a" {\n  bucket = "x' + bad + b'"\n}\n',
        "u/t.yaml": BUCKET_YAML.encode() + b"    Properties:\n      BucketName: x" + bad + b"\n",
        "u/t.json": b'{"AWSTemplateFormatVersion": "2010-09-09",\n "Description": "' + bad + b'"}',
    })
    problems = srm000(result)
    assert set(problems) == {"scan/u/main.tf", "scan/u/t.yaml", "scan/u/t.json"}
    assert all("UTF-8" in m for m in problems.values()), problems
    lines = {f.file: f.line for f in result.findings if f.rule_id == "SRM000"}
    assert lines == {"scan/u/main.tf": 2, "scan/u/t.yaml": 6, "scan/u/t.json": 2}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_templates_with_a_bom_are_read(scan: ScanFn, encoding: str) -> None:
    """A CloudFormation template in UTF-16/32 with a byte order mark is decoded
    and analysed like any other (YAML allows these encodings; Windows editors
    write them); Terraform requires UTF-8, so a UTF-16 .tf is an SRM000 that says so."""
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    result = scan({
        "wide/t.yaml": bom + BUCKET_YAML.encode(encoding),
        "wide/t.json": bom + json.dumps({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}).encode(encoding),
        "wide/main.tf": bom + GOOD_TF.decode().encode(encoding),
    })
    assert {(f.file, f.line) for f in result.findings if f.rule_id == "ENC001"} >= {
        ("scan/wide/t.yaml", 3), ("scan/wide/t.json", 1)}
    assert srm000(result) == {"scan/wide/main.tf": "file is UTF-16/UTF-32 (byte order mark found); "
                                                   "Terraform files must be UTF-8"}


def test_truncated_utf16_template_is_srm000(scan: ScanFn) -> None:
    result = scan({"wide/t.yaml": BUCKET_YAML.encode("utf-16") + b"\x00"})
    assert "not valid UTF-16" in srm000(result)["scan/wide/t.yaml"]


def test_symlink_loops_end(scan: ScanFn, tmp_path: Path) -> None:
    (tmp_path / "scan" / "loop").mkdir(parents=True)
    os.symlink("..", tmp_path / "scan" / "loop" / "up")
    os.symlink("self", tmp_path / "scan" / "loop" / "self")  # a link to itself (ELOOP)
    os.symlink("b.tf", tmp_path / "scan" / "loop" / "a.tf")
    os.symlink("a.tf", tmp_path / "scan" / "loop" / "b.tf")
    result = scan({})
    assert result.files_scanned == 1
    assert srm000(result) == {}


def test_symlinks_out_of_the_scanned_folder_are_not_followed(scan: ScanFn, tmp_path: Path) -> None:
    """A committed link to a file or folder outside the scan root (CI secrets,
    /dev/zero, another checkout) is neither read nor echoed in a message;
    links inside the root are followed; a link the user names is read."""
    outside = tmp_path / "outside"
    write(outside, {"secret.tf": b'resource "aws_s3_bucket" "secret" {}\n',
                    "mod/main.tf": b'resource "aws_s3_bucket" "elsewhere" {}\n'})
    links = tmp_path / "scan" / "links"
    links.mkdir(parents=True)
    os.symlink(outside / "secret.tf", links / "secret.tf")
    os.symlink(outside / "mod", links / "mod")
    os.symlink("/dev/zero", links / "zero.tf")
    os.symlink(tmp_path / "scan" / "good" / "main.tf", links / "inside.tf")  # inside the root: followed
    os.symlink(tmp_path / "nowhere.tf", links / "dangling.tf")
    result = scan({})
    addresses = {t.resource.address for t in result.resources}
    assert "aws_s3_bucket.secret" not in addresses and "aws_s3_bucket.elsewhere" not in addresses
    assert {t.resource.location.file for t in result.resources} == {
        "scan/good/main.tf", "scan/links/inside.tf"}
    assert srm000(result) == {}
    named = scan({}, paths=("scan", "scan/links/secret.tf"))  # the user asked for it: read
    assert "aws_s3_bucket.secret" in {t.resource.address for t in named.resources}


def test_file_that_vanishes_after_discovery(scan: ScanFn, monkeypatch: pytest.MonkeyPatch) -> None:
    real_discover = srmlint.engine.discover

    def discover_then_delete(*args: object, **kwargs: object) -> Iterator[object]:
        found = list(real_discover(*args, **kwargs))  # type: ignore[arg-type]
        os.unlink(os.path.join("scan", "gone", "main.tf"))
        return iter(found)

    monkeypatch.setattr(srmlint.engine, "discover", discover_then_delete)
    result = scan({"gone/main.tf": GOOD_TF})
    assert srm000(result) == {"scan/gone/main.tf": "cannot read file: No such file or directory"}


def test_unreadable_file(scan: ScanFn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied (patched: the tests run as root, who may read anything)."""
    real_open = os.open

    def deny(path: str, *args: int, **kwargs: int) -> int:
        if str(path).endswith(os.path.join("locked", "t.yaml")):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(srmlint.reading.os, "open", deny)
    result = scan({"locked/t.yaml": BUCKET_YAML.encode()})
    assert srm000(result) == {"scan/locked/t.yaml": "cannot read file: Permission denied"}


def test_fifo_and_directory_named_like_templates_do_not_hang(tmp_path: Path) -> None:
    """A FIFO found by the walk is skipped (not a regular file); one named on
    the command line is an SRM000, not a read that blocks forever; a folder
    called ``x.tf`` is walked."""
    scan_dir = tmp_path / "scan"
    write(scan_dir, {"good/main.tf": GOOD_TF, "dir.tf/main.tf": GOOD_TF})
    os.mkfifo(scan_dir / "pipe.tf")
    os.mkfifo(scan_dir / "pipe.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "srmlint", "--isolated", "--no-cache", "--format", "json",
         "scan", "scan/pipe.tf"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    problems = {f["file"]: f["message"] for f in report["findings"] if f["rule_id"] == "SRM000"}
    assert problems == {"scan/pipe.tf": "not a regular file (a pipe, device or socket); not read"}
    assert {f["file"] for f in report["findings"] if f["rule_id"] == "ENC001"} == {
        "scan/good/main.tf", "scan/dir.tf/main.tf"}


@pytest.mark.parametrize("kind", ["7", "[AWS::S3::Bucket]", "null", "true", "{Ref: X}", "!Sub AWS::S3::Bucket",
                                  "2010-09-09", "''"])
def test_cloudformation_type_that_is_not_a_string(scan: ScanFn, kind: str) -> None:
    result = scan({"t/t.yaml": (BUCKET_YAML + f"  Odd:\n    Type: {kind}\n").encode()})
    problems = srm000(result)
    if kind == "''":  # a string, just not a known type: the resource is unclassified, not an error
        assert problems == {}
    else:
        assert "scan/t/t.yaml" in problems and "Type" in problems["scan/t/t.yaml"], problems
        assert "internal error" not in problems["scan/t/t.yaml"]
    assert any(f.file == "scan/t/t.yaml" and f.rule_id == "ENC001" for f in result.findings)


ENCRYPTED = ("    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n"
             "          - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms'}\n")


def test_duplicate_yaml_keys_last_wins_and_is_reported(scan: ScanFn) -> None:
    """A duplicate key is an SRM000 (cfn-lint's E0000 "Duplicate found"), so the
    run fails; what is analysed is the last value, which is what PyYAML and
    ``json.loads`` keep. Here the encryption is stated first and then
    replaced by an empty Properties: the bucket is unencrypted (ENC001)."""
    result = scan({
        "dup/t.yaml": (BUCKET_YAML + ENCRYPTED + "    Properties: {}\n").encode(),
        "dup/t.json": json.dumps({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}})[:-2].encode()
        + b', "B": {"Type": "AWS::SNS::Topic"}}}',
    })
    problems = srm000(result)
    assert "duplicate key 'Properties' (first at line 5); the last value is used" in problems["scan/dup/t.yaml"]
    assert "duplicate key 'B' (first at line 1); the last value is used" in problems["scan/dup/t.json"]
    assert any(f.file == "scan/dup/t.yaml" and f.rule_id == "ENC001" for f in result.findings)
    types = {t.resource.location.file: t.resource.type for t in result.resources}
    assert types["scan/dup/t.json"] == "AWS::SNS::Topic"


@pytest.mark.parametrize("broken", [
    'x = <<EOT\nnever closed\n',
    'x = <<-EOT\n  also ${var.a} never closed\n  EO\n',
    'x = "${var.a"\n',
    'x = "${var.a\n',
    'x = "abc\n',
    'x = "%{ if var.a }yes"\n',
    'x = "${"\n',
    'x = jsonencode({a = \n',
])
def test_terraform_unterminated_heredocs_and_interpolations(scan: ScanFn, broken: str) -> None:
    """The broken block is an SRM000 at its line; the block before it in the same file is still analysed."""
    text = ('resource "aws_ebs_volume" "before" {\n  size = 1\n}\n'
            f'resource "aws_s3_bucket" "broken" {{\n  {broken}}}\n')
    result = scan({"tf/main.tf": text.encode()})
    problems = srm000(result)
    assert "syntax error" in problems.get("scan/tf/main.tf", ""), problems
    assert any(f.file == "scan/tf/main.tf" and f.rule_id == "ENC002" and f.line == 1 for f in result.findings)
