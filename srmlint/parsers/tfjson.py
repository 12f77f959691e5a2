"""The Terraform JSON syntax reader (``*.tf.json``) -> the same model as ``.tf``.

Terraform's JSON syntax maps each block type to nested objects, one level per
label (``{"resource": {"aws_s3_bucket": {"b": {...}}}}``); at every label level
and at the body level an array of objects may stand for several blocks, which
is how generators (CDKTF, scripts) avoid duplicate keys. Strings are HCL
templates: ``"${var.x}"`` is an expression, ``"$${x}"`` the literal ``${x}``.

What is normalised, and why only that: without provider schemas a JSON object
in a body cannot be told apart from a nested block (``"tags": {...}`` is an
attribute, ``"versioning": {...}`` a block), so objects stay dicts and arrays
stay lists -- an array of objects already has the ``.tf`` reader's nested
block shape. Only Terraform's own meta-blocks, whose shape is known, are
normalised to the ``.tf`` shape: ``lifecycle`` and ``connection`` (a list of
bodies), ``dynamic`` and ``provisioner`` (a list of ``{label: body}``).
Meta-arguments that Terraform reads as expressions rather than templates
(``depends_on``, ``provider``, a module's ``providers``, a variable's ``type``)
are read as expressions, so they produce the same values and references as
in ``.tf``. Properties named ``//`` are comments at the top level, at label
levels and in block bodies, as in Terraform.

JSON text is read by :func:`srmlint.parsers.yamlnodes.compose_json` (strict
JSON, with a span for every value and key, depth-bounded).
"""

from __future__ import annotations

import os
from typing import Any, Literal

