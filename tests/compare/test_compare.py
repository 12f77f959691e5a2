"""``srmlint matrix --compare BEFORE AFTER``: the layers a design change moves
between the customer and AWS, the JSON contract, exit codes and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srmlint import compare
from srmlint.cli import main
from srmlint.engine import Engine
from srmlint.responsibility import ALWAYS_AWS, ALWAYS_CUSTOMER, LAYERS, MODEL_ORDER, Owner
from tests.conftest import ROOT

TF_EC2 = "examples/terraform/insecure/api-ec2"
TF_LAMBDA = "examples/terraform/insecure/api-lambda"
CFN_EC2 = "examples/cloudformation/insecure/api-ec2.yaml"
CFN_LAMBDA = "examples/cloudformation/insecure/api-lambda.yaml"
MOVED = {"runtime", "middleware", "operating_system"}
FORMATS = ("text", "markdown", "json", "html")


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["matrix", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def compared(capsys: pytest.CaptureFixture[str], before: str, after: str) -> dict:
    code, out, _ = run(capsys, "--compare", before, after, "--format", "json")
    assert code == 0
    return json.loads(out)


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, TF_EC2, TF_LAMBDA)
    assert list(data) == ["schema_version", "before", "after", "shifts", "settings"]
    assert data["schema_version"] == 1
    for side, path in (("before", TF_EC2), ("after", TF_LAMBDA)):
        design = data[side]
        assert list(design) == ["path", "resources", "service_models", "layers", "customer_settings",
                                "findings", "parse_errors"]
        assert design["path"] == path
        assert isinstance(design["resources"], int) and design["resources"] > 0
        assert set(design["service_models"]) == set(MODEL_ORDER)
        assert sum(design["service_models"].values()) == design["resources"]
        assert list(design["layers"]) == list(LAYERS)
        assert set(design["layers"].values()) <= {"customer", "shared", "aws"}
        assert list(design["customer_settings"]) == ["configured", "unset", "insecure", "unknown"]
        assert list(design["findings"]) == ["total", "by_severity"]
        assert list(design["findings"]["by_severity"]) == ["critical", "high", "medium", "low", "info"]
        assert design["findings"]["total"] == sum(design["findings"]["by_severity"].values())
        assert design["parse_errors"] == 0
    assert data["before"]["service_models"]["infrastructure"] >= 1
    assert data["after"]["service_models"]["function"] == 1
    shifts = data["shifts"]
    assert [s["layer"] for s in shifts] == sorted(s["layer"] for s in shifts)
    assert {s["layer"] for s in shifts} == MOVED
    for s in shifts:
        assert list(s) == ["layer", "before", "after", "because"]
        assert (s["before"], s["after"]) == ("customer", "aws")
        assert s["because"] == sorted(s["because"]) == ["aws_instance.api"]
    assert list(data["settings"]) == ["only_before", "only_after"]
    only_before = {(x["address"], x["setting"]) for x in data["settings"]["only_before"]}
    only_after = {(x["address"], x["setting"]) for x in data["settings"]["only_after"]}
    assert ("aws_instance.api", "imds") in only_before
    assert ("aws_security_group.api", "network_ingress") in only_before
    assert any(address == "aws_lambda_function.api" for address, _ in only_after)
    # The S3 bucket is in both designs and asks the same of you: in neither list.
    assert not any(a.startswith("aws_s3_bucket") for a, _ in only_before | only_after)
    for key in ("only_before", "only_after"):
        items = data["settings"][key]
        assert items == sorted(items, key=lambda x: (x["address"], x["setting"]))
        assert all(list(x) == ["address", "setting"] for x in items)


def test_reverse_direction_moves_the_layers_onto_you(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, TF_LAMBDA, TF_EC2)
    assert {(s["layer"], s["before"], s["after"]) for s in data["shifts"]} == {
        (layer, "aws", "customer") for layer in MOVED}
    # `because` names the resources on the side that makes the layer yours: AFTER here.
    assert all(s["because"] == ["aws_instance.api"] for s in data["shifts"])
    forward = compared(capsys, TF_EC2, TF_LAMBDA)
    assert data["settings"]["only_before"] == forward["settings"]["only_after"]
    assert data["settings"]["only_after"] == forward["settings"]["only_before"]


def test_cloudformation_pair(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, CFN_EC2, CFN_LAMBDA)
    assert {s["layer"] for s in data["shifts"]} == MOVED
    assert all(s["because"] == ["ApiInstance"] for s in data["shifts"])


def test_cross_format_pair_compares_through_the_common_model(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, CFN_EC2, TF_LAMBDA)
    assert {(s["layer"], s["before"], s["after"]) for s in data["shifts"]} == {
        (layer, "customer", "aws") for layer in MOVED}
    assert all(s["because"] == ["ApiInstance"] for s in data["shifts"])
    # Settings are compared by service, not address: the CloudFormation bucket
    # `Uploads` and `aws_s3_bucket.uploads` ask the same thing.
    addresses = {x["address"] for key in ("only_before", "only_after") for x in data["settings"][key]}
    assert "Uploads" not in addresses and "aws_s3_bucket.uploads" not in addresses
    assert "ApiInstance" in addresses
    # Same shifts as the Terraform pair: the formats do not matter.
    tf = compared(capsys, TF_EC2, TF_LAMBDA)
    assert [(s["layer"], s["before"], s["after"]) for s in data["shifts"]] == [
        (s["layer"], s["before"], s["after"]) for s in tf["shifts"]]


def test_fixed_designs_shift_the_same_layers(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, "examples/terraform/fixed/api-ec2", "examples/terraform/fixed/api-lambda")
    assert {s["layer"] for s in data["shifts"]} == MOVED
    insecure = compared(capsys, TF_EC2, TF_LAMBDA)
    assert data["before"]["findings"]["total"] < insecure["before"]["findings"]["total"]


def test_a_design_compared_with_itself_has_no_shift(capsys: pytest.CaptureFixture[str]) -> None:
    data = compared(capsys, TF_EC2, TF_EC2)
    assert data["shifts"] == []
    assert data["settings"] == {"only_before": [], "only_after": []}
    assert data["before"] == data["after"]
    code, out, _ = run(capsys, "--compare", TF_EC2, TF_EC2)
    assert code == 0
    assert "No shift: AFTER leaves the same layers to you as BEFORE." in out


def test_empty_design_is_a_valid_side(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "README.md").write_text("no templates here\n", encoding="utf-8")
    data = compared(capsys, str(empty), TF_EC2)
    assert data["before"]["resources"] == 0
    assert set(data["before"]["layers"].values()) == {"aws"}
    assert {s["layer"] for s in data["shifts"]} == ALWAYS_CUSTOMER | MOVED | {"application"}
    assert all(s["after"] == "customer" for s in data["shifts"])
    assert not any(s["layer"] in ALWAYS_AWS for s in data["shifts"])
    _code, out, _ = run(capsys, "--compare", str(empty), TF_EC2)
    verdict = next(line for line in out.splitlines() if line.startswith("BEFORE is empty"))
    assert verdict.startswith("BEFORE is empty (no templates). AFTER moves 11 layers onto you (")


def test_text_is_side_by_side_with_arrows_and_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--compare", TF_EC2, TF_LAMBDA)
    assert code == 0 and err == ""
    lines = out.splitlines()
    os_line = next(line for line in lines if line.strip().startswith("operating system"))
    assert os_line.split()[2:6] == ["you", "→", "AWS", "to"]
    assert "was yours on aws_instance.api" in os_line
    data_line = next(line for line in lines if line.strip().startswith("data encryption"))
    assert "→" not in data_line
    assert ("AFTER moves 3 layers from you to AWS (operating system, middleware, runtime) and adds none."
            in lines)
    assert "Settings only BEFORE asks of you:" in lines


def test_markdown_leads_with_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--compare", TF_LAMBDA, TF_EC2, "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("### ")
    assert lines[2] == ("**AFTER moves 3 layers onto you (operating system, middleware, runtime) "
                        "and none to AWS.**")
    assert "| operating system | AWS | **you** | → onto you | `aws_instance.api` |" in lines


def test_html_is_one_self_contained_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--compare", TF_LAMBDA, TF_EC2, "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    lowered = out.lower()
    for banned in ("<script", "<link", "@import", "src=", "url(", "http://", "https://"):
        assert banned not in lowered, banned
    assert '<p class="verdict onto-you">AFTER moves 3 layers onto you' in out
    # The verdict comes before everything but the title.
    assert out.index('class="verdict') < out.index("<table")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    first = run(capsys, "--compare", CFN_EC2, TF_LAMBDA, "--format", fmt)
    second = run(capsys, "--compare", CFN_EC2, TF_LAMBDA, "--format", fmt)
    assert first == second
    assert str(ROOT) not in first[1]


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "shift.json"
    code, out, _ = run(capsys, "--compare", TF_EC2, TF_LAMBDA, "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1


def test_exit_codes_of_the_gate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--compare", TF_LAMBDA, TF_EC2)[0] == 0
    assert run(capsys, "--compare", TF_LAMBDA, TF_EC2, "--fail-on-shift-to-customer")[0] == 1
    assert run(capsys, "--compare", TF_EC2, TF_LAMBDA, "--fail-on-shift-to-customer")[0] == 0
    assert run(capsys, "--compare", TF_EC2, TF_EC2, "--fail-on-shift-to-customer")[0] == 0


@pytest.mark.parametrize(("argv", "message"), [
    (["--compare", TF_EC2, "no/such/dir"], "no such file or directory: no/such/dir"),
    (["--compare", "missing.tf", TF_EC2], "no such file or directory: missing.tf"),
    (["--compare", TF_EC2], "matrix: argument --compare: expected 2 arguments"),
    (["--compare", TF_EC2, TF_LAMBDA, "examples"], "--compare takes its two designs"),
    (["--compare", TF_EC2, TF_LAMBDA, "--base", "HEAD"], "cannot be used together"),
    (["--compare", TF_EC2, TF_LAMBDA, "--format", "sarif"], "unknown format 'sarif'"),
    (["--fail-on-shift-to-customer", TF_EC2], "needs --compare"),
    (["--compare", TF_EC2, TF_LAMBDA, "--show-unclassified"], "--show-unclassified"),
    (["--format", "html", TF_EC2], "unknown format 'html'"),
])
def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("srmlint: error: ")
    assert message in err
    assert "Traceback" not in err


def test_bad_input_gives_a_partial_comparison(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "main.tf").write_text((ROOT / TF_LAMBDA / "main.tf").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "bad.tf").write_text('resource "aws_instance" "x" {\n  ami = \n', encoding="utf-8")
    code, out, err = run(capsys, "--compare", TF_EC2, str(broken), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["after"]["parse_errors"] == 1
    assert data["after"]["findings"]["by_severity"]["high"] >= 1  # SRM000 counts as a finding
    assert data["before"]["parse_errors"] == 0
    assert {s["layer"] for s in data["shifts"]} >= {"operating_system"}  # still compared from what was read
    assert err.startswith("srmlint: the comparison is partial: AFTER (")
    assert "SRM000" in err and err.count("\n") == 1


def test_unset_is_told_apart_from_insecure(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_ebs_volume" "said_no" {\n  encrypted = false\n}\n'
        'resource "aws_ebs_volume" "said_nothing" {\n}\n'
        'resource "aws_ebs_volume" "said_yes" {\n  encrypted = true\n}\n'
        'resource "aws_ebs_volume" "maybe" {\n  encrypted = var.e\n}\n', encoding="utf-8")
    metas = [m for m in engine.rule_metas() if m.id == "ENC002"]
    design = compare.design("d", engine.scan([str(tmp_path)], select=lambda m: m.id == "ENC002"), metas)
    assert dict(design.settings) == {"configured": 1, "unset": 1, "insecure": 1, "unknown": 1}


def test_design_owner_rule_prefers_customer_then_shared(engine: Engine, tmp_path: Path) -> None:
    """ECS on EC2 nodes shares the orchestrator (middleware) and leaves the
    nodes' OS to you; on Fargate AWS runs both."""
    nodes, fargate = tmp_path / "nodes", tmp_path / "fargate"
    for folder, body in ((nodes, 'resource "aws_ecs_cluster" "c" {\n}\n'),
                         (fargate, 'resource "aws_ecs_service" "s" {\n  launch_type = "FARGATE"\n}\n')):
        folder.mkdir()
        (folder / "main.tf").write_text(body + 'resource "aws_s3_bucket" "b" {\n}\n', encoding="utf-8")
    before = compare.design("nodes", engine.scan([str(nodes)]), engine.rule_metas())
    after = compare.design("fargate", engine.scan([str(fargate)]), engine.rule_metas())
    assert before.layers["middleware"] is Owner.SHARED
    assert before.holders["middleware"] == ("aws_ecs_cluster.c",)
    assert before.layers["operating_system"] is Owner.CUSTOMER
    assert before.layers["facilities"] is Owner.AWS and before.holders["facilities"] == ()
    result = compare.compare(before, after)
    shifts = {s.layer: s for s in result.shifts}
    assert (shifts["middleware"].before, shifts["middleware"].after) == (Owner.SHARED, Owner.AWS)
    assert shifts["middleware"].because == ("aws_ecs_cluster.c",)
    assert not result.toward_customer
    assert compare.verdict(result) == ("AFTER moves 3 layers from you to AWS (operating system, "
                                       "middleware (was shared), runtime) and adds none.")
    back = compare.compare(after, before)
    assert compare.verdict(back) == ("AFTER moves 3 layers onto you (operating system, middleware (now shared), "
                                     "runtime) and none to AWS.")
