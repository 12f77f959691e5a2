"""``Fn::If`` on a condition that is not static: each branch checked, a one-branch finding names its branch."""

from __future__ import annotations

from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.resolve import BRANCHES
from srmlint.resolve.cloudformation import resolve_cloudformation
from tests.conftest import ScanFiles

TEMPLATE = """\
Parameters:
  Env:
    Type: String
  Other:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  IsOther: !Equals [!Ref Other, x]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !If [IsProd, true, false]
      PubliclyAccessible: !If [IsDev, false, true]
  Both:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !If [IsProd, false, !If [IsOther, true, false]]
  Same:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      StorageEncrypted: !If [IsProd, false, false]
"""


def test_one_unknown_condition_gives_both_branches() -> None:
    pf = resolve_cloudformation(parse_cloudformation("t.yaml", TEMPLATE.encode()), {})
    db = next(r for r in pf.resources if r.name == "Db")
    # IsDev is derived from IsProd, but is its own condition: two of them, no branches
    assert BRANCHES not in db.meta
    single = TEMPLATE.replace("!If [IsDev, false, true]", "false")
    pf = resolve_cloudformation(parse_cloudformation("t.yaml", single.encode()), {})
    db = next(r for r in pf.resources if r.name == "Db")
    (true, false) = db.meta[BRANCHES]
    assert (true.note, true.attributes["StorageEncrypted"]) == ("when condition IsProd is true", True)
    assert (false.note, false.attributes["StorageEncrypted"]) == ("when condition IsProd is false", False)
    assert BRANCHES not in next(r for r in pf.resources if r.name == "Both").meta  # two conditions
    same = next(r for r in pf.resources if r.name == "Same")
    assert same.attributes["StorageEncrypted"] is False and BRANCHES not in same.meta


def test_a_static_condition_needs_no_branches() -> None:
    pf = resolve_cloudformation(parse_cloudformation("t.yaml", TEMPLATE.encode()), {"Env": "dev"})
    db = next(r for r in pf.resources if r.name == "Db")
    assert db.attributes["StorageEncrypted"] is False and BRANCHES not in db.meta


def test_finding_of_one_branch_names_the_condition(scan_files: ScanFiles) -> None:
    text = TEMPLATE.replace("!If [IsDev, false, true]", "false")
    result = scan_files({"template.yaml": text})
    enc = [f for f in result.findings if f.rule_id == "ENC003"]
    assert [(f.resource.name if f.resource else None, f.message) for f in enc] == [
        ("Db", "RDS instance 'Db' has encryption at rest turned off (when condition IsProd is false)"),
        ("Same", "RDS instance 'Same' has encryption at rest turned off"),
    ]
    # a finding of both branches is reported once, without a note
    db = [f for f in result.findings if f.resource and f.resource.name == "Db"]
    assert len({f.rule_id for f in db if "when condition" not in f.message}) == len(
        [f for f in db if "when condition" not in f.message])
    assert sum(1 for t in result.resources if t.resource.name == "Db") == 1


def test_branch_with_no_value_drops_the_property(scan_files: ScanFiles) -> None:
    text = """\
Parameters:
  Key:
    Type: String
Conditions:
  HasKey: !Not [!Equals [!Ref Key, ""]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption: !If
        - HasKey
        - ServerSideEncryptionConfiguration:
            - ServerSideEncryptionByDefault:
                SSEAlgorithm: aws:kms
                KMSMasterKeyID: !Ref Key
        - !Ref AWS::NoValue
"""
    result = scan_files({"template.yaml": text})
    enc = [f.message for f in result.findings if f.rule_id == "ENC001"]
    assert enc == ["S3 bucket 'Bucket' has no default encryption configured (when condition HasKey is false)"]