from srmlint import expr as ex
from srmlint.model import (
    AttrPath,
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
from srmlint.parsers.terraform import _collect_references, _decode_problem, parse_expression, parse_template

__all__ = ["TerraformJsonParser", "parse_terraform_json"]

_BOM = b"\xef\xbb\xbf"

#: Number of labels each understood block type takes.
_LABELS: dict[str, int] = {
    "resource": 2,
    "data": 2,
    "variable": 1,
    "output": 1,
    "module": 1,
    "provider": 1,
    "locals": 0,
    "terraform": 0,
}
_DEFINITION_KINDS: dict[str, DefinitionKind] = {
    "variable": "variable",
    "output": "output",
    "module": "module",
    "provider": "provider",
}
_LIST_BLOCKS = frozenset({"lifecycle", "connection"})
_LABELLED_BLOCKS = frozenset({"dynamic", "provisioner"})


class _Converter:
    """Turns composed JSON values into model values, carrying spans over to model paths."""

    def __init__(self, composed_locations: dict[AttrPath, Location]) -> None:
        self.source_locations = composed_locations
        self.opaque_refs: dict[int, list[ex.Traversal]] = {}

    def body(self, value: dict[str, Any], json_path: AttrPath) -> tuple[dict[str, Any], dict[AttrPath, Location]]:
        """A block body: model value plus locations keyed relative to it."""
        locations: dict[AttrPath, Location] = {}
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key == "//":
                continue
            item_path = (*json_path, key)
            if key in _LIST_BLOCKS and isinstance(item, dict | list):
                result[key] = self._list_block(item, item_path, (key,), locations)
            elif key in _LABELLED_BLOCKS and isinstance(item, dict | list):
                result[key] = self._labelled_block(item, item_path, (key,), locations)
            else:
                result[key] = self.value(item, item_path, (key,), locations)
        return result, locations

    def _mark(self, json_path: AttrPath, path: AttrPath, locations: dict[AttrPath, Location]) -> None:
        found = self.source_locations.get(json_path)
        if found is not None:
            locations[path] = found

    def _list_block(
        self, item: Any, json_path: AttrPath, path: AttrPath, locations: dict[AttrPath, Location]
    ) -> list[Any]:
        self._mark(json_path, path, locations)
        entries = [(item, json_path)] if isinstance(item, dict) else [
            (entry, (*json_path, index)) for index, entry in enumerate(item)
        ]
        result: list[Any] = []
        for entry, entry_path in entries:
            block_path = (*path, len(result))
            self._mark(entry_path, block_path, locations)
            if isinstance(entry, dict):
                body, inner = self.body(entry, entry_path)
                locations.update({(*block_path, *p): loc for p, loc in inner.items()})
                result.append(body)
            else:
                result.append(self.value(entry, entry_path, block_path, locations))
        return result

    def _labelled_block(
        self, item: Any, json_path: AttrPath, path: AttrPath, locations: dict[AttrPath, Location]
    ) -> list[Any]:
        """``{"dynamic": {"ingress": {...}}}`` (or arrays at either level) -> ``[{"ingress": {...}}]``."""
        self._mark(json_path, path, locations)
        groups = [(item, json_path)] if isinstance(item, dict) else [
            (entry, (*json_path, index)) for index, entry in enumerate(item)
        ]
        result: list[Any] = []
        for group, group_path in groups:
            if not isinstance(group, dict):
                result.append(self.value(group, group_path, (*path, len(result)), locations))
                continue
            for label, bodies in group.items():
                if label == "//":
                    continue
                label_path = (*group_path, label)
                entries = [(bodies, label_path)] if not isinstance(bodies, list) else [
                    (entry, (*label_path, index)) for index, entry in enumerate(bodies)
                ]
                for entry, entry_path in entries:
                    block_path = (*path, len(result))
                    self._mark(entry_path, block_path, locations)
                    self._mark(entry_path, (*block_path, label), locations)
                    if isinstance(entry, dict):
                        body, inner = self.body(entry, entry_path)
                        locations.update({(*block_path, label, *p): loc for p, loc in inner.items()})
                    else:
                        body = self.value(entry, entry_path, (*block_path, label), locations)
                    result.append({label: body})
        return result

    def value(self, item: Any, json_path: AttrPath, path: AttrPath, locations: dict[AttrPath, Location]) -> Any:
        self._mark(json_path, path, locations)
        if isinstance(item, str):
            return self.template(item)
        if isinstance(item, dict):
            return {
                key: self.value(member, (*json_path, key), (*path, key), locations) for key, member in item.items()
            }
        if isinstance(item, list):
            return [
                self.value(member, (*json_path, index), (*path, index), locations)
                for index, member in enumerate(item)
            ]
        return item

    def template(self, text: str) -> Any:
        """A JSON string is an HCL template; only strings with ``${``/``%{`` need the HCL reader."""
        if "${" not in text and "%{" not in text:
            return text
        read = parse_template(text)
        if read is None:  # not a valid template: Terraform would reject it; keep it, visibly unknown
            return Unknown(ex.Opaque(text), text)
        value, opaque_refs = read
        self.opaque_refs.update(opaque_refs)
        return value

    def expression(self, text: Any) -> Any:
        """A meta-argument Terraform reads as a bare expression (``"aws_s3_bucket.b"``)."""
        if not isinstance(text, str):
            return text
        source = text[2:-1] if text.startswith("${") and text.endswith("}") else text
        read = parse_expression(source)
        if read is None:
            return Unknown(ex.Opaque(text), text)
        return read[0]


def _bodies(
    value: Any, json_path: AttrPath, labels_needed: int, labels: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Any, AttrPath]]:
    """Unwrap label levels; arrays of objects are allowed at every level."""
    if isinstance(value, list):
        found: list[tuple[tuple[str, ...], Any, AttrPath]] = []
        for index, entry in enumerate(value):
            found.extend(_bodies(entry, (*json_path, index), labels_needed, labels))
        return found
    if labels_needed == 0:
        return [(labels, value, json_path)]
    if not isinstance(value, dict):
        return []
    found = []
    for label, inner in value.items():
        if label != "//":
            found.extend(_bodies(inner, (*json_path, label), labels_needed - 1, (*labels, label)))
    return found


def _expression_meta(kind: str, body: dict[str, Any], raw: dict[str, Any], converter: _Converter) -> None:
    """Re-read the meta-arguments that are expressions, not templates, in JSON syntax."""
    if kind in ("resource", "data", "module"):
        if isinstance(raw.get("depends_on"), list):
            body["depends_on"] = [converter.expression(item) for item in raw["depends_on"]]
        if "provider" in raw:
            body["provider"] = converter.expression(raw["provider"])
    if kind == "module" and isinstance(raw.get("providers"), dict):
        body["providers"] = {k: converter.expression(v) for k, v in raw["providers"].items()}
    if kind == "variable" and "type" in raw:
        body["type"] = converter.expression(raw["type"])


