"""CloudFormation (and SAM) templates, YAML or JSON, into the common model.

Reading is done by :mod:`srmlint.parsers.yamlnodes`, which produces the same
values as cfn-lint's decoder without importing cfn-lint (0.3-0.6 s of import
time that a plain scan must not pay).

Conventions a consumer needs to know:

* ``Resource.attributes`` is the converted ``Properties`` mapping;
  ``Resource.locations`` paths are relative to ``Properties``. The other
  resource keys (``DependsOn``, ``Condition``, ``Metadata``, ...) are in
  ``Resource.meta``, located under the :data:`META` prefix:
  ``(META, "DependsOn", 0)``. A ``Properties`` that is itself an intrinsic
  (``Properties: !If [...]``) is kept as ``meta["Properties"]`` and the
  attributes are empty, since no property is stated statically.
* An intrinsic function (a one-key mapping whose key is ``Ref`` or starts with
  ``Fn::``) becomes :class:`~srmlint.model.Unknown` holding an
  :class:`~srmlint.model.Intrinsic` whose args are the raw decoded value.
* References from an output use the output's definition address,
  ``cfn_output.<Name>``, as their source: outputs and resources are separate
  namespaces in CloudFormation, so a bare output name could collide with a
  resource's logical id.
"""

from __future__ import annotations

import codecs
import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Final

from srmlint.model import (
    GENERATED,
    AttrPath,
    Definition,
    DefinitionKind,
    Intrinsic,
    Location,
    ParsedFile,
    ParseProblem,
    Reference,
    Resource,
    Unknown,
)
from srmlint.parsers import shielded
from srmlint.parsers.yamlnodes import Composed, compose

__all__ = [
    "GLOBALS_APPLIED",
    "META",
    "CloudFormationParser",
    "convert",
    "intrinsic_references",
    "intrinsic_text",
    "looks_like_cloudformation",
    "parse_cloudformation",
]

#: First element of ``Resource.locations`` paths that point into ``meta``.
META: Final = "<meta>"

#: Resource type namespaces that mark a template: AWS (SAM's
#: ``AWS::Serverless::`` included), custom resources and Alexa skills.
_TYPE_NAMESPACES: Final = ("AWS::", "Custom::", "Alexa::")

#: The byte-level prefilter. Loose on purpose (it only has to keep every
#: template; the structural check after parsing decides), yet ``\b`` keeps
#: look-alikes such as Config's ``ResourceType: AWS::...`` in non-templates out.
_PREFILTER: Final = re.compile(
    rb"AWSTemplateFormatVersion|\bType[\"']?\s*:\s*[\"']?(?:AWS|Custom|Alexa)::"
)

_SECTIONS: Final[dict[str, DefinitionKind]] = {
    "Parameters": "parameter",
    "Conditions": "condition",
    "Mappings": "mapping",
    "Outputs": "cfn_output",
    # SAM's Globals, one definition per section (Function, Api, ...): merged
    # into the AWS::Serverless::* resources by the resolve stage.
    "Globals": "sam_globals",
}

#: ``Resource.meta`` key the resolve stage sets on each ``AWS::Serverless::*``
#: resource once its template's ``Globals`` are merged into its properties
#: (the value: the section merged, or None when no section applies). Without
#: it a property such a resource leaves out may still come from ``Globals``.
GLOBALS_APPLIED: Final = "<globals-applied>"

_SUB_VARIABLE: Final = re.compile(r"\$\{([^}]*)\}")


def looks_like_cloudformation(data: bytes) -> bool:
    """Whether ``data`` may be a template; ``False`` is certain, ``True`` is a guess.

    Most YAML/JSON in a repository (package.json, CI configs, test events)
    is not CloudFormation; one regex search over the bytes dismisses it
    without a YAML parse.
    """
    return _PREFILTER.search(data) is not None


class CloudFormationParser:
    """The CloudFormation reader as a :class:`srmlint.parsers.Parser`."""

    name = "cloudformation"
    formats: frozenset[str] = frozenset({"cloudformation"})
    module_context = False

    def claims(self, path: str) -> bool:
        lower = path.lower()
        return lower.endswith((".yaml", ".yml", ".json", ".template")) and not lower.endswith(".tf.json")

    def parse(self, path: str, data: bytes) -> ParsedFile:
        return parse_cloudformation(path, data)


