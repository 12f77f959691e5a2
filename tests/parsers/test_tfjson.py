"""Unit tests of the Terraform JSON syntax (``.tf.json``) reader."""

from __future__ import annotations

import json
from typing import Any

from srmlint import expr as ex
from srmlint.model import ParsedFile, Unknown
from srmlint.parsers.terraform import parse_terraform
from srmlint.parsers.tfjson import TerraformJsonParser, parse_terraform_json


def parse(document: Any, path: str = "mod/main.tf.json") -> ParsedFile:
    return parse_terraform_json(path, json.dumps(document, indent=2).encode())


def test_resource_and_data_source_with_locations() -> None:
    text = """\
{
  "resource": {
    "aws_s3_bucket": {
      "b": {
        "bucket": "logs",
        "force_destroy": false,
        "tags": {"Name": "x"}
      }
    }
  },
  "data": {"aws_region": {"current": {}}}
}
"""
    parsed = parse_terraform_json("mod/main.tf.json", text.encode())
    assert not parsed.problems
    bucket, region = parsed.resources
    assert (bucket.address, bucket.type, bucket.name, bucket.mode, bucket.format) == (
        "aws_s3_bucket.b", "aws_s3_bucket", "b", "managed", "terraform",
    )
    assert bucket.attributes == {"bucket": "logs", "force_destroy": False, "tags": {"Name": "x"}}
    assert (bucket.location.line, bucket.location.end_line, bucket.location.column) == (4, 8, 7)
    assert (bucket.locations[("force_destroy",)].line, bucket.locations[("force_destroy",)].column) == (6, 26)
    assert bucket.locations[("tags", "Name")].line == 7
    assert bucket.scope == "mod" and bucket.location.file == "mod/main.tf.json"
    assert (region.address, region.mode) == ("data.aws_region.current", "data")


def test_array_forms_at_every_level() -> None:
    parsed = parse(
        {
            "resource": [
                {"aws_s3_bucket": [{"a": {"bucket": "a"}}, {"b": [{"bucket": "b"}]}]},
                {"aws_sqs_queue": {"q": {}}},
            ],
            "provider": {"aws": [{"region": "eu-west-1"}, {"alias": "east", "region": "us-east-1"}]},
        }
    )
    assert not parsed.problems
    assert [r.address for r in parsed.resources] == ["aws_s3_bucket.a", "aws_s3_bucket.b", "aws_sqs_queue.q"]
    assert parsed.resources[1].attributes == {"bucket": "b"}
    assert [d.address for d in parsed.definitions] == ["provider.aws", "provider.aws.east"]


def test_templates_are_hcl_expressions() -> None:
    parsed = parse(
        {
            "resource": {
                "aws_s3_bucket_policy": {
                    "p": {
                        "bucket": "${aws_s3_bucket.b.id}",
                        "name": "app-${var.env}",
                        "escaped": "$${not.a.reference}",
                        "backslash": "a\\nb",
                        "policy": "${data.aws_iam_policy_document.d.json}",
                        "list": ["${local.x}", 1, True, None],
                    }
                }
            }
        }
    )
    res = parsed.resources[0]
    bucket = res.attributes["bucket"]
    assert isinstance(bucket, Unknown) and bucket.text == "${aws_s3_bucket.b.id}"
    assert bucket.expr == ex.Template((ex.Traversal("aws_s3_bucket", (ex.GetAttr("b"), ex.GetAttr("id"))),))
    name = res.attributes["name"]
    assert isinstance(name, Unknown)
    assert name.expr == ex.Template((ex.Literal("app-"), ex.Traversal("var", (ex.GetAttr("env"),))))
    assert res.attributes["escaped"] == "${not.a.reference}"
    assert res.attributes["backslash"] == "a\\nb"  # JSON already decoded it; HCL must not again
    assert res.attributes["list"][1:] == [1, True, None]
    assert {(r.target, r.attribute, r.path) for r in parsed.references} == {
        ("aws_s3_bucket.b", "id", ("bucket",)),
        ("var.env", None, ("name",)),
        ("data.aws_iam_policy_document.d", "json", ("policy",)),
        ("local.x", None, ("list", 0)),
    }