@shielded("terraform")
def parse_terraform_json(path: str, data: bytes) -> ParsedFile:
    """Read one ``.tf.json`` file into the model; never raises on bad input."""
    return _parse(path, data)


def _parse(path: str, data: bytes) -> ParsedFile:
    from srmlint.parsers.yamlnodes import compose_json

    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    problem = _decode_problem(path, data)
    if problem is not None:
        return ParsedFile(path, "terraform", problems=(problem,))
    text = data.decode("utf-8")
    if not text.strip():  # an empty file declares nothing, as an empty .tf does
        return ParsedFile(path, "terraform")
    composed = compose_json(text, path)
    problems: list[ParseProblem] = list(composed.problems)
    if composed.failed:
        return ParsedFile(path, "terraform", problems=tuple(problems))
    document = composed.value
    if not isinstance(document, dict):
        problems.append(
            ParseProblem(
                "a Terraform JSON file must contain one JSON object", composed.locations.get((), Location(path, 1, 1))
            )
        )
        return ParsedFile(path, "terraform", problems=tuple(problems))

    scope = os.path.dirname(path) or "."
    converter = _Converter(composed.locations)
    resources: list[Resource] = []
    definitions: list[Definition] = []
    references: list[Reference] = []
    whole_file = composed.locations.get((), Location(path, 1, 1))
    for kind, blocks in document.items():
        if kind not in _LABELS:
            continue  # comments ("//") and blocks without resources or values (moved, import, check...)
        for labels, raw, json_path in _bodies(blocks, (kind,), _LABELS[kind]):
            location = composed.entry_location(json_path) or whole_file
            if not isinstance(raw, dict):
                problems.append(
                    ParseProblem(
                        f"`{kind}` block body must be a JSON object", composed.locations.get(json_path, location)
                    )
                )
                continue
            body, locations = converter.body(raw, json_path)
            _expression_meta(kind, body, raw, converter)
            locations[()] = location
            if kind in ("resource", "data"):
                rtype, name = labels
                mode: Literal["managed", "data"] = "managed" if kind == "resource" else "data"
                address = f"{rtype}.{name}" if mode == "managed" else f"data.{rtype}.{name}"
                resources.append(
                    Resource("terraform", rtype, name, address, body, location, scope, mode, locations)
                )
                references.extend(
                    _collect_references(address, body, locations, location, scope, converter.opaque_refs)
                )
            elif kind == "locals":
                for name, local in body.items():
                    entry = composed.entry_location((*json_path, name)) or location
                    local_locs = {p[1:]: loc for p, loc in locations.items() if p[:1] == (name,)}
                    local_locs[()] = entry
                    definition = Definition("local", name, local, entry, scope, local_locs)
                    definitions.append(definition)
                    references.extend(
                        _collect_references(
                            definition.address, local, locations, entry, scope, converter.opaque_refs, (name,)
                        )
                    )
            elif kind == "terraform":
                definitions.append(Definition("terraform", "terraform", body, location, scope, locations))
            else:
                name = labels[0]
                if kind == "provider" and isinstance(body.get("alias"), str):
                    name = f"{name}.{body['alias']}"
                definition = Definition(_DEFINITION_KINDS[kind], name, body, location, scope, locations)
                definitions.append(definition)
                references.extend(
                    _collect_references(
                        definition.address, body, locations, location, scope, converter.opaque_refs
                    )
                )
    return ParsedFile(
        path=path,
        format="terraform",
        resources=tuple(resources),
        definitions=tuple(definitions),
        references=tuple(references),
        problems=tuple(problems),
    )


class TerraformJsonParser:
    """Claims ``*.tf.json`` files (Terraform's JSON configuration syntax)."""

    name = "terraform-json"
    formats: frozenset[str] = frozenset({"terraform"})
    module_context = True

    def claims(self, path: str) -> bool:
        return path.endswith(".tf.json")

    def parse(self, path: str, data: bytes) -> ParsedFile:
        return parse_terraform_json(path, data)
