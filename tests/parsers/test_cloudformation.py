"""The CloudFormation reader: resources, spans, intrinsics, references, definitions, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from srmlint.model import GENERATED, Intrinsic, Location, ParsedFile, Unknown
from srmlint.parsers.cloudformation import (
    META,
    CloudFormationParser,
    looks_like_cloudformation,
    parse_cloudformation,
)

TEMPLATE = textwrap.dedent("""\
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Env:
        Type: String
        Default: dev
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Mappings:
      Sizes:
        dev: {Size: 1}
    Resources:
      Key:
        Type: AWS::KMS::Key
      Bucket:
        Type: AWS::S3::Bucket
        DependsOn: [Key, Logs]
        Condition: IsProd
        DeletionPolicy: Retain
        Properties:
          BucketName: !Sub "${Env}-${AWS::Region}-${!Literal}-${Key.Arn}"
          Versioning: {Status: Enabled}
          BucketEncryption:
            ServerSideEncryptionConfiguration:
              - ServerSideEncryptionByDefault:
                  SSEAlgorithm: aws:kms
                  KMSMasterKeyID: !GetAtt Key.Arn
              - BucketKeyEnabled: yes
          Tags:
            - Key: owner
              Value: !If [IsProd, !Ref AWS::NoValue, !Ref Env]
      Logs:
        Type: AWS::Logs::LogGroup
        Properties:
          KmsKeyId: !GetAtt [Key, Arn]
          LogGroupName: !Sub
            - "${Name}-${Bucket}"
            - Name: !Ref Env
    Outputs:
      BucketArn:
        Value: !GetAtt Bucket.Arn
    """)


def _parse(text: str, path: str = "template.yaml") -> ParsedFile:
    return parse_cloudformation(path, text.encode())


@pytest.fixture(scope="module")
def parsed() -> ParsedFile:
    result = _parse(TEMPLATE)
    assert result.problems == ()
    return result


def test_resources_in_file_order_with_type_and_scope(parsed: ParsedFile) -> None:
    assert parsed.format == "cloudformation"
    assert [(r.address, r.type) for r in parsed.resources] == [
        ("Key", "AWS::KMS::Key"), ("Bucket", "AWS::S3::Bucket"), ("Logs", "AWS::Logs::LogGroup")]
    bucket = parsed.resources[1]
    assert (bucket.format, bucket.name, bucket.scope) == ("cloudformation", "Bucket", "template.yaml")
    # from the logical id through the end of its body
    assert bucket.location == Location("template.yaml", 14, 30, 3, 59)
    assert parsed.resources[0].attributes == {}


def test_properties_values_and_positions(parsed: ParsedFile) -> None:
    bucket = parsed.resources[1]
    assert bucket.get("Versioning", "Status") == "Enabled"
    assert bucket.get("BucketEncryption", "ServerSideEncryptionConfiguration", 1, "BucketKeyEnabled") is True
    assert bucket.locate("BucketEncryption") == Location("template.yaml", 23, 27, 9, 34)
    assert bucket.locate("BucketEncryption", "ServerSideEncryptionConfiguration", 0).line == 24
    assert bucket.locate("BucketEncryption", "ServerSideEncryptionConfiguration", 1) == Location(
        "template.yaml", 27, 27, 13, 34)
    assert bucket.locate("Tags", 0, "Value") == Location("template.yaml", 30, 30, 18, 59)
    assert bucket.locate("Versioning", "Status").column == 28
    assert bucket.locate("NotThere") == bucket.location


def test_meta_keys_are_kept_and_located_under_meta_prefix(parsed: ParsedFile) -> None:
    bucket = parsed.resources[1]
    assert bucket.meta == {"DependsOn": ["Key", "Logs"], "Condition": "IsProd", "DeletionPolicy": "Retain"}
    assert bucket.locations[(META, "DependsOn", 1)] == Location("template.yaml", 16, 16, 22, 26)
    assert "Properties" not in bucket.meta


def test_intrinsics_are_unknown_never_data(parsed: ParsedFile) -> None:
    bucket = parsed.resources[1]
    kms = bucket.get("BucketEncryption", "ServerSideEncryptionConfiguration", 0,
                     "ServerSideEncryptionByDefault", "KMSMasterKeyID")
    assert kms == Unknown(Intrinsic("Fn::GetAtt", ["Key", "Arn"]), "!GetAtt Key.Arn")
    name = bucket.get("BucketName")
    assert isinstance(name, Unknown)
    assert name.expr == Intrinsic("Fn::Sub", "${Env}-${AWS::Region}-${!Literal}-${Key.Arn}")
    tag_value = bucket.get("Tags", 0, "Value")
    assert isinstance(tag_value, Unknown)
    assert tag_value.expr == Intrinsic("Fn::If", ["IsProd", {"Ref": "AWS::NoValue"}, {"Ref": "Env"}])
    assert tag_value.text.startswith("!If ")


@pytest.mark.parametrize(
    ("yaml_value", "name", "args"),
    [
        ("!Ref X", "Ref", "X"),
        ("!GetAtt A.B", "Fn::GetAtt", ["A", "B"]),
        ("!Base64 x", "Fn::Base64", "x"),
        ("!Cidr [10.0.0.0/16, 4, 8]", "Fn::Cidr", ["10.0.0.0/16", 4, 8]),
        ("!FindInMap [M, K, V]", "Fn::FindInMap", ["M", "K", "V"]),
        ("!GetAZs ''", "Fn::GetAZs", ""),
        ("!ImportValue exported", "Fn::ImportValue", "exported"),
        ("!Join [',', [a, b]]", "Fn::Join", [",", ["a", "b"]]),
        ("!Select [0, [a]]", "Fn::Select", [0, ["a"]]),
        ("!Split [',', 'a,b']", "Fn::Split", [",", "a,b"]),
        ("!Sub x", "Fn::Sub", "x"),
        ("!Length [1, 2]", "Fn::Length", [1, 2]),
        ("!ToJsonString {a: 1}", "Fn::ToJsonString", {"a": 1}),
        ("!If [C, a, b]", "Fn::If", ["C", "a", "b"]),
        ("!Rain::Module m.yml", "Fn::Rain::Module", "m.yml"),
        ('{"Fn::GetAtt": ["A", "B"]}', "Fn::GetAtt", ["A", "B"]),
        ('{"Ref": "X"}', "Ref", "X"),
    ],
)
def test_every_intrinsic_becomes_unknown(yaml_value: str, name: str, args: object) -> None:
    parsed = _parse(f"Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      P: {yaml_value}\n")
    value = parsed.resources[0].get("P")
    assert isinstance(value, Unknown)
    assert value.expr == Intrinsic(name, args)
    assert value.text.startswith("!")


def test_condition_key_outside_intrinsics_is_data() -> None:
    parsed = _parse("Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                    "      Condition: x\n      Multi: {Ref: a, Other: b}\n")
    assert parsed.resources[0].attributes == {"Condition": "x", "Multi": {"Ref": "a", "Other": "b"}}


def _refs(parsed: ParsedFile) -> set[tuple[str, str, str | None, tuple[str | int, ...]]]:
    return {(r.source, r.target, r.attribute, r.path) for r in parsed.references}


def test_references(parsed: ParsedFile) -> None:
    assert _refs(parsed) == {
        ("Bucket", "Key", None, (META, "DependsOn", 0)),
        ("Bucket", "Logs", None, (META, "DependsOn", 1)),
        ("Bucket", "Env", None, ("BucketName",)),
        ("Bucket", "Key", "Arn", ("BucketName",)),
        ("Bucket", "Key", "Arn", ("BucketEncryption", "ServerSideEncryptionConfiguration", 0,
                                  "ServerSideEncryptionByDefault", "KMSMasterKeyID")),
        ("Bucket", "Env", None, ("Tags", 0, "Value", "Fn::If", 2)),
        ("Logs", "Key", "Arn", ("KmsKeyId",)),
        # ${Name} is bound by the Sub's own map; the Ref inside the map counts
        ("Logs", "Bucket", None, ("LogGroupName",)),
        ("Logs", "Env", None, ("LogGroupName", "Fn::Sub", 1, "Name")),
        ("cfn_output.BucketArn", "Bucket", "Arn", ("Value",)),
    }
    by_path = {r.path: r for r in parsed.references if r.source == "Logs"}
    assert by_path[("KmsKeyId",)].location == Location("template.yaml", 34, 34, 17, 35)
    assert all(r.scope == "template.yaml" for r in parsed.references)


def test_references_are_deduplicated() -> None:
    parsed = _parse("Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                    "      P: !Sub '${A}-${A}-${A.Arn}'\n")
    assert _refs(parsed) == {("R", "A", None, ("P",)), ("R", "A", "Arn", ("P",))}


def test_getatt_forms_and_dependson_string() -> None:
    parsed = _parse(
        "Resources:\n  R:\n    Type: AWS::SNS::Topic\n    DependsOn: A\n    Properties:\n"
        "      P: !GetAtt B.Outputs.Url\n      Q: {'Fn::GetAtt': [C, Endpoint.Address]}\n"
        "      S: !GetAtt [D, !Ref Attr]\n      T: !Ref AWS::StackName\n")
    assert _refs(parsed) == {
        ("R", "A", None, (META, "DependsOn")),
        ("R", "B", "Outputs.Url", ("P",)),
        ("R", "C", "Endpoint.Address", ("Q",)),
        ("R", "D", None, ("S",)),
        ("R", "Attr", None, ("S", "Fn::GetAtt", 1)),
    }


def test_definitions(parsed: ParsedFile) -> None:
    kinds = {(d.kind, d.name) for d in parsed.definitions}
    assert kinds == {("parameter", "Env"), ("condition", "IsProd"), ("mapping", "Sizes"),
                     ("cfn_output", "BucketArn")}
    by_name = {d.name: d for d in parsed.definitions}
    assert by_name["Env"].value == {"Type": "String", "Default": "dev"}
    assert by_name["Env"].location == Location("template.yaml", 3, 5, 3, 17)
    assert by_name["Env"].locations[("Default",)].line == 5
    assert isinstance(by_name["IsProd"].value, Unknown)
    assert by_name["IsProd"].value.expr.name == "Fn::Equals"
    assert isinstance(by_name["BucketArn"].value["Value"], Unknown)
    assert by_name["Sizes"].value == {"dev": {"Size": 1}}


def test_json_template_with_positions() -> None:
    document = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {"Q": {"Type": "AWS::SQS::Queue",
                            "Properties": {"KmsMasterKeyId": {"Ref": "K"}, "Delay": 5}}},
    }
    text = json.dumps(document, indent="\t")
    parsed = parse_cloudformation("t.json", text.encode())
    (queue,) = parsed.resources
    assert queue.get("Delay") == 5
    assert isinstance(queue.get("KmsMasterKeyId"), Unknown)
    assert queue.locate("Delay") == Location("t.json", 10, 10, 14, 15)
    assert _refs(parsed) == {("Q", "K", None, ("KmsMasterKeyId",))}


def test_sam_template_without_version_is_read() -> None:
    parsed = _parse("Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n"
                    "    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12}\n")
    assert parsed.format == "cloudformation"
    assert parsed.resources[0].type == "AWS::Serverless::Function"


def test_dates_and_other_yaml_types_become_plain_text() -> None:
    parsed = _parse("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  R:\n    Type: AWS::SNS::Topic\n"
                    "    Properties: {D: 2024-01-02, B: !!binary aGk=}\n")
    assert parsed.resources[0].attributes == {"D": "2024-01-02", "B": "hi"}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("config.yaml", "name: app\non:\n  push: {branches: [main]}\njobs: {}\n"),
        ("package.json", '{"name": "x", "version": "1.0.0", "dependencies": {"aws-cdk-lib": "2"}}'),
        ("item.json", '{"Item": {"id": {"S": "1"}, "Type": {"S": "AWS::S3::Bucket"}}}'),
        ("list.yaml", "- Type: AWS::S3::Bucket\n"),
        ("empty.yaml", ""),
        ("resources.yaml", "Resources:\n  X:\n    Type: Something::Else\n# Type: AWS::S3::Bucket\n"),
        ("conf.yaml", "ResourceType: AWS::S3::Bucket\n"),
    ],
)
def test_not_a_template(name: str, text: str) -> None:
    parsed = parse_cloudformation(name, text.encode())
    assert parsed == ParsedFile(name, None)


def test_prefilter() -> None:
    assert looks_like_cloudformation(b'{"AWSTemplateFormatVersion": "2010-09-09"}')
    assert looks_like_cloudformation(b"R:\n  Type: AWS::S3::Bucket")
    assert looks_like_cloudformation(b'"Type" : "Custom::Thing"')
    assert looks_like_cloudformation(b"Type: 'AWS::Serverless::Function'")
    assert not looks_like_cloudformation(b'{"name": "x", "scripts": {}}')
    assert not looks_like_cloudformation(b"ResourceType: AWS::S3::Bucket")
    assert not looks_like_cloudformation(b"\x00\x01\x02binary")


def test_parser_claims() -> None:
    parser = CloudFormationParser()
    assert parser.name == "cloudformation"
    for path in ("a.yaml", "b.YML", "c.json", "d.template", "dir/e.template.json"):
        assert parser.claims(path), path
    for path in ("main.tf.json", "main.tf", "README.md", "x.yaml.bak"):
        assert not parser.claims(path), path
    assert parser.parse("t.yaml", TEMPLATE.encode()).resources


def _problems(parsed: ParsedFile) -> list[tuple[int, str]]:
    return [(p.location.line, p.message) for p in parsed.problems]


BAD_INPUT = [
    ("malformed yaml", b"AWSTemplateFormatVersion: x\nResources:\n  A: b: c\n", 3, "mapping values are not allowed"),
    ("unclosed flow", b"AWSTemplateFormatVersion: x\nResources:\n  A: [1,\n  B: 2\n", 5, "invalid YAML"),
    ("malformed json", b'{"AWSTemplateFormatVersion": "x",\n "Resources": {\n  "A": {"Type": "AWS::S3::Bucket"}\n'
                       b'  "B": 1}\n}', 4, "invalid YAML"),
    ("resources not a mapping", b"AWSTemplateFormatVersion: x\nResources: [1, 2]\n", 2, "Resources must be"),
    ("resources list of typed", b"Resources:\n  - Type: AWS::S3::Bucket\n", 2, "Resources must be"),
    ("non-utf-8", b"AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"
                  b"    Properties: {BucketName: caf\xe9}\n", 5, "not valid UTF-8"),
    ("nul byte", b"AWSTemplateFormatVersion: x\nResources:\n  A: \x00\n", 3, "unacceptable character"),
    ("deep nesting", b"AWSTemplateFormatVersion: x\nResources:\n  A: " + b"[" * 100_000, 3, "nesting deeper"),
    ("two documents", b"AWSTemplateFormatVersion: x\n---\nResources: {}\n", 2, "one template per file"),
]


@pytest.mark.parametrize(("case", "data", "line", "fragment"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_one_problem_with_its_line(case: str, data: bytes, line: int, fragment: str) -> None:
    parsed = parse_cloudformation("bad.yaml", data)
    assert parsed.format == "cloudformation"
    assert len(parsed.problems) == 1, parsed.problems
    problem = parsed.problems[0]
    assert problem.location.file == "bad.yaml"
    assert problem.location.line == line
    assert fragment in problem.message


def test_alias_bomb_is_a_problem() -> None:
    lines = ["AWSTemplateFormatVersion: x", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    parsed = parse_cloudformation("bomb.yaml", "\n".join(lines).encode())
    assert parsed.format == "cloudformation"
    assert "alias bomb" in parsed.problems[0].message
    assert parsed.problems[0].location.line >= 2


def test_bad_resources_are_problems_and_the_others_are_read() -> None:
    parsed = _parse(textwrap.dedent("""\
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Good1:
            Type: AWS::S3::Bucket
          NotAMapping: just a string
          NoType:
            Properties: {}
          Module:
            Type: !Rain::Module ../bucket.yml
            Properties: {Name: x}
          ListType:
            Type: [AWS::S3::Bucket]
          BadProperties:
            Type: AWS::SNS::Topic
            Properties: [1]
          Fn::ForEach::Topics:
            - Name
            - !GetAZs ""
            - ${Name}Topic: {Type: AWS::SNS::Topic}
          Good2:
            Type: AWS::SQS::Queue
            Properties: !If [C, {A: 1}, {A: 2}]
        """))
    assert [r.address for r in parsed.resources] == ["Good1", "Good2"]
    assert _problems(parsed) == [
        (5, "resource NotAMapping must be a mapping, not a str"),
        (6, "resource NoType has no Type"),
        (9, "resource Module has a Type that is not a string (!Rain::Module ../bucket.yml); it is not analysed"),
        (12, "resource ListType has a Type that is not a string (['AWS::S3::Bucket']); it is not analysed"),
        (15, "resource BadProperties: Properties must be a mapping, not a list; it is not analysed"),
        (16, "Fn::ForEach::Topics (AWS::LanguageExtensions) is not expanded: its collection is not a list "
             "known statically (a literal list, or a Ref to a list parameter with a Default); "
             "the resources it declares are not analysed"),
    ]
    good2 = parsed.resources[1]
    assert good2.attributes == {}
    assert isinstance(good2.meta["Properties"], Unknown)


def test_duplicate_keys_are_problems_and_the_last_value_is_read() -> None:
    parsed = _parse("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                    "      BucketName: one\n      BucketName: two\n")
    assert parsed.resources[0].get("BucketName") == "two"
    assert [p.location.line for p in parsed.problems] == [6]


def test_bom_is_accepted() -> None:
    parsed = parse_cloudformation("t.yaml", b"\xef\xbb\xbf" + TEMPLATE.encode())
    assert parsed.problems == ()
    assert len(parsed.resources) == 3
    assert parsed.resources[0].location.line == 12


def test_never_raises_on_garbage() -> None:
    samples = [
        b"AWSTemplateFormatVersion\xff\xfe\x00",
        b"AWSTemplateFormatVersion: [",
        b"AWSTemplateFormatVersion: x\nResources: !Ref X\n",
        b"AWSTemplateFormatVersion: x\nResources:\n  ? [a]\n  : 1\n",
        b"AWSTemplateFormatVersion: x\nOutputs: 3\nParameters: [1]\n",
        b"AWSTemplateFormatVersion: x\nResources:\n  1: {Type: AWS::S3::Bucket}\n  true: {Type: AWS::S3::Bucket}\n",
        b"AWSTemplateFormatVersion: x\nResources:\n  A: {Type: AWS::S3::Bucket, Properties: {P: !GetAtt }}\n",
        b"AWSTemplateFormatVersion: x\nResources:\n  A: {Type: AWS::S3::Bucket, DependsOn: {a: 1}}\n",
        bytes(range(256)) + b"AWSTemplateFormatVersion",
    ]
    for data in samples:
        parsed = parse_cloudformation("g.yaml", data)
        assert isinstance(parsed, ParsedFile)
        assert all(p.location.file == "g.yaml" and p.location.line >= 1 for p in parsed.problems)


def test_outputs_and_parameters_not_mappings_are_problems() -> None:
    parsed = parse_cloudformation("g.yaml", b"AWSTemplateFormatVersion: x\nParameters: [1]\nOutputs: 3\n")
    assert _problems(parsed) == [(2, "Parameters must be a mapping"), (3, "Outputs must be a mapping")]


def test_import_does_not_load_cfnlint(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(TEMPLATE)
    code = textwrap.dedent(f"""\
        import sys
        import srmlint.parsers.cloudformation as cfn
        parsed = cfn.parse_cloudformation("t.yaml", open({str(template)!r}, "rb").read())
        assert len(parsed.resources) == 3, parsed
        assert "cfnlint" not in sys.modules, sorted(m for m in sys.modules if m.startswith("cfnlint"))
        """)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                            check=False, env={"PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr


FOR_EACH = textwrap.dedent("""\
    AWSTemplateFormatVersion: "2010-09-09"
    Transform: AWS::LanguageExtensions
    Parameters:
      Teams:
        Type: CommaDelimitedList
        Default: "red, blue"
    Resources:
      Fn::ForEach::Buckets:
        - Name
        - [Logs, Data-Lake]
        - "&{Name}Bucket":
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "app-${Name}-${!Literal}"
              Tags: [{Key: name, Value: !Ref Name}]
      Fn::ForEach::Teams:
        - Team
        - !Ref Teams
        - Fn::ForEach::Envs:
            - Env
            - [dev, prod]
            - ${Team}${Env}Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${Team}-${Env}"
                  SqsManagedSseEnabled: false
