"""The generic fix: set one attribute to its secure value, by text edit.

:class:`SetSetting` is a fix function (see :mod:`srmlint.fixes`) for the most
common shape of finding: a setting that is insecure or missing. It either

* replaces an insecure **literal** in place (``encrypted = false``,
  ``HttpTokens: optional``), keeping the quoting style; or
* inserts the missing setting into its block: Terraform, a line with the
  block's indentation before its closing brace (``=`` aligned with the line
  above, as ``terraform fmt`` would); CloudFormation YAML, a key with the
  mapping's indentation; JSON or a YAML flow mapping, a member.

It reads the resource's exact locations (:mod:`srmlint.model`) and then
*checks the text it is about to edit*: a value that is not a literal (a
variable, ``!Ref``), a block written on one line, a key it cannot find: no
fix is offered rather than a wrong edit. Values resolved from variables or
parameters are never rewritten, since the literal is elsewhere.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from srmlint.findings import Finding
from srmlint.fixes import FixProposal, Safety, TextEdit
from srmlint.fixes.replacement import replaces
from srmlint.model import AttrPath, Format, Location, Resource


class TfBlock(dict[str, Any]):
    """A value to insert as a Terraform nested block (``name { k = v }``),
    not an object attribute (``name = { k = v }``)."""


_MISSING = object()
_TF_LITERAL = re.compile(r'true|false|-?\d+|"[^"\\$%\n]*"')
_TF_ATTRIBUTE = re.compile(r"([A-Za-z_][\w-]*)(\s*=\s*)")
_TF_ATTRIBUTE_LINE = re.compile(r"(\s*)([A-Za-z_][\w-]*)(\s*)=")
_YAML_SCALAR = re.compile(r"""(['"]?)([^'"\s,{}\[\]#&*!|>]+)\1""")
_YAML_KEY = re.compile(r"""(['"]?)([A-Za-z0-9_.:-]+)\1\s*:""")
_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NEWLINE = re.compile("\n")
_YAML_BOOL_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}
_FALSE_WORDS = {"false", "no", "off"}
_TRUE_WORDS = {"true", "yes", "on"}


@functools.lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    """Offset of the first character of each line (index 0 is line 1).

    Cached: every fix proposed for a file asks for the same index, and
    rebuilding it per finding makes a file of many findings quadratic.
    """
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


def line_text(text: str, starts: Sequence[int], line: int) -> str:
    """Line ``line`` (1-based) without its line break."""
    end = starts[line] if line < len(starts) else len(text)
    return text[starts[line - 1]:end].rstrip("\r\n")


@functools.lru_cache(maxsize=8)
def newline_of(text: str) -> str:
    """The file's line ending (cached like line_starts: one scan per file)."""
    return "\r\n" if "\r\n" in text else "\n"


def _matches(value: Any, insecure: Any) -> bool:
    """Whether a parsed value is the insecure one (CloudFormation spells booleans as strings too)."""
    if isinstance(insecure, bool):
        if isinstance(value, bool):
            return value is insecure
        return isinstance(value, str) and value.strip().lower() in (_TRUE_WORDS if insecure else _FALSE_WORDS)
    return type(value) is type(insecure) and value == insecure


def _leaves(path: tuple[str, ...], value: Any) -> list[tuple[str, ...]]:
    """The attribute paths an inserted value sets (list indexes left out)."""
    if isinstance(value, Mapping):
        return [leaf for k, v in value.items() for leaf in _leaves((*path, str(k)), v)] or [path]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(path, v)] or [path]
    return [path]


def tf_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value))


