"""CloudFormation resolve stage: parameters, mappings, conditions, Fn::If, Fn::Sub."""

from __future__ import annotations

import json
from pathlib import Path

from srmlint.cli import main
from srmlint.model import Unknown
from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.resolve.cloudformation import resolve_cloudformation
from tests.conftest import ScanFiles

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Algorithm:
    Type: String
    Default: AES256
  Env:
    Type: String
    Default: dev
  Subnets:
    Type: CommaDelimitedList
    Default: "a,b"
  Ssm:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /path/in/ssm
Mappings:
  Sizes:
    dev: {Encrypt: "false"}
    prod: {Encrypt: "true"}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Unknowable: !Equals [!Ref AWS::Region, us-east-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Env}-${AWS::AccountId}-logs"
      Label: !Sub ["${X}-${Env}", {X: !Select [1, !Ref Subnets]}]
      Encrypted: !FindInMap [Sizes, !Ref Env, Encrypt]
      Picked: !If [IsProd, aws:kms, !Ref Algorithm]
      Same: !If [Unknowable, same, same]
      Differs: !If [Unknowable, a, b]
      Gone: !If [NotProd, !Ref AWS::NoValue, x]
      FromSsm: !Ref Ssm
      Joined: !Join ["-", [!Ref Env, x]]
  ProdOnly:
    Type: AWS::S3::Bucket
    Condition: IsProd
  Maybe:
    Type: AWS::S3::Bucket
    Condition: Unknowable
"""


def resolved(overrides: dict | None = None):
    pf = parse_cloudformation("t.yaml", TEMPLATE.encode())
    return resolve_cloudformation(pf, overrides or {})


def test_static_intrinsics_are_evaluated_and_the_rest_kept() -> None:
    pf = resolved()
    assert [r.address for r in pf.resources] == ["Bucket", "Maybe"]
    attrs = pf.resources[0].attributes
    assert isinstance(attrs["BucketName"], Unknown)  # the account id is not static
    assert attrs["Label"] == "b-dev"
    assert attrs["Encrypted"] == "false"
    assert attrs["Picked"] == "AES256"
    assert attrs["Same"] == "same"
    assert isinstance(attrs["Differs"], Unknown)
    assert "Gone" not in attrs
    assert isinstance(attrs["FromSsm"], Unknown)
    assert attrs["Joined"] == "dev-x"
    # locations are kept
    picked = TEMPLATE.splitlines().index("      Picked: !If [IsProd, aws:kms, !Ref Algorithm]") + 1
    assert pf.resources[0].locate("Picked").line == picked


def test_parameter_values_override_defaults() -> None:
    pf = resolved({"Env": "prod"})
    assert [r.address for r in pf.resources] == ["Bucket", "ProdOnly", "Maybe"]
    attrs = pf.resources[0].attributes
    assert attrs["Picked"] == "aws:kms" and attrs["Encrypted"] == "true" and attrs["Gone"] == "x"


QUEUE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Key:
    Type: String
    Default: ""
Conditions:
  HasKey: !Not [!Equals [!Ref Key, ""]]
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      Size: 10
      AvailabilityZone: a
      Encrypted: !If [HasKey, true, false]
"""


def test_a_finding_follows_the_branch_the_parameters_pick(scan_files: ScanFiles, tmp_path: Path, capsys) -> None:
    result = scan_files({"t.yaml": QUEUE})
    assert [f.rule_id for f in result.findings if f.rule_id == "ENC002"] == ["ENC002"]
    (tmp_path / "t.yaml").write_text(QUEUE)
    main(["--isolated", "--no-cache", "--format", "json", "--parameter", "Key=arn:aws:kms:k", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    assert not [f for f in report["findings"] if f["rule_id"] == "ENC002"]
    (tmp_path / "cfg.toml").write_text('[parameters]\nKey = "arn:aws:kms:k"\n')
    main(["--config", str(tmp_path / "cfg.toml"), "--no-cache", "--format", "json", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    assert not [f for f in report["findings"] if f["rule_id"] == "ENC002"]
    assert main(["--isolated", "--parameter", "=x", str(tmp_path)]) == 2
