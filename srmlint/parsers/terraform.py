"""The Terraform (``.tf``) reader: tree-sitter-hcl syntax tree -> :mod:`srmlint.model`.

Why tree-sitter rather than python-hcl2: it is 15-20x faster, gives an exact
line and column for every node, reads files python-hcl2 rejects but Terraform
accepts (heredoc closing markers with trailing spaces), and it is
error-tolerant, so one broken block does not hide the rest of a file.
python-hcl2 stays the reference this reader is tested against
(``tests/differential``).

Shape of the output:

* every attribute value is plain Python data when the source states it
  statically, otherwise an :class:`~srmlint.model.Unknown` holding an
  :mod:`srmlint.expr` tree and the source text -- so later stages evaluate and
  find references on a typed tree instead of re-parsing strings;
* nested blocks follow python-hcl2's shape (``{"ingress": [{...}, {...}]}``,
  labelled ones ``{"dynamic": [{"ingress": {...}}]}``);
* ``locations`` maps each attribute path (relative to the block body) to its
  span: attributes, nested blocks, list items and object members.

Locations are 1-based; ``end_column`` is the column just after the last
character (the SARIF convention), counted in characters, not bytes.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from srmlint import expr as ex
from srmlint.model import (
    COMMENT_MARKER,
    AttrPath,
    Comment,
    Definition,
    DefinitionKind,
    Location,
    ParsedFile,
    ParseProblem,
    Reference,
    Resource,
    Unknown,
)
from srmlint.parsers import shielded

if TYPE_CHECKING:  # pragma: no cover - typing only; tree_sitter is imported lazily
    import tree_sitter

__all__ = [
    "RawBlock",
    "TerraformParser",
    "parse_expression",
    "parse_template",
    "parse_terraform",
    "read_attributes",
    "read_blocks",
    "references_in",
]

_BOM = b"\xef\xbb\xbf"

# Created on first use: importing this module must stay cheap (pre-commit runs
# start a fresh process for a handful of files).
_PARSER: tree_sitter.Parser | None = None


def _ts_parser() -> tree_sitter.Parser:
    """The shared tree-sitter parser, built on first use (``Language`` loading is not free)."""
    global _PARSER
    if _PARSER is None:
        import tree_sitter
        import tree_sitter_hcl

        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))
    return _PARSER


class RawBlock(NamedTuple):
    """A block as written, before it is sorted into resources and definitions.

    ``body`` has the python-hcl2 shape; ``locations`` is keyed by paths relative
    to ``body`` (the empty path is the block itself).
    """

    type: str
    labels: tuple[str, ...]
    body: dict[str, Any]
    location: Location
    locations: dict[AttrPath, Location]


class _TooDeep(Exception):
    """Nesting beyond what any real template needs; raised instead of blowing the stack."""


# -- string decoding ---------------------------------------------------------------------------

_QUOTED_ESCAPE = re.compile(r'\\(?:[nrt"\\]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})|\$\$\{|%%\{')
_SIMPLE_ESCAPES = {"\\n": "\n", "\\r": "\r", "\\t": "\t", '\\"': '"', "\\\\": "\\", "$${": "${", "%%{": "%{"}


def _unescape_match(match: re.Match[str]) -> str:
    text = match.group(0)
    simple = _SIMPLE_ESCAPES.get(text)
    if simple is not None:
        return simple
    try:
        return chr(int(text[2:], 16))
    except (ValueError, OverflowError):  # \U beyond the Unicode range: keep it as written
        return text


def _unescape_quoted(text: str) -> str:
    """Decode a quoted-template literal the way HCL does (backslash escapes, ``$${``, ``%%{``)."""
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    return _QUOTED_ESCAPE.sub(_unescape_match, text)


def _unescape_heredoc(text: str) -> str:
    """Heredocs take backslashes literally; only the template escapes ``$${`` and ``%%{`` apply."""
    return text.replace("$${", "${").replace("%%{", "%{")


def _flush_heredoc(parts: list[str | ex.Expr]) -> list[str | ex.Expr]:
    """Apply ``<<-`` indentation stripping to the literal parts of a heredoc.

    Mirrors HCL's ``flushHeredocTemplateParts``: the indent is counted on the
    source's literal pieces (so interpolated values cannot change it); a line
    that starts with an interpolation counts as indent 0; whitespace-only lines
    are ignored; the minimum is removed from every line-leading literal.
    """
    pieces: list[str | ex.Expr] = []
    for part in parts:  # one literal piece per source line, as HCL's scanner produces
        if isinstance(part, str):
            pieces.extend(part.splitlines(keepends=True))
        else:
            pieces.append(part)
    min_spaces = -1
    adjust: list[int] = []
    newline = True
    for index, piece in enumerate(pieces):
        if newline:
            newline = False
            spaces = 0
            if isinstance(piece, str):
                trimmed = piece.lstrip()
                if not trimmed and piece.endswith("\n"):
                    spaces = -1  # blank line: not considered
                else:
                    spaces = len(piece) - len(trimmed)
                    adjust.append(index)
            if spaces >= 0 and (min_spaces < 0 or spaces < min_spaces):
                min_spaces = spaces
        if isinstance(piece, str) and piece.endswith("\n"):
            newline = True
    if min_spaces > 0:
        for index in adjust:
            piece = pieces[index]
            assert isinstance(piece, str)
            pieces[index] = piece[min_spaces:]
    return _meld(pieces)


def _meld(parts: Iterable[str | ex.Expr]) -> list[str | ex.Expr]:
    """Join adjacent literal pieces and drop empty ones."""
    out: list[str | ex.Expr] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + part
                continue
        out.append(part)
    return out


def _number(text: str) -> int | float:
    """HCL has one number type; keep integral spellings as ``int`` like python-hcl2 does."""
    if text.isdigit():
        return int(text)
    return float(text)


# -- the reader --------------------------------------------------------------------------------

_BINARY_OPS = frozenset({"*", "/", "%", "+", "-", ">", ">=", "<", "<=", "==", "!=", "&&", "||"})
_STEP_TYPES = frozenset({"get_attr", "index", "splat"})
_SKIP_TYPES = frozenset({"comment"})
#: Python frames per nesting level are ~3; this keeps well inside the default recursion limit.
_MAX_DEPTH = 200


class _Reader:
    """Turns one file's syntax tree into raw blocks, values and expression trees."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.data = data
        self.ascii = data.isascii()
        self._line_starts: list[int] | None = None
        self.depth = 0
        #: traversals found inside template directives, which the tree keeps as Opaque text
        self.opaque_refs: dict[int, list[ex.Traversal]] = {}

    # -- positions --------------------------------------------------------------------------

    def _column(self, row: int, byte_col: int) -> int:
        """A 1-based character column; tree-sitter counts bytes."""
        if self.ascii or byte_col == 0:
            return byte_col + 1
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer(b"\n", self.data))]
        start = self._line_starts[row] if row < len(self._line_starts) else 0
        return len(self.data[start : start + byte_col].decode("utf-8", "replace")) + 1

    def loc(self, node: tree_sitter.Node) -> Location:
        start, end = node.start_point, node.end_point
        return Location(
            self.path,
            start[0] + 1,
            end[0] + 1,
            self._column(start[0], start[1]),
            self._column(end[0], end[1]),
        )

    def text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def _slice(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "replace")

    # -- blocks and bodies ------------------------------------------------------------------

    def block(self, node: tree_sitter.Node) -> RawBlock:
        children = [c for c in node.children if c.type not in _SKIP_TYPES]
        block_type = self.text(children[0])
        labels = tuple(self.label(c) for c in children[1:] if c.type in ("string_lit", "identifier"))
        locations: dict[AttrPath, Location] = {}
        location = self.loc(node)
        locations[()] = location
        body: dict[str, Any] = {}
        for child in children:
            if child.type == "body":
                body = self.body(child, (), locations)
        return RawBlock(block_type, labels, body, location, locations)

    def label(self, node: tree_sitter.Node) -> str:
        if node.type == "identifier":
            return self.text(node)
        return _unescape_quoted(self._quoted_inner(node))

    def _quoted_inner(self, node: tree_sitter.Node) -> str:
        """Source text between the quotes of a ``string_lit`` / ``quoted_template``."""
        start, end = node.start_byte, node.end_byte
        for child in node.children:
            if child.type == "quoted_template_start":
                start = child.end_byte
            elif child.type == "quoted_template_end":
                end = child.start_byte
        return self.data[start:end].decode("utf-8", "replace")

    def body(
        self, node: tree_sitter.Node, path: AttrPath, locations: dict[AttrPath, Location]
    ) -> dict[str, Any]:
        self._enter()
        result: dict[str, Any] = {}
        for child in node.children:
            kind = child.type
            if kind == "attribute":
                parts = child.children
                name = self.text(parts[0])
                attr_path = (*path, name)
                locations[attr_path] = self.loc(child)
                value_node = next((p for p in parts[1:] if p.type == "expression"), None)
                result[name] = None if value_node is None else self.value(value_node, attr_path, locations)
            elif kind == "block":
                self._nested_block(child, path, result, locations)
        self.depth -= 1
        return result

    def _nested_block(
        self,
        node: tree_sitter.Node,
        path: AttrPath,
        result: dict[str, Any],
        locations: dict[AttrPath, Location],
    ) -> None:
        """Add a nested block in python-hcl2's shape: a list per type, labels as nested keys."""
        children = [c for c in node.children if c.type not in _SKIP_TYPES]
        block_type = self.text(children[0])
        labels = [self.label(c) for c in children[1:] if c.type in ("string_lit", "identifier")]
        existing = result.get(block_type)
        if not isinstance(existing, list):
            existing = result[block_type] = []
        block_path: AttrPath = (*path, block_type, len(existing))
        location = self.loc(node)
        locations[block_path] = location
        inner_path = block_path
        for label in labels:
            inner_path = (*inner_path, label)
            locations[inner_path] = location
        body_node = next((c for c in children if c.type == "body"), None)
        body = {} if body_node is None else self.body(body_node, inner_path, locations)
        for label in reversed(labels):
            body = {label: body}
        existing.append(body)

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _TooDeep

    # -- values -----------------------------------------------------------------------------

    def value(self, node: tree_sitter.Node, path: AttrPath, locations: dict[AttrPath, Location]) -> Any:
        """The static Python value of an ``expression`` node, or an Unknown keeping its tree."""
        children = [c for c in node.children if c.type not in _SKIP_TYPES]
        if len(children) == 1:
            only = children[0]
            kind = only.type
            if kind == "literal_value":
                return self.literal(only)
            if kind == "collection_value":
                self._enter()
                collection = only.children[0]
                if collection.type == "tuple":
                    result: Any = self._tuple_value(collection, path, locations)
                else:
                    result = self._object_value(collection, path, locations)
                self.depth -= 1
                return result
            if kind == "template_expr":
                tree = self.template(only.children[0])
                if isinstance(tree, ex.Literal):
                    return tree.value
                return Unknown(tree, self.text(node))
            if kind == "operation":
                folded = self._folded_negation(only)
                if folded is not None:
                    return folded
        return Unknown(self.expr(node), self.text(node))

    def _tuple_value(
        self, node: tree_sitter.Node, path: AttrPath, locations: dict[AttrPath, Location]
    ) -> list[Any]:
        items: list[Any] = []
        for child in node.children:
            if child.type == "expression":
                item_path = (*path, len(items))
                locations[item_path] = self.loc(child)
                items.append(self.value(child, item_path, locations))
        return items

    def _object_value(
        self, node: tree_sitter.Node, path: AttrPath, locations: dict[AttrPath, Location]
    ) -> dict[str, Any] | Unknown:
        elems = [c for c in node.children if c.type == "object_elem"]
        keys: list[str] = []
        for elem in elems:
            key_node = elem.child_by_field_name("key")
            key = None if key_node is None else self._static_key(key_node)
            if key is None:  # a computed key: the object is not static as a whole
                return Unknown(self.expr_object(node), self.text(node))
            keys.append(key)
        result: dict[str, Any] = {}
        for key, elem in zip(keys, elems, strict=True):
            member_path = (*path, key)
            locations[member_path] = self.loc(elem)
            val_node = elem.child_by_field_name("val")
            result[key] = None if val_node is None else self.value(val_node, member_path, locations)
        return result

    def _static_key(self, node: tree_sitter.Node) -> str | None:
        """An object key as a string when the source states it: ``a``, ``"a"``, ``1``."""
        children = [c for c in node.children if c.type not in _SKIP_TYPES]
        if len(children) != 1:
            return None
        only = children[0]
        if only.type == "variable_expr":  # a bare word is a string key, not a variable
            return self.text(only)
        if only.type == "literal_value":
            value = self.literal(only)
            if isinstance(value, str):
                return value
            if isinstance(value, bool):
                return "true" if value else "false"
            if isinstance(value, int | float):
                return self.text(only)
            return None
        if only.type == "template_expr":
            tree = self.template(only.children[0])
            if isinstance(tree, ex.Literal) and isinstance(tree.value, str):
                return tree.value
        return None

    def literal(self, node: tree_sitter.Node) -> Any:
        inner = node.children[0]
        kind = inner.type
        if kind == "numeric_lit":
            return _number(self.text(inner))
        if kind == "string_lit":
            return _unescape_quoted(self._quoted_inner(inner))
        if kind == "bool_lit":
            return self.text(inner) == "true"
        return None  # null_lit

    def _folded_negation(self, node: tree_sitter.Node) -> int | float | None:
        """``-1`` is a number to every reader, not an operation on one."""
        unary = node.children[0]
        if unary.type != "unary_operation":
            return None
        parts = unary.children
        if len(parts) == 2 and parts[0].type == "-" and parts[1].type == "literal_value":
            number = parts[1].children[0]
            if number.type == "numeric_lit":
                return -_number(self.text(number))
        return None

    # -- expression trees -------------------------------------------------------------------

    def expr(self, node: tree_sitter.Node) -> ex.Expr:
        """The :mod:`srmlint.expr` tree of any expression-like node."""
        self._enter()
        try:
            if node.type == "expression":
                return self.sequence([c for c in node.children if c.type not in _SKIP_TYPES])
            return self.primary(node)
        finally:
            self.depth -= 1

    def sequence(self, nodes: list[tree_sitter.Node]) -> ex.Expr:
        """A primary followed by postfix steps; tree-sitter-hcl puts them side by side."""
        if not nodes:
            return ex.Opaque("")
        parenthesized = nodes[0].type == "("
        if parenthesized:
            close = next((i for i, n in enumerate(nodes) if n.type == ")"), len(nodes))
            inner = [n for n in nodes[1:close] if n.type not in _SKIP_TYPES]
            base = self.expr(inner[0]) if len(inner) == 1 else self.sequence(inner)
            rest = nodes[close + 1 :]
        else:
            base = self.primary(nodes[0])
            rest = nodes[1:]
        steps: list[ex.Step] = []
        for node in rest:
            if node.type in _STEP_TYPES:
                self._steps(node, steps)
        if not steps:
            return base
        if isinstance(base, ex.Traversal) and not parenthesized:
            return ex.Traversal(base.root, base.steps + tuple(steps))
        return ex.Postfix(base, tuple(steps))

    def _steps(self, node: tree_sitter.Node, out: list[ex.Step]) -> None:
        kind = node.type
        if kind == "get_attr":
            name = next((c for c in node.children if c.type == "identifier"), None)
            out.append(ex.GetAttr("" if name is None else self.text(name)))
        elif kind == "index":
            inner = node.children[0]
            if inner.type == "legacy_index":  # a.0: the digits are an anonymous token
                digits = self.text(inner).lstrip(".").strip()
                key: ex.Expr = ex.Literal(int(digits)) if digits.isdigit() else ex.Literal(digits)
            else:
                key_node = next((c for c in inner.children if c.type == "expression"), None)
                key = ex.Opaque("") if key_node is None else self.expr(key_node)
            out.append(ex.Index(key))
        elif kind == "splat":
            inner = node.children[0]
            out.append(ex.Splat(full=inner.type == "full_splat"))
            for child in inner.children:
                if child.type in _STEP_TYPES:
                    self._steps(child, out)

    def primary(self, node: tree_sitter.Node) -> ex.Expr:
        kind = node.type
        if kind == "variable_expr":
            return ex.Traversal(self.text(node))
        if kind == "literal_value":
            return ex.Literal(self.literal(node))
        if kind == "expression":
            return self.expr(node)
        if kind == "template_expr":
            return self.template(node.children[0])
        if kind == "collection_value":
            collection = node.children[0]
            if collection.type == "tuple":
                return ex.TupleExpr(
                    tuple(self.expr(c) for c in collection.children if c.type == "expression")
                )
            return self.expr_object(collection)
        if kind == "function_call":
            return self._function_call(node)
        if kind == "operation":
            return self._operation(node.children[0])
        if kind == "conditional":
            return self._conditional(node)
        if kind == "for_expr":
            return self._for(node.children[0])
        if kind in ("unary_operation", "binary_operation"):
            return self._operation(node)
        if kind in ("quoted_template", "heredoc_template"):
            return self.template(node)
        return ex.Opaque(self.text(node))

    def expr_object(self, node: tree_sitter.Node) -> ex.ObjectExpr:
        items: list[tuple[ex.Expr, ex.Expr]] = []
        for elem in node.children:
            if elem.type != "object_elem":
                continue
            key_node = elem.child_by_field_name("key")
            val_node = elem.child_by_field_name("val")
            key: ex.Expr
            if key_node is None:
                key = ex.Opaque("")
            else:
                static = self._static_key(key_node)
                key = ex.Literal(static) if static is not None else self.expr(key_node)
            items.append((key, ex.Opaque("") if val_node is None else self.expr(val_node)))
        return ex.ObjectExpr(tuple(items))

    def _function_call(self, node: tree_sitter.Node) -> ex.FunctionCall:
        children = node.children
        name = self.text(children[0]) if children else ""
        args: list[ex.Expr] = []
        expand = False
        for child in children:
            if child.type == "function_arguments":
                for arg in child.children:
                    if arg.type == "expression":
                        args.append(self.expr(arg))
                    elif arg.type == "ellipsis":
                        expand = True
        return ex.FunctionCall(name, tuple(args), expand)

    def _operation(self, node: tree_sitter.Node) -> ex.Expr:
        children = [c for c in node.children if c.type not in _SKIP_TYPES]
        if node.type == "unary_operation":
            return ex.UnaryOp(children[0].type, self.sequence(children[1:]))
        for index in range(1, len(children)):
            op = children[index].type
            if op in _BINARY_OPS and not children[index].is_named:
                return ex.BinaryOp(op, self.sequence(children[:index]), self.sequence(children[index + 1 :]))
        return ex.Opaque(self.text(node))

    def _conditional(self, node: tree_sitter.Node) -> ex.Expr:
        groups: list[list[tree_sitter.Node]] = [[]]
        for child in node.children:
            if child.type in ("?", ":") and len(groups) < 3:
                groups.append([])
            elif child.type not in _SKIP_TYPES:
                groups[-1].append(child)
        if len(groups) != 3:
            return ex.Opaque(self.text(node))
        cond, true, false = (self.sequence(g) for g in groups)
        return ex.Conditional(cond, true, false)

    def _for(self, node: tree_sitter.Node) -> ex.Expr:
        names: list[str] = []
        collection: ex.Expr = ex.Opaque("")
        exprs: list[ex.Expr] = []
        condition: ex.Expr | None = None
        grouping = False
        for child in node.children:
            kind = child.type
            if kind == "for_intro":
                for part in child.children:
                    if part.type == "identifier":
                        names.append(self.text(part))
                    elif part.type == "expression":
                        collection = self.expr(part)
            elif kind == "expression":
                exprs.append(self.expr(child))
            elif kind == "for_cond":
                cond = next((c for c in child.children if c.type == "expression"), None)
                if cond is not None:
                    condition = self.expr(cond)
            elif kind == "ellipsis":
                grouping = True
        if not names or not exprs:
            return ex.Opaque(self.text(node))
        key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0])
        if node.type == "for_object_expr" and len(exprs) >= 2:
            return ex.ForExpr(key_var, value_var, collection, exprs[1], exprs[0], condition, True, grouping)
        return ex.ForExpr(key_var, value_var, collection, exprs[0], None, condition)

    # -- templates --------------------------------------------------------------------------

    def template(self, node: tree_sitter.Node) -> ex.Expr:
        """A quoted template or heredoc: a Literal string when static, else a Template."""
        if node.type == "heredoc_template":
            parts = self._heredoc_parts(node)
        elif node.type in ("quoted_template", "string_lit"):
            parts = self._quoted_parts(node)
        else:
            return ex.Opaque(self.text(node))
        if not parts:
            return ex.Literal("")
        if len(parts) == 1 and isinstance(parts[0], str):
            return ex.Literal(parts[0])
        return ex.Template(tuple(ex.Literal(p) if isinstance(p, str) else p for p in parts))

    def _template_part(self, node: tree_sitter.Node) -> ex.Expr:
        if node.type == "template_interpolation":
            inner = next((c for c in node.children if c.type == "expression"), None)
            return ex.Opaque("") if inner is None else self.expr(inner)
        # a directive (%{if}, %{for}): kept as text, its references remembered on the side
        opaque = ex.Opaque(self.text(node))
        found = self._directive_traversals(node)
        if found:
            self.opaque_refs[id(opaque)] = found
        return opaque

    def _directive_traversals(self, node: tree_sitter.Node) -> list[ex.Traversal]:
        """Traversals used inside a template directive, minus its own ``%{for}`` variables."""
        bound: set[str] = set()
        found: list[ex.Traversal] = []
        stack = [node]
        while stack:
            current = stack.pop()
            for child in current.children:
                kind = child.type
                if kind == "template_for_start":
                    bound.update(self.text(c) for c in child.children if c.type == "identifier")
                    stack.append(child)
                elif kind in ("expression", "template_interpolation", "template_directive"):
                    if kind == "expression":
                        found.extend(references_in(self.expr(child), frozenset(), self.opaque_refs))
                    else:
                        part = self._template_part(child)
                        found.extend(references_in(part, frozenset(), self.opaque_refs))
                elif child.child_count:
                    stack.append(child)
        return [t for t in found if t.root not in bound]

    def _quoted_parts(self, node: tree_sitter.Node) -> list[str | ex.Expr]:
        parts: list[str | ex.Expr] = []
        cursor = node.start_byte
        end = node.end_byte
        for child in node.children:
            kind = child.type
            if kind == "quoted_template_start":
                cursor = child.end_byte
            elif kind == "quoted_template_end":
                end = child.start_byte
            elif kind in ("template_interpolation", "template_directive"):
                parts.append(_unescape_quoted(self._slice(cursor, child.start_byte)))
                parts.append(self._template_part(child))
                cursor = child.end_byte
        parts.append(_unescape_quoted(self._slice(cursor, end)))
        return _meld(parts)

    def _heredoc_parts(self, node: tree_sitter.Node) -> list[str | ex.Expr]:
        """Heredoc content from the source bytes: the grammar's literals omit leading whitespace."""
        children = node.children
        markers = [c for c in children if c.type == "heredoc_identifier"]
        flush = any(c.type == "heredoc_start" and self.text(c) == "<<-" for c in children)
        if len(markers) < 2:
            return []
        opening, closing = markers[0], markers[-1]
        newline = self.data.find(b"\n", opening.end_byte, closing.start_byte)
        start = closing.start_byte if newline < 0 else newline + 1
        end = closing.start_byte - closing.start_point[1]  # the start of the closing marker's line
        if end < start:
            end = start
        parts: list[str | ex.Expr] = []
        cursor = start
        for child in children:
            if child.type in ("template_interpolation", "template_directive") and child.start_byte >= start:
                parts.append(_unescape_heredoc(self._slice(cursor, child.start_byte)))
                parts.append(self._template_part(child))
                cursor = child.end_byte
        parts.append(_unescape_heredoc(self._slice(cursor, end)))
        if flush:
            return _flush_heredoc(parts)
        return _meld(parts)


