"""Unit tests of the Terraform reader: values, expression trees, locations, references, bad input."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from srmlint import expr as ex
from srmlint.model import Location, ParsedFile, Resource, Unknown
from srmlint.parsers.terraform import (
    TerraformParser,
    parse_expression,
    parse_terraform,
    read_blocks,
    references_in,
)


def parse(source: str, path: str = "mod/main.tf") -> ParsedFile:
    return parse_terraform(path, textwrap.dedent(source).encode())


def resource(source: str) -> Resource:
    parsed = parse(source)
    assert not parsed.problems
    assert len(parsed.resources) == 1
    return parsed.resources[0]


def value(expression: str) -> Any:
    """The value the reader gives for ``x = <expression>`` inside a resource."""
    res = resource(f'resource "t" "n" {{\n  x = {expression}\n}}\n')
    return res.attributes["x"]


def tree(expression: str) -> ex.Expr:
    result = value(expression)
    assert isinstance(result, Unknown), result
    return result.expr


# -- resources and locations --------------------------------------------------------------------


SAMPLE = """\
# a comment before the body
resource "aws_security_group" "web" {
  name = "web"

  ingress {
    cidr_blocks = ["0.0.0.0/0", "10.0.0.0/8"]
    from_port   = 443
  }
  ingress {
    from_port = 80
  }
  tags = {
    Name  = "web"
    "env" = "prod"
  }
}

