"""SAM ``Globals`` merged into ``AWS::Serverless::*`` resources in the CloudFormation resolve path."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from srmlint.model import ParsedFile, Resource, Unknown
from srmlint.parsers.cloudformation import GLOBALS_APPLIED, convert, parse_cloudformation
from srmlint.resolve.cloudformation import _merge, _Mounts, _raw, resolve_cloudformation
from tests.conftest import ScanFiles

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Tracing: Active
    Layers: [global-layer]
    Environment:
      Variables:
        TABLE: !Ref Table
        STAGE: global
  Api:
    TracingEnabled: true
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Tracing: !Ref TracingMode
      Layers: [own-layer]
      Environment:
        Variables:
          STAGE: own
  IgnoresAll:
    Type: AWS::Serverless::Function
    IgnoreGlobals: "*"
  IgnoresTracing:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Tracing]
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  HttpApi:
    Type: AWS::Serverless::HttpApi
"""


def _line(text: str) -> int:
    return TEMPLATE.splitlines().index(text) + 1


def _resolved(text: str = TEMPLATE) -> ParsedFile:
    return resolve_cloudformation(parse_cloudformation("t.yaml", text.encode()), {})


def _by_name(pf: ParsedFile) -> dict[str, Resource]:
    return {r.name: r for r in pf.resources}


def test_globals_are_kept_by_the_reader_one_definition_per_section() -> None:
    pf = parse_cloudformation("t.yaml", TEMPLATE.encode())
    sections = {d.name: d for d in pf.definitions if d.kind == "sam_globals"}
    assert set(sections) == {"Function", "Api"}
    assert sections["Function"].value["Tracing"] == "Active"
    assert sections["Function"].locations[("Tracing",)].line == _line("    Tracing: Active")


def test_sam_merge_rules_resource_wins_maps_merge_lists_append() -> None:
    resources = _by_name(_resolved())
    plain = resources["Plain"].attributes
    assert plain["Runtime"] == "python3.12" and plain["Tracing"] == "Active" and plain["Handler"] == "app.handler"
    own = resources["Own"].attributes
    assert own["Runtime"] == "nodejs22.x"  # a scalar: the resource's
    assert isinstance(own["Tracing"], Unknown)  # an intrinsic is a scalar too: the resource's
    assert own["Layers"] == ["global-layer", "own-layer"]  # lists: Globals' items first
    variables = own["Environment"]["Variables"]
    assert variables["STAGE"] == "own" and isinstance(variables["TABLE"], Unknown)  # maps: merged
    assert resources["Api"].attributes == {"TracingEnabled": True, "StageName": "prod"}
    assert resources["HttpApi"].attributes == {}  # no HttpApi section


def test_ignore_globals() -> None:
    resources = _by_name(_resolved())
    assert resources["IgnoresAll"].attributes == {}
    assert "Tracing" not in resources["IgnoresTracing"].attributes
    assert resources["IgnoresTracing"].attributes["Runtime"] == "python3.12"


def test_each_value_keeps_the_line_it_was_written_at() -> None:
    resources = _by_name(_resolved())
    plain, own = resources["Plain"], resources["Own"]
    assert plain.locate("Tracing").line == _line("    Tracing: Active")
    assert plain.locate("Handler").line == _line("      Handler: app.handler")
    assert own.locate("Runtime").line == _line("      Runtime: nodejs22.x")
    # global list items keep their line, the resource's own are shifted after them
    assert own.locate("Layers", 0).line == _line("    Layers: [global-layer]")
    assert own.locate("Layers", 1).line == _line("      Layers: [own-layer]")
    assert own.locate("Environment", "Variables", "TABLE").line == _line("        TABLE: !Ref Table")
    assert own.locate("Environment", "Variables", "STAGE").line == _line("          STAGE: own")


def test_references_from_globals_are_the_resources() -> None:
    pf = _resolved()
    sources = {ref.source for ref in pf.references if ref.target == "Table"}
    assert sources == {"Plain", "Own", "IgnoresTracing"}
    ref = next(ref for ref in pf.references if ref.source == "Plain" and ref.target == "Table")
    assert ref.path == ("Environment", "Variables", "TABLE")
    assert ref.location.line == _line("        TABLE: !Ref Table")


def test_marked_as_merged_unless_that_cannot_be_known() -> None:
    text = TEMPLATE + """\
  Dynamic:
    Type: AWS::Serverless::Function
    IgnoreGlobals: !Ref Which
  Conditional:
    Type: AWS::Serverless::Function
    Properties: !If [C, {Tracing: Active}, {}]
"""
    resources = _by_name(_resolved(text))
    assert resources["Plain"].meta[GLOBALS_APPLIED] == "Function"
    assert resources["HttpApi"].meta[GLOBALS_APPLIED] is None  # nothing to merge: absent is absent
    assert GLOBALS_APPLIED not in resources["Dynamic"].meta
    assert GLOBALS_APPLIED not in resources["Conditional"].meta
    assert GLOBALS_APPLIED not in resources["Table"].meta


def test_parameters_resolve_inside_values_from_globals() -> None:
    text = """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Mode: {Type: String, Default: PassThrough}
Globals:
  Function:
    Tracing: !Ref Mode
Resources:
  F:
    Type: AWS::Serverless::Function
"""
    assert _resolved(text).resources[0].attributes == {"Tracing": "PassThrough"}


SAM_CASES: list[tuple[Any, Any]] = [
    ({"A": 1, "L": [1, 2], "M": {"x": 1, "y": [1]}}, {"A": 2, "L": [3], "M": {"y": [2], "z": 3}}),
    ({"A": [1]}, {"A": {"k": 1}}),
    ({"A": {"Ref": "X"}}, {"A": {"k": 1}}),
    ({"A": {"k": {"Fn::GetAtt": ["R", "Arn"]}}}, {"A": {"k": {"j": 1}, "m": 2}}),
    ({"A": {"k": 1}}, {}),
]


@pytest.mark.parametrize(("glob", "local"), SAM_CASES)
def test_merge_equals_sam_translators(glob: dict[str, Any], local: dict[str, Any]) -> None:
    """The merge is SAM's own, checked against aws-sam-translator where it is installed."""
    globals_module = pytest.importorskip("samtranslator.plugins.globals.globals")
    expected = globals_module.GlobalProperties(copy.deepcopy(glob)).merge(copy.deepcopy(local))
    assert _raw(_merge(convert(glob), convert(local), (), _Mounts())) == expected


def test_absent_means_absent_once_globals_are_merged(scan_files: ScanFiles) -> None:
    result = scan_files({
        "sam.yaml": """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: PassThrough
  Api:
    TracingEnabled: true
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.b, Runtime: python3.12, CodeUri: .}
  Traced:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.b, Runtime: python3.12, CodeUri: ., Tracing: Active}
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
  Http:
    Type: AWS::Serverless::HttpApi
""",
    })
    tracing = [(f.resource.address, f.line) for f in result.findings if f.rule_id == "LOG010" and f.resource]
    assert tracing == [("Fn", 4)]  # points at Globals' Tracing line; Api traced through Globals
    access = sorted(f.resource.address for f in result.findings if f.rule_id == "LOG009" and f.resource)
    assert access == ["Api", "Http"]  # no access log settings anywhere: absent means absent