def test_meta_arguments_are_expressions_and_meta_blocks_take_the_tf_shape() -> None:
    parsed = parse(
        {
            "//": "generated",
            "resource": {
                "aws_security_group": {
                    "sg": {
                        "//": "a comment",
                        "provider": "aws.east",
                        "depends_on": ["aws_vpc.main"],
                        "ingress": [{"from_port": 443}, {"from_port": 80}],
                        "lifecycle": {"prevent_destroy": True},
                        "dynamic": {"egress": {"for_each": "${var.rules}", "content": {"to_port": 1}}},
                        "provisioner": [{"local-exec": {"command": "echo"}}],
                    }
                }
            },
        }
    )
    res = parsed.resources[0]
    assert "//" not in res.attributes
    assert res.attributes["ingress"] == [{"from_port": 443}, {"from_port": 80}]
    assert res.attributes["lifecycle"] == [{"prevent_destroy": True}]
    assert res.attributes["provisioner"] == [{"local-exec": {"command": "echo"}}]
    dynamic = res.attributes["dynamic"]
    assert list(dynamic[0]) == ["egress"] and isinstance(dynamic[0]["egress"]["for_each"], Unknown)
    assert res.locations[("dynamic", 0, "egress", "for_each")].line == res.locations[("dynamic", 0)].line + 1
    provider = res.attributes["provider"]
    assert isinstance(provider, Unknown) and provider.expr == ex.Traversal("aws", (ex.GetAttr("east"),))
    assert {(r.target, r.path) for r in parsed.references} == {
        ("provider.aws.east", ("provider",)),
        ("aws_vpc.main", ("depends_on", 0)),
        ("var.rules", ("dynamic", 0, "egress", "for_each")),
    }


def test_same_model_as_the_tf_reader() -> None:
    tf = parse_terraform(
        "m.tf",
        b'resource "aws_instance" "i" {\n  ami = var.ami\n  count = 2\n  tags = { a = "b" }\n}\n'
        b'variable "ami" {\n  type = string\n}\nlocals {\n  n = "${var.ami}-x"\n}\n',
    )
    tf_json = parse(
        {
            "resource": {"aws_instance": {"i": {"ami": "${var.ami}", "count": 2, "tags": {"a": "b"}}}},
            "variable": {"ami": {"type": "string"}},
            "locals": {"n": "${var.ami}-x"},
        },
        "m.tf.json",
    )
    assert tf_json.resources[0].attributes["count"] == tf.resources[0].attributes["count"]
    assert tf_json.resources[0].attributes["tags"] == tf.resources[0].attributes["tags"]
    variable_type = tf_json.definitions[0].value["type"]
    assert variable_type == tf.definitions[0].value["type"]
    assert [d.address for d in tf_json.definitions] == [d.address for d in tf.definitions]
    local_json, local_tf = tf_json.definitions[1].value, tf.definitions[1].value
    assert isinstance(local_json, Unknown) and isinstance(local_tf, Unknown)
    assert local_json.expr == local_tf.expr
    assert {(r.source, r.target) for r in tf_json.references} == {(r.source, r.target) for r in tf.references}


def test_bad_input_is_a_problem() -> None:
    broken = parse_terraform_json("x.tf.json", b'{\n  "resource": {\n    "a": \n}\n')
    assert not broken.resources and len(broken.problems) == 1
    assert broken.problems[0].location.line >= 3
    not_object = parse_terraform_json("x.tf.json", b"[1, 2]")
    assert "JSON object" in not_object.problems[0].message
    binary = parse_terraform_json("x.tf.json", b'{"a": "\x00"}')
    assert "NUL" in binary.problems[0].message
    latin1 = parse_terraform_json("x.tf.json", b'{"a": "caf\xe9"}')
    assert "UTF-8" in latin1.problems[0].message
    deep = parse_terraform_json("x.tf.json", b'{"locals": {"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}")
    assert deep.problems and not deep.definitions
    bad_body = parse({"resource": {"a": {"b": "not a body"}}})
    assert "must be a JSON object" in bad_body.problems[0].message


def test_empty_file_and_bom() -> None:
    assert parse_terraform_json("x.tf.json", b"") == ParsedFile("x.tf.json", "terraform")
    parsed = parse_terraform_json("x.tf.json", b'\xef\xbb\xbf{"resource": {"t": {"n": {}}}}')
    assert not parsed.problems and parsed.resources[0].address == "t.n"


def test_parser_plugin_object() -> None:
    parser = TerraformJsonParser()
    assert parser.claims("a/main.tf.json") and not parser.claims("a/main.tf") and not parser.claims("x.json")
    assert parser.parse("m.tf.json", b'{"resource": {"t": {"n": {}}}}').resources[0].address == "t.n"
