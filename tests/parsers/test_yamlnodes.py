"""The YAML/JSON reader: cfn-lint's values, spans, and bounded behaviour on hostile text."""

from __future__ import annotations

import datetime
import math
import time

import pytest

from srmlint.model import Location
from srmlint.parsers.yamlnodes import Composed, compose, compose_json, default_node_budget, fn_name


def _value(text: str) -> object:
    composed = compose(text, "t.yaml")
    assert not composed.failed, composed.problems
    return composed.value


def _only_problem(composed: Composed) -> tuple[str, int, int]:
    assert len(composed.problems) == 1, composed.problems
    problem = composed.problems[0]
    return problem.message, problem.location.line, problem.location.column


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !Ref X", {"Ref": "X"}),
        ("a: !Ref 12", {"Ref": "12"}),  # a tagged scalar is always its raw string
        ("a: !GetAtt Bucket.Arn", {"Fn::GetAtt": ["Bucket", "Arn"]}),
        ("a: !GetAtt Stack.Outputs.Url", {"Fn::GetAtt": ["Stack", "Outputs.Url"]}),
        ("a: !GetAtt [Bucket, Arn]", {"Fn::GetAtt": ["Bucket", "Arn"]}),
        ("a: !GetAtt {}", {"Fn::GetAtt": []}),
        ("a: !Sub 'arn:${AWS::Partition}:s3:::${B}'", {"Fn::Sub": "arn:${AWS::Partition}:s3:::${B}"}),
        ("a: !Sub ['${x}', {x: !Ref Y}]", {"Fn::Sub": ["${x}", {"x": {"Ref": "Y"}}]}),
        ("a: !If [C, 1, !Ref AWS::NoValue]", {"Fn::If": ["C", 1, {"Ref": "AWS::NoValue"}]}),
        ("a: !Condition IsProd", {"Condition": "IsProd"}),
        ("a: !And [!Condition A, !Not [!Condition B]]",
         {"Fn::And": [{"Condition": "A"}, {"Fn::Not": [{"Condition": "B"}]}]}),
        ("a: !Join ['', [a, !Ref B]]", {"Fn::Join": ["", ["a", {"Ref": "B"}]]}),
        ("a: !Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        ("a: !FindInMap [M, !Ref R, k]", {"Fn::FindInMap": ["M", {"Ref": "R"}, "k"]}),
        ("a: !Base64 x", {"Fn::Base64": "x"}),
        ("a: !Rain::Module ../m.yml", {"Fn::Rain::Module": "../m.yml"}),
        ("a: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
         {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}),
        ("a: !Anything", {"Fn::Anything": ""}),
    ],
)
def test_short_forms_become_cfnlint_long_forms(text: str, expected: object) -> None:
    assert _value(text) == {"a": expected}


def test_scalars_follow_yaml_1_1_like_cfnlint() -> None:
    value = _value(
        "a: yes\nb: off\nc: 0755\nd: 0x1F\ne: 1_000\nf: 1:30\ng: 1.5\nh: 1e5\ni: ~\nj: 2010-09-09\n"
        "k: .inf\nl: '12'\nm: ! 12\nn: !!str 12\no: null\np: NO\n"
    )
    assert value == {
        "a": True, "b": False, "c": 493, "d": 31, "e": 1000, "f": 90, "g": 1.5, "h": "1e5", "i": None,
        "j": datetime.date(2010, 9, 9), "k": math.inf, "l": "12", "m": 12, "n": "12", "o": None, "p": False,
    }
    assert isinstance(value, dict)
    assert value["a"] is True


def test_locations_of_keys_values_and_items() -> None:
    composed = compose("top:\n  list:\n    - one\n    - {k: v}\n  s: |\n    line\n\nafter: 1\n", "f.yaml")
    loc = composed.locations
    assert loc[("top", "list", 0)] == Location("f.yaml", 3, 3, 7, 10)
    assert loc[("top", "list", 1, "k")] == Location("f.yaml", 4, 4, 11, 12)
    assert loc[("top", "list")] == Location("f.yaml", 3, 4, 5, 13)
    # a block scalar ends on its last non-empty line, not at the next token
    assert loc[("top", "s")] == Location("f.yaml", 5, 6, 6, 9)
    assert loc[("top",)].end_line == 6
    assert composed.key_locations[("top", "list")] == Location("f.yaml", 2, 2, 3, 7)
    assert composed.entry_location(("top",)) == Location("f.yaml", 1, 6, 1, 9)
    assert composed.locations[()].line == 1


def test_tagged_nodes_are_located_at_both_paths() -> None:
    composed = compose("a: !GetAtt [B, Arn]\n", "f.yaml")
    assert composed.locations[("a",)] == composed.locations[("a", "Fn::GetAtt")]
    assert composed.locations[("a", "Fn::GetAtt", 1)] == Location("f.yaml", 1, 1, 16, 19)


def test_merge_keys_and_aliases() -> None:
    composed = compose(
        "base: &b {x: 1, y: 2}\nother: &o {y: 9, z: 3}\n"
        "m:\n  <<: [*b, *o]\n  x: 5\nn: *b\n", "f.yaml")
    assert composed.value["m"] == {"x": 5, "y": 2, "z": 3}  # first source wins, own keys win
    assert composed.value["n"] == {"x": 1, "y": 2}
    assert composed.problems == ()
    assert composed.locations[("m", "x")].line == 5
    assert composed.locations[("n", "y")].line == 1  # an alias is located at its anchor


