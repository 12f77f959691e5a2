"""Lazy resolution gives what eager resolution gave.

A module's resource attributes and a call's inputs are evaluated when first
read (issue 12: most of a scan was evaluating what no rule reads). A user
relies on that changing nothing: the same values, in the same key order, at
the same locations, and no crash where an input depends on its own module.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from srmlint.engine import Engine, ScanOptions
from srmlint.parsers.terraform import parse_terraform
from srmlint.plugins import default_manager
from srmlint.resolve import terraform as tf
from srmlint.resolve.hcl import Evaluator
from tests.conftest import CORPUS, ScanFiles

DYNAMIC = """
resource "aws_security_group" "sg" {
  name = "${var.prefix}-sg"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.cidrs
    }
  }
  dynamic "egress" {
    for_each = var.egress
    iterator = rule
    content {
      from_port = rule.key
      to_port   = rule.value
      protocol  = "-1"
    }
  }
  dynamic "timeouts" {
    for_each = aws_vpc.unknown.id
    content {
      create = "1m"
    }
  }
  tags = merge(var.tags, { Name = var.prefix })
}

resource "aws_wafv2_web_acl" "acl" {
  rule {
    name = var.prefix
    statement {
      dynamic "rate_based_statement" {
        for_each = var.ports
        content {
          limit = rate_based_statement.value
        }
      }
    }
  }
  description = local.unknown
}
"""

VARIABLES = {
    "prefix": "app",
    "ports": [80, 443],
    "cidrs": ["0.0.0.0/0"],
    "egress": {"0": 65535},
    "tags": {"team": "a"},
}


def _eager(evaluator: Evaluator, resource: Any) -> tuple[dict[str, Any], Mapping[Any, Any]]:
    body = tf._Body(evaluator, dict(resource.locations))
    return body.resolve(dict(resource.attributes), {}, ()), body.locations()


def _lazy(evaluator: Evaluator, resource: Any) -> tuple[Mapping[str, Any], Mapping[Any, Any]]:
    shared = tf._Shared(tf._Loader({}))
    body = tf._Body(evaluator, dict(resource.locations))
    return body.resolve_lazily(resource.attributes, {}, shared.eager_keys(resource.attributes)), body.locations()


def test_lazy_attributes_equal_eager_ones_in_order_and_location() -> None:
    parsed = parse_terraform("main.tf", DYNAMIC.encode())
    evaluator = Evaluator(VARIABLES, {})
    for resource in parsed.resources:
        eager, eager_locations = _eager(evaluator, resource)
        lazy, lazy_locations = _lazy(evaluator, resource)
        assert list(lazy) == list(eager), resource.address
        assert dict(lazy) == eager, resource.address
        assert dict(lazy_locations) == dict(eager_locations), resource.address
        assert "nope" not in lazy and lazy.get("nope") is None
    sg = dict(_lazy(evaluator, parsed.resources[0])[0])
    assert [i["from_port"] for i in sg["ingress"]] == [22, 80, 443]  # static block first, then expanded
    assert sg["egress"] == [{"from_port": "0", "to_port": 65535, "protocol": "-1"}]
    assert "dynamic" in sg  # the unknown for_each stays a dynamic block


def _scan_comparing(monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> list[str]:
    """Scan with every lazy resolution checked against the eager one; the differences."""
    differences: list[str] = []
    lazily = tf._Body.resolve_lazily

    def checked(self: tf._Body, body: Mapping[str, Any], env: Mapping[str, Any],
                eager: frozenset[str]) -> Mapping[str, Any]:
        reference = tf._Body(self.evaluator, dict(self._original))
        expected = reference.resolve(dict(body), env, ())
        got = lazily(self, body, env, eager)
        if list(got) != list(expected) or dict(got) != expected or self.locations() != reference.locations():
            differences.append(repr(sorted(body)))
        return got

    monkeypatch.setattr(tf._Body, "resolve_lazily", checked)
    Engine(default_manager()).scan(paths, options=ScanOptions(jobs=1, cache_dir=None))
    return differences


def test_lazy_resolution_is_eager_resolution_on_hand_written_modules(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(
        DYNAMIC + "\n".join(f'variable "{name}" {{}}' for name in VARIABLES) + "\n")
    (tmp_path / "main.tf").write_text(
        'module "a" {\n  source = "./mod"\n  prefix = "a"\n  ports = [1, 2]\n  cidrs = []\n'
        '  egress = {}\n  tags = {}\n}\n'
        'module "b" {\n  source = "./mod"\n  prefix = "b"\n  ports = []\n  cidrs = ["0.0.0.0/0"]\n'
        '  egress = { "1" = 2 }\n  tags = { x = "y" }\n}\n')
    assert _scan_comparing(monkeypatch, [str(tmp_path)]) == []


TF_CORPORA = sorted(p for p in (CORPUS / "real").glob("tf-*") if p.is_dir()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not TF_CORPORA, reason=f"corpus not found at {CORPUS}")
def test_lazy_resolution_is_eager_resolution_on_the_terraform_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _scan_comparing(monkeypatch, [str(p) for p in TF_CORPORA]) == []


def test_a_module_input_that_reads_its_own_module_is_unknown_not_a_crash(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": 'module "a" {\n  source = "./m"\n  kms = module.a.key\n}\n',
        "m/main.tf": 'variable "kms" {}\noutput "key" { value = var.kms }\n'
                     'resource "aws_sqs_queue" "q" {\n  kms_master_key_id = var.kms\n}\n',
    })
    assert [f for f in result.findings if f.rule_id == "SRM000"] == []
    queues = [t.resource for t in result.resources if t.resource.type == "aws_sqs_queue"]
    assert queues and all(type(q.attributes["kms_master_key_id"]).__name__ == "Unknown" for q in queues)


def test_an_unread_module_input_that_cannot_be_evaluated_costs_nothing(scan_files: ScanFiles) -> None:
    """An input no resource reads is never evaluated: a hostile one (a deep
    recursion through locals) neither crashes the scan nor hides the finding."""
    result = scan_files({
        "main.tf": 'locals {\n  a = local.b\n  b = local.a\n}\n'
                   'module "q" {\n  source = "./m"\n  unused = local.a\n}\n',
        "m/main.tf": 'variable "unused" {}\n'
                     'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n',
    })
    assert [f for f in result.findings if f.rule_id == "SRM000"] == []
    assert [f.rule_id for f in result.findings if f.rule_id.startswith("ENC")]
