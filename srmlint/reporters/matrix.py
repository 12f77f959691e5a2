"""The responsibility matrix as a terminal table, Markdown and JSON.

The layers the customer owns on every service (data, IAM, encryption,
network configuration...) and those AWS owns on every service (hosts,
facilities...) are stated once at the top; the table's columns are the
layers that move with the service (application, runtime, middleware, OS),
because that is where one design differs from another: an EC2 instance is
"you" all the way down, a Lambda function only for its code.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Sequence
from typing import Any

from srmlint.matrix import SYMBOLS, Matrix, Row
from srmlint.reporters.text import unclassified_lines
from srmlint.responsibility import (
    ALWAYS_AWS,
    ALWAYS_CUSTOMER,
    CONTROL_KINDS,
    LAYERS,
    MODEL_TITLES,
    STACK,
    Owner,
)

SCHEMA_VERSION = 1

#: Column headings of the stack layers in the terminal table.
SHORT: dict[str, str] = {"application": "code", "runtime": "runtime", "middleware": "middleware",
                         "operating_system": "OS"}
CELL: dict[Owner, str] = {Owner.CUSTOMER: "you", Owner.AWS: "AWS", Owner.SHARED: "shared"}

#: One line per model on what it means for the reader.
MODEL_GIST: dict[str, str] = {
    "infrastructure": "you secure the guest OS and everything installed on it",
    "container": "you secure the containers, and the worker nodes unless AWS runs them (Fargate)",
    "platform": "you bring code and configuration; the platform is patched for you (when updates are managed)",
    "function": "you own the code and its configuration; AWS runs runtime, OS and hosts",
    "abstracted": "AWS operates everything below the API; you own data, access and configuration",
    "software": "you own the content, sharing and access",
    "control": "your configuration of AWS's machinery: it is yours entirely",
}
LEGEND = "settings: ✓ configured · ✗ unset or insecure · ? not statically known"


def _always(layers: frozenset[str]) -> str:
    return ", ".join(LAYERS[layer] for layer in LAYERS if layer in layers)


def _group_title(model: str, control: str | None) -> str:
    title = MODEL_TITLES.get(model, model)
    if control:
        title += f" · {CONTROL_KINDS.get(control, control)}"
    return title


def _settings_text(row: Row) -> str:
    parts = []
    for s in row.settings:
        rules = f" ({', '.join(s.rules)})" if s.rules else ""
        parts.append(f"{s.symbol} {s.title}{rules}")
    return "  ".join(parts)


def _names(rows: Sequence[Row], limit: int = 3) -> str:
    names = [r.resource.address for r in rows[:limit]]
    more = f", and {len(rows) - limit} more" if len(rows) > limit else ""
    return ", ".join(names) + more


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _clip_left(text: str, width: int) -> str:
    """Clip a path from the left: its end (file and line) is what identifies it."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1:]


def _headline(matrix: Matrix) -> str:
    n = len(matrix.rows)
    t = matrix.templates
    line = (f"Responsibility matrix: {n} AWS resource{'s' if n != 1 else ''} "
            f"in {t} template{'s' if t != 1 else ''}")
    extras = []
    if matrix.unclassified:
        extras.append(f"{len(matrix.unclassified)} unclassified")
    if matrix.parse_errors:
        extras.append(f"{matrix.parse_errors} file{'s' if matrix.parse_errors != 1 else ''} not (fully) analysed")
    return line + (f" ({', '.join(extras)})" if extras else "")


def _multi_file(matrix: Matrix) -> bool:
    return len({r.resource.location.file for r in matrix.rows}) > 1


def _label(row: Row) -> str:
    r = row.resource
    return r.address if r.format == "terraform" else f"{r.address} ({r.type})"


def _places(matrix: Matrix) -> dict[int, str]:
    """``file:line`` per row, relative to the files' common folder, so a
    scan of a tree reads ``modules/x/main.tf:12`` rather than the full path."""
    files = sorted({r.resource.location.file for r in matrix.rows})
    try:
        root = os.path.commonpath([os.path.dirname(f) or "." for f in files]) if files else ""
    except ValueError:  # absolute and relative paths mixed
        root = ""
    out = {}
    for row in matrix.rows:
        loc = row.resource.location
        name = os.path.relpath(loc.file, root) if root else loc.file
        out[id(row)] = f"{name}:{loc.line}"
    return out


