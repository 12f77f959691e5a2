"""Hypothesis strategies: Terraform and CloudFormation documents with a valid
structure and random content, and byte-level mutators of real templates.

Why seed the generators with the rules' own examples: a random resource of a
type no extractor reads stops at the parser. The examples name exactly the
types, attributes and nested blocks the extractors and rules look at, so the
generated documents go through every stage, with random types, values,
nesting, references and intrinsics where the examples have plain settings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from srmlint.model import AttrPath, Location, Unknown
from srmlint.parsers.terraform import read_blocks
from srmlint.parsers.yamlnodes import compose
from tests.fuzz.harness import engine

Draw = Callable[[st.SearchStrategy[Any]], Any]

# -- shapes harvested from the rules' examples -------------------------------------------------


@dataclass
class TfShape:
    """Attribute names (with the values seen) and nested blocks of one block type."""

    attributes: dict[str, list[Any]] = field(default_factory=dict)
    blocks: dict[str, TfShape] = field(default_factory=dict)


def _tf_shape(body: dict[str, Any], locations: dict[AttrPath, Location], path: AttrPath, shape: TfShape) -> None:
    for key, value in body.items():
        here = (*path, key)
        if here not in locations and isinstance(value, list):  # a nested block: no attribute span
            inner = shape.blocks.setdefault(key, TfShape())
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    _tf_shape(item, locations, (*here, index), inner)
        else:
            shape.attributes.setdefault(key, []).append(value)


@cache
def terraform_shapes() -> dict[tuple[str, str], TfShape]:
    """(block kind, type label) -> shape, over every Terraform example of every rule."""
    shapes: dict[tuple[str, str], TfShape] = {}
    for rule in engine().rules:
        example = rule.meta.examples.get("terraform")
        if example is None:
            continue
        for text in (example.fail, example.pass_):
            blocks, _ = read_blocks(text.encode())
            for block in blocks:
                if block.type in ("resource", "data") and len(block.labels) == 2:
                    shape = shapes.setdefault((block.type, block.labels[0]), TfShape())
                    _tf_shape(block.body, block.locations, (), shape)
    return dict(sorted(shapes.items()))


@cache
def cloudformation_shapes() -> dict[str, list[Any]]:
    """Resource type -> the decoded ``Properties`` seen in the CloudFormation examples."""
    shapes: dict[str, list[Any]] = {}
    for rule in engine().rules:
        example = rule.meta.examples.get("cloudformation")
        if example is None:
            continue
        for text in (example.fail, example.pass_):
            document = compose(text, "<example>").value
            resources = document.get("Resources") if isinstance(document, dict) else None
            if not isinstance(resources, dict):
                continue
            for body in resources.values():
                if isinstance(body, dict) and isinstance(body.get("Type"), str):
                    shapes.setdefault(body["Type"], []).append(body.get("Properties", {}))
    return dict(sorted(shapes.items()))


@cache
def rule_examples() -> list[tuple[str, bytes]]:
    """(file name, text) of every rule example: a small corpus that reaches every rule."""
    found: list[tuple[str, bytes]] = []
    for rule in sorted(engine().rules, key=lambda r: r.meta.id):
        for fmt, example in sorted(rule.meta.examples.items()):
            name = "main.tf" if fmt == "terraform" else "template.yaml"
            found += [(name, example.fail.encode()), (name, example.pass_.encode())]
    return found


# -- shared pieces -----------------------------------------------------------------------------

_LOWER = "abcdefghijklmnopqrstuvwxyz"
identifiers = st.builds(lambda a, b: a + b, st.sampled_from(_LOWER), st.text(_LOWER + "0123456789_", max_size=7))
logical_ids = st.builds(lambda a, b: a + b, st.sampled_from(_LOWER.upper()),
                        st.text(_LOWER + _LOWER.upper() + "0123456789", max_size=7))
#: Text that stresses quoting and templates: template markers, escapes, quotes, non-ASCII.
_TRICKY = ["${", "}", "%{", "$${", "\\", '"', "'", "\n", "\t", "#", ": ", "- ", "*", "0.0.0.0/0", "::/0",
           "arn:aws:s3:::b/*", "AES256", "aws:kms", "alias/aws/s3", "true", "*:*", "é", "\u2028", "🙂"]
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
    st.lists(st.sampled_from(_TRICKY), max_size=4).map("".join),
    st.sampled_from(["", "0.0.0.0/0", "10.0.0.0/8", "*", "s3:*", "AES256", "aws:kms", "private",
                     "public-read", "TLSv1", "required", "optional", "Allow", "Deny", "-1", "tcp", "22"]),
)
numbers = st.one_of(st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, -1, 22, 443, 65535, 3389]))


# -- Terraform ---------------------------------------------------------------------------------


def hcl_string(text: str) -> str:
    """``text`` as an HCL quoted string that reads back as ``text``."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    out = out.replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{")
    return '"' + "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}"
                         if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}" for ch in out) + '"'


