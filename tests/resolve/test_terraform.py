"""Terraform resolve stage through the real pipeline: variables, tfvars, modules, count, dynamic blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srmlint.cli import main
from tests.conftest import ScanFiles

VARS = """
variable "sse" {
  type    = string
  default = null
}
variable "open" {
  type    = bool
  default = false
}
"""

BUCKET_WITH_SSE = """
resource "aws_s3_bucket" "b" {
  bucket = "b"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = var.sse
      }
    }
  }
}
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    main(["--format", "json", "--isolated", "--no-cache", *argv])
    return json.loads(capsys.readouterr().out)


def ids(report: dict, rule: str | None = None) -> list[tuple[str, str | None]]:
    return sorted((f["rule_id"], f["resource"]["address"] if f["resource"] else None)
                  for f in report["findings"] if rule is None or f["rule_id"] == rule)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_a_variable_default_from_another_file_decides_the_finding(scan_files: ScanFiles) -> None:
    result = scan_files({"variables.tf": VARS.replace("default = null", 'default = "AES256"'),
                         "main.tf": BUCKET_WITH_SSE})
    assert not [f for f in result.findings if f.rule_id == "ENC001"]
    result = scan_files({"variables.tf": VARS, "main.tf": BUCKET_WITH_SSE})
    assert [f.rule_id for f in result.findings if f.rule_id == "ENC001"] == ["ENC001"]


def test_variable_precedence_tfvars_auto_config_var_file_and_var(tmp_path: Path, capsys) -> None:
    sg = """
resource "aws_security_group" "sg" {
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}
variable "port" {
  type    = number
  default = 443
}
variable "cidr" { default = "10.0.0.0/8" }
"""
    write(tmp_path, {"app/main.tf": sg})
    assert ids(run([str(tmp_path / "app")], capsys), "NET002") == []
    write(tmp_path, {"app/terraform.tfvars": 'cidr = "0.0.0.0/0"\nport = "22"\n'})
    assert ids(run([str(tmp_path / "app")], capsys), "NET002") == [("NET002", "aws_security_group.sg")]
    write(tmp_path, {"app/z.auto.tfvars.json": '{"port": 443}'})
    assert ids(run([str(tmp_path / "app")], capsys), "NET002") == []
    write(tmp_path, {"ssh.tfvars": "port = 22\n"})
    assert ids(run(["--var-file", str(tmp_path / "ssh.tfvars"), str(tmp_path / "app")], capsys), "NET002")
    assert ids(run(["--var-file", str(tmp_path / "ssh.tfvars"), "--var", "cidr=10.1.0.0/16",
                    str(tmp_path / "app")], capsys), "NET002") == []
    write(tmp_path, {"cfg.toml": '[variables]\ncidr = "10.2.0.0/16"\n'})
    main(["--format", "json", "--config", str(tmp_path / "cfg.toml"), "--no-cache", "--var-file",
          str(tmp_path / "ssh.tfvars"), str(tmp_path / "app")])
    assert ids(json.loads(capsys.readouterr().out), "NET002") == []


def test_bad_var_options_are_usage_errors(tmp_path: Path, capsys) -> None:
    write(tmp_path, {"main.tf": "", "bad.tfvars": "x = = 1\n"})
    assert main(["--isolated", "--var", "novalue", str(tmp_path)]) == 2
    assert main(["--isolated", "--var-file", str(tmp_path / "missing.tfvars"), str(tmp_path)]) == 2
    assert main(["--isolated", "--var-file", str(tmp_path / "bad.tfvars"), str(tmp_path)]) == 2
    assert "bad.tfvars:1" in capsys.readouterr().err
    write(tmp_path, {"cfg.toml": "[variables]\nwhen = 1979-05-27\n"})
    assert main(["--config", str(tmp_path / "cfg.toml"), str(tmp_path)]) == 2
    assert "variables.when" in capsys.readouterr().err


def test_count_zero_resources_are_not_analysed(scan_files: ScanFiles) -> None:
    text = VARS + """
resource "aws_s3_bucket" "maybe" {
  count  = var.open ? 1 : 0
  bucket = "x"
}
resource "aws_s3_bucket" "none" {
  for_each = {}
  bucket   = "y"
}
"""
    result = scan_files({"main.tf": text})
    assert result.findings == [] and result.resources == []