def _notes(matrix: Matrix) -> list[tuple[str, list[Row]]]:
    """Each distinct note once, with the resources it is about: a fleet of
    IoT resources shares one note instead of repeating it per line."""
    by_note: dict[str, list[Row]] = {}
    for row in matrix.rows:
        if row.responsibility.note:
            by_note.setdefault(row.responsibility.note, []).append(row)
    return list(by_note.items())


def _stack_summary(matrix: Matrix) -> list[tuple[str, list[Row]]]:
    stack = matrix.customer_stack(STACK)
    return [(layer, stack[layer]) for layer in reversed(STACK)]


def render_text(matrix: Matrix, show_unclassified: bool = False) -> str:
    out = [_headline(matrix), ""]
    for label, layers in (("Always yours:  ", ALWAYS_CUSTOMER), ("Always AWS's:  ", ALWAYS_AWS)):
        out.extend(textwrap.wrap(_always(layers), 100, initial_indent=label, subsequent_indent=" " * len(label)))
    out.append("")
    if not matrix.rows:
        out.append("No classified AWS resources.")
    else:
        places = _places(matrix) if _multi_file(matrix) else {}
        labels = {id(row): _label(row) for row in matrix.rows}
        name_w = min(max(len(label) for label in labels.values()), 56)
        place_w = min(max((len(p) for p in places.values()), default=0), 40)
        svc_w = min(max(len(row.responsibility.service or "") for row in matrix.rows), 28)
        cols = [max(len(SHORT[layer]), 6) for layer in STACK]
        where = f"{'where':<{place_w}}  " if places else ""
        head = f"  {'resource':<{name_w}}  {where}{'service':<{svc_w}}  " + "  ".join(
            f"{SHORT[layer]:<{w}}" for layer, w in zip(STACK, cols, strict=True)) + "  settings"
        out.append(head)
        for model, control, rows in matrix.groups():
            out.append(f"{_group_title(model, control).upper()}: {MODEL_GIST.get(model, '')}")
            for row in rows:
                cells = "  ".join(f"{CELL[row.responsibility.owner_of(layer)]:<{w}}"
                                  for layer, w in zip(STACK, cols, strict=True))
                place = f"{_clip_left(places[id(row)], place_w):<{place_w}}  " if places else ""
                line = (f"  {_clip(labels[id(row)], name_w):<{name_w}}  {place}"
                        f"{_clip(row.responsibility.service or '', svc_w):<{svc_w}}  {cells}  {_settings_text(row)}")
                out.append(line.rstrip())
        out.append("")
        out.append("Beyond what is always yours, you also secure:")
        width = max(len(LAYERS[layer]) for layer in STACK)
        for layer, rows in _stack_summary(matrix):
            if rows:
                count = f"{len(rows)} resource{'s' if len(rows) != 1 else ''}"
                out.append(f"  {LAYERS[layer]:<{width}}  on {count}: {_names(rows)}")
            else:
                out.append(f"  {LAYERS[layer]:<{width}}  on none (AWS's on every resource here)")
        counts = matrix.setting_counts()
        out.append("")
        out.append("Customer-owned settings: " + " · ".join(f"{counts[k]} {SYMBOLS[k]}" for k in SYMBOLS)
                   + f"   ({LEGEND})")
        notes = _notes(matrix)
        if notes:
            out.append("")
            out.append("Notes:")
            out.extend(f"  {_names(rows)}: {note}" for note, rows in notes)
    if show_unclassified:
        out.append("")
        out.extend(unclassified_lines(matrix.unclassified))
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(matrix: Matrix, show_unclassified: bool = False) -> str:
    out = ["# Responsibility matrix", "", f"{_headline(matrix)}.", "",
           f"- **Always yours:** {_always(ALWAYS_CUSTOMER)}",
           f"- **Always AWS's:** {_always(ALWAYS_AWS)}", ""]
    places = _places(matrix) if _multi_file(matrix) else {}
    for model, control, rows in matrix.groups():
        out += [f"## {_group_title(model, control).capitalize()}", "", f"_{MODEL_GIST.get(model, '')}._", ""]
        where = "where | " if places else ""
        out.append(f"| resource | {where}service | " + " | ".join(LAYERS[layer] for layer in STACK)
                   + " | settings |")
        out.append("|---|---|" + ("---|" if places else "") + "---|" * len(STACK) + "---|")
        for row in rows:
            cells = []
            for layer in STACK:
                owner = row.responsibility.owner_of(layer)
                cells.append(f"**{CELL[owner]}**" if owner is not Owner.AWS else CELL[owner])
            settings = "<br>".join(
                f"{s.symbol} {s.title}" + (f" ({', '.join(s.rules)})" if s.rules else "") for s in row.settings)
            label = f"`{_md(_label(row))}`" + (f" | {_md(places[id(row)])}" if places else "")
            out.append(f"| {label} | {_md(row.responsibility.service or '')} | " + " | ".join(cells)
                       + f" | {_md(settings)} |")
        out.append("")
    if matrix.rows:
        out += ["## Beyond what is always yours", "", "| layer | you secure it on |", "|---|---|"]
        for layer, rows in _stack_summary(matrix):
            where = f"{len(rows)}: " + ", ".join(f"`{r.resource.address}`" for r in rows[:10]) if rows else "none"
            if len(rows) > 10:
                where += f", and {len(rows) - 10} more"
            out.append(f"| {LAYERS[layer]} | {where} |")
        counts = matrix.setting_counts()
        out += ["", "Customer-owned settings: " + " · ".join(f"{counts[k]} {SYMBOLS[k]}" for k in SYMBOLS)
                + f" ({LEGEND}).", ""]
        notes = _notes(matrix)
        if notes:
            out += ["### Notes", ""]
            out += [f"- {_md(_names(rows))}: {_md(note)}" for note, rows in notes]
            out.append("")
    if show_unclassified:
        lines = unclassified_lines(matrix.unclassified)
        out += ["## Unclassified", "", lines[0], ""] + [f"- {_md(line.strip())}" for line in lines[1:]]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def matrix_dict(matrix: Matrix, tool_version: str) -> dict[str, Any]:
    rows = []
    for row in matrix.rows:
        r, resp = row.resource, row.responsibility
        rows.append({
            "file": r.location.file,
            "line": r.location.line,
            "format": r.format,
            "type": r.type,
            "name": r.name,
            "address": r.address,
            "service": resp.service,
            "service_id": resp.service_id,
            "service_model": resp.service_model,
            "control": resp.control,
            "owners": {layer: resp.owner_of(layer).value for layer in LAYERS},
            "customer_layers": resp.layers_of(Owner.CUSTOMER),
            "aws_layers": resp.layers_of(Owner.AWS),
            "shared_layers": resp.layers_of(Owner.SHARED),
            "note": resp.note,
            "settings": [{"setting": s.setting, "status": s.status, "rules": list(s.rules),
                          "aws_default": s.aws_default} for s in row.settings],
        })
    stack = matrix.customer_stack(STACK)
    by_model: dict[str, int] = {}
    for row in matrix.rows:
        model = row.responsibility.service_model or ""
        by_model[model] = by_model.get(model, 0) + 1
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "srmlint", "version": tool_version},
        "layers": dict(LAYERS),
        "always_customer": [layer for layer in LAYERS if layer in ALWAYS_CUSTOMER],
        "always_aws": [layer for layer in LAYERS if layer in ALWAYS_AWS],
        "summary": {
            "resources": len(matrix.rows),
            "templates": matrix.templates,
            "parse_errors": matrix.parse_errors,
            "unclassified_resources": len(matrix.unclassified),
            "by_model": dict(sorted(by_model.items())),
            "customer_stack": {layer: [r.resource.address for r in stack[layer]] for layer in STACK},
            "settings": matrix.setting_counts(),
        },
        "resources": rows,
        "unclassified": [{"file": t.resource.location.file, "line": t.resource.location.line,
                          "type": t.resource.type, "address": t.resource.address,
                          "note": t.responsibility.note if t.responsibility else None}
                         for t in matrix.unclassified],
    }


def render_json(matrix: Matrix, tool_version: str) -> str:
    return json.dumps(matrix_dict(matrix, tool_version), indent=2, ensure_ascii=False) + "\n"