data "aws_iam_policy_document" "p" {
  statement {
    actions = ["s3:*"]
  }
}
"""


def test_resource_identity_and_block_span() -> None:
    parsed = parse_terraform("mod/main.tf", SAMPLE.encode())
    assert not parsed.problems
    managed, data = parsed.resources
    assert (managed.format, managed.type, managed.name, managed.address, managed.mode) == (
        "terraform", "aws_security_group", "web", "aws_security_group.web", "managed",
    )
    assert managed.location == Location("mod/main.tf", 2, 16, 1, 2)
    assert managed.scope == "mod"
    assert (data.address, data.mode, data.type, data.name) == (
        "data.aws_iam_policy_document.p", "data", "aws_iam_policy_document", "p",
    )
    assert data.location.line == 18 and data.location.end_line == 22


def test_attribute_block_item_and_member_locations() -> None:
    res = parse_terraform("main.tf", SAMPLE.encode()).resources[0]
    assert res.locations[("name",)] == Location("main.tf", 3, 3, 3, 15)
    assert res.locations[("ingress", 0)] == Location("main.tf", 5, 8, 3, 4)
    assert res.locations[("ingress", 1)].line == 9
    assert res.locations[("ingress", 0, "cidr_blocks")] == Location("main.tf", 6, 6, 5, 46)
    assert res.locations[("ingress", 0, "cidr_blocks", 1)] == Location("main.tf", 6, 6, 33, 45)
    assert res.locations[("tags", "env")].line == 14
    # a missing setting points at the closest stated block
    assert res.locate("ingress", 1, "cidr_blocks") == res.locations[("ingress", 1)]


def test_nested_blocks_follow_python_hcl2_shape() -> None:
    res = parse_terraform("main.tf", SAMPLE.encode()).resources[0]
    assert res.attributes["ingress"] == [
        {"cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"], "from_port": 443},
        {"from_port": 80},
    ]
    assert res.attributes["tags"] == {"Name": "web", "env": "prod"}
    assert res.get("ingress", 0, "cidr_blocks", 0) == "0.0.0.0/0"


def test_labelled_nested_blocks_nest_their_labels() -> None:
    res = resource(
        """\
        resource "aws_instance" "i" {
          provisioner "local-exec" {
            command = "echo hi"
          }
          dynamic "ebs_block_device" {
            for_each = var.disks
            content {
              encrypted = true
            }
          }
        }
        """
    )
    assert res.attributes["provisioner"] == [{"local-exec": {"command": "echo hi"}}]
    dynamic = res.attributes["dynamic"]
    assert isinstance(dynamic, list) and list(dynamic[0]) == ["ebs_block_device"]
    assert dynamic[0]["ebs_block_device"]["content"] == [{"encrypted": True}]
    assert res.locations[("dynamic", 0, "ebs_block_device", "content", 0, "encrypted")].line == 8


def test_identifier_labels_and_single_line_blocks() -> None:
    parsed = parse('resource aws_s3_bucket b { bucket = "x" }\ndata aws_region current {}\n')
    assert [r.address for r in parsed.resources] == ["aws_s3_bucket.b", "data.aws_region.current"]
    assert parsed.resources[0].attributes == {"bucket": "x"}
    assert parsed.resources[1].attributes == {}


def test_path_is_kept_and_scope_is_its_directory() -> None:
    assert parse("", "main.tf").path == "main.tf"
    res = parse_terraform("./a/b/x.tf", b'resource "t" "n" {}\n').resources[0]
    assert res.location.file == "./a/b/x.tf" and res.scope == "./a/b"
    assert parse_terraform("x.tf", b'resource "t" "n" {}\n').resources[0].scope == "."


def test_columns_count_characters_not_bytes() -> None:
    res = resource('resource "t" "n" {\n  tags = { "é" = "ü", b = 1 }\n}\n')
    assert res.locations[("tags", "b")].column == 23  # 24 if counted in bytes


# -- static values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"plain"', "plain"),
        ('""', ""),
        (r'"a\nb\tc\r\"q\" \\ \u00e9 \U0001F600"', 'a\nb\tc\r"q" \\ é \U0001f600'),
        ('"$${not} %%{interp}"', "${not} %{interp}"),
        ("10", 10),
        ("0", 0),
        ("1.5", 1.5),
        ("1.0", 1.0),
        ("2.5e3", 2500.0),
        ("-1", -1),
        ("-0.5", -0.5),
        ("true", True),
        ("false", False),
        ("null", None),
        ('[1, "a", true, null]', [1, "a", True, None]),
        ("[]", []),
        ("[\n  1,\n  2,\n]", [1, 2]),
        ('{ a = 1, "b-c" = "x", d: 2, 3 = "n" }', {"a": 1, "b-c": "x", "d": 2, "3": "n"}),
        ("{}", {}),
        ('{ a = [{ b = { c = [1] } }] }', {"a": [{"b": {"c": [1]}}]}),
    ],
)
def test_static_values(source: str, expected: Any) -> None:
    result = value(source)
    assert result == expected
    assert type(result) is type(expected)


def test_numbers_keep_int_and_float_apart() -> None:
    assert type(value("10")) is int
    assert type(value("10.0")) is float


HEREDOCS = """\
resource "t" "n" {
  raw = <<EOF
  keep  indent
\\n stays a backslash-n; $${x} is escaped
EOF
  flush = <<-EOT
      first
        second

      third
    EOT
  empty = <<EOT
EOT
  trailing = <<POLICY
{ }
POLICY\x20\x20\x20
  tabs = <<-EOT
\tone
\t  two
\tEOT
  after = 1
}
"""


def test_heredocs() -> None:
    res = resource(HEREDOCS)
    assert res.attributes["raw"] == "  keep  indent\n\\n stays a backslash-n; ${x} is escaped\n"
    assert res.attributes["flush"] == "first\n  second\n\nthird\n"
    assert res.attributes["empty"] == ""
    assert res.attributes["tabs"] == "one\n  two\n"


def test_heredoc_closing_marker_with_trailing_spaces_is_accepted() -> None:
    res = resource(HEREDOCS)
    assert res.attributes["trailing"] == "{ }\n"
    assert res.attributes["after"] == 1  # the file goes on normally after it
    assert res.locations[("trailing",)].line == 14


def test_flush_heredoc_with_interpolation_strips_literal_parts() -> None:
    result = value('<<-EOT\n    a ${var.x}\n      b\n    EOT\n')
    assert isinstance(result, Unknown)
    assert result.expr == ex.Template(
        (
            ex.Literal("a "),
            ex.Traversal("var", (ex.GetAttr("x"),)),
            ex.Literal("\n  b\n"),
        )
    )


# -- expressions that are not static ---------------------------------------------------------------


def test_unknown_keeps_source_text() -> None:
    result = value("var.name")
    assert isinstance(result, Unknown)
    assert result.text == "var.name"
    assert result.expr == ex.Traversal("var", (ex.GetAttr("name"),))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a.b[0].c", ex.Traversal("a", (ex.GetAttr("b"), ex.Index(ex.Literal(0)), ex.GetAttr("c")))),
        ("a.0.b", ex.Traversal("a", (ex.Index(ex.Literal(0)), ex.GetAttr("b")))),
        ("a[*].id", ex.Traversal("a", (ex.Splat(full=True), ex.GetAttr("id")))),
        ("a.*.id", ex.Traversal("a", (ex.Splat(full=False), ex.GetAttr("id")))),
        ('a["k"]', ex.Traversal("a", (ex.Index(ex.Literal("k")),))),
        ("f(x)[0]", ex.Postfix(ex.FunctionCall("f", (ex.Traversal("x"),)), (ex.Index(ex.Literal(0)),))),
        ("(a).b", ex.Postfix(ex.Traversal("a"), (ex.GetAttr("b"),))),
        ("(a.b)", ex.Traversal("a", (ex.GetAttr("b"),))),
        ("concat(a, b...)", ex.FunctionCall("concat", (ex.Traversal("a"), ex.Traversal("b")), True)),
        ("timestamp()", ex.FunctionCall("timestamp")),
        ('provider::aws::arn_parse("x")', ex.FunctionCall("provider::aws::arn_parse", (ex.Literal("x"),))),
        ("c ? 1 : 2", ex.Conditional(ex.Traversal("c"), ex.Literal(1), ex.Literal(2))),
        ("!a", ex.UnaryOp("!", ex.Traversal("a"))),
        ("-a.b", ex.UnaryOp("-", ex.Traversal("a", (ex.GetAttr("b"),)))),
        (
            "1 + 2 * a",
            ex.BinaryOp("+", ex.Literal(1), ex.BinaryOp("*", ex.Literal(2), ex.Traversal("a"))),
        ),
        (
            "a.n == 1 && !b",
            ex.BinaryOp(
                "&&",
                ex.BinaryOp("==", ex.Traversal("a", (ex.GetAttr("n"),)), ex.Literal(1)),
                ex.UnaryOp("!", ex.Traversal("b")),
            ),
        ),
        ("(1 + 2) * 3", ex.BinaryOp("*", ex.BinaryOp("+", ex.Literal(1), ex.Literal(2)), ex.Literal(3))),
        ('"a-${var.x}"', ex.Template((ex.Literal("a-"), ex.Traversal("var", (ex.GetAttr("x"),))))),
        ('"${x}"', ex.Template((ex.Traversal("x"),))),
        (
            "[for s in var.l : upper(s) if s != \"\"]",
            ex.ForExpr(
                None,
                "s",
                ex.Traversal("var", (ex.GetAttr("l"),)),
                ex.FunctionCall("upper", (ex.Traversal("s"),)),
                None,
                ex.BinaryOp("!=", ex.Traversal("s"), ex.Literal("")),
            ),
        ),
        (
            "{for k, v in m : v => k...}",
            ex.ForExpr("k", "v", ex.Traversal("m"), ex.Traversal("k"), ex.Traversal("v"), None, True, True),
        ),
        (
            "{ (var.k) = 1, b = 2 }",
            ex.ObjectExpr(
                (
                    (ex.Traversal("var", (ex.GetAttr("k"),)), ex.Literal(1)),
                    (ex.Literal("b"), ex.Literal(2)),
                )
            ),
        ),
    ],
)
def test_expression_trees(source: str, expected: ex.Expr) -> None:
    assert tree(source) == expected


def test_template_directive_is_opaque() -> None:
    result = tree('"a%{ if var.on }b%{ endif }"')
    assert isinstance(result, ex.Template)
    assert result.parts[0] == ex.Literal("a")
    assert result.parts[1] == ex.Opaque("%{ if var.on }b%{ endif }")


def test_collections_with_unknown_items_stay_collections() -> None:
    result = value('[1, var.x, { a = local.y, b = "s" }]')
    assert isinstance(result, list) and result[0] == 1
    assert isinstance(result[1], Unknown) and result[1].text == "var.x"
    assert isinstance(result[2]["a"], Unknown) and result[2]["b"] == "s"


def test_parse_expression() -> None:
    assert parse_expression('"abc"') == ("abc", [])
    static, refs = parse_expression("[1, 2]") or (None, None)
    assert static == [1, 2] and refs == []
    unknown, refs = parse_expression("aws_s3_bucket.b.arn") or (None, None)
    assert isinstance(unknown, Unknown)
    assert refs == [ex.Traversal("aws_s3_bucket", (ex.GetAttr("b"), ex.GetAttr("arn")))]
    assert parse_expression("a = = b") is None


# -- references ----------------------------------------------------------------------------------


REFS = """\
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.d.json
  tags   = merge(var.tags, local.common, { Name = "${var.tags.Name}-x" })
  ids    = [for s in module.net.subnets : s.id if s.public]
  again  = aws_s3_bucket.b.id
  name   = "${each.key}-${count.index}-${path.module}-${terraform.workspace}"
  list   = aws_instance.web[0].private_ip
  all    = aws_instance.web[*].id
  bare   = aws_instance.web
  prefixed = resource.aws_instance.db.arn
  provider = aws.west
  depends_on = [aws_s3_bucket.b]
  text   = "%{ for a in var.arns }${a}${aws_iam_role.r.arn}%{ endfor }"
  dynamic "rule" {
    for_each = var.rules
    content {
      id = rule.value.id
      kms = aws_kms_key.k.arn
    }
  }
  lifecycle {
    ignore_changes = [tags.Name]
  }
}
"""


def edges(parsed: ParsedFile) -> set[tuple[str, str, str | None, tuple[str | int, ...]]]:
    return {(r.source, r.target, r.attribute, r.path) for r in parsed.references}


def test_references() -> None:
    parsed = parse(REFS)
    source = "aws_s3_bucket_policy.p"
    assert edges(parsed) == {
        (source, "aws_s3_bucket.b", "id", ("bucket",)),
        (source, "data.aws_iam_policy_document.d", "json", ("policy",)),
        (source, "var.tags", None, ("tags",)),
        (source, "var.tags", "Name", ("tags",)),
        (source, "local.common", None, ("tags",)),
        (source, "module.net", "subnets", ("ids",)),
        (source, "aws_s3_bucket.b", "id", ("again",)),
        (source, "aws_instance.web", "private_ip", ("list",)),
        (source, "aws_instance.web", "id", ("all",)),
        (source, "aws_instance.web", None, ("bare",)),
        (source, "aws_instance.db", "arn", ("prefixed",)),
        (source, "provider.aws.west", None, ("provider",)),
        (source, "aws_s3_bucket.b", None, ("depends_on", 0)),
        (source, "var.arns", None, ("text",)),
        (source, "aws_iam_role.r", "arn", ("text",)),
        (source, "var.rules", None, ("dynamic", 0, "rule", "for_each")),
        (source, "aws_kms_key.k", "arn", ("dynamic", 0, "rule", "content", 0, "kms")),
    }


def test_references_are_deduplicated_and_located() -> None:
    parsed = parse('resource "t" "n" {\n  x = "${var.a}${var.a}"\n  y = [var.a, var.a]\n}\n')
    refs = [(r.target, r.path) for r in parsed.references]
    assert refs == [("var.a", ("x",)), ("var.a", ("y", 0)), ("var.a", ("y", 1))]
    assert parsed.references[0].location == Location("mod/main.tf", 2, 2, 3, 25)
    assert parsed.references[1].location.column == 8
    assert all(r.scope == "mod" for r in parsed.references)


def test_for_variables_are_bound_only_inside_their_for() -> None:
    found = {t.root for t in references_in(tree("[for s in s.items : [s, t]]"))}
    assert found == {"s", "t"}  # `s.items` is outside the for's scope, `s` inside is bound
    nested = tree("{for k, v in var.m : k => [for x in v : x.id]}")
    assert [t.root for t in references_in(nested)] == ["var"]


def test_definition_references_use_definition_addresses() -> None:
    parsed = parse(
        """\
        locals {
          name = "${var.prefix}-app"
          ids  = [for b in aws_s3_bucket.all : b.id]
        }
        output "arn" {
          value = module.app.arn
        }
        module "app" {
          source = "./app"
          name   = local.name
          providers = { aws = aws.east }
        }
        """
    )
    assert edges(parsed) == {
        ("local.name", "var.prefix", None, ()),
        ("local.ids", "aws_s3_bucket.all", None, ()),
        ("output.arn", "module.app", "arn", ("value",)),
        ("module.app", "local.name", None, ("name",)),
        ("module.app", "provider.aws.east", None, ("providers", "aws")),
    }


# -- definitions ----------------------------------------------------------------------------------


def test_definitions() -> None:
    parsed = parse(
        """\
        terraform {
          required_version = ">= 1.5"
        }
        provider "aws" {
          region = "eu-west-1"
        }
        provider "aws" {
          alias  = "east"
          region = "us-east-1"
        }
        variable "encrypted" {
          type    = bool
          default = true
        }
        locals {
          a = 1
          b = [var.encrypted]
        }
        output "o" {
          value = local.a
        }
        module "m" {
          source = "./m"
        }
        moved {
          from = a.b
          to   = a.c
        }
        """
    )
    by_address = {d.address: d for d in parsed.definitions}
    assert list(by_address) == [
        "terraform.terraform", "provider.aws", "provider.aws.east", "var.encrypted",
        "local.a", "local.b", "output.o", "module.m",
    ]
    variable = by_address["var.encrypted"]
    assert variable.kind == "variable" and variable.value["default"] is True
    assert isinstance(variable.value["type"], Unknown)
    assert variable.location == Location("mod/main.tf", 11, 14, 1, 2)
    assert variable.scope == "mod"
    local = by_address["local.a"]
    assert (local.kind, local.value, local.location.line, local.location.column) == ("local", 1, 16, 3)
    local_b = by_address["local.b"]
    assert local_b.locations[(0,)].line == 17
    assert by_address["module.m"].value == {"source": "./m"}
    assert by_address["terraform.terraform"].value == {"required_version": ">= 1.5"}
    assert not parsed.resources


# -- syntax errors and bad input ------------------------------------------------------------------


def test_syntax_error_gives_one_problem_and_keeps_other_blocks() -> None:
    parsed = parse(
        """\
        resource "aws_s3_bucket" "ok" {
          bucket = "a"
        }

        resource "aws_s3_bucket" "broken" {
          bucket = "b"
          acl = = "x"
        }

        resource "aws_s3_bucket" "also_ok" {
          bucket = "d"
        }
        """
    )
    assert [r.address for r in parsed.resources] == ["aws_s3_bucket.ok", "aws_s3_bucket.also_ok"]
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert (problem.location.line, problem.location.column) == (7, 9)
    assert problem.location.file == "mod/main.tf"
    assert problem.message.startswith("syntax error near `=`")
    assert "2 other top-level block(s) without errors were still analysed" in problem.message


def test_missing_closing_brace_is_reported() -> None:
    parsed = parse('resource "a" "b" {\n  x = 1\n')
    assert not parsed.resources
    assert len(parsed.problems) == 1
    assert "missing `}`" in parsed.problems[0].message


def test_empty_and_comment_only_files_are_valid() -> None:
    for source in ("", "\n\n", "# only\n// comments\n/* and\n a block */\n"):
        parsed = parse(source)
        assert parsed.format == "terraform"
        assert parsed.problems == () and parsed.resources == () and parsed.definitions == ()


def test_comments_are_ignored_everywhere() -> None:
    res = resource(
        """\
        /* leading */ resource "t" "n" { # trailing
          a = 1 // after
          # between
          b = [ /* inside */ 2 ]
        }
        """
    )
    assert res.attributes == {"a": 1, "b": [2]}


def test_utf8_bom_is_accepted() -> None:
    parsed = parse_terraform("x.tf", b'\xef\xbb\xbfresource "t" "n" {\n  a = "\xc3\xa9"\n}\n')
    assert not parsed.problems
    res = parsed.resources[0]
    assert res.attributes == {"a": "é"}
    assert res.location.column == 1 and res.locations[("a",)].column == 3


def test_non_utf8_is_a_problem_at_the_bad_byte() -> None:
    parsed = parse_terraform("x.tf", b'resource "t" "n" {\n  a = "caf\xe9"\n}\n')
    assert not parsed.resources
    (problem,) = parsed.problems
    assert (problem.location.line, problem.location.column) == (2, 11)
    assert "UTF-8" in problem.message


def test_binary_file_is_a_problem() -> None:
    parsed = parse_terraform("x.tf", b"\x7fELF\x02\x01\x01\x00\x00\x00\n\xff\xfe")
    (problem,) = parsed.problems
    assert problem.location.line == 1
    assert "NUL" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        b'resource "a" "b" { x = ' + b"[" * 100_000 + b"]" * 100_000 + b" }\n",
        b"x = " + b"[" * 100_000,
        b'resource "a" "b" {' + b"a {" * 50_000 + b"}" * 50_000 + b"}\n",
        b'resource "a" "b" { x = ' + b"-" * 100_000 + b"1 }\n",
        b'resource "a" "b" { x = "' + b"${" * 20_000 + b"}" * 20_000 + b'" }\n',
    ],
    ids=["closed-tuples", "unclosed-tuples", "blocks", "negations", "interpolations"],
)
def test_very_deep_nesting_is_a_problem_not_a_crash(data: bytes) -> None:
    parsed = parse_terraform("deep.tf", data + b'resource "ok" "ok" {}\n')
    assert len(parsed.problems) >= 1
    assert all(p.location.file == "deep.tf" for p in parsed.problems)


def test_moderate_nesting_is_read() -> None:
    expected: Any = 1
    for _ in range(50):
        expected = [expected]
    assert value("[" * 50 + "1" + "]" * 50) == expected


def test_read_blocks_exposes_raw_blocks() -> None:
    blocks, problems = read_blocks(b'locals {\n  a = 1\n}\nmoved {\n  from = a.b\n  to = a.c\n}\n')
    assert problems == []
    assert [(b.type, b.labels) for b in blocks] == [("locals", ()), ("moved", ())]
    assert blocks[0].body == {"a": 1}
    assert blocks[1].locations[("to",)].line == 6


def test_parser_plugin_object() -> None:
    parser = TerraformParser()
    assert parser.name == "terraform"
    assert parser.claims("a/main.tf")
    assert not parser.claims("a/main.tf.json") and not parser.claims("a/x.tfvars")
    assert parser.parse("m.tf", b'resource "t" "n" {}\n').resources[0].address == "t.n"


def test_typo_does_not_swallow_the_following_blocks() -> None:
    """tree-sitter's own recovery folds the next block into a broken one; the
    reader re-reads block by block so every block without an error survives."""
    src = (
        b'resource "aws_s3_bucket" "a" {\n  bucket = \n}\n'
        b'resource "aws_ebs_volume" "v" {\n  size = 1\n}\n'
        b'# a comment\nvariable "x" {\n  default = 1\n}'
    )
    pf = parse_terraform("m.tf", src)
    assert [r.address for r in pf.resources] == ["aws_ebs_volume.v"]
    assert pf.resources[0].location.line == 4
    assert pf.resources[0].locate("size").line == 5
    assert [d.address for d in pf.definitions] == ["var.x"]
    [problem] = pf.problems
    assert (problem.location.line, problem.location.column) == (2, 3)
    assert "2 other top-level block(s)" in problem.message