@shielded("cloudformation")
def parse_cloudformation(path: str, data: bytes) -> ParsedFile:
    """Read one file. Never raises: bad input becomes ``problems``.

    ``format`` is ``None`` when the file is not a template (fails the
    prefilter, or parses to something without template structure).
    """
    return _parse(path, data)


def _problem(message: str, location: Location) -> ParseProblem:
    return ParseProblem(message, location)


#: The byte order marks of the other encodings YAML allows (UTF-32 first:
#: its little-endian mark starts with UTF-16's).
_WIDE_BOMS: Final = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _from_wide(path: str, data: bytes) -> bytes | ParsedFile:
    """UTF-16/32 text with a byte order mark, as UTF-8; other bytes as they are.

    YAML allows these encodings and editors on Windows write UTF-16 with a
    mark, so such a file may well be a template someone deploys. A security
    linter that called it "not a template" (the byte prefilter sees only
    NULs) would skip it silently; decoding costs one pass over the bytes.
    Without a mark the encoding is a guess, and such a file stays unread.
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeError as error:
                if not looks_like_cloudformation(data.decode(codec, "replace").encode("utf-8")):
                    return ParsedFile(path, None)  # broken, and nothing like a template either
                return ParsedFile(path, "cloudformation", problems=(_problem(
                    f"file starts with a {codec.upper()} byte order mark but is not valid {codec.upper()} "
                    f"({error})", Location(path, 1, 1)),))
    return data


def _parse(path: str, data: bytes) -> ParsedFile:
    wide = _from_wide(path, data)
    if isinstance(wide, ParsedFile):
        return wide
    data = wide
    if not looks_like_cloudformation(data):
        return ParsedFile(path, None)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return ParsedFile(path, "cloudformation", problems=(_problem(
            f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            Location(path, line, line, column, column)),))
    composed = compose(text, path)
    if composed.failed:
        if composed.problems and composed.problems[0].message.startswith(_SECOND_DOCUMENT):
            return _several_documents(path, text, composed.problems[0].location)
        return ParsedFile(path, "cloudformation", problems=composed.problems)
    document = composed.value
    if not _is_template(document):
        return ParsedFile(path, None)
    return _Template(path, composed).read()


#: How :func:`~srmlint.parsers.yamlnodes.compose` reports a second YAML document.
_SECOND_DOCUMENT: Final = "expected a single document"


def _several_documents(path: str, text: str, second: Location) -> ParsedFile:
    """A YAML stream of several documents (``---`` separators).

    CloudFormation reads a template file as one YAML document and rejects a
    stream of several (as cfn-lint and ``yaml.safe_load`` do), so srmlint does
    not pick one and analyse it as if it were deployed: when a document is a
    template, the file is one ``SRM000`` saying so, at the separator that
    starts the second document. A multi-document file none of whose
    documents is a template (Kubernetes manifests that mention an
    ``AWS::`` type) is not a template: nothing is said about it.

    Each document is read on its own by the same bounded reader (never by
    PyYAML's recursive composer, which a deeply nested document crashes).
    """
    lines = text.splitlines(keepends=True)
    documents = 0
    template = False
    rest, offset, at = text, 0, second.line
    while rest and documents < _MAX_DOCUMENTS:
        cut = sum(len(line) for line in lines[offset:at - 1]) if at > offset else len(rest)
        composed = compose(rest[:cut], path)
        documents += 1
        template = template or (not composed.failed and _is_template(composed.value))
        rest, offset = rest[cut:], at - 1
        if not rest:
            break
        tail = compose(rest, path)
        if not (tail.failed and tail.problems and tail.problems[0].message.startswith(_SECOND_DOCUMENT)):
            documents += 1
            template = template or (not tail.failed and _is_template(tail.value))
            break
        at = offset + tail.problems[0].location.line
    if not template:
        return ParsedFile(path, None)
    return ParsedFile(path, "cloudformation", problems=(_problem(
        f"file holds {documents} YAML documents (the second starts here); CloudFormation accepts one "
        "template per file and rejects this one, so it is not analysed: put each template in its own file",
        second),))


#: Documents looked at in a multi-document file before giving up on finding a template.
_MAX_DOCUMENTS: Final = 64


def _typed(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    kind = entry.get("Type")
    return isinstance(kind, str) and kind.startswith(_TYPE_NAMESPACES)


def _is_template(document: Any) -> bool:
    """The structural test: a format version, or resources typed in a CloudFormation namespace.

    A non-mapping ``Resources`` whose items are typed resources still counts,
    so that the mistake is reported rather than the file silently skipped.
    """
    if not isinstance(document, dict):
        return False
    if "AWSTemplateFormatVersion" in document:
        return True
    resources = document.get("Resources")
    if isinstance(resources, dict):
        return any(_typed(entry) for entry in resources.values())
    if isinstance(resources, list):
        return any(_typed(entry) for entry in resources)
    return False


def _short_name(name: str) -> str:
    return name[4:] if name.startswith("Fn::") else name


def intrinsic_text(name: str, args: Any) -> str:
    """The short-form spelling of an intrinsic, for messages (``!GetAtt A.Arn``)."""
    short = _short_name(name)
    if name == "Fn::GetAtt" and isinstance(args, list) and all(isinstance(a, str) for a in args):
        return f"!GetAtt {'.'.join(args)}"
    if isinstance(args, str):
        return f"!{short} {args}"
    rendered = json.dumps(args, default=str, separators=(", ", ": "))
    if len(rendered) > 80:
        rendered = rendered[:77] + "..."
    return f"!{short} {rendered}"


def _is_intrinsic(value: dict[Any, Any]) -> bool:
    if len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def convert(value: Any) -> Any:
    """Decoded data to model data: intrinsics become Unknown, YAML-only scalars plain.

    Dates and timestamps (YAML 1.1 resolves an unquoted ``2010-09-09``) come
    back as their ISO text, ``!!binary`` as text, so rules only ever see the
    model's plain types. Depth is bounded by the reader.
    """
    if isinstance(value, dict):
        if _is_intrinsic(value):
            ((name, args),) = value.items()
            return Unknown(Intrinsic(name, args), intrinsic_text(name, args))
        return {key: convert(item) for key, item in value.items()}
    if isinstance(value, list):
        return [convert(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _walk_intrinsics(value: Any, path: AttrPath) -> Iterator[tuple[str, Any, AttrPath]]:
    """Every intrinsic inside ``value`` (nested ones too), with its path."""
    stack: list[tuple[Any, AttrPath]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            if _is_intrinsic(item):
                ((name, args),) = item.items()
                yield name, args, where
            for key, child in reversed(list(item.items())):
                stack.append((child, (*where, key)))
        elif isinstance(item, list):
            for index in range(len(item) - 1, -1, -1):
                stack.append((item[index], (*where, index)))


def intrinsic_references(value: Any, path: AttrPath = ()) -> Iterator[tuple[str, str | None, AttrPath]]:
    """(logical id, attribute, path) of every reference in decoded ``value``
    at ``path``: for values a later stage moves (SAM ``Globals`` merged into
    a resource), which then refer from their new place."""
    for name, args, where in _walk_intrinsics(value, path):
        for target, attribute in _targets(name, args):
            yield target, attribute, where


def _split_attribute(text: str) -> tuple[str, str | None]:
    target, dot, attribute = text.partition(".")
    return target, (attribute if dot else None)


def _targets(name: str, args: Any) -> Iterator[tuple[str, str | None]]:
    """(logical id, attribute) pairs one intrinsic refers to; pseudo-parameters skipped."""
    if name == "Ref":
        if isinstance(args, str) and args and not args.startswith("AWS::"):
            yield args, None
    elif name == "Fn::GetAtt":
        if isinstance(args, str):
            target, attribute = _split_attribute(args)
            if target:
                yield target, attribute
        elif isinstance(args, list) and args and isinstance(args[0], str) and args[0]:
            rest = args[1:]
            attribute = ".".join(rest) if rest and all(isinstance(a, str) for a in rest) else None
            yield args[0], attribute
    elif name == "Fn::Sub":
        template: Any = args
        bound: set[str] = set()
        if isinstance(args, list) and args:
            template = args[0]
            if len(args) > 1 and isinstance(args[1], dict):
                bound = {key for key in args[1] if isinstance(key, str)}
        if not isinstance(template, str):
            return
        for match in _SUB_VARIABLE.finditer(template):
            variable = match.group(1).strip()
            if not variable or variable.startswith("!") or variable in bound:
                continue
            target, attribute = _split_attribute(variable)
            if target in bound or target.startswith("AWS::"):
                continue
            yield target, attribute


class _Template:
    """One decoded template, turned into resources, definitions and references."""

    def __init__(self, path: str, composed: Composed) -> None:
        self.path = path
        self.composed = composed
        self.document: dict[Any, Any] = composed.value
        self.problems: list[ParseProblem] = list(composed.problems)
        self.references: list[Reference] = []
        self._seen_references: set[tuple[str, str, str | None, AttrPath]] = set()
        #: Steps of ``Fn::ForEach`` loops taken so far, and the loops reported (see for_each).
        self.steps = 0
        self.refused: set[AttrPath] = set()
        self.loop_bodies: dict[AttrPath, dict[AttrPath, Location]] = {}
        # Locations grouped by (section, entry name), relative to the entry's value,
        # so each resource takes its own in one look-up instead of a scan of all.
        self.grouped: dict[AttrPath, dict[AttrPath, Location]] = {}
        for where, location in composed.locations.items():
            if len(where) >= 2:
                self.grouped.setdefault(where[:2], {})[where[2:]] = location

    def where(self, path: AttrPath) -> Location:
        """The span of ``path``, or of its longest located prefix."""
        locations = self.composed.locations
        for end in range(len(path), -1, -1):
            found = locations.get(path[:end])
            if found is not None:
                return found
        return Location(self.path, 1, 1)

    def entry(self, path: AttrPath) -> Location:
        return self.composed.entry_location(path) or self.where(path)

    def read(self) -> ParsedFile:
        definitions = self.definitions()
        resources = self.resources()
        return ParsedFile(
            self.path, "cloudformation", tuple(resources), tuple(definitions),
            tuple(self.references), tuple(self.problems),
        )

    def add_references(self, source: str, value: Any, absolute: AttrPath, relative: AttrPath) -> None:
        """Record the references inside ``value`` (at ``absolute`` in the document).

        ``relative`` replaces ``absolute``'s prefix in the recorded paths.
        """
        cut = len(absolute)
        for name, args, where in _walk_intrinsics(value, absolute):
            for target, attribute in _targets(name, args):
                path = (*relative, *where[cut:])
                key = (source, target, attribute, path)
                if key in self._seen_references:
                    continue
                self._seen_references.add(key)
                self.references.append(
                    Reference(source, target, attribute, path, self.where(where), self.path))

    def definitions(self) -> list[Definition]:
        found: list[Definition] = []
        for section, kind in _SECTIONS.items():
            entries = self.document.get(section)
            if entries is None:
                continue
            if not isinstance(entries, dict):
                self.problems.append(_problem(f"{section} must be a mapping", self.where((section,))))
                continue
            for name, body in entries.items():
                definition = Definition(
                    kind, str(name), convert(body), self.entry((section, name)), self.path,
                    self.grouped.get((section, name), {}),
                )
                found.append(definition)
                if kind == "cfn_output":
                    self.add_references(definition.address, body, (section, name), ())
        return found

    def resources(self) -> list[Resource]:
        entries = self.document.get("Resources")
        if entries is None:
            return []
        if not isinstance(entries, dict):
            self.problems.append(_problem(
                f"Resources must be a mapping of logical ids to resources, not a {_kind(entries)}",
                self.where(("Resources",))))
            return []
        found: list[Resource] = []
        for logical_id, body in entries.items():
            if str(logical_id).startswith("Fn::ForEach::"):
                found.extend(self.for_each(str(logical_id), body, ("Resources", logical_id), {}, 1))
                continue
            resource = self.resource(logical_id, body)
            if resource is not None:
                found.append(resource)
        return found

    def for_each(self, name: str, spec: Any, path: AttrPath, bound: dict[str, str], depth: int) -> list[Resource]:
        """The resources of an ``Fn::ForEach`` loop (``AWS::LanguageExtensions``),
        one per item of its collection, as CloudFormation expands them: the
        identifier replaced in the logical id (``${Name}``, ``&{Name}``) and in
        the body's ``Ref`` and ``Fn::Sub``. A collection must be a literal list
        or a ``Ref`` to a list parameter (its ``Default``); a loop that cannot
        be expanded is an SRM000 (once per loop), never a silent gap. Nested
        loops multiply, so all the loops of a template share one budget of
        steps: past it, the rest is reported, not expanded."""

        def refuse(why: str) -> list[Resource]:
            if path not in self.refused:
                self.refused.add(path)
                self.problems.append(_problem(
                    f"{name} (AWS::LanguageExtensions) is not expanded: {why}; the resources it declares are "
                    "not analysed", self.entry(path)))
            return []

        if depth > _MAX_FOR_EACH_DEPTH:
            return refuse(f"loops nest more than {_MAX_FOR_EACH_DEPTH} deep")
        if not (isinstance(spec, list) and len(spec) == 3 and isinstance(spec[0], str) and spec[0]
                and isinstance(spec[2], dict)):
            return refuse("it must be [Identifier, Collection, {OutputKey: OutputValue}]")
        identifier, collection, template = spec[0], _bind(spec[1], bound), spec[2]
        items = self.collection(collection)
        if items is None:
            return refuse("its collection is not a list known statically (a literal list, or a Ref to a list "
                          "parameter with a Default)")
        found: list[Resource] = []
        for item in items:
            inner = {**bound, identifier: item}
            for key, value in template.items():
                if self.steps >= _MAX_FOR_EACH_STEPS:
                    return found + refuse(f"the template's loops expand to more than {_MAX_FOR_EACH_STEPS} "
                                          "items; the rest")
                self.steps += 1
                where: AttrPath = (*path, 2, key)
                if str(key).startswith("Fn::ForEach::"):
                    found.extend(self.for_each(str(key), value, where, inner, depth + 1))
                    continue
                resource = self.resource(_loop_key(str(key), inner), _bind(value, inner), where)
                if resource is not None:
                    found.append(replace(resource, meta={**resource.meta, GENERATED: True}))
        return found

    def loop_body(self, base: AttrPath) -> dict[AttrPath, Location]:
        """The locations inside a loop's output body, relative to it: the same
        for every item, so gathered once per body, not once per item."""
        found = self.loop_bodies.get(base)
        if found is None:
            cut = len(base) - 2
            found = self.loop_bodies[base] = {
                where[cut:]: span for where, span in self.grouped.get(base[:2], {}).items() if where[:cut] == base[2:]}
        return found

    def collection(self, value: Any) -> list[str] | None:
        """The items of a loop's collection, when static."""
        if isinstance(value, dict) and set(value) == {"Ref"} and isinstance(value["Ref"], str):
            parameters = self.document.get("Parameters")
            parameter = parameters.get(value["Ref"]) if isinstance(parameters, dict) else None
            value = parameter.get("Default") if isinstance(parameter, dict) else None
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                                  for v in value):
            return None
        return [str(v) for v in value]

    def resource(self, logical_id: Any, body: Any, base: AttrPath | None = None) -> Resource | None:
        """One resource; ``base`` is where its body is in the document, when
        not under its own logical id (a resource an ``Fn::ForEach`` declares)."""
        base = ("Resources", logical_id) if base is None else base
        location = self.entry(base)
        name = str(logical_id)
        if not isinstance(body, dict):
            self.problems.append(_problem(
                f"resource {name} must be a mapping, not a {_kind(body)}", location))
            return None
        if "Type" not in body:
            self.problems.append(_problem(f"resource {name} has no Type", location))
            return None
        kind = body["Type"]
        if not isinstance(kind, str):
            shown = intrinsic_text(*next(iter(kind.items()))) if isinstance(kind, dict) and kind else kind
            self.problems.append(_problem(
                f"resource {name} has a Type that is not a string ({shown!s:.80}); it is not analysed",
                self.where((*base, "Type"))))
            return None
        relative = self.grouped.get(base, {}) if len(base) == 2 else self.loop_body(base)
        locations: dict[AttrPath, Location] = {}
        for where, span in relative.items():
            if not where:
                continue
            if where[0] == "Properties":
                locations[where[1:]] = span
            elif where[0] != "Type":
                locations[(META, *where)] = span
        properties = body.get("Properties")
        meta: dict[str, Any] = {}
        attributes: dict[str, Any] = {}
        if isinstance(properties, dict) and not _is_intrinsic(properties):
            attributes = convert(properties)
            self.add_references(name, properties, (*base, "Properties"), ())
        elif properties is not None:
            converted = convert(properties)
            if isinstance(converted, Unknown):
                meta["Properties"] = converted
                self.add_references(name, properties, (*base, "Properties"), (META, "Properties"))
            else:
                self.problems.append(_problem(
                    f"resource {name}: Properties must be a mapping, not a {_kind(properties)}; "
                    "it is not analysed", self.where((*base, "Properties"))))
                return None
        for key, value in body.items():
            if key in ("Type", "Properties"):
                continue
            meta[str(key)] = convert(value)
            if key == "DependsOn":
                self.depends_on(name, value, (*base, key))
            else:
                self.add_references(name, value, (*base, key), (META, key))
        return Resource(
            format="cloudformation", type=kind, name=name, address=name, attributes=attributes,
            location=location, scope=self.path, locations=locations, meta=meta,
        )

    def depends_on(self, source: str, value: Any, absolute: AttrPath) -> None:
        targets = [(value, absolute)] if isinstance(value, str) else (
            [(item, (*absolute, i)) for i, item in enumerate(value)] if isinstance(value, list) else [])
        for target, where in targets:
            if not isinstance(target, str) or not target:
                continue
            path = (META, *where[2:])
            key = (source, target, None, path)
            if key not in self._seen_references:
                self._seen_references.add(key)
                self.references.append(Reference(source, target, None, path, self.where(where), self.path))


