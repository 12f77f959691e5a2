"""Terraform plan JSON (``terraform show -json``): detected by content, read as static values.

``fixtures/plan.json`` is hand-written in the shape Terraform 1.x writes
(pretty-printed so lines tell the resources apart): a bucket with its
encryption configuration (linked through the ``configuration`` section), a
bucket being deleted, an RDS instance with ``count`` and a value known only
after apply, and a security group in a child module.
"""

from __future__ import annotations

import json
from pathlib import Path

from srmlint.model import ParsedFile, Unknown
from srmlint.parsers.plugin import srmlint_parsers
from srmlint.parsers.tfplan import AFTER_APPLY, TerraformPlanParser, parse_terraform_plan
from tests.conftest import ScanFiles

PLAN = (Path(__file__).parent / "fixtures" / "plan.json").read_text(encoding="utf-8")


def _line(text: str) -> int:
    return next(i for i, line in enumerate(PLAN.splitlines(), start=1) if text in line)


def _read(text: str = PLAN, path: str = "plan.json") -> ParsedFile:
    return TerraformPlanParser().parse(path, text.encode())


def test_resources_are_the_plans_instances_with_their_addresses() -> None:
    pf = _read()
    assert pf.format == "terraform"
    assert [r.address for r in pf.resources] == [
        "aws_s3_bucket.logs", "aws_s3_bucket_server_side_encryption_configuration.logs",
        "aws_db_instance.db[0]", "module.net.aws_security_group.open",
    ]  # aws_s3_bucket.old is only deleted: not there
    assert {r.scope for r in pf.resources} == {"plan.json"}  # one scope: the plan
    group = pf.resources[3]
    assert (group.type, group.name, group.full_address) == ("aws_security_group", "open",
                                                            "module.net.aws_security_group.open")


def test_values_are_static_nulls_absent_and_after_apply_unknown() -> None:
    bucket, encryption, db, group = _read().resources
    assert bucket.attributes["bucket"] == "my-logs" and "tags" not in bucket.attributes
    assert isinstance(bucket.attributes["arn"], Unknown) and bucket.attributes["arn"].text == AFTER_APPLY
    assert db.attributes["storage_encrypted"] is False
    assert isinstance(db.attributes["kms_key_id"], Unknown)
    default = {"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}
    assert encryption.attributes["rule"] == [default]
    assert group.attributes["ingress"][0]["cidr_blocks"] == ["0.0.0.0/0"]


def test_locations_are_the_plan_files_lines() -> None:
    bucket, _, db, group = _read().resources
    assert bucket.location.line == _line('"address": "aws_s3_bucket.logs"') - 1
    assert db.locate("storage_encrypted").line == _line('"storage_encrypted": false,')
    assert group.locate("ingress", 0, "cidr_blocks").line == _line('"ingress": [{"cidr_blocks"')


def test_references_come_from_the_configuration_section() -> None:
    refs = [(r.source, r.target, r.attribute, r.path) for r in _read().references]
    assert refs == [("aws_s3_bucket_server_side_encryption_configuration.logs", "aws_s3_bucket.logs", "id",
                     ("bucket",))]


def test_references_stay_within_their_module_instance() -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"child_modules": [
            {"address": f"module.m[{i}]", "resources": [
                {"address": f"module.m[{i}].aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket",
                 "name": "b", "values": {"bucket": f"b{i}"}},
                {"address": f"module.m[{i}].aws_s3_bucket_versioning.v", "mode": "managed",
                 "type": "aws_s3_bucket_versioning", "name": "v", "values": {"bucket": f"b{i}"}},
            ]} for i in range(2)]}},
        "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": [
            {"address": "aws_s3_bucket_versioning.v", "mode": "managed", "type": "aws_s3_bucket_versioning",
             "name": "v", "expressions": {"bucket": {"references": ["aws_s3_bucket.b.id", "aws_s3_bucket.b"]}}},
        ]}}}}},
    }
    refs = {(r.source, r.target) for r in _read(json.dumps(plan)).references}
    assert refs == {("module.m[0].aws_s3_bucket_versioning.v", "module.m[0].aws_s3_bucket.b"),
                    ("module.m[1].aws_s3_bucket_versioning.v", "module.m[1].aws_s3_bucket.b")}


def test_only_plans_are_read_as_plans_other_json_goes_to_cloudformation() -> None:
    template = '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'
    assert _read(template, "t.json").format == "cloudformation"
    assert _read('{"name": "pkg", "format_version": "1"}', "package.json").format is None
    state = '{"format_version": "1.0", "values": {"root_module": {}}}'  # `terraform show -json` of a state
    assert _read(state, "state.json").format is None
    broken = _read(PLAN[:-40])
    assert broken.format == "terraform" and broken.problems and "invalid JSON" in broken.problems[0].message


def test_registered_before_the_cloudformation_reader() -> None:
    names = [p.name for p in srmlint_parsers()]
    assert names.index("terraform-plan") < names.index("cloudformation")
    assert not TerraformPlanParser().claims("main.tf.json")


def test_never_raises_on_odd_plans() -> None:
    for text in ('{"format_version": "1.2", "planned_values": {"root_module": {"resources": [1, {"address": 2}]}}}',
                 '{"format_version": "1.2", "resource_changes": [{"change": []}, 3]}',
                 '{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [null]}}, '
                 '"configuration": {"root_module": {"module_calls": {"x": 1}}}}'):
        pf = parse_terraform_plan("p.json", text.encode())
        assert pf.format == "terraform"


def test_findings_on_a_plan_beside_its_configuration(scan_files: ScanFiles) -> None:
    result = scan_files({
        "plan.json": PLAN,
        # the configuration beside it declares one of the plan's resources: that one is reported at
        # its block (tests/resolve/test_plan_locations.py), the others stay on the plan's lines
        "main.tf": 'resource "aws_s3_bucket" "logs" {\n  bucket = "my-logs"\n}\n',
    })
    found = {(f.rule_id, f.file, f.resource.address if f.resource else None) for f in result.findings}
    assert ("ENC003", "plan.json", "aws_db_instance.db[0]") in found
    assert ("NET002", "plan.json", "module.net.aws_security_group.open") in found
    assert not [f for f in result.findings if f.resource and f.resource.address == "aws_s3_bucket.old"]
    # the plan's bucket (encrypted through the linked configuration) is checked once, at its .tf block
    enc004 = [f for f in result.findings if f.rule_id == "ENC004"]
    assert [(f.file, f.line, f.resource.address if f.resource else None) for f in enc004] == [
        ("main.tf", 1, "aws_s3_bucket.logs")]
    assert enc004[0].message.endswith("(from plan plan.json)")
    assert not [f for f in result.findings if f.rule_id == "SRM000"]
    enc003 = next(f for f in result.findings if f.rule_id == "ENC003")
    assert enc003.line == _line('"storage_encrypted": false,')


def test_a_utf16_plan_from_powershell_is_read() -> None:
    data = PLAN.encode("utf-16")  # with its byte order mark, as PowerShell's `>` writes it
    pf = TerraformPlanParser().parse("plan.json", data)
    assert pf.format == "terraform" and len(pf.resources) == 4