def hcl_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key) else hcl_string(key)


def hcl_value(value: Any) -> str:
    """A decoded value (as srmlint's reader returns it) back to HCL source."""
    if isinstance(value, Unknown):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if value == value and abs(value) != float("inf") else "0"
    if isinstance(value, str):
        return hcl_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{\n" + "".join(f"  {hcl_key(str(k))} = {hcl_value(v)}\n" for k, v in value.items()) + "}"
    return hcl_string(str(value))


_TF_REFS = ["var.x", "local.y", "aws_s3_bucket.b.id", "aws_kms_key.k.arn", "aws_security_group.sg.id",
            "data.aws_iam_policy_document.p.json", "module.m.out", "each.value", "each.key", "count.index",
            "aws_kms_key.k[0].arn", "aws_subnet.s[*].id", "var.m[\"k\"]", "path.module", "self.id",
            "aws_iam_role.r.name", "data.aws_caller_identity.c.account_id", "terraform.workspace"]


def _heredoc_line(text: str) -> str:
    """Literal heredoc text: one line, template markers escaped, never the closing marker."""
    line = text.replace("\n", " ").replace("\r", " ").replace("${", "$${").replace("%{", "%%{")
    return "" if line.strip() == "EOT" else line


def hcl_expressions(names: list[str]) -> st.SearchStrategy[str]:
    """Any HCL expression: literals, references, templates, calls, operators, for, heredocs."""
    refs = st.one_of(st.sampled_from(_TF_REFS),
                     st.sampled_from(names or ["x"]).map(lambda n: f"aws_s3_bucket.{n}.id"))
    leaves = st.one_of(
        texts.map(hcl_string), numbers.map(hcl_value), st.sampled_from(["true", "false", "null"]), refs,
        st.tuples(texts, refs, texts).map(lambda t: hcl_string(t[0])[:-1] + "${" + t[1] + "}" + hcl_string(t[2])[1:]),
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(st.tuples(st.one_of(identifiers, texts), inner), max_size=4).map(
                lambda kv: "{" + "".join(f"\n  {hcl_key(k)} = {v}" for k, v in kv) + "\n}"),
            st.tuples(st.sampled_from(["jsonencode", "tolist", "toset", "lookup", "merge", "concat", "format",
                                       "cidrsubnet", "try", "coalesce", "file", "templatefile", "nosuch"]),
                      st.lists(inner, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
            st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
            st.tuples(inner, st.sampled_from(["+", "-", "*", "==", "!=", "&&", "||", "<", ">="]), inner).map(
                " ".join),
            st.tuples(st.sampled_from(["!", "-"]), inner).map("".join),
            inner.map(lambda e: f"[for s in var.l : {e}]"),
            inner.map(lambda e: f"{{for k, v in var.m : k => {e}}}"),
            inner.map(lambda e: f"({e})"),
            st.tuples(st.sampled_from(["<<EOT", "<<-EOT"]),
                      st.lists(st.one_of(texts.map(_heredoc_line), inner.map(lambda e: "${" + e + "}")),
                               max_size=3)).map(
                lambda t: t[0] + "\n" + "".join("  " + p + "\n" for p in t[1]) + "  EOT\n"),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@st.composite
def terraform_block(draw: Draw, names: list[str]) -> str:
    """One top-level block: mostly a resource shaped like a rule example, with random values."""
    shapes = terraform_shapes()
    expressions = hcl_expressions(names)
    kind, rtype = draw(st.sampled_from(sorted(shapes)))
    shape = shapes[(kind, rtype)]
    name = draw(st.sampled_from(names))

    def body(shape: TfShape, indent: str, depth: int) -> str:
        lines: list[str] = []
        for attr, seen in shape.attributes.items():
            choice = draw(st.integers(0, 9))
            if choice <= 1:
                continue  # unset
            value = hcl_value(draw(st.sampled_from(seen))) if choice <= 5 else draw(expressions)
            lines.append(f"{indent}{attr} = {value}")
        for block_name, inner in shape.blocks.items():
            count = draw(st.integers(0, 2)) if depth < 6 else 0
            for _ in range(count):
                if draw(st.integers(0, 5)) == 0:  # the same block, as a dynamic block
                    lines.append(f'{indent}dynamic "{block_name}" {{\n{indent}  for_each = var.items\n'
                                 f'{indent}  content {{\n{body(inner, indent + "    ", depth + 1)}\n'
                                 f"{indent}  }}\n{indent}}}")
                else:
                    lines.append(f"{indent}{block_name} {{\n{body(inner, indent + '  ', depth + 1)}\n{indent}}}")
        if draw(st.integers(0, 7)) == 0:
            attr = draw(st.one_of(identifiers, st.sampled_from(sorted(shape.attributes) or ["x"])))
            lines.append(f"{indent}{attr} = {draw(expressions)}")
        if draw(st.integers(0, 9)) == 0:
            lines.append(f"{indent}# srmlint:ignore {draw(st.sampled_from(['ENC001', 'NET', 'XYZ999', '']))}"
                         f" -- {draw(identifiers)}")
        return "\n".join(lines)

    return f'{kind} "{rtype}" "{name}" {{\n{body(shape, "  ", 0)}\n}}\n'


_TF_OTHER = [
    'variable "x" {\n  default = %s\n}\n',
    'locals {\n  y = %s\n}\n',
    'output "o" {\n  value = %s\n}\n',
    'module "m" {\n  source = "./m"\n  v = %s\n}\n',
    'provider "aws" {\n  region = %s\n}\n',
    'terraform {\n  required_version = %s\n}\n',
]


@st.composite
def terraform_documents(draw: Draw) -> bytes:
    """A Terraform file: several blocks, some cross-referencing, random comments in between."""
    names = draw(st.lists(identifiers, min_size=1, max_size=3, unique=True))
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 4)) == 0:
            parts.append(draw(st.sampled_from(_TF_OTHER)) % draw(hcl_expressions(names)))
        else:
            parts.append(draw(terraform_block(names)))
        if draw(st.integers(0, 5)) == 0:
            parts.append(draw(st.sampled_from(["# c\n", "/* block\ncomment */\n", "// x\n", "\n\n"])))
    return "".join(parts).encode("utf-8", "surrogatepass")


# -- CloudFormation ----------------------------------------------------------------------------

_INTRINSICS = ["Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Select", "Fn::Split", "Fn::FindInMap",
               "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
               "Condition", "Fn::Cidr", "Fn::Transform", "Fn::ToJsonString", "Fn::Length", "Fn::Rain::Module"]
#: YAML 1.1 plain scalars that resolve to something other than a string.
_PLAIN_ODDITIES = ["yes", "no", "on", "off", "~", "null", "0755", "0x1F", "2010-09-09", "2001-12-14t21:59:43.10-05:00",
                   "1e5", ".inf", "-.nan", "12:30:00", "1_000", "=", "<<", "true", "False", "+1"]


class Plain(str):
    """A scalar to emit unquoted, so that YAML's own resolution decides its type."""


def cfn_values(ids: list[str]) -> st.SearchStrategy[Any]:
    """Random CloudFormation values, intrinsics (referring to ``ids``) included."""
    targets = st.sampled_from([*ids, "AWS::Region", "AWS::NoValue", "AWS::AccountId", "Missing", ""])
    leaves = st.one_of(texts, numbers, st.booleans(), st.none(), st.sampled_from(_PLAIN_ODDITIES).map(Plain),
                       targets.map(lambda t: {"Ref": t}),
                       st.tuples(targets, st.sampled_from(["Arn", "Id", "A.B", ""])).map(
                           lambda t: {"Fn::GetAtt": [t[0], t[1]]}),
                       st.tuples(texts, targets).map(lambda t: {"Fn::Sub": f"{t[0]}${{{t[1]}}}${{!x}}"}))

    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(logical_ids, texts), inner, max_size=4),
            st.tuples(st.sampled_from(_INTRINSICS), st.one_of(inner, st.lists(inner, max_size=3))).map(
                lambda t: {t[0]: t[1]}),
        )

    return st.recursive(leaves, extend, max_leaves=10)


