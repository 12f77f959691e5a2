"""``srmlint matrix``: who secures what, and how the customer's settings stand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srmlint import matrix
from srmlint.cli import main
from srmlint.engine import Engine
from srmlint.responsibility import STACK, Owner
from tests.conftest import ROOT, ScanFiles

EXAMPLES = ROOT / "examples"


def build(engine: Engine, *paths: Path | str) -> matrix.Matrix:
    return matrix.build(engine.scan([str(p) for p in paths]), engine.rule_metas())


def stack_owned(m: matrix.Matrix) -> dict[str, int]:
    return {layer: len(rows) for layer, rows in m.customer_stack(STACK).items()}


@pytest.mark.parametrize("fmt", ["terraform/insecure/api-{}", "cloudformation/insecure/api-{}.yaml",
                                 "terraform/fixed/api-{}", "cloudformation/fixed/api-{}.yaml"])
def test_ec2_leaves_the_customer_far_more_than_lambda(engine: Engine, fmt: str) -> None:
    ec2 = stack_owned(build(engine, EXAMPLES / fmt.format("ec2")))
    fn = stack_owned(build(engine, EXAMPLES / fmt.format("lambda")))
    for layer in ("operating_system", "runtime", "middleware"):
        assert ec2[layer] >= 1 and fn[layer] == 0, layer
    assert fn["application"] >= 1


def test_text_matrix_of_the_ec2_example(engine: Engine, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["matrix", "examples/terraform/insecure/api-ec2"]) == 0
    out = capsys.readouterr().out
    assert "INFRASTRUCTURE SERVICE" in out
    instance = next(line for line in out.splitlines() if "aws_instance.api" in line and "Amazon EC2" in line)
    assert instance.split()[3:7] == ["you", "you", "you", "you"]
    assert "✗ encryption at rest (ENC002)" in out
    assert "✗ inbound network rules (NET001)" in out
    assert "operating system  on 1 resource: aws_instance.api" in out


def test_text_matrix_of_the_lambda_example(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["matrix", "examples/terraform/insecure/api-lambda"]) == 0
    out = capsys.readouterr().out
    function = next(line for line in out.splitlines() if "aws_lambda_function.api" in line and "Lambda" in line)
    assert function.split()[3:7] == ["you", "AWS", "AWS", "AWS"]
    assert "operating system  on none" in out


def test_settings_are_configured_unset_or_unknown(scan_files: ScanFiles, engine: Engine) -> None:
    result = scan_files({
        "main.tf": (
            'resource "aws_ebs_volume" "good" {\n  encrypted = true\n}\n'
            'resource "aws_ebs_volume" "bad" {\n  encrypted = false\n}\n'
            'resource "aws_ebs_volume" "maybe" {\n  encrypted = var.encrypted\n}\n'
            'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n    to_port = 443\n'
            '    protocol = "tcp"\n    cidr_blocks = [var.cidr]\n  }\n}\n'
            'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n'
            '      Effect = "Allow"\n      Action = ["s3:GetObject"]\n      Resource = aws_s3_bucket.b.arn\n'
            "    }]\n  })\n}\n"
            'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Statement = [{\n'
            '      Effect = "Allow"\n      Action = "sts:AssumeRole"\n'
            '      Principal = { Service = "lambda.amazonaws.com" }\n    }]\n  })\n}\n'
            'resource "aws_lambda_function" "f" {\n  function_name = "f"\n}\n'
        ),
    })
    m = matrix.build(result, engine.rule_metas())
    settings = {row.resource.address: {s.setting: s.status for s in row.settings} for row in m.rows}
    # Other packs judge more settings of these resources; these are the ones under test.
    assert settings["aws_ebs_volume.good"]["encryption_at_rest"] == "configured"
    assert settings["aws_ebs_volume.bad"]["encryption_at_rest"] == "unset_or_insecure"
    assert settings["aws_ebs_volume.maybe"]["encryption_at_rest"] == "unknown"
    assert settings["aws_security_group.web"]["network_ingress"] == "unknown"
    # A policy naming its resource by reference is still judged: no wildcard action.
    assert settings["aws_iam_policy.p"]["iam_permissions"] == "configured"
    # A setting no fact speaks for is not shown rather than invented.
    assert "network_ingress" not in settings["aws_lambda_function.f"]
    assert "encryption_at_rest" not in settings["aws_iam_role.r"]
    bad = next(r for r in m.rows if r.resource.address == "aws_ebs_volume.bad")
    [encryption] = [s for s in bad.settings if s.setting == "encryption_at_rest"]
    assert encryption.rules == ("ENC002",)
    assert encryption.aws_default and "unencrypted" in encryption.aws_default


def test_markdown_and_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["matrix", "--format", "markdown", "examples/terraform/insecure/api-ec2"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Responsibility matrix")
    assert "| `aws_instance.api` | Amazon EC2 | **you** | **you** | **you** | **you** |" in md
    assert main(["matrix", "--format", "json", "examples/terraform/insecure/api-ec2"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema_version"] == 1
    instance = next(r for r in report["resources"] if r["address"] == "aws_instance.api")
    assert instance["owners"]["operating_system"] == Owner.CUSTOMER.value
    assert instance["service_model"] == "infrastructure"
    assert report["summary"]["customer_stack"]["operating_system"] == ["aws_instance.api"]
    volume = next(r for r in report["resources"] if r["address"] == "aws_ebs_volume.data")
    assert volume["settings"][0]["status"] == "unset_or_insecure"
    # Same input, same bytes.
    assert main(["matrix", "--format", "json", "examples/terraform/insecure/api-ec2"]) == 0
    assert json.loads(capsys.readouterr().out) == report


def test_matrix_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["matrix", "--format", "sarif", str(tmp_path)]) == 2
    assert main(["matrix", str(tmp_path / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_show_unclassified(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Odd:\n    Type: AWS::Nope::Thing\n"
        "  Typo:\n    Type: AWS::S3::bucket\n  Ok:\n    Type: AWS::SQS::Queue\n"
        "    Properties:\n      KmsMasterKeyId: alias/queues\n", encoding="utf-8")
    (tmp_path / "main.tf").write_text('resource "random_id" "x" {}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--show-unclassified", "."]) == 0
    out = capsys.readouterr().out
    assert "Unclassified AWS resource types (2 types, 2 resources):" in out
    assert "AWS::Nope::Thing  (1: t.yaml:3)" in out and "did you mean 'AWS::S3::Bucket'?" in out
    assert "random_id" not in out
    assert main(["--format", "json", "--show-unclassified", "."]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [t["type"] for t in report["unclassified_types"]] == ["AWS::Nope::Thing", "AWS::S3::bucket"]
    assert main(["--format", "json", "."]) == 0
    assert "unclassified_types" not in json.loads(capsys.readouterr().out)
    assert main(["matrix", "--show-unclassified", "."]) == 0
    out = capsys.readouterr().out
    assert "2 unclassified" in out and "AWS::Nope::Thing" in out
    assert main(["matrix", "--format", "json", "."]) == 0
    assert len(json.loads(capsys.readouterr().out)["unclassified"]) == 2


def test_an_empty_scan_has_a_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", str(tmp_path)]) == 0
    assert "No classified AWS resources." in capsys.readouterr().out
