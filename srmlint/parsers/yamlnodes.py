"""YAML and JSON text to plain Python values plus a source span for every value.

Why not ``yaml.load``: a loader gives values without positions, a composer
gives positions without values, and both recurse (libyaml's composer is
recursive C code that *segfaults* on ~100,000 nested ``[``), so neither is safe
on hostile input. This module reads libyaml's *event* stream instead (an
iterative state machine in C, faster than ``yaml.compose`` on real
templates), builds a light node tree with an explicit stack, and then walks
that tree once to produce:

* ``value``: plain data exactly as cfn-lint's decoder (``cfnlint.decode``)
  produces it -- the reference this module is tested against. Scalars are
  resolved with PyYAML's YAML 1.1 safe rules (``yes``/``no``/``on``/``off``
  are booleans, ``0755`` is octal 493, ``2010-09-09`` is a ``datetime.date``,
  ``1e5`` is the *string* ``"1e5"``); any local tag ``!Name`` becomes
  ``{"Fn::Name": ...}`` (``!Ref`` and ``!Condition`` keep their names),
  ``!GetAtt a.b`` becomes ``{"Fn::GetAtt": ["a", "b"]}``; a tagged scalar's
  argument is always its raw string (``!Ref 12`` is ``{"Ref": "12"}``).
* ``locations``: attribute path -> :class:`~srmlint.model.Location` of the
  value at that path; ``key_locations``: path -> span of the mapping key that
  introduced it. A tagged node is located both at its own path and at
  ``path + (fn_name,)``.
* ``problems``: duplicate keys (the last value is kept), and, when the text
  cannot be read at all, one fatal problem with ``failed=True``.

Hostile input is bounded rather than trusted: nesting deeper than
``max_depth`` and alias expansion producing more than ``max_nodes`` values
(a "billion laughs" alias bomb) give a fatal problem instead of exhausting the
stack, memory or time. Recursive aliases, duplicate anchors and multiple
documents are fatal, as they are for cfn-lint.

Spans are 1-based; ``end_column`` is exclusive (one past the last character),
as SARIF expects. A block scalar or block collection ends on its last
non-empty line, not where libyaml's next token starts.

:func:`compose_json` is a strict JSON reader with the same output, for files
whose JSON semantics matter (``.tf.json``: ``1e5`` is a number there).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from json.decoder import JSONDecodeError, scanstring  # type: ignore[attr-defined]
from json.scanner import NUMBER_RE
from typing import Any, Final

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.scanner import ScannerError

from srmlint.model import AttrPath, Location, ParseProblem

# Both loaders produce the same event classes; the C one is several times faster.
_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    from yaml import SafeLoader as _Loader

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "Composed",
    "compose",
    "compose_json",
    "default_node_budget",
    "fn_name",
]

#: Deeper than any real template (CloudFormation's own limit on nesting in a
#: template is far lower) yet shallow enough that recursive consumers of the
#: values stay well inside Python's default recursion limit.
DEFAULT_MAX_DEPTH: Final = 200

_STR: Final = "tag:yaml.org,2002:str"
_MAP: Final = "tag:yaml.org,2002:map"
_SEQ: Final = "tag:yaml.org,2002:seq"
_MERGE: Final = "tag:yaml.org,2002:merge"
_VALUE: Final = "tag:yaml.org,2002:value"
#: Scalar tags SafeConstructor turns into values; anything else (``!!set``,
#: ``!!python/...``, foreign URIs) has no constructor in cfn-lint's loader either.
_SCALAR_TAGS: Final = frozenset(
    "tag:yaml.org,2002:" + t for t in ("null", "bool", "int", "float", "binary", "timestamp", "str")
)
#: cfn-lint's ``UNCONVERTED_SUFFIXES``: short forms whose long form has no ``Fn::``.
_UNPREFIXED: Final = frozenset({"Ref", "Condition"})

_SCALAR, _SEQUENCE, _MAPPING = 0, 1, 2


def default_node_budget(text: str) -> int:
    """How many values a text may expand to before it counts as an alias bomb.

    Without aliases a text cannot produce more values than it has characters
    (two per value at best: ``[1,1,1]``), so a budget linear in its size never
    rejects an honest file, while keeping a bomb's cost linear in its size too.
    """
    return 100_000 + 2 * len(text)


def fn_name(tag_suffix: str) -> str:
    """The long-form key for a short-form tag: ``GetAtt`` -> ``Fn::GetAtt``, ``Ref`` -> ``Ref``."""
    return tag_suffix if tag_suffix in _UNPREFIXED else "Fn::" + tag_suffix


@dataclass(frozen=True, slots=True)
class Composed:
    """The result of reading one YAML/JSON text.

    ``failed`` means a fatal problem: ``value`` is ``None`` and the locations
    are empty. An empty stream (no document) is *not* a failure: ``value`` is
    ``None`` with no problems. Non-fatal problems (duplicate keys) leave a
    usable ``value``.
    """

    value: Any
    locations: dict[AttrPath, Location] = field(default_factory=dict)
    key_locations: dict[AttrPath, Location] = field(default_factory=dict)
    problems: tuple[ParseProblem, ...] = ()
    failed: bool = False

    def entry_location(self, path: AttrPath) -> Location | None:
        """The span of a mapping entry: from its key through the end of its value.

        Used for "the resource is here" marks, which should cover the logical
        id as well as the body.
        """
        value = self.locations.get(path)
        key = self.key_locations.get(path)
        if value is None or key is None:
            return value or key
        return Location(value.file, key.line, value.end_line, key.column, value.end_column)


class _Fatal(Exception):
    """Stops reading; carries the problem to report."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Node:
    """A composed node; lighter than ``yaml.Node`` and built without recursion.

    ``value`` is the scalar string, the list of child nodes, or, for a mapping,
    the flat list ``[key, value, key, value, ...]``. Marks are 0-based.
    """

    __slots__ = ("ec", "el", "flow", "kind", "sc", "sl", "tag", "value")

    def __init__(self, kind: int, tag: str, value: Any, sl: int, sc: int, el: int, ec: int,
                 flow: bool = False) -> None:
        self.kind = kind
        self.tag = tag
        self.value = value
        self.sl = sl
        self.sc = sc
        self.el = el
        self.ec = ec
        self.flow = flow