# -- references --------------------------------------------------------------------------------


def references_in(
    tree: ex.Expr,
    bound: frozenset[str] = frozenset(),
    opaque_refs: dict[int, list[ex.Traversal]] | None = None,
) -> list[ex.Traversal]:
    """Traversals in ``tree`` that refer outside it: for-expression variables are bound.

    Unlike :func:`srmlint.expr.traversals`, this tracks what each ``for``
    binds, so ``[for s in var.l : s.id]`` yields ``var.l`` and not ``s.id``.
    """
    found: list[ex.Traversal] = []
    stack: list[tuple[object, frozenset[str]]] = [(tree, bound)]
    while stack:
        node, names = stack.pop()
        if isinstance(node, ex.Traversal):
            if node.root not in names:
                found.append(node)
            stack.extend((s.key, names) for s in node.steps if isinstance(s, ex.Index))
        elif isinstance(node, ex.Template):
            stack.extend((p, names) for p in node.parts)
        elif isinstance(node, ex.Postfix):
            stack.append((node.source, names))
            stack.extend((s.key, names) for s in node.steps if isinstance(s, ex.Index))
        elif isinstance(node, ex.FunctionCall):
            stack.extend((a, names) for a in node.args)
        elif isinstance(node, ex.Conditional):
            stack.extend(((node.condition, names), (node.true, names), (node.false, names)))
        elif isinstance(node, ex.UnaryOp):
            stack.append((node.operand, names))
        elif isinstance(node, ex.BinaryOp):
            stack.extend(((node.left, names), (node.right, names)))
        elif isinstance(node, ex.TupleExpr):
            stack.extend((i, names) for i in node.items)
        elif isinstance(node, ex.ObjectExpr):
            for key, val in node.items:
                stack.extend(((key, names), (val, names)))
        elif isinstance(node, ex.ForExpr):
            stack.append((node.collection, names))
            inner = names | {n for n in (node.key_var, node.value_var) if n}
            stack.extend((e, inner) for e in (node.value, node.key, node.condition) if e is not None)
        elif isinstance(node, ex.Opaque) and opaque_refs:
            found.extend(t for t in opaque_refs.get(id(node), ()) if t.root not in names)
    return found