@st.composite
def perturbed(draw: Draw, value: Any, ids: list[str], depth: int = 0) -> Any:
    """``value`` with random parts replaced by random values (other types, intrinsics)."""
    choice = draw(st.integers(0, 9))
    if choice == 0 or depth > 8:
        return draw(cfn_values(ids))
    if isinstance(value, dict) and choice > 1:
        out = {k: draw(perturbed(v, ids, depth + 1)) for k, v in value.items() if draw(st.integers(0, 9))}
        if choice == 9:
            out[draw(logical_ids)] = draw(cfn_values(ids))
        return out
    if isinstance(value, list) and choice > 1:
        return [draw(perturbed(v, ids, depth + 1)) for v in value]
    return value


@st.composite
def cloudformation_structures(draw: Draw) -> dict[str, Any]:
    """A template as decoded data (long-form intrinsics), resources shaped like the rules' examples."""
    shapes = cloudformation_shapes()
    ids = draw(st.lists(logical_ids, min_size=1, max_size=5, unique=True))
    resources: dict[str, Any] = {}
    for logical_id in ids:
        rtype = draw(st.sampled_from(sorted(shapes)))
        body: dict[str, Any] = {"Type": rtype}
        if draw(st.integers(0, 19)) == 0:
            body["Type"] = draw(cfn_values(ids))  # a Type that is not a string
        properties = draw(perturbed(draw(st.sampled_from(shapes[rtype])), ids))
        if draw(st.integers(0, 9)):
            body["Properties"] = properties
        for key, strategy in (("DependsOn", st.one_of(st.sampled_from(ids), st.lists(st.sampled_from(ids)))),
                              ("Condition", st.sampled_from(["IsProd", "Missing"])),
                              ("DeletionPolicy", st.sampled_from(["Retain", "Delete", "Snapshot"])),
                              ("Metadata", st.just({"srmlint": {"ignore": [{"id": "ENC001", "reason": "r"}]}}))):
            if draw(st.integers(0, 5)) == 0:
                body[key] = draw(strategy)
        resources[logical_id] = body
    template: dict[str, Any] = {}
    if draw(st.booleans()):
        template["AWSTemplateFormatVersion"] = draw(st.sampled_from(["2010-09-09", Plain("2010-09-09")]))
    if draw(st.integers(0, 3)) == 0:
        template["Transform"] = draw(st.sampled_from(["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]))
    if draw(st.integers(0, 2)) == 0:
        template["Parameters"] = {"P": {"Type": "String", "Default": draw(cfn_values(ids))}}
    if draw(st.integers(0, 3)) == 0:
        template["Conditions"] = {"IsProd": {"Fn::Equals": [{"Ref": "P"}, "prod"]}}
    if draw(st.integers(0, 3)) == 0:
        template["Mappings"] = {"M": {"K": {"V": draw(cfn_values(ids))}}}
    template["Resources"] = resources
    if draw(st.integers(0, 2)) == 0:
        template["Outputs"] = {"O": {"Value": draw(cfn_values(ids))}}
    return template


def _short(name: str) -> str:
    return name[4:] if name.startswith("Fn::") else name


def _is_intrinsic(value: Any) -> bool:
    return (isinstance(value, dict) and len(value) == 1
            and isinstance(next(iter(value)), str) and next(iter(value)).startswith(("Ref", "Fn::", "Condition")))


def _scalar(value: Any) -> str:
    if isinstance(value, Plain):
        return str(value)
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):
        return ".nan" if value != value else (".inf" if value > 0 else "-.inf")
    return json.dumps(value, ensure_ascii=False)


def yaml_flow(value: Any, short: bool) -> str:
    """A value in YAML flow style; intrinsics as short-form tags when ``short``."""
    if _is_intrinsic(value):
        ((name, args),) = value.items()
        if short:
            if name == "Fn::GetAtt" and isinstance(args, list) and all(isinstance(a, str) for a in args):
                return f"!GetAtt {'.'.join(args)}"
            if _is_intrinsic(args):  # a node takes one tag: the inner function as a mapping
                ((inner, inner_args),) = args.items()
                return f"!{_short(name)} {{{_scalar(inner)}: {yaml_flow(inner_args, short)}}}"
            if isinstance(args, (list, dict)):
                return f"!{_short(name)} {yaml_flow(args, short)}"
            return f"!{_short(name)} {_scalar(args)}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {yaml_flow(v, short)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(v, short) for v in value) + "]"
    return _scalar(value)


def yaml_block(value: Any, indent: int, short: bool) -> str:
    """A value in YAML block style (the text after ``key:``), nested collections indented."""
    pad = " " * indent
    if isinstance(value, dict) and value and not (short and _is_intrinsic(value)):
        return "\n" + "".join(f"{pad}{_scalar(str(k))}:{yaml_block(v, indent + 2, short)}" for k, v in value.items())
    if isinstance(value, list) and value:
        return "\n" + "".join(f"{pad}-{yaml_block(v, indent + 2, short)}" for v in value)
    return " " + yaml_flow(value, short) + "\n"


@st.composite
def cloudformation_documents(draw: Draw) -> tuple[str, bytes]:
    """(file name, bytes): a template as block YAML (short or long forms), flow YAML or JSON."""
    template = draw(cloudformation_structures())
    style = draw(st.sampled_from(["block-short", "block-long", "flow", "json"]))
    if style == "json":
        text = json.dumps(template, indent=draw(st.sampled_from([None, 1, 2])), default=str)
        return draw(st.sampled_from(["t.json", "t.template"])), text.encode()
    if style == "flow":
        text = yaml_flow(template, draw(st.booleans())) + "\n"
    else:
        text = yaml_block(template, 0, style == "block-short").lstrip("\n")
    return draw(st.sampled_from(["t.yaml", "t.yml", "t.template"])), text.encode("utf-8", "surrogatepass")


# -- mutators of real files --------------------------------------------------------------------

_WRONG_TYPES = [b"[1, 2]", b"{a: 1}", b"!Ref X", b"null", b"123", b'"x"', b"[", b"${", b"<<EOT", b"!GetAtt",
                b"{}", b"[]", b"true", b"*alias", b"&anchor", b"!!binary AAAA", b"!If [a]", b'"${var.x', b"{ = }"]
_VALUE = re.compile(rb"(?m)(?:^\s*[\w\"-]+\s*(?::|=)\s*)(\S[^\n]*)$")


@st.composite
def mutated(draw: Draw, data: bytes) -> bytes:
    """``data`` after 1-4 random edits: byte flips, truncation, line deletion and
    duplication (duplicate keys), swapped lines, inserted bytes, a value replaced
    by one of another type, a line re-indented."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        lines = data.split(b"\n")
        op = draw(st.sampled_from(["flip", "byte", "truncate", "delete", "duplicate", "swap", "insert",
                                   "retype", "indent"]))
        at = draw(st.integers(0, max(size - 1, 0)))
        line = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "flip" and size:
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
        elif op == "byte" and size:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif op == "truncate":
            data = data[:at]
        elif op == "delete" and lines:
            data = b"\n".join(lines[:line] + lines[line + 1:])
        elif op == "duplicate" and lines:
            data = b"\n".join(lines[:line + 1] + lines[line:])
        elif op == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            data = b"\n".join(lines)
        elif op == "insert":
            data = data[:at] + draw(st.one_of(st.binary(max_size=8), st.sampled_from(_WRONG_TYPES))) + data[at:]
        elif op == "retype":
            matches = list(_VALUE.finditer(data))
            if matches:
                match = draw(st.sampled_from(matches))
                data = data[:match.start(1)] + draw(st.sampled_from(_WRONG_TYPES)) + data[match.end(1):]
        elif op == "indent" and lines:
            lines[line] = draw(st.sampled_from([b"  ", b"\t", b" "])) + lines[line]
            data = b"\n".join(lines)
    return data


def corpus_files(root: Path, max_bytes: int) -> list[Path]:
    """Template-like files of the real corpus, read in place (never copied), sorted for stable draws."""
    suffixes = (".tf", ".tf.json", ".yaml", ".yml", ".json", ".template")
    return sorted(p for p in root.rglob("*") if p.name.endswith(suffixes) and p.is_file()
                  and not p.is_symlink() and p.stat().st_size <= max_bytes)


@st.composite
def terraform_json_documents(draw: Draw) -> bytes:
    """A ``.tf.json`` file: the rules' Terraform shapes as JSON, with random values and
    ``${...}`` templates where the JSON syntax keeps expressions."""
    shapes = terraform_shapes()
    resources: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 3))):
        kind, rtype = draw(st.sampled_from(sorted(shapes)))
        body: dict[str, Any] = {}
        for attr, seen in shapes[(kind, rtype)].attributes.items():
            value = draw(st.sampled_from(seen))
            if isinstance(value, Unknown):
                value = "${" + value.text.strip('"') + "}"
            body[attr] = draw(perturbed(value, ["b"]))
        resources.setdefault(kind, {}).setdefault(rtype, {})[draw(identifiers)] = body
    return json.dumps(resources, default=str).encode()