def _read_tree(text: str, max_depth: int) -> _Node | None:
    """Events to a node tree, iteratively; ``None`` for a stream with no document.

    Mirrors PyYAML's composer (tag resolution, anchors registered when a
    collection starts, so ``&a [*a]`` is caught as recursive) but bounds depth.
    """
    loader = _Loader(text)
    try:
        get_event = loader.get_event
        resolve = loader.resolve
        stack: list[_Node] = []
        anchors: dict[str, _Node] = {}
        anchor_marks: dict[str, tuple[int, int]] = {}
        open_anchored: set[int] = set()
        root: _Node | None = None
        documents = 0
        last_el = last_ec = 0
        while True:
            event = get_event()
            # ``type(event) is X`` (not isinstance) keeps the exact-class dispatch
            # and is what lets mypy narrow ``event`` per branch. libyaml sets both
            # marks on every event it makes; the stubs type them Optional because
            # hand-made events may omit them, hence the asserts.
            node: _Node
            if type(event) is ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(ScalarNode, event.value, event.implicit)
                start, end = event.start_mark, event.end_mark
                assert start is not None and end is not None
                node = _Node(_SCALAR, tag, event.value, start.line, start.column, end.line, end.column)
                last_el, last_ec = end.line, end.column
            elif type(event) is MappingStartEvent or type(event) is SequenceStartEvent:
                is_map = type(event) is MappingStartEvent
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _MAP if is_map else _SEQ
                start = event.start_mark
                assert start is not None
                node = _Node(_MAPPING if is_map else _SEQUENCE, tag, [], start.line, start.column,
                             start.line, start.column, bool(event.flow_style))
                if len(stack) >= max_depth:
                    raise _Fatal(f"nesting deeper than {max_depth} levels", start.line + 1, start.column + 1)
            elif type(event) is MappingEndEvent or type(event) is SequenceEndEvent:
                done = stack.pop()
                if done.flow or not done.value:
                    end = event.end_mark
                    assert end is not None
                    done.el, done.ec = end.line, end.column
                else:
                    done.el, done.ec = last_el, last_ec
                last_el, last_ec = done.el, done.ec
                open_anchored.discard(id(done))
                continue
            elif type(event) is AliasEvent:
                start, end = event.start_mark, event.end_mark
                assert start is not None and end is not None
                assert event.anchor is not None  # an alias always names its anchor
                target = anchors.get(event.anchor)
                if target is None:
                    raise _Fatal(f"found undefined alias {event.anchor!r}", start.line + 1, start.column + 1)
                if id(target) in open_anchored:
                    raise _Fatal(f"recursive alias {event.anchor!r}", start.line + 1, start.column + 1)
                last_el, last_ec = end.line, end.column
                if stack:
                    stack[-1].value.append(target)
                else:
                    root = target
                continue
            elif type(event) is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    start = event.start_mark
                    assert start is not None
                    raise _Fatal("expected a single document in the stream but found another document",
                                 start.line + 1, start.column + 1)
                continue
            elif type(event) is StreamEndEvent:
                return root
            else:
                continue
            anchor = event.anchor
            if anchor is not None:
                if anchor in anchors:
                    first = anchor_marks[anchor]
                    raise _Fatal(f"found duplicate anchor {anchor!r} (first occurrence at line {first[0]})",
                                 node.sl + 1, node.sc + 1)
                anchors[anchor] = node
                anchor_marks[anchor] = (node.sl + 1, node.sc + 1)
                if node.kind != _SCALAR:
                    open_anchored.add(id(node))
            if stack:
                stack[-1].value.append(node)
            else:
                root = node
            if node.kind != _SCALAR:
                stack.append(node)
    finally:
        loader.dispose()