@dataclass(frozen=True)
class SetSetting:
    """Set ``path`` to ``secure`` on resources of ``types``.

    ``insecure``: literal values replaced in place (empty: only insertion);
    ``insecure_if``: a test for the values replaced in place when they are a
    range (a retention of 0 or 1 day, a password length under 14).
    ``insert``: insert the setting when it is absent and its parent block or
    mapping exists. ``breaks_clients``: why the change may break users of the
    resource although it is in place (None: it cannot).
    """

    types: frozenset[str]
    path: AttrPath
    secure: Any
    description: str
    insecure: tuple[Any, ...] = ()
    insert: bool = True
    breaks_clients: str | None = None
    insecure_if: Callable[[Any], bool] | None = None

    def _insecure(self, value: Any) -> bool:
        if any(_matches(value, bad) for bad in self.insecure):
            return True
        try:
            return self.insecure_if is not None and bool(self.insecure_if(value))
        except (TypeError, ValueError):
            return False

    def safety(self) -> Safety:
        """``"safe"`` when no change it can make replaces a resource or breaks clients."""
        if self.breaks_clients is not None:
            return "unsafe"
        keys = tuple(str(p) for p in self.path if isinstance(p, str))
        for type_ in self.types:
            fmt: Format = "cloudformation" if type_.startswith("AWS::") else "terraform"
            for change in {keys, *_leaves(keys, self.secure)}:
                if replaces(fmt, type_, change).replaces is not False:
                    return "unsafe"
        return "safe"

    def __call__(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        if resource.type not in self.types:
            return None
        keys = tuple(str(p) for p in self.path if isinstance(p, str))
        present = resource.get(*self.path, default=_MISSING)
        edit: TextEdit | None
        if present is not _MISSING:
            if not self._insecure(present):
                return None
            location = resource.locations.get(tuple(self.path))
            if location is None:
                return None
            if resource.format == "terraform":
                edit = _tf_replace(source, location, str(self.path[-1]), present, self.secure)
            else:
                edit = _cfn_replace(source, location, self.secure)
            changes = [keys]
        else:
            if not self.insert:
                return None
            parent = tuple(self.path[:-1])
            parent_value = resource.get(*parent) if parent else resource.attributes
            location = resource.locations.get(parent)
            name = str(self.path[-1])
            if location is None and not parent and not parent_value and resource.format == "cloudformation":
                edit = _cfn_insert_properties(source, resource.location, name, self.secure)
                if edit is None:
                    return None
                return FixProposal(edits=(edit,), description=self.description,
                                   changes=tuple(_leaves(keys, self.secure)), breaks_clients=self.breaks_clients)
            if not isinstance(parent_value, Mapping) or location is None:
                return None
            if resource.format == "terraform":
                if "dynamic" in parent_value:  # a dynamic block may generate the setting
                    return None
                edit = _tf_insert(source, location, name, self.secure)
            else:
                edit = _cfn_insert(source, location, parent_value, name, self.secure)
            changes = _leaves(keys, self.secure)
        if edit is None:
            return None
        return FixProposal(edits=(edit,), description=self.description, changes=tuple(changes),
                           breaks_clients=self.breaks_clients)


def _tf_replace(source: str, location: Location, name: str, present: Any, secure: Any) -> TextEdit | None:
    """``name = <insecure literal>`` → ``name = <secure literal>``, on one line only."""
    if location.line != location.end_line:
        return None
    starts = line_starts(source)
    if location.line > len(starts):
        return None
    line = line_text(source, starts, location.line)
    column = location.column - 1
    attribute = _TF_ATTRIBUTE.match(line, column)
    if attribute is None or attribute.group(1) != name:
        return None
    literal = _TF_LITERAL.match(line, attribute.end())
    if literal is None or literal.group(0) != tf_literal(present):
        return None
    rest = line[literal.end():].strip()
    if rest and not rest.startswith(("#", "//", "/*")):
        return None
    base = starts[location.line - 1]
    return TextEdit(base + literal.start(), base + literal.end(), tf_literal(secure))


def _tf_insert(source: str, location: Location, name: str, value: Any) -> TextEdit | None:
    """A line (or a nested block) before the block's closing brace, indented as the block's body."""
    starts = line_starts(source)
    if location.end_line <= location.line or location.end_line > len(starts):
        return None
    closing = line_text(source, starts, location.end_line)
    if closing.strip() != "}":
        return None
    closing_indent = closing[: len(closing) - len(closing.lstrip())]
    body_indent = None
    for number in range(location.line + 1, location.end_line):
        text = line_text(source, starts, number)
        stripped = text.strip()
        if stripped and not stripped.startswith(("#", "//", "/*", "*")):
            body_indent = text[: len(text) - len(text.lstrip())]
            break
    unit = "\t" if "\t" in closing_indent else "  "
    if body_indent is not None and body_indent.startswith(closing_indent) and len(body_indent) > len(closing_indent):
        unit = body_indent[len(closing_indent):]
    indent = closing_indent + unit
    nl = newline_of(source)
    if isinstance(value, TfBlock):
        inner = "".join(f"{indent}{unit}{k} = {tf_literal(v)}{nl}" for k, v in value.items())
        text = f"{indent}{name} {{{nl}{inner}{indent}}}{nl}"
    else:
        gap = " "
        above = _TF_ATTRIBUTE_LINE.match(line_text(source, starts, location.end_line - 1))
        if above is not None and above.group(1) == indent:
            width = len(above.group(2)) + len(above.group(3))
            gap = " " * max(1, width - len(name))
        text = f"{indent}{name}{gap}= {tf_literal(value)}{nl}"
    offset = starts[location.end_line - 1]
    return TextEdit(offset, offset, text)


def _yaml_inner(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cfn_replace(source: str, location: Location, secure: Any) -> TextEdit | None:
    """A scalar value node → the secure scalar, keeping its quotes (JSON stays JSON)."""
    if location.line != location.end_line:
        return None
    starts = line_starts(source)
    if location.line > len(starts):
        return None
    line = line_text(source, starts, location.line)
    scalar = _YAML_SCALAR.match(line, location.column - 1)
    if scalar is None:
        return None
    after = line[scalar.end():scalar.end() + 1]
    if after and after not in " \t,}]#":
        return None
    quote = scalar.group(1)
    inner = _yaml_inner(secure)
    if quote:
        text = quote + inner + quote
    elif isinstance(secure, str) and not (_PLAIN_SAFE.fullmatch(secure) and secure.lower() not in _YAML_BOOL_WORDS):
        text = json.dumps(secure)
    else:
        text = inner
    base = starts[location.line - 1]
    return TextEdit(base + scalar.start(), base + scalar.end(), text)


def _cfn_insert(source: str, location: Location, parent: Mapping[str, Any], name: str, value: Any) -> TextEdit | None:
    """A key under a block mapping (first, at its indentation) or a member of a flow mapping / JSON object."""
    starts = line_starts(source)
    if location.line > len(starts):
        return None
    start = starts[location.line - 1] + location.column - 1
    if start >= len(source):
        return None
    nl = newline_of(source)
    if source[start] == "{":
        gap = start + 1
        while gap < len(source) and source[gap] in " \t\r\n":
            gap += 1
        # JSON wants a quoted key; a YAML flow mapping reads as the user wrote it (plain key).
        is_json = source.lstrip().startswith("{")
        member = f"{json.dumps(name) if is_json else name}: {json.dumps(value, separators=(', ', ': '))}"
        if gap < len(source) and source[gap] == "}":
            return TextEdit(start + 1, start + 1, member) if not parent else None
        key = _YAML_KEY.match(source, gap)
        if key is None or key.group(2) not in parent:
            return None
        if "\n" in source[start:gap]:
            line_start = source.rfind("\n", 0, gap) + 1
            return TextEdit(gap, gap, f"{member},{nl}{source[line_start:gap]}")
        return TextEdit(gap, gap, f"{member}, ")
    line_start = starts[location.line - 1]
    indent = source[line_start:start]
    if indent.strip():
        return None
    key = _YAML_KEY.match(source, start)
    if key is None or key.group(2) not in parent:
        return None
    dumped = yaml_block({name: value})
    text = "".join(f"{indent}{line}{nl}" for line in dumped.splitlines())
    return TextEdit(line_start, line_start, text)


def number_below(limit: int) -> Callable[[Any], bool]:
    """``insecure_if`` for a number (CloudFormation may write it as a string) under ``limit``."""
    def test(value: Any) -> bool:
        return not isinstance(value, bool) and isinstance(value, int | str) and int(value) < limit
    return test


def number_above(limit: int) -> Callable[[Any], bool]:
    """``insecure_if`` for a number over ``limit``."""
    def test(value: Any) -> bool:
        return not isinstance(value, bool) and isinstance(value, int | str) and int(value) > limit
    return test


_YAML_TYPE_KEY = re.compile(r"""([ \t]+)(['"]?)Type\2\s*:""")


def _cfn_insert_properties(source: str, location: Location, name: str, value: Any) -> TextEdit | None:
    """A ``Properties`` mapping holding ``name`` for a block-style YAML resource
    that has none (``App:\n  Type: AWS::ECS::Cluster``), after its last line,
    at the indentation of its ``Type`` key. JSON and flow mappings get no fix."""
    starts = line_starts(source)
    if source.lstrip().startswith("{") or location.end_line >= len(starts) + 1 or location.line >= location.end_line:
        return None
    indent = None
    for number in range(location.line + 1, location.end_line + 1):
        match = _YAML_TYPE_KEY.match(line_text(source, starts, number))
        if match is not None:
            indent = match.group(1)
            break
    key_indent = " " * (location.column - 1)
    if indent is None or not indent.startswith(key_indent) or len(indent) <= len(key_indent):
        return None
    unit = indent[len(key_indent):]
    nl = newline_of(source)
    dumped = yaml_block({name: value})
    text = f"{indent}Properties:{nl}" + "".join(f"{indent}{unit}{line}{nl}" for line in dumped.splitlines())
    if location.end_line < len(starts):
        return TextEdit(starts[location.end_line], starts[location.end_line], text)
    return TextEdit(len(source), len(source), ("" if source.endswith("\n") else nl) + text)


def yaml_block(value: Any) -> str:
    """``value`` as block YAML the way CloudFormation templates are usually
    written: key order kept, list items indented under their key."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

    return yaml.dump(value, Dumper=_Dumper, default_flow_style=False, sort_keys=False, width=1000)