""")


def test_for_each_loops_declare_one_resource_per_item() -> None:
    parsed = _parse(FOR_EACH)
    assert parsed.problems == ()
    assert [r.address for r in parsed.resources] == [
        "LogsBucket", "DataLakeBucket", "reddevQueue", "redprodQueue", "bluedevQueue", "blueprodQueue"]
    logs = parsed.resources[0]
    # the identifier is replaced where CloudFormation replaces it; ${!Literal} stays literal text
    assert logs.get("BucketName").expr.args == "app-Logs-${!Literal}"
    assert logs.get("Tags", 0, "Value") == "Logs"
    queue = parsed.resources[3]
    assert queue.get("QueueName").expr.args == "red-prod"
    # located at the loop's body, and never edited by --fix (one edit there changes every item)
    assert queue.location.line == 22 and queue.locate("SqsManagedSseEnabled").line == 26
    assert all(r.meta.get(GENERATED) for r in parsed.resources)


@pytest.mark.parametrize(("loop", "why"), [
    ("[Name, !GetAZs '', {X: {Type: AWS::SNS::Topic}}]", "its collection is not a list known statically"),
    ("[Name, [a]]", "it must be [Identifier, Collection, {OutputKey: OutputValue}]"),
    ("[Name, !Ref Missing, {X: {Type: AWS::SNS::Topic}}]", "its collection is not a list known statically"),
])
def test_a_loop_that_cannot_be_expanded_is_reported(loop: str, why: str) -> None:
    parsed = _parse(f"Resources:\n  Fn::ForEach::L: {loop}\n  Ok:\n    Type: AWS::SNS::Topic\n")
    assert [r.address for r in parsed.resources] == ["Ok"]
    ((line, message),) = _problems(parsed)
    assert line == 2 and why in message and "not analysed" in message



def test_nested_loops_that_multiply_are_bounded_and_reported_once_per_loop() -> None:
    items = [f"i{i}" for i in range(200)]

    def loop(depth: int) -> dict:
        if depth == 4:
            return {"X${A1}${A2}${A3}${A4}": {"Type": "AWS::SNS::Topic"}}
        return {f"Fn::ForEach::L{depth + 1}": [f"A{depth + 1}", items, loop(depth + 1)]}

    template = {"Resources": {**loop(0), "Ok": {"Type": "AWS::SNS::Topic"}}}
    parsed = _parse(json.dumps(template))  # 200**4 topics: expanded up to the bound, the rest reported
    assert 0 < len(parsed.resources) <= 4097 and parsed.resources[-1].address == "Ok"
    messages = [p.message for p in parsed.problems]
    assert len(messages) == 4 and all("expand to more than 4096 items" in m for m in messages)
