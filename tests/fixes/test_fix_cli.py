"""--diff, --fix, --unsafe-fixes: what they write (and do not), what they say,
rollback, layout preservation, the report markers, and the examples."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from srmlint.cli import main
from srmlint.engine import Engine
from srmlint.findings import Finding
from srmlint.fixes import Fix, FixProposal, FixRegistry, TextEdit
from srmlint.fixes.builtin import srmlint_fixes
from srmlint.fixes.replacement import Replacement, cloudformation_create_only, replaces
from srmlint.fixes.runner import PlannedFix, apply_edits, choose, run_fixes
from srmlint.model import Resource

ROOT = Path(__file__).resolve().parents[2]

TF = (
    "# volumes\n"
    'resource "aws_ebs_volume" "v" {\n'
    '  availability_zone = "eu-west-1a"\n'
    "  encrypted         = false # TODO\n"
    "}\n"
    "\n"
    'resource "aws_kms_key" "k" {\n'
    '\tdescription = "data"\n'
    "}\n"
)
CFN = (
    'AWSTemplateFormatVersion: "2010-09-09"\n'
    "Resources:\n"
    "  Db:\n"
    "    Type: AWS::RDS::DBInstance\n"
    "    Properties:\n"
    "        Engine: mysql   # four-space indentation\n"
    "        DBInstanceClass: !Ref InstanceClass\n"
    "        StorageEncrypted: 'false'\n"
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*args, "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_changes_nothing_on_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "main.tf"
    path.write_text(TF, encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    code, out, err = run(["--diff", str(tmp_path)], capsys)
    assert code == 1
    assert path.read_text(encoding="utf-8") == TF and path.stat().st_mtime_ns == stamp
    assert "-  encrypted         = false # TODO\n+  encrypted         = true # TODO\n" in out
    assert '+\tenable_key_rotation = true\n' in out  # the block's own (tab) indentation
    assert "unsafe: replaces the resource" in err and "[safe]" in err
    assert sorted(os.listdir(tmp_path)) == ["main.tf"]  # no temporary files left


def test_diff_without_fixes_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n')
    code, out, _ = run(["--diff", str(tmp_path)], capsys)
    assert (code, out) == (0, "")


def test_fix_applies_safe_and_leaves_replacing_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "main.tf"
    path.write_text(TF, encoding="utf-8")
    code, out, _ = run(["--fix", "--select", "ENC002,ENC005", str(tmp_path)], capsys)
    text = path.read_text(encoding="utf-8")
    assert "encrypted         = false # TODO" in text, "replacing fix applied without --unsafe-fixes"
    assert text == TF.replace('\tdescription = "data"\n', '\tdescription = "data"\n\tenable_key_rotation = true\n')
    assert code == 1, "the exit code reflects what remains (ENC002)"
    assert out.endswith("\n1 fixed, 1 more with --unsafe-fixes.\n"), out
    assert "ENC002 [high]" in out and "[unsafe fix: replaces resource]" in out, "no [*]: --fix would not apply it"
    code, out, _ = run(["--fix", "--unsafe-fixes", "--select", "ENC002,ENC005", str(tmp_path)], capsys)
    assert code == 0 and out.endswith("\n1 fixed.\n"), out
    assert path.read_text(encoding="utf-8").splitlines()[:4] == [
        "# volumes", 'resource "aws_ebs_volume" "v" {', '  availability_zone = "eu-west-1a"',
        "  encrypted         = true # TODO"]


def test_cloudformation_layout_and_tags_survive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(CFN, encoding="utf-8")
    run(["--fix", "--unsafe-fixes", "--select", "ENC003,BKP007", str(tmp_path)], capsys)
    assert path.read_text(encoding="utf-8") == CFN.replace(
        "    Properties:\n", "    Properties:\n        DeletionProtection: true\n").replace(
        "StorageEncrypted: 'false'", "StorageEncrypted: 'true'")


def test_json_insertion_keeps_the_object_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ('{\n    "Resources": {\n        "Key": {\n            "Type": "AWS::KMS::Key",\n'
            '            "Properties": {\n                "Description": "k"\n            }\n        }\n    }\n}\n')
    path = tmp_path / "stack.json"
    path.write_text(text, encoding="utf-8")
    run(["--fix", "--select", "ENC005", str(tmp_path)], capsys)
    assert path.read_text(encoding="utf-8") == text.replace(
        '"Properties": {\n', '"Properties": {\n                "EnableKeyRotation": true,\n')


def test_text_and_json_mark_fixable_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    _, out, _ = run(["--select", "ENC002,ENC005,ENC004", str(tmp_path)], capsys)
    lines = out.splitlines()
    assert any(" ENC005 [*] [medium] " in line and not line.endswith("]") for line in lines), lines
    assert any(" ENC002 [high] " in line and line.endswith("  [unsafe fix: replaces resource]") for line in lines)
    assert lines[-1] == "[*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)."
    _, out, _ = run(["--select", "ENC002,ENC005", "--format", "json", str(tmp_path)], capsys)
    report = json.loads(out)
    fixes = {f["rule_id"]: f["fix"] for f in report["findings"]}
    assert fixes["ENC005"] == {"safety": "safe", "replaces_resource": False,
                               "description": "set enable_key_rotation = true", "reason": None, "applied": False}
    assert fixes["ENC002"]["safety"] == "unsafe" and fixes["ENC002"]["replaces_resource"] is True
    assert report["summary"]["fixable"] == 2 and report["summary"]["fixed"] == 0


def test_json_after_fix_lists_what_was_fixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After --fix the JSON report says which findings the run fixed (applied)
    and which fixable ones remain (the unsafe ones without --unsafe-fixes)."""
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    code, out, err = run(["--fix", "--select", "ENC002,ENC005", "--format", "json", str(tmp_path)], capsys)
    report = json.loads(out)
    by_rule = {f["rule_id"]: f for f in report["findings"]}
    assert by_rule["ENC005"]["fix"]["applied"] is True and by_rule["ENC005"]["fix"]["safety"] == "safe"
    assert by_rule["ENC002"]["fix"]["applied"] is False
    assert report["summary"]["fixed"] == 1 and report["summary"]["fixable"] == 1
    assert report["summary"]["findings"] == 1, "a fixed finding no longer counts"
    assert code == 1 and "srmlint: 1 fixed, 1 more with --unsafe-fixes." in err