class _Builder:
    """Walks the node tree once, producing values, locations and problems.

    Recursive, but every call is at most ``max_depth`` deep (aliases included),
    and every produced value counts against ``budget``.
    """

    def __init__(self, text: str, file: str, max_depth: int, budget: int) -> None:
        self.text = text
        self.file = file
        self.max_depth = max_depth
        self.budget = budget
        self.count = 0
        self.locations: dict[AttrPath, Location] = {}
        self.key_locations: dict[AttrPath, Location] = {}
        self.problems: list[ParseProblem] = []
        self.constructor = SafeConstructor()
        self.memo: dict[tuple[str, str], Any] = {}
        self._lines: list[str] | None = None

    def loc(self, node: _Node) -> Location:
        """The node's span; block scalars/collections end on their last non-empty line."""
        el, ec = node.el, node.ec
        if ec == 0 and el > node.sl:
            if self._lines is None:
                self._lines = self.text.split("\n")
            lines = self._lines
            el -= 1
            while el > node.sl and not lines[el].strip():
                el -= 1
            ec = len(lines[el].rstrip("\r")) if el < len(lines) else 0
        return Location(self.file, node.sl + 1, el + 1, node.sc + 1, ec + 1)

    def fatal(self, message: str, node: _Node) -> _Fatal:
        return _Fatal(message, node.sl + 1, node.sc + 1)

    def build(self, node: _Node, path: AttrPath, depth: int) -> Any:
        self.count += 1
        if self.count > self.budget:
            raise self.fatal(f"document expands to more than {self.budget} values (alias bomb?)", node)
        if depth > self.max_depth:
            raise self.fatal(f"nesting deeper than {self.max_depth} levels (through aliases)", node)
        self.locations[path] = self.loc(node)
        tag = node.tag
        kind = node.kind
        if kind == _SCALAR and tag == _STR:
            return node.value
        if tag[0] == "!":
            return self.intrinsic(node, path, depth)
        if kind == _SCALAR:
            return self.scalar(node)
        if kind == _SEQUENCE:
            if tag != _SEQ:
                raise self.fatal(f"could not determine a constructor for the tag {tag!r}", node)
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if tag != _MAP:
            raise self.fatal(f"could not determine a constructor for the tag {tag!r}", node)
        return self.mapping(node, path, depth)

    def scalar(self, node: _Node) -> Any:
        """Resolve a scalar with SafeConstructor itself, so the YAML 1.1 rules match exactly."""
        key = (node.tag, node.value)
        try:
            return self.memo[key]
        except KeyError:
            pass
        if node.tag not in _SCALAR_TAGS:
            raise self.fatal(f"could not determine a constructor for the tag {node.tag!r}", node)
        constructor = SafeConstructor.yaml_constructors[node.tag]
        try:
            value = constructor(self.constructor, ScalarNode(node.tag, node.value))
        except Exception as exc:
            raise self.fatal(f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {exc}",
                             node) from None
        self.memo[key] = value
        return value

    def key(self, node: _Node) -> Any:
        if node.kind == _SCALAR:
            if node.tag == _STR or node.tag == _VALUE:
                return node.value
            if node.tag[0] != "!":
                value = self.scalar(node)
                if value is None:
                    raise self.fatal(f"null key {node.value!r} not supported", node)
                return value
        raise self.fatal("found unhashable key (a mapping key must be a scalar)", node)

    def mapping(self, node: _Node, path: AttrPath, depth: int) -> dict[Any, Any]:
        """A mapping with PyYAML's merge semantics; duplicate own keys are problems.

        ``<<`` sources are applied first (the first source in a ``<<`` list
        wins over later ones, a later ``<<`` key over an earlier one), then the
        mapping's own keys override them, exactly as SafeConstructor's
        ``flatten_mapping``. Merged keys are located at this mapping's path.
        """
        items = node.value
        result: dict[Any, Any] = {}
        own: list[tuple[_Node, _Node]] = []
        for i in range(0, len(items), 2):
            key_node, value_node = items[i], items[i + 1]
            if key_node.kind == _SCALAR and key_node.tag == _MERGE:
                if value_node.kind == _MAPPING:
                    sources = [value_node]
                elif value_node.kind == _SEQUENCE:
                    sources = list(reversed(value_node.value))
                    for source in sources:
                        if source.kind != _MAPPING:
                            raise self.fatal("expected a mapping for merging", source)
                else:
                    raise self.fatal("expected a mapping or list of mappings for merging", value_node)
                for source in sources:
                    self.count += 1
                    if depth + 1 > self.max_depth:
                        raise self.fatal(f"nesting deeper than {self.max_depth} levels (through aliases)",
                                         source)
                    result.update(self.mapping(source, path, depth + 1))
            else:
                own.append((key_node, value_node))
        seen: dict[Any, int] = {}
        for key_node, value_node in own:
            key = self.key(key_node)
            try:
                first_line = seen.get(key)
            except TypeError:
                raise self.fatal("found unhashable key", key_node) from None
            if first_line is not None:
                self.problems.append(ParseProblem(
                    f"duplicate key {key!r} (first at line {first_line}); the last value is used",
                    Location(self.file, key_node.sl + 1, key_node.sl + 1, key_node.sc + 1,
                             key_node.ec + 1)))
            else:
                seen[key] = key_node.sl + 1
            child = (*path, key)
            result[key] = self.build(value_node, child, depth + 1)
            self.key_locations[child] = self.loc(key_node)
        return result

    def intrinsic(self, node: _Node, path: AttrPath, depth: int) -> dict[str, Any]:
        """``!Name arg`` -> ``{"Fn::Name": arg}``, following cfn-lint's ``multi_constructor``."""
        name = fn_name(node.tag[1:])
        inner_path = (*path, name)
        self.locations[inner_path] = self.loc(node)
        inner: Any
        if node.kind == _SCALAR:
            inner = node.value.split(".", 1) if name == "Fn::GetAtt" else node.value
        elif node.kind == _SEQUENCE:
            inner = [self.build(child, (*inner_path, i), depth + 2) for i, child in enumerate(node.value)]
        elif name == "Fn::GetAtt" and not node.value:
            inner = []  # cfn-lint: an empty mapping node's value is an empty list
        else:
            inner = self.mapping(node, inner_path, depth + 1)
        return {name: inner}