#: Roots that never name another object in the configuration.
_NON_REFERENCES = frozenset({"each", "count", "self", "path", "terraform"})


def _target(trav: ex.Traversal) -> tuple[str, str | None] | None:
    """Cut a traversal to the object it refers to: (target address, attribute)."""
    root = trav.root
    if root in _NON_REFERENCES:
        return None
    names = [s.name for s in trav.steps if isinstance(s, ex.GetAttr)]
    attr_names = trav.attr_names()
    if root in ("var", "local"):
        if not attr_names:
            return None
        return f"{root}.{attr_names[0]}", names[1] if len(names) > 1 else None
    if root == "module":
        if not attr_names:
            return None
        return f"module.{attr_names[0]}", names[1] if len(names) > 1 else None
    if root == "data":
        if len(attr_names) < 2:
            return None
        return f"data.{attr_names[0]}.{attr_names[1]}", names[2] if len(names) > 2 else None
    if root == "resource" and len(attr_names) >= 2:  # explicit form of `T.N`, seen in real modules
        return f"{attr_names[0]}.{attr_names[1]}", names[2] if len(names) > 2 else None
    if not attr_names:
        return None
    return f"{root}.{attr_names[0]}", names[1] if len(names) > 1 else None


#: Meta-arguments whose expressions name providers or attributes, not objects.
_PROVIDER_ATTRS = frozenset({"provider", "providers"})


