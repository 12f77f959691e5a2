"""Third-party plugins use the same hooks as the built-ins."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from srmlint.aws.facts import EncryptionAtRest
from srmlint.engine import Engine
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.hookspecs import hookimpl
from srmlint.model import Resource
from srmlint.plugins import BUILTIN_PLUGINS, new_manager
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class KmsOnly(Rule):
    meta = RuleMeta(
        id="ENC900", slug="acme-kms-only", title="ACME requires customer-managed keys",
        severity=Severity.MEDIUM, layer="encryption", facts=(EncryptionAtRest,),
        rationale="Company policy.", remediation={"terraform": "Use KMS.", "cloudformation": "Use KMS."},
        url="https://acme.example/policies/kms", examples={"terraform": Example(fail="", pass_="")},
    )

    def check(self, resource: Resource, facts: FactSet, responsibility: Responsibility,
              graph: ResourceGraph) -> Iterator[Hit]:
        for fact in facts.of(EncryptionAtRest):
            if fact.state == "aws_managed_key":
                yield Hit(f"{resource.address} uses an AWS-managed key", path=fact.path)


class AcmePlugin:
    @hookimpl
    def srmlint_rules(self) -> list[Rule]:
        return [KmsOnly()]


def test_outside_plugin_rule_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_ebs_volume" "v" {\n  size = 1\n  encrypted = true\n}\n'
        'resource "aws_ebs_volume" "k" {\n  size = 1\n  encrypted = true\n  kms_key_id = "arn:k"\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    engine = Engine(new_manager([AcmePlugin()], entry_points=False))
    assert "ENC900" in [m.id for m in engine.rule_metas()]
    result = engine.scan(["."])
    assert [(f.rule_id, f.resource.address if f.resource else None, f.line) for f in result.findings
            if f.rule_id == "ENC900"] == [
        ("ENC900", "aws_ebs_volume.v", 3)
    ]


def test_builtins_are_declared_as_entry_points() -> None:
    """The built-in plugins are registered through the same entry-point group
    a third party uses; pyproject.toml must declare each of them."""
    import tomllib

    from tests.conftest import ROOT

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["srmlint"]
    assert declared == BUILTIN_PLUGINS


def test_duplicate_rule_ids_are_refused() -> None:
    class Twice:
        @hookimpl
        def srmlint_rules(self) -> list[Rule]:
            from srmlint.packs.encryption.enc001_s3_default_encryption import S3DefaultEncryption

            return [S3DefaultEncryption()]

    with pytest.raises(ValueError, match="ENC001"):
        Engine(new_manager([Twice()], entry_points=False))


def test_hookspecs_are_documented() -> None:
    from srmlint import hookspecs

    for name in ("srmlint_parsers", "srmlint_extractors", "srmlint_rules", "srmlint_catalog_paths",
                 "srmlint_reporters"):
        assert getattr(hookspecs, name).__doc__, name