def _fatal_problem(file: str, message: str, line: int, column: int) -> Composed:
    return Composed(None, problems=(ParseProblem(message, Location(file, line, line, column, column)),),
                    failed=True)


def _yaml_error(text: str, file: str, error: yaml.YAMLError) -> Composed:
    """A libyaml error as a problem with the parser's own line and column."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
        return _fatal_problem(file, message, mark.line + 1, mark.column + 1)
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml reports a byte offset into the UTF-8 encoding of the text.
        prefix = text.encode("utf-8", "surrogatepass")[: error.position]
        line = prefix.count(b"\n") + 1
        column = len(prefix[prefix.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        char = error.character
        shown = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return _fatal_problem(file, f"unacceptable character {shown}: {error.reason}", line, column)
    return _fatal_problem(file, f"invalid YAML: {error}", 1, 1)


def _wants_json_fallback(error: yaml.YAMLError) -> bool:
    """cfn-lint re-reads a text as JSON on exactly these scanner errors (tabs, ``\\/``).

    libyaml accepts both in JSON, so this only fires with the pure-Python loader.
    """
    if not isinstance(error, ScannerError) or not error.problem:
        return False
    return (error.problem == "found character '\\t' that cannot start any token"
            or error.problem.startswith("found unknown escape character"))


def compose(text: str, file: str, *, max_depth: int = DEFAULT_MAX_DEPTH,
            max_nodes: int | None = None) -> Composed:
    """Read YAML (or JSON, which YAML 1.1 mostly contains) the way cfn-lint's decoder does.

    Never raises on bad text: every failure is a problem with a line. A
    leading BOM is ignored. ``max_nodes`` defaults to
    :func:`default_node_budget`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    budget = default_node_budget(text) if max_nodes is None else max_nodes
    try:
        root = _read_tree(text, max_depth)
        if root is None:
            return Composed(None)
        builder = _Builder(text, file, max_depth, budget)
        value = builder.build(root, (), 0)
    except _Fatal as fatal:
        return _fatal_problem(file, fatal.message, fatal.line, fatal.column)
    except yaml.YAMLError as error:
        if _wants_json_fallback(error):
            return compose_json(text, file, max_depth=max_depth)
        return _yaml_error(text, file, error)
    return Composed(value, builder.locations, builder.key_locations, tuple(builder.problems))