def test_unsafe_reasons_say_what_happens(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user deciding on --unsafe-fixes reads why: replacement (from the provider
    schema or CloudFormation's Update requires), or what breaks although in place."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_mq_broker" "b" {\n  broker_name = "b"\n  publicly_accessible = true\n}\n'
        'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  backup_retention_period = 0\n}\n')
    _, out, _ = run(["--select", "PUB007,BKP003", "--format", "json", str(tmp_path)], capsys)
    fixes = {f["resource"]["address"] + " " + f["rule_id"]: f["fix"] for f in json.loads(out)["findings"]}
    broker = fixes["aws_mq_broker.b PUB007"]
    assert broker["replaces_resource"] is True and "ForceNew" in broker["reason"]
    backups = fixes["aws_db_instance.db BKP003"]
    assert backups["safety"] == "unsafe" and backups["replaces_resource"] is False
    assert "outage" in backups["reason"]


def test_companion_fix_is_refused_when_not_certainly_right(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """count/for_each buckets, v3 inline settings and a taken name get no companion."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_s3_bucket" "many" {\n  count  = 2\n  bucket = "b-${count.index}"\n}\n'
        'resource "aws_s3_bucket" "old" {\n  bucket = "old"\n  versioning {\n    enabled = false\n  }\n}\n'
        'resource "aws_s3_bucket" "taken" {\n  bucket = "taken"\n}\n'
        'resource "aws_s3_bucket_versioning" "taken" {\n  bucket = "somebody-else"\n'
        '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n')
    _, out, _ = run(["--diff", "--select", "BKP001", str(tmp_path)], capsys)
    assert "+    enabled = true" in out, "the v3 inline setting is fixed in place instead"
    assert "aws_s3_bucket_versioning\" \"many" not in out and "aws_s3_bucket_versioning\" \"old" not in out
    assert '+resource "aws_s3_bucket_versioning" "taken"' not in out


def test_flag_combinations_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--unsafe-fixes", str(tmp_path)], capsys)[0] == 2
    assert run(["--fix", "--diff", str(tmp_path)], capsys)[0] == 2


class BreakingFix:
    """A plugin fix with a bug: its edit leaves the file unparsable."""

    def __call__(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        start = source.index("encrypted")
        return FixProposal((TextEdit(start, start, "{{{ "),), "break the file", (("encrypted",),))


class NoOpFix:
    """A plugin fix with a bug: it edits but does not clear its finding."""

    def __call__(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        start = source.index("# TODO")
        return FixProposal((TextEdit(start, start + 6, "# still false"),), "a comment", (("encrypted",),))


@pytest.mark.parametrize("bad", [BreakingFix(), NoOpFix()], ids=["unparsable", "finding-stays"])
def test_a_broken_fix_is_rolled_back(bad: object, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "main.tf"
    path.write_text(TF, encoding="utf-8")
    registry = FixRegistry([Fix("ENC002", {"terraform": [bad]}), *srmlint_fixes()])  # type: ignore[list-item]
    result, outcome = run_fixes(lambda: engine.scan([str(tmp_path)]), registry, engine.parsers, unsafe=True)
    assert [fix.finding.rule_id for fix, _ in outcome.rolled_back] == ["ENC002"]
    text = path.read_text(encoding="utf-8")
    assert "encrypted         = false # TODO" in text, "the broken fix left no trace"
    assert "enable_key_rotation = true" in text, "the other fixes of the file still landed"
    assert [f.rule_id for f in result.active_findings if f.rule_id in ("ENC002", "ENC005")] == ["ENC002"]


def test_rolled_back_fix_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    import srmlint.cli as cli

    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    monkeypatch.setattr(cli, "_fix_registry", lambda: FixRegistry([Fix("ENC002", {"terraform": [BreakingFix()]})]))
    code, _, err = run(["--fix", "--unsafe-fixes", str(tmp_path)], capsys)
    assert code == 2 and "was rolled back: the file would no longer parse" in err


def test_read_only_file_is_reported_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """As root every file is writable, so the runner's permission check is
    told the file is read-only, as it would be for an ordinary user."""
    import srmlint.fixes.runner as runner

    path = tmp_path / "main.tf"
    path.write_text(TF, encoding="utf-8")
    real_access = os.access

    def access(target: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(target)).resolve() == path.resolve():
            return False
        return real_access(target, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner.os, "access", access)
    code, _, err = run(["--fix", "--select", "ENC005", str(tmp_path)], capsys)
    assert path.read_text(encoding="utf-8") == TF and "read-only" in err and code == 1


def test_edits_apply_bottom_up_and_overlaps_wait() -> None:
    text = "abcdef"
    assert apply_edits(text, [TextEdit(0, 1, "A"), TextEdit(4, 6, "EF"), TextEdit(2, 2, "+"),
                              TextEdit(2, 2, "-")]) == "Ab+-cdEF"
    assert apply_edits(text, [TextEdit(1, 2, "B"), TextEdit(1, 2, "B")]) == "aBcdef"  # same edit once


def test_choose_defers_overlapping_fixes() -> None:
    def fix(start: int, end: int) -> PlannedFix:
        return PlannedFix(None, None, FixProposal((TextEdit(start, end, "x"),), "", ()),  # type: ignore[arg-type]
                          Replacement(False, ""))

    first, overlapping, apart = fix(0, 4), fix(2, 6), fix(6, 8)
    assert choose([first, overlapping, apart]) == ([first, apart], [overlapping])


def test_replacement_knowledge() -> None:
    assert replaces("terraform", "aws_ebs_volume", ("encrypted",)).replaces is True
    assert replaces("terraform", "aws_kms_key", ("enable_key_rotation",)).replaces is False
    assert replaces("terraform", "aws_instance", ("root_block_device", "encrypted")).replaces is True
    assert replaces("terraform", "aws_s3_bucket", ("tags",)).replaces is None  # not in the table: unknown
    assert replaces("terraform", "aws_mq_broker", ("publicly_accessible",)).replaces is True
    assert replaces("terraform", "aws_dms_replication_instance", ("publicly_accessible",)).replaces is None
    rds = replaces("cloudformation", "AWS::RDS::DBInstance", ("StorageEncrypted",))
    assert rds.replaces is True and "cfn-lint" in rds.source
    assert replaces("cloudformation", "AWS::RDS::DBInstance", ("DeletionProtection",)).replaces is False
    assert ("StorageEncrypted",) in (cloudformation_create_only("AWS::RDS::DBCluster") or ())
    volume = replaces("cloudformation", "AWS::EC2::Volume", ("Encrypted",))  # schema has no list: fallback
    assert volume.replaces is True and "no createOnlyProperties" in volume.source


def test_plain_scan_with_fixable_findings_never_imports_cfnlint(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    code = (
        "import sys\nfrom srmlint.cli import main\n"
        f"rc = main([{str(tmp_path)!r}, '--no-cache'])\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'cfnlint')\n"
        "print('LEAKED', leaked)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "[unsafe fix: replaces resource]" in proc.stdout, proc.stdout + proc.stderr
    assert "LEAKED []" in proc.stdout


def _count(engine: Engine, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in engine.scan([str(path)]).active_findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    return counts


def test_examples_get_fixed(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("terraform", "cloudformation"):
        shutil.copytree(ROOT / "examples" / fmt / "insecure", tmp_path / fmt)
    before = _count(engine, tmp_path)
    code, out, _ = run(["--fix", "--unsafe-fixes", str(tmp_path)], capsys)
    after = _count(engine, tmp_path)
    fixable = ("ENC002", "CMP001", "LOG010")
    assert all(after.get(rule, 0) < before[rule] for rule in fixable), (before, after)
    fixed = int(out.splitlines()[-1].split(" fixed")[0])
    assert fixed >= 8 and sum(after.values()) < sum(before.values())
    assert code == 1  # what remains needs a person: IAM wildcards, open security groups...
    assert run(["--fix", "--unsafe-fixes", str(tmp_path)], capsys)[1].endswith("\n0 fixed.\n")


def test_no_fix_is_offered_inside_a_terraform_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan is generated by `terraform show -json`: its findings are real, but
    the fix belongs in the .tf configuration, never in the plan file."""
    from tests.conftest import ROOT

    plan = tmp_path / "plan.json"
    plan.write_text((ROOT / "tests" / "resolve" / "fixtures" / "plan.json").read_text(encoding="utf-8"),
                    encoding="utf-8")
    before = plan.read_text(encoding="utf-8")
    _, out, _ = run(["--diff", str(tmp_path)], capsys)
    assert "plan.json" not in out
    _, out, err = run(["--fix", "--unsafe-fixes", str(tmp_path)], capsys)
    assert plan.read_text(encoding="utf-8") == before
    assert "rolled back" not in err


def test_fixes_that_each_add_properties_land_in_two_passes(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Two fixes adding a Properties mapping to one resource would give a duplicate
    key together: the second waits for the next pass instead of being called a bug."""
    path = tmp_path / "stack.yaml"
    path.write_text("Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n\n  Topic:\n    Type: AWS::SNS::Topic\n")
    code, out, err = run(["--fix", "--unsafe-fixes", "--select", "CMP007,CMP008", str(tmp_path)], capsys)
    assert "rolled back" not in err and code == 0, err
    assert out.endswith("\n2 fixed.\n")
    text = path.read_text()
    assert text.count("Properties:") == 1 and "ScanOnPush: true" in text and "ImageTagMutability: IMMUTABLE" in text