def _collect_references(
    source: str,
    root_value: Any,
    locations: dict[AttrPath, Location],
    fallback: Location,
    scope: str,
    opaque_refs: dict[int, list[ex.Traversal]],
    base: AttrPath = (),
) -> list[Reference]:
    """Reference edges from every Unknown in ``root_value`` (a block body or a local's value).

    ``base`` is where ``root_value`` sits in ``locations``' keys; reference
    paths are reported relative to it.
    """
    refs: list[Reference] = []
    seen: set[tuple[str, str | None, AttrPath]] = set()
    stack: list[tuple[Any, AttrPath, frozenset[str]]] = [(root_value, (), frozenset())]

    def locate(path: AttrPath) -> Location:
        full = (*base, *path)
        for end in range(len(full), -1, -1):
            found = locations.get(full[:end])
            if found is not None:
                return found
        return fallback

    def add(target: str, attribute: str | None, path: AttrPath) -> None:
        if (target, attribute, path) not in seen:
            seen.add((target, attribute, path))
            refs.append(Reference(source, target, attribute, path, locate(path), scope))

    while stack:
        value, path, bound = stack.pop()
        if isinstance(value, Unknown):
            if not isinstance(value.expr, ex.Expr):  # pragma: no cover - defensive
                continue
            provider_ref = bool(path) and path[0] in _PROVIDER_ATTRS and not base
            for trav in references_in(value.expr, bound, opaque_refs):
                if provider_ref:  # `provider = aws.west` names a provider configuration
                    add(".".join(("provider", trav.root, *trav.attr_names()[:1])), None, path)
                    continue
                cut = _target(trav)
                if cut is not None:
                    add(cut[0], cut[1], path)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "lifecycle" and not path and not base:
                    continue  # ignore_changes lists attribute names, not references
                if key == "dynamic" and isinstance(item, list):
                    # a dynamic block binds its label (or its `iterator`) inside its content
                    for index, entry in enumerate(item):
                        if not isinstance(entry, dict):
                            continue
                        for label, body in entry.items():
                            names = {label}
                            iterator = body.get("iterator") if isinstance(body, dict) else None
                            if isinstance(iterator, Unknown) and isinstance(iterator.expr, ex.Traversal):
                                names.add(iterator.expr.root)
                            stack.append((body, (*path, key, index, label), bound | names))
                    continue
                stack.append((item, (*path, key), bound))
        elif isinstance(value, list):
            stack.extend((item, (*path, index), bound) for index, item in enumerate(value))
    refs.sort(key=lambda r: (r.location.line, r.location.column, tuple(map(str, r.path)), r.target))
    return refs