def test_duplicate_keys_are_problems_and_the_last_value_wins() -> None:
    composed = compose("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml")
    assert composed.value == {"a": 1, "b": {"c": 2}}
    message, line, column = _only_problem(composed)
    assert (line, column) == (4, 3)
    assert "'c'" in message
    assert "first at line 3" in message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: [1, 2\nb: 3\n", 2, "invalid YAML"),
        ("a: 1\n  b: 2\n", 2, "invalid YAML"),
        ("a: *nope\n", 1, "undefined alias"),
        ("a: &x [*x]\n", 1, "recursive alias"),
        ("a: &x 1\nb: &x 2\n", 2, "duplicate anchor"),
        ("a: 1\n---\nb: 2\n", 2, "single document"),
        ("a: 1\nb: \x00\n", 2, "unacceptable character #x0000"),
        ("é: 1\nb: c\n\x07\n", 3, "unacceptable character"),
        ("a: !!python/object:os.system x\n", 1, "could not determine a constructor"),
        ("a: !!int abc\n", 1, "cannot read"),
        ("? [1]\n: 2\n", 1, "unhashable key"),
        ("~: 2\n", 1, "null key"),
    ],
)
def test_malformed_text_is_one_fatal_problem_with_its_line(text: str, line: int, fragment: str) -> None:
    composed = compose(text, "f.yaml")
    assert composed.failed
    assert composed.value is None
    message, got_line, _ = _only_problem(composed)
    assert got_line == line
    assert fragment in message


def test_empty_stream_is_not_a_failure() -> None:
    assert compose("", "f.yaml") == Composed(None)
    assert compose("# only a comment\n", "f.yaml").value is None
    assert not compose("\ufeffa: 1", "f.yaml").failed


def test_alias_bomb_is_stopped_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines)
    started = time.perf_counter()
    composed = compose(text, "bomb.yaml")
    assert time.perf_counter() - started < 2
    assert composed.failed
    assert "alias bomb" in composed.problems[0].message
    assert default_node_budget(text) < 200_000


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 400)), "{a: " * 50_000],
)
def test_deep_nesting_is_a_problem_not_a_crash(text: str) -> None:
    composed = compose(text, "deep.yaml")
    assert composed.failed
    assert "nesting deeper" in composed.problems[0].message


def test_nesting_through_aliases_is_bounded() -> None:
    deep = "[" * 150 + "]" * 150
    composed = compose(f"a: &a {deep}\nb: &b {'[' * 100}*a{']' * 100}\n", "f.yaml")
    assert composed.failed
    assert "through aliases" in composed.problems[0].message


def test_json_text_reads_through_yaml_with_cfnlint_values() -> None:
    composed = compose('{\n\t"a": "http:\\/\\/x",\n\t"b": [1, 2.5, true, null, "1e5", 1e5]\n}', "f.json")
    assert composed.value == {"a": "http://x", "b": [1, 2.5, True, None, "1e5", "1e5"]}
    assert composed.locations[("b", 1)] == Location("f.json", 3, 3, 11, 14)  # a tab is one column


def test_compose_json_has_json_semantics_and_spans() -> None:
    composed = compose_json('{"a": [1, 2.5e3, "x\\/y", null],\n "b": {"c": true}}', "f.tf.json")
    assert composed.value == {"a": [1, 2500.0, "x/y", None], "b": {"c": True}}
    assert composed.locations[("b", "c")] == Location("f.tf.json", 2, 2, 13, 17)
    assert composed.key_locations[("b",)] == Location("f.tf.json", 2, 2, 2, 5)
    assert composed.entry_location(("b",)) == Location("f.tf.json", 2, 2, 2, 18)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ('{"a": 1,\n "b" 2}', 2, 6, "Expecting ':' delimiter"),
        ('{"a": [1,\n 2,]}', 2, 4, "Expecting value"),
        ('{"a": "x\ty"}', 1, 9, "Invalid control character"),
        ('{"a": 1} x', 1, 10, "Extra data"),
        ("", 1, 1, "Expecting value"),
        ("[" * 10_000, 1, 202, "nesting deeper"),
    ],
)
def test_compose_json_errors(text: str, line: int, column: int, fragment: str) -> None:
    composed = compose_json(text, "f.json")
    assert composed.failed
    message, got_line, got_column = _only_problem(composed)
    assert (got_line, got_column) == (line, column)
    assert fragment in message


def test_compose_json_duplicate_key_keeps_last() -> None:
    composed = compose_json('{"a": 1,\n "a": 2}', "f.json")
    assert composed.value == {"a": 2}
    assert _only_problem(composed)[1:] == (2, 2)


def test_fn_name() -> None:
    assert fn_name("Ref") == "Ref"
    assert fn_name("Condition") == "Condition"
    assert fn_name("GetAtt") == "Fn::GetAtt"


def test_pure_python_loader_falls_back_to_json_like_cfnlint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, tabs and ``\\/`` stop the YAML scanner; cfn-lint then reads JSON."""
    import yaml

    from srmlint.parsers import yamlnodes

    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    text = '{\n\t"a": "http:\\/\\/x",\n\t"b": [1, 1e5]\n}'
    composed = compose(text, "f.json")
    assert composed.value == {"a": "http://x", "b": [1, 100000.0]}  # JSON numbers now
    assert composed.locations[("b", 1)] == Location("f.json", 3, 3, 11, 14)
    assert compose("a: [1, 2]\nb: {c: !Ref D}\n", "f.yaml").value == {"a": [1, 2], "b": {"c": {"Ref": "D"}}}
    broken = compose('{\n\t"a": 1,\n\t"b" 2\n}', "f.json")
    assert broken.failed
    assert broken.problems[0].location.line == 3