# --- JSON ------------------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_CONSTANTS: Final[dict[str, Any]] = {
    "null": None, "true": True, "false": False,
    "NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf"),
}


class _JSONFail(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


class _JSONReader:
    """A recursive-descent JSON reader with spans; values are those of ``json.loads``.

    Strings go through the stdlib's C ``scanstring``, numbers through its
    ``NUMBER_RE``, so escapes, control characters and number syntax are
    judged exactly as ``json`` judges them.
    """

    def __init__(self, text: str, file: str, max_depth: int) -> None:
        self.text = text
        self.file = file
        self.max_depth = max_depth
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.locations: dict[AttrPath, Location] = {}
        self.key_locations: dict[AttrPath, Location] = {}
        self.problems: list[ParseProblem] = []

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.newlines, index)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, index - start + 1

    def span(self, start: int, end: int) -> Location:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Location(self.file, line, end_line, column, end_column)

    def skip(self, index: int) -> int:
        match = _WS.match(self.text, index)
        return match.end() if match else index

    def string(self, index: int) -> tuple[str, int]:
        try:
            return scanstring(self.text, index + 1, True)
        except JSONDecodeError as error:
            raise _JSONFail(error.msg, error.pos) from None

    def value(self, index: int, path: AttrPath, depth: int) -> tuple[Any, int]:
        text = self.text
        if depth > self.max_depth:
            raise _JSONFail(f"nesting deeper than {self.max_depth} levels", index)
        char = text[index:index + 1]
        result: Any
        if char == '"':
            result, end = self.string(index)
        elif char == "{":
            result, end = self.object(index, path, depth)
        elif char == "[":
            result, end = self.array(index, path, depth)
        else:
            number = NUMBER_RE.match(text, index)
            if number is not None:
                integer, fraction, exponent = number.groups()
                is_float = bool(fraction or exponent)
                digits = integer + (fraction or "") + (exponent or "")
                result = float(digits) if is_float else int(digits)
                end = number.end()
            else:
                for word, constant in _CONSTANTS.items():
                    if text.startswith(word, index):
                        result, end = constant, index + len(word)
                        break
                else:
                    raise _JSONFail("Expecting value", index)
        self.locations[path] = self.span(index, end)
        return result, end

    def object(self, index: int, path: AttrPath, depth: int) -> tuple[dict[str, Any], int]:
        text = self.text
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        index = self.skip(index + 1)
        if text[index:index + 1] == "}":
            return result, index + 1
        while True:
            if text[index:index + 1] != '"':
                raise _JSONFail("Expecting property name enclosed in double quotes", index)
            key_start = index
            key, key_end = self.string(index)
            index = self.skip(key_end)
            if text[index:index + 1] != ":":
                raise _JSONFail("Expecting ':' delimiter", index)
            index = self.skip(index + 1)
            child = (*path, key)
            key_loc = self.span(key_start, key_end)
            if key in first_lines:
                self.problems.append(ParseProblem(
                    f"duplicate key {key!r} (first at line {first_lines[key]}); the last value is used",
                    key_loc))
            else:
                first_lines[key] = key_loc.line
            result[key], index = self.value(index, child, depth + 1)
            self.key_locations[child] = key_loc
            index = self.skip(index)
            char = text[index:index + 1]
            if char == ",":
                index = self.skip(index + 1)
            elif char == "}":
                return result, index + 1
            else:
                raise _JSONFail("Expecting ',' delimiter", index)

    def array(self, index: int, path: AttrPath, depth: int) -> tuple[list[Any], int]:
        text = self.text
        result: list[Any] = []
        index = self.skip(index + 1)
        if text[index:index + 1] == "]":
            return result, index + 1
        while True:
            item, index = self.value(index, (*path, len(result)), depth + 1)
            result.append(item)
            index = self.skip(index)
            char = text[index:index + 1]
            if char == ",":
                index = self.skip(index + 1)
            elif char == "]":
                return result, index + 1
            else:
                raise _JSONFail("Expecting ',' delimiter", index)


def compose_json(text: str, file: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Composed:
    """Read strict JSON with spans. Never raises; a leading BOM is ignored.

    Duplicate keys are problems and the last value is kept (as ``json.loads``
    does). Empty text is a failure, as it is for ``json.loads``.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = _JSONReader(text, file, max_depth)
    try:
        value, end = reader.value(reader.skip(0), (), 0)
        end = reader.skip(end)
        if end != len(text):
            raise _JSONFail("Extra data", end)
    except _JSONFail as fail:
        line, column = reader.position(fail.index)
        return _fatal_problem(file, f"invalid JSON: {fail.message}", line, column)
    return Composed(value, reader.locations, reader.key_locations, tuple(reader.problems))