# -- entry points ------------------------------------------------------------------------------


def _first_error(root: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first ERROR or MISSING node in document order (only error-bearing subtrees are visited)."""
    if root.is_error or root.is_missing:  # nothing parsed: the root itself is the error
        return root
    node = root
    while True:
        for child in node.children:
            if child.is_error or child.is_missing:
                return child
            if child.has_error:
                node = child
                break
        else:
            return node if node is not root else None


def _snippet(data: bytes, node: tree_sitter.Node) -> str:
    if node.is_missing:
        return f": missing `{node.type}`"
    text = data[node.start_byte : node.end_byte].decode("utf-8", "replace").strip()
    text = text.splitlines()[0] if text else ""
    if not text:  # an empty ERROR node: show what follows it
        text = data[node.start_byte : node.start_byte + 40].decode("utf-8", "replace").strip()
        text = text.splitlines()[0] if text else "end of file"
    if len(text) > 40:
        text = text[:40] + "..."
    return f" near `{text}`"


def _decode_problem(path: str, data: bytes) -> ParseProblem | None:
    """Why ``data`` is not text Terraform could read, located at the offending byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (or UTF-32 LE) byte order mark
        return ParseProblem(
            "file is UTF-16/UTF-32 (byte order mark found); Terraform files must be UTF-8",
            Location(path, 1, 1),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return ParseProblem(
            "not a text file (NUL byte found); Terraform files must be UTF-8 text",
            Location(path, line, line),
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        return ParseProblem(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); Terraform files must be UTF-8",
            Location(path, line, line, column, column + 1),
        )
    return None


#: A top-level block's first line as ``terraform fmt`` writes it: at column 0,
#: a block type, its labels, an opening brace.
_BLOCK_START = re.compile(rb'^[A-Za-z_][A-Za-z0-9_-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_-]*))*[ \t]*\{',
                          re.MULTILINE)
#: Past this many blocks, a broken file is reported without recovery: the
#: re-reads cost one parse of a block each, and a hostile file may hold many.
_MAX_RECOVERY_CHUNKS = 5000


def _recovered_roots(data: bytes) -> list[tree_sitter.Node]:
    """Parse each top-level block of a broken file on its own, in the file's
    own coordinates (tree-sitter's included ranges), so that every block
    without an error is still read. Empty when the file has a single chunk."""
    starts = [m.start() for m in _BLOCK_START.finditer(data)]
    if not starts or len(starts) > _MAX_RECOVERY_CHUNKS:
        return []
    starts[0] = 0  # comments before the first block belong to its chunk
    if len(starts) == 1:
        return []
    import tree_sitter

    bounds = [*starts, len(data)]
    parser = tree_sitter.Parser(_ts_parser().language)
    roots: list[tree_sitter.Node] = []
    row = 0
    for begin, end in itertools.pairwise(bounds):
        end_row = row + data.count(b"\n", begin, end)
        end_point = (end_row, 0) if data[end - 1 : end] == b"\n" else (end_row, end - data.rfind(b"\n", 0, end) - 1)
        parser.included_ranges = [
            tree_sitter.Range(tree_sitter.Point(row, 0), tree_sitter.Point(*end_point), begin, end)
        ]
        roots.append(parser.parse(data).root_node)
        row = end_row
    return roots


def read_blocks(data: bytes, path: str = "<memory>") -> tuple[list[RawBlock], list[ParseProblem]]:
    """Every top-level block that parsed cleanly, plus the problems with the rest.

    At most one syntax problem is reported (the first error; later ones are
    often consequences of it). Top-level attributes (not valid in ``.tf``;
    they belong to ``.tfvars``) are ignored. Never raises on bad input.
    """
    blocks, problems, _, _ = _read(data, path)
    return blocks, problems


def read_attributes(data: bytes, path: str = "<memory>") -> tuple[dict[str, Any], list[ParseProblem]]:
    """The top-level attributes of a ``.tfvars`` file (values as in resource
    bodies: static data, or Unknown); blocks are ignored. Never raises.

    A file with a syntax error gives its problem and no values: a variable
    file read halfway would silently bind some variables and not others.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    problem = _decode_problem(path, data)
    if problem is not None:
        return {}, [problem]
    root = _ts_parser().parse(data).root_node
    reader = _Reader(path, data)
    if root.has_error:
        error = _first_error(root) or root
        location = reader.loc(error)
        return {}, [ParseProblem(f"syntax error{_snippet(data, error)}", location)]
    values: dict[str, Any] = {}
    try:
        for body in (c for c in root.children if c.type == "body"):
            for child in body.children:
                if child.type != "attribute":
                    continue
                name = reader.text(child.children[0])
                value_node = next((p for p in child.children[1:] if p.type == "expression"), None)
                values[name] = None if value_node is None else reader.value(value_node, (name,), {})
    except (_TooDeep, RecursionError):
        return {}, [ParseProblem(f"nested more than {_MAX_DEPTH} levels deep", Location(path, 1, 1))]
    return values, []


def _read(
    data: bytes, path: str
) -> tuple[list[RawBlock], list[ParseProblem], dict[int, list[ex.Traversal]], list[Comment]]:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    problem = _decode_problem(path, data)
    if problem is not None:
        return [], [problem], {}, []
    try:
        tree = _ts_parser().parse(data)
    except Exception as exc:  # pragma: no cover - tree-sitter only fails on resource exhaustion
        return [], [ParseProblem(f"could not parse file: {exc}", Location(path, 1, 1))], {}, []
    root = tree.root_node
    reader = _Reader(path, data)
    blocks: list[RawBlock] = []
    problems: list[ParseProblem] = []
    roots = [root]
    if root.has_error:
        # tree-sitter's recovery can fold the blocks after a typo into the
        # broken one; reading each top-level block on its own keeps one typo
        # from hiding the rest of the file.
        roots = _recovered_roots(data) or roots
    first_error = next((e for r in roots if r.has_error and (e := _first_error(r)) is not None), None)
    too_deep: Location | None = None
    for tree_root in roots:
        for body in (c for c in tree_root.children if c.type == "body"):
            for child in body.children:
                if child.type != "block" or child.has_error:
                    continue
                try:
                    blocks.append(reader.block(child))
                except (_TooDeep, RecursionError):
                    reader.depth = 0
                    too_deep = too_deep or reader.loc(child)
    if first_error is not None:
        location = reader.loc(first_error)
        problems.append(
            ParseProblem(
                f"syntax error{_snippet(data, first_error)}; "
                f"{len(blocks)} other top-level block(s) without errors were still analysed",
                Location(path, location.line, location.line, location.column, location.column + 1),
            )
        )
    if too_deep is not None:
        problems.append(
            ParseProblem(
                f"block nested more than {_MAX_DEPTH} levels deep was not analysed",
                Location(path, too_deep.line, too_deep.line, too_deep.column, too_deep.column + 1),
            )
        )
    comments = _srmlint_comments(reader, roots) if COMMENT_MARKER.encode() in data else []
    return blocks, problems, reader.opaque_refs, comments


_DEFINITION_KINDS: dict[str, DefinitionKind] = {
    "variable": "variable",
    "output": "output",
    "module": "module",
    "provider": "provider",
}


def _build(path: str, blocks: list[RawBlock], opaque_refs: dict[int, list[ex.Traversal]]) -> ParsedFile:
    scope = os.path.dirname(path) or "."
    resources: list[Resource] = []
    definitions: list[Definition] = []
    references: list[Reference] = []
    for block in blocks:
        kind, labels = block.type, block.labels
        if kind in ("resource", "data") and len(labels) == 2:
            rtype, name = labels
            mode: Literal["managed", "data"] = "managed" if kind == "resource" else "data"
            address = f"{rtype}.{name}" if mode == "managed" else f"data.{rtype}.{name}"
            resources.append(
                Resource(
                    format="terraform",
                    type=rtype,
                    name=name,
                    address=address,
                    attributes=block.body,
                    location=block.location,
                    scope=scope,
                    mode=mode,
                    locations=block.locations,
                )
            )
            references.extend(
                _collect_references(address, block.body, block.locations, block.location, scope, opaque_refs)
            )
        elif kind == "locals":
            for name, value in block.body.items():
                attr_loc = block.locations.get((name,), block.location)
                # a local's paths are relative to its value: () is the whole attribute
                local_locs = {p[1:]: loc for p, loc in block.locations.items() if p[:1] == (name,)}
                definition = Definition("local", name, value, attr_loc, scope, local_locs)
                definitions.append(definition)
                references.extend(
                    _collect_references(
                        definition.address, value, block.locations, attr_loc, scope, opaque_refs, (name,)
                    )
                )
        elif kind in _DEFINITION_KINDS and len(labels) == 1:
            name = labels[0]
            if kind == "provider" and isinstance(block.body.get("alias"), str):
                name = f"{name}.{block.body['alias']}"
            definition = Definition(
                _DEFINITION_KINDS[kind], name, block.body, block.location, scope, block.locations
            )
            definitions.append(definition)
            references.extend(
                _collect_references(
                    definition.address, block.body, block.locations, block.location, scope, opaque_refs
                )
            )
        elif kind == "terraform" and not labels:
            definitions.append(
                Definition("terraform", "terraform", block.body, block.location, scope, block.locations)
            )
    return ParsedFile(
        path=path,
        format="terraform",
        resources=tuple(resources),
        definitions=tuple(definitions),
        references=tuple(references),
    )


@shielded("terraform")
def parse_terraform(path: str, data: bytes) -> ParsedFile:
    """Read one ``.tf`` file into the model; bad input becomes ``problems``, never an exception."""
    blocks, problems, opaque_refs, comments = _read(data, path)
    parsed = _build(path, blocks, opaque_refs)
    if problems or comments:
        return ParsedFile(
            path, "terraform", parsed.resources, parsed.definitions, parsed.references, tuple(problems),
            tuple(comments),
        )
    return parsed


def _srmlint_comments(reader: _Reader, roots: list[tree_sitter.Node]) -> list[Comment]:
    """The comments that speak to srmlint, from tree-sitter's ``comment`` nodes
    (so a marker inside a string or heredoc is never mistaken for one)."""
    import tree_sitter

    language = _ts_parser().language
    assert language is not None  # the shared parser is always built with the HCL language
    query = tree_sitter.Query(language, "(comment) @comment")
    found: dict[int, Comment] = {}
    for root in roots:
        for node in tree_sitter.QueryCursor(query).captures(root).get("comment", []):
            text = reader.text(node)
            if COMMENT_MARKER in text:
                found[node.start_byte] = Comment(text, reader.loc(node))
    return [found[k] for k in sorted(found)]


def _read_expression(data: bytes) -> tuple[Any, dict[int, list[ex.Traversal]]] | None:
    """The value of the single attribute in ``data`` and its directive references, if it parses."""
    if b"\x00" in data:
        return None
    root = _ts_parser().parse(data).root_node
    if root.has_error:
        return None
    bodies = [c for c in root.children if c.type == "body"]
    if len(bodies) != 1:
        return None
    attributes = [c for c in bodies[0].children if c.type not in _SKIP_TYPES]
    if len(attributes) != 1 or attributes[0].type != "attribute":
        return None
    value_node = next((c for c in attributes[0].children if c.type == "expression"), None)
    if value_node is None:
        return None
    reader = _Reader("<expression>", data)
    try:
        return reader.value(value_node, (), {}), reader.opaque_refs
    except (_TooDeep, RecursionError):
        return None


def parse_expression(source: str) -> tuple[Any, list[ex.Traversal]] | None:
    """Read one HCL expression (a ``.tf.json`` meta-argument, a CLI value...).

    Returns ``(value, traversals)``: the static value or an Unknown, and the
    traversals it refers to (for-variables excluded), or ``None`` when the text
    is not exactly one valid expression.
    """
    read = _read_expression(f"x = {source}\n".encode())
    if read is None:
        return None
    value, opaque_refs = read
    if isinstance(value, Unknown):
        return value, references_in(value.expr, frozenset(), opaque_refs)
    return value, []


def parse_template(text: str) -> tuple[Any, dict[int, list[ex.Traversal]]] | None:
    """Read ``text`` as an HCL string template (a ``.tf.json`` string value).

    The text is already JSON-decoded, so backslashes must stay literal: it is
    read as a heredoc body (where only ``$${``/``%%{`` are escapes) under a
    marker that cannot occur in it. Returns the string or an Unknown whose
    ``text`` is ``text``, plus the directive references for
    :func:`references_in`; ``None`` when the template does not parse.
    """
    marker = "SRMLINT_EOT"
    while marker in text:
        marker += "_"
    read = _read_expression(f"x = <<{marker}\n{text}\n{marker}\n".encode())
    if read is None:
        return None
    value, opaque_refs = read
    if isinstance(value, str):
        return value[:-1], opaque_refs  # the newline before the closing marker is not part of text
    if isinstance(value, Unknown) and isinstance(value.expr, ex.Template):
        parts = list(value.expr.parts)
        last = parts[-1]
        if isinstance(last, ex.Literal) and isinstance(last.value, str) and last.value.endswith("\n"):
            if last.value == "\n":
                parts.pop()
            else:
                parts[-1] = ex.Literal(last.value[:-1])
        return Unknown(ex.Template(tuple(parts)), text), opaque_refs
    return None


class TerraformParser:
    """Claims ``*.tf`` files; ``*.tf.json`` belongs to ``tfjson.TerraformJsonParser``."""

    name = "terraform"
    formats: frozenset[str] = frozenset({"terraform"})
    module_context = True

    def claims(self, path: str) -> bool:
        return path.endswith(".tf")

    def parse(self, path: str, data: bytes) -> ParsedFile:
        return parse_terraform(path, data)