#: CloudFormation nests ``Fn::ForEach`` loops at most this deep.
_MAX_FOR_EACH_DEPTH = 5
#: At most this many (item, output) steps over all the loops of one template:
#: nested loops multiply, and five of 200 items each must not hang a scan.
_MAX_FOR_EACH_STEPS = 4096


def _loop_key(key: str, bound: dict[str, str]) -> str:
    """A loop's output key with its identifiers replaced: ``${Name}`` as is,
    ``&{Name}`` with non-alphanumeric characters removed."""
    for identifier, item in bound.items():
        key = key.replace(f"${{{identifier}}}", item).replace(f"&{{{identifier}}}", re.sub(r"[^A-Za-z0-9]", "", item))
    return key


def _bind(value: Any, bound: dict[str, str]) -> Any:
    """``value`` with a loop's identifiers replaced where CloudFormation replaces
    them: ``{"Ref": Identifier}`` and ``${Identifier}`` in ``Fn::Sub`` text
    (unless the ``Fn::Sub`` variables name it)."""
    if not bound:
        return value
    if isinstance(value, dict):
        if len(value) == 1:
            ((name, args),) = value.items()
            if name == "Ref" and isinstance(args, str) and args in bound:
                return bound[args]
            if name == "Fn::Sub":
                if isinstance(args, str):
                    return {name: _sub_text(args, bound)}
                if isinstance(args, list) and len(args) == 2 and isinstance(args[0], str):
                    own = set(args[1]) if isinstance(args[1], dict) else set()
                    return {name: [_sub_text(args[0], {k: v for k, v in bound.items() if k not in own}),
                                   _bind(args[1], bound)]}
        return {key: _bind(item, bound) for key, item in value.items()}
    if isinstance(value, list):
        return [_bind(item, bound) for item in value]
    return value


def _sub_text(text: str, bound: dict[str, str]) -> str:
    """``${Identifier}`` in ``Fn::Sub`` text replaced (``${!Identifier}`` is literal text)."""
    def item(match: re.Match[str]) -> str:
        return bound[match.group(1)]

    names = "|".join(re.escape(identifier) for identifier in bound)
    return re.sub(r"\$\{\s*(" + names + r")\s*\}", item, text)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if value is None:
        return "null"
    return type(value).__name__
