"""The HCL evaluator: static where Terraform is static, a residual tree otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from srmlint import expr as E
from srmlint.model import Unknown
from srmlint.parsers.terraform import parse_expression
from srmlint.resolve.hcl import Evaluator

VARS = {"name": "app", "enabled": True, "ports": [22, 443], "tags": {"env": "prod"}, "n": 3, "empty": None}
LOCALS_SOURCE = {"prefix": '"${var.name}-x"', "self_loop": "local.self_loop"}


def evaluate(source: str, variables: dict[str, Any] | None = None) -> Any:
    parsed = parse_expression(source)
    assert parsed is not None, source
    locals_ = {k: parse_expression(v)[0] for k, v in LOCALS_SOURCE.items()}  # type: ignore[index]
    return Evaluator(VARS if variables is None else variables, locals_).value(parsed[0])


@pytest.mark.parametrize(("source", "expected"), [
    ('"${var.name}-bucket"', "app-bucket"),
    ("local.prefix", "app-x"),
    ('format("%s-%d-%q", var.name, var.n, "x")', 'app-3-"x"'),
    ('join(",", var.ports)', "22,443"),
    ('concat(var.ports, [80])', [22, 443, 80]),
    ('merge(var.tags, { team = "a" })', {"env": "prod", "team": "a"}),
    ('lookup(var.tags, "env", "dev")', "prod"),
    ('lookup(var.tags, "missing", "dev")', "dev"),
    ('coalesce(var.empty, "", "z")', "z"),
    ("tostring(var.n)", "3"),
    ('tonumber("4") + 1', 5),
    ('tobool("true")', True),
    ('jsonencode({ a = var.n })', '{"a":3}'),
    ("length(var.ports)", 2),
    ("element(var.ports, 1)", 443),
    ("contains(var.ports, 22)", True),
    ('lower("AB")', "ab"),
    ('upper(var.name)', "APP"),
    ('try(var.tags.missing, "fallback")', "fallback"),
    ("can(var.tags.missing)", False),
    ('var.enabled ? "on" : "off"', "on"),
    ("var.n * 2 - 1 >= 5 && !false", True),
    ("var.ports[0]", 22),
    ('var.tags["env"]', "prod"),
    ("[for p in var.ports : p + 1 if p > 100]", [444]),
    ("{for k, v in var.tags : v => k}", {"prod": "env"}),
    ("var.n == 3 || aws_s3_bucket.b.id == \"x\"", True),
    ("false && aws_s3_bucket.b.enabled", False),
    # functions that decide how many instances a block has, and which CIDR a rule opens
    ("range(3)", [0, 1, 2]),
    ("range(1, 4)", [1, 2, 3]),
    ("range(3, 0)", [3, 2, 1]),
    ("range(0, 1, 0.25)", [0, 0.25, 0.5, 0.75]),
    ("range(0)", []),
    ("slice(var.ports, 1, 2)", [443]),
    ("sum(var.ports)", 465),
    ('alltrue([true, "true", var.enabled])', True),
    ("anytrue([false, var.n > 2])", True),
    ('setunion(["a", "b"], ["b", "c"])', ["a", "b", "c"]),
    ('setintersection(["a", "b", "b"], ["b", "c"])', ["b"]),
    ('setsubtract(["a", "b"], ["b"])', ["a"]),
    ('sensitive("s3cr3t")', "s3cr3t"),
    ("nonsensitive(var.n)", 3),
    ('trim("?!hello?!", "!?")', "hello"),
    ('chomp("line\n\n")', "line"),
    ('strrev("abc")', "cba"),
    ('cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"),
    ('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"),
    ('cidrhost("10.12.112.0/20", 16)', "10.12.112.16"),
    ('cidrhost("10.12.112.0/20", -1)', "10.12.127.255"),
    ('cidrnetmask("172.16.0.0/12")', "255.240.0.0"),
    ('base64encode("Hello")', "SGVsbG8="),
    ('base64decode("SGVsbG8=")', "Hello"),
])
def test_static_values(source: str, expected: Any) -> None:
    assert evaluate(source) == expected


def test_unknown_parts_stay_as_a_residual_tree_naming_their_resources() -> None:
    value = evaluate('"arn:${var.name}:${aws_s3_bucket.b.arn}"')
    assert isinstance(value, Unknown)
    assert isinstance(value.expr, E.Template)
    assert E.Literal("arn:app:") in value.expr.parts
    assert [t.root for t in E.traversals(value.expr)] == ["aws_s3_bucket"]


def test_partly_known_collections_keep_their_unknown_leaves() -> None:
    value = evaluate("concat([aws_s3_bucket.b.arn], var.ports)")
    assert value[1:] == [22, 443] and isinstance(value[0], Unknown)


def test_variables_without_value_locals_in_a_cycle_and_unmodelled_functions_are_unknown() -> None:
    assert isinstance(evaluate("var.nothing"), Unknown)
    assert isinstance(evaluate("local.self_loop"), Unknown)
    assert isinstance(evaluate('file("x.json")'), Unknown)
    assert isinstance(evaluate('regex("a+", "aaa")'), Unknown)


@pytest.mark.parametrize("source", [
    "range(1, 4, -1)",  # a step against the direction: Terraform's answer not guessed
    "range(5000)",  # over Terraform's 1024-element limit: its error
    "slice(var.ports, 1, 9)",
    "sum([])",
    'cidrsubnet("10.0.0.0/24", 10, 0)',  # past /32
    'cidrsubnet("10.0.0.0/24", 2, 4)',  # only four subnets
    'cidrhost("10.0.0.0/30", 4)',
    'cidrnetmask("fd00::/8")',
    'cidrsubnet("not-a-cidr", 1, 0)',
    'base64decode("%%%")',
])
def test_function_errors_and_cases_not_modelled_stay_unknown(source: str) -> None:
    assert isinstance(evaluate(source), Unknown)


def test_a_conditional_on_an_unknown_is_known_only_when_both_branches_agree() -> None:
    assert evaluate('aws_s3_bucket.b.id == "" ? "AES256" : "AES256"') == "AES256"
    assert isinstance(evaluate('aws_s3_bucket.b.id == "" ? "AES256" : "aws:kms"'), Unknown)


def test_a_terraform_error_leaves_the_original_unknown() -> None:
    parsed = parse_expression("var.tags.missing")
    assert parsed is not None
    assert Evaluator(VARS, {}).value(parsed[0]) is parsed[0]