def test_dynamic_blocks_over_a_static_collection_are_expanded_at_their_lines(scan_files: ScanFiles) -> None:
    text = """
locals {
  rules = { ssh = 22, web = 443 }
}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      from_port   = rule.value
      to_port     = rule.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
"""
    result = scan_files({"main.tf": text})
    net002 = [f for f in result.findings if f.rule_id == "NET002"]
    assert len(net002) == 1 and "22" in net002[0].message
    assert 9 <= net002[0].line <= 14  # inside the content block


MODULE = VARS + """
resource "aws_s3_bucket_public_access_block" "p" {
  bucket                  = "x"
  block_public_acls       = !var.open
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
output "name" { value = "bucket-${var.open}" }
"""


def test_local_modules_are_expanded_per_call_and_findings_name_the_call(tmp_path: Path, capsys) -> None:
    root = """
module "closed" {
  source = "../modules/pab"
}
module "opened" {
  source = "../modules/pab"
  open   = local.open
}
locals {
  open = true
}
resource "aws_s3_bucket_public_access_block" "q" {
  bucket                  = module.opened.name
  block_public_acls       = true
  block_public_policy     = module.opened.name == "bucket-true"
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""
    write(tmp_path, {"modules/pab/main.tf": MODULE, "live/main.tf": root})
    report = run([str(tmp_path / "live")], capsys)
    pub = [f for f in report["findings"] if f["rule_id"].startswith("PUB")]
    assert [(f["rule_id"], f["resource"]["address"]) for f in pub] == [
        ("PUB002", "module.opened.aws_s3_bucket_public_access_block.p")]
    finding = pub[0]
    assert finding["file"].endswith("modules/pab/main.tf") and finding["line"] == 13
    assert finding["module_call"] == {"address": "module.opened", "file": str(tmp_path / "live/main.tf"),
                                      "line": 5}
    assert "module_call" not in report["findings"][-1] or report["findings"][-1] is finding
    main(["--isolated", "--no-cache", str(tmp_path / "live")])
    assert f"via module.opened at {tmp_path / 'live/main.tf'}:5" in capsys.readouterr().out


def test_a_module_inside_the_scan_is_also_analysed_with_its_defaults(tmp_path: Path, capsys) -> None:
    write(tmp_path, {"modules/pab/main.tf": MODULE.replace("default = false", "default = true"),
                     "live/main.tf": 'module "m" {\n  source = "../modules/pab"\n  open = false\n}\n'})
    report = run([str(tmp_path)], capsys)
    assert ids(report, "PUB002") == [("PUB002", "aws_s3_bucket_public_access_block.p")]


def test_a_module_suppression_holds_for_every_call(tmp_path: Path, capsys) -> None:
    suppressed = MODULE.replace('resource "aws_s3_bucket_public_access_block"',
                                '# srmlint:ignore PUB002 -- reviewed\nresource "aws_s3_bucket_public_access_block"')
    write(tmp_path, {"modules/pab/main.tf": suppressed,
                     "live/main.tf": 'module "m" {\n  source = "../modules/pab"\n  open = true\n}\n'})
    report = run([str(tmp_path)], capsys)
    assert [f["suppressed"] for f in report["findings"] if f["rule_id"] == "PUB002"] == [True]


def test_module_cycles_and_depth_are_guarded(tmp_path: Path, capsys) -> None:
    write(tmp_path, {
        "a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
        "b/main.tf": 'module "a" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\n',
    })
    report = run([str(tmp_path / "a")], capsys)
    srm000 = [f for f in report["findings"] if f["rule_id"] == "SRM000"]
    assert len(srm000) == 1 and "module cycle" in srm000[0]["message"]
    assert srm000[0]["file"].endswith("a/main.tf")


def test_stats_reports_the_unknown_share(tmp_path: Path, capsys) -> None:
    write(tmp_path, {"main.tf": VARS + BUCKET_WITH_SSE.replace("var.sse", "var.sse == null ? x.y : var.sse")})
    main(["--isolated", "--no-cache", "--stats", "-o", str(tmp_path / "out.txt"), str(tmp_path)])
    err = capsys.readouterr().err
    assert "statically unknown: 1/2 (50.0%)" in err and "before resolving" in err
