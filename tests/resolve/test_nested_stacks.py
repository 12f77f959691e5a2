"""Nested stacks linked by local path, and multi-document YAML files."""

from __future__ import annotations

from srmlint.model import Unknown
from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.resolve.cloudformation import MAX_NESTING, resolve_templates
from tests.conftest import ScanFiles

PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt: {Type: String, Default: "false"}
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child/volume.yaml
      Parameters:
        Encrypted: !Ref Encrypt
        Zone: !GetAtt Network.Outputs.Zone
"""

CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypted: {Type: String, Default: "true"}
  Zone: {Type: String, Default: eu-west-1a}
  Size: {Type: Number, Default: 10}
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      Size: !Ref Size
      AvailabilityZone: !Ref Zone
      Encrypted: !Ref Encrypted
"""


def _volume(files: dict[str, str], parameters: dict[str, str] | None = None) -> dict[str, object]:
    parsed = [parse_cloudformation(path, text.encode()) for path, text in files.items()]
    resolved = resolve_templates(parsed, parameters or {})
    return dict(resolved["stacks/child/volume.yaml"].resources[0].attributes)


def test_the_parent_binds_the_childs_parameters() -> None:
    volume = _volume({"stacks/parent.yaml": PARENT, "stacks/child/volume.yaml": CHILD})
    assert volume["Encrypted"] == "false"  # the parent's default, passed on, not the child's
    assert isinstance(volume["AvailabilityZone"], Unknown)  # passed, not statically: never the default
    assert volume["Size"] == 10  # not passed: the child's default


def test_the_parents_own_parameters_flow_through() -> None:
    volume = _volume({"stacks/parent.yaml": PARENT, "stacks/child/volume.yaml": CHILD}, {"Encrypt": "true"})
    assert volume["Encrypted"] == "true"


def test_parents_that_disagree_leave_the_parameter_unknown() -> None:
    other = PARENT.replace("!Ref Encrypt", '"true"')
    volume = _volume({"stacks/parent.yaml": PARENT, "stacks/other.yaml": other, "stacks/child/volume.yaml": CHILD})
    assert isinstance(volume["Encrypted"], Unknown)


def test_alone_or_with_a_remote_template_the_defaults_hold() -> None:
    assert _volume({"stacks/child/volume.yaml": CHILD})["Encrypted"] == "true"
    remote = PARENT.replace("./child/volume.yaml", "https://s3.amazonaws.com/b/child/volume.yaml")
    assert _volume({"stacks/parent.yaml": remote, "stacks/child/volume.yaml": CHILD})["Encrypted"] == "true"


def test_cycles_and_long_chains_end() -> None:
    files = {f"s/t{i}.yaml": (
        "Parameters:\n  P: {Type: String, Default: d}\nResources:\n"
        f"  Next:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: t{(i + 1) % 20}.yaml\n"
        "      Parameters: {P: !Ref P}\n"
        "  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref P}\n") for i in range(20)}
    parsed = [parse_cloudformation(path, text.encode()) for path, text in files.items()]
    resolved = resolve_templates(parsed, {})
    assert len(resolved) == 20 and MAX_NESTING < 20
    assert all(pf.resources[1].attributes["BucketName"] == "d" for pf in resolved.values())


def test_a_finding_in_the_child_follows_the_parent(scan_files: ScanFiles) -> None:
    result = scan_files({"stacks/parent.yaml": PARENT, "stacks/child/volume.yaml": CHILD})
    # the child alone is encrypted (its default); deployed by this parent it is not
    found = [(f.rule_id, f.file, f.line) for f in result.findings if f.rule_id == "ENC002"]
    assert found == [("ENC002", "stacks/child/volume.yaml", 12)]


MULTI = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n---\nResources: {}\n"


def test_multi_document_template_is_one_clear_srm000(scan_files: ScanFiles) -> None:
    result = scan_files({"two.yaml": MULTI})
    [problem] = [f for f in result.findings if f.rule_id == "SRM000"]
    assert problem.line == 5
    assert "2 YAML documents" in problem.message and "one template per file" in problem.message


def test_multi_document_files_without_a_template_are_not_templates() -> None:
    manifests = b"apiVersion: v1\nkind: ConfigMap\ndata: {Type: AWS::S3::Bucket}\n---\nkind: Service\n"
    assert parse_cloudformation("k8s.yaml", manifests).format is None
    nested = b"kind: A\n---\nx: " + b"[" * 100_000 + b"\n---\nkind: B\n"  # bounded reader, no crash
    assert parse_cloudformation("deep.yaml", nested + b"# Type: AWS::X\n").format is None
