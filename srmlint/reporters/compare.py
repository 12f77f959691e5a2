"""The responsibility shift (``srmlint matrix --compare`` / ``--base``) as
text, Markdown, JSON and HTML.

Every format leads with the same thing: which layers change owner between
the two designs, and the one-sentence verdict (:func:`srmlint.compare.verdict`),
because a reviewer's question is "what does this change move onto us?".
The per-design summaries and the settings only one design asks of you come
after, as the evidence. The HTML shares the CSS, escaping and owner cells of
the ``--format html`` report (:mod:`srmlint.reporters.html`), so the two read
as one product; like it, it is one file with no script or external asset.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from srmlint import __version__
from srmlint.compare import SETTING_COUNTS, AskedSetting, Comparison, Design, Shift, comparison_dict, verdict
from srmlint.matrix import SETTING_TITLES
from srmlint.reporters.html import CSS, esc
from srmlint.reporters.markdown import code, md_escape
from srmlint.reporters.matrix import CELL
from srmlint.responsibility import LAYERS, MODEL_ORDER, MODEL_TITLES, Owner

TITLE = "Responsibility shift"
SIDES = ("BEFORE", "AFTER")

#: How the settings counts read, with the matrix's symbols.
SETTING_LABELS: dict[str, str] = {"configured": "✓ configured", "unset": "✗ unset",
                                  "insecure": "✗ insecure", "unknown": "? not statically known"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _size(d: Design) -> str:
    text = f"{_plural(d.resources, 'AWS resource')} in {_plural(d.templates, 'template')}"
    if d.parse_errors:
        text += f"; {_plural(d.parse_errors, 'file')} not (fully) analysed"
    return text


def _direction(shift: Shift) -> str:
    return "onto you" if shift.toward_customer else "to AWS"


def _who(shift: Shift) -> str:
    """'was yours' for a layer that leaves the customer, 'yours' for one that
    arrives ('shared' where the customer-ward side only shares it)."""
    owner = shift.after if shift.toward_customer else shift.before
    word = "yours" if owner is Owner.CUSTOMER else "shared"
    return word if shift.toward_customer else "was " + word


def _why(shift: Shift, limit: int | None = 3) -> str:
    """``_who`` with the resources that make it so: 'was yours on X'."""
    word = _who(shift)
    names = list(shift.because if limit is None else shift.because[:limit])
    more = len(shift.because) - len(names)
    listed = ", ".join(names) + (f", and {more} more" if more > 0 else "")
    return f"{word} on {listed}" if listed else word


def _models(c: Comparison) -> list[str]:
    """The service models present on either side, most customer-owned first."""
    present = {m for d in (c.before, c.after) for m, n in d.service_models.items() if n}
    return [m for m in MODEL_ORDER if m in present] + sorted(present - set(MODEL_ORDER))


def _summary_rows(c: Comparison) -> list[tuple[int, str, str, str]]:
    """(indent, label, BEFORE, AFTER) rows of the per-design summary: one
    definition for the three human formats."""
    b, a = c.before, c.after
    rows = [(0, "AWS resources", str(b.resources), str(a.resources))]
    rows += [(1, MODEL_TITLES.get(m, m), str(b.service_models.get(m, 0)), str(a.service_models.get(m, 0)))
             for m in _models(c)]
    rows.append((0, "customer-owned settings", str(sum(b.settings.values())), str(sum(a.settings.values()))))
    rows += [(1, SETTING_LABELS[k], str(b.settings[k]), str(a.settings[k])) for k in SETTING_COUNTS]
    rows.append((0, "findings", str(b.findings_total), str(a.findings_total)))
    rows += [(1, s.label, str(n), str(a.findings[s])) for s, n in b.findings.items() if n or a.findings[s]]
    rows.append((0, "files not (fully) analysed", str(b.parse_errors), str(a.parse_errors)))
    return rows


def _asked_by_resource(items: Sequence[AskedSetting]) -> list[tuple[str, str]]:
    """(address, setting titles) per resource, in address order."""
    out: dict[str, list[str]] = {}
    for s in items:
        out.setdefault(s.address, []).append(SETTING_TITLES.get(s.setting, s.setting.replace("_", " ")))
    return [(address, ", ".join(titles)) for address, titles in out.items()]


# --- text ------------------------------------------------------------------------------------

def render_text(c: Comparison) -> str:
    out = [f"{TITLE}:"]
    path_w = max(len(c.before.path), len(c.after.path))
    for side, d in zip(SIDES, (c.before, c.after), strict=True):
        out.append(f"  {side:<6}  {d.path:<{path_w}}  {_size(d)}")
    out.append("")
    layer_w = max(len(name) for name in LAYERS.values())
    shifts = {s.layer: s for s in c.shifts}
    out.append(f"  {'layer':<{layer_w}}  {'BEFORE':<6}     {'AFTER':<6}  shift")
    for layer, name in LAYERS.items():
        b, a = CELL[c.before.layers[layer]], CELL[c.after.layers[layer]]
        shift = shifts.get(layer)
        if shift is None:
            out.append(f"  {name:<{layer_w}}  {b:<6}     {a}")
        else:
            out.append(f"  {name:<{layer_w}}  {b:<6}  →  {a:<6}  {_direction(shift)} · {_why(shift)}")
    out += ["", verdict(c), ""]
    label_w = max(len(label) + 2 * indent for indent, label, _b, _a in _summary_rows(c))
    out.append(f"  {'':<{label_w}}  {'BEFORE':>6}  {'AFTER':>6}")
    for indent, label, b_val, a_val in _summary_rows(c):
        text = "  " * indent + label
        out.append(f"  {text:<{label_w}}  {b_val:>6}  {a_val:>6}")
    for side, items in zip(SIDES, (c.only_before, c.only_after), strict=True):
        out.append("")
        rows = _asked_by_resource(items)
        if not rows:
            out.append(f"Settings only {side} asks of you: none")
            continue
        out.append(f"Settings only {side} asks of you:")
        width = max(len(address) for address, _ in rows)
        out += [f"  {address:<{width}}  {titles}" for address, titles in rows]
    return "\n".join(out) + "\n"


# --- markdown --------------------------------------------------------------------------------

def _md_owner(owner: Owner) -> str:
    return f"**{CELL[owner]}**" if owner is not Owner.AWS else CELL[owner]


def render_markdown(c: Comparison) -> str:
    out = [f"### srmlint: {TITLE.lower()}", "", f"**{md_escape(verdict(c))}**", "",
           "| | design | |", "|---|---|---|"]
    for side, d in zip(SIDES, (c.before, c.after), strict=True):
        out.append(f"| {side} | {code(d.path)} | {md_escape(_size(d))} |")
    out.append("")
    if c.shifts:
        out += ["| layer | BEFORE | AFTER | shift | because |", "|---|---|---|---|---|"]
        for s in c.shifts:
            because = ", ".join(code(a) for a in s.because) or "—"
            out.append(f"| {LAYERS[s.layer]} | {_md_owner(s.before)} | {_md_owner(s.after)} | "
                       f"→ {_direction(s)} | {because} |")
    else:
        out.append("No layer changes owner.")
    out += ["", f"<details><summary>All {len(LAYERS)} layers</summary>", "",
            "| layer | BEFORE | AFTER |", "|---|---|---|"]
    for layer, name in LAYERS.items():
        b, a = c.before.layers[layer], c.after.layers[layer]
        arrow = " →" if b is not a else ""
        out.append(f"| {name} | {_md_owner(b)}{arrow} | {_md_owner(a)} |")
    out += ["", "</details>", "", "| per design | BEFORE | AFTER |", "|---|--:|--:|"]
    for indent, label, b_val, a_val in _summary_rows(c):
        text = ("&nbsp;&nbsp;" * 2 * indent) + md_escape(label) if indent else f"**{md_escape(label)}**"
        out.append(f"| {text} | {b_val} | {a_val} |")
    out.append("")
    for side, items in zip(SIDES, (c.only_before, c.only_after), strict=True):
        rows = _asked_by_resource(items)
        if not rows:
            out += [f"Settings only {side} asks of you: none.", ""]
            continue
        out += [f"Settings only {side} asks of you:", ""]
        out += [f"- {code(address)}: {md_escape(titles)}" for address, titles in rows]
        out.append("")
    out.append("<sub>srmlint matrix: layers as the AWS shared responsibility model defines them; "
               "a layer is yours when at least one resource of the design leaves it to you.</sub>")
    return "\n".join(out) + "\n"


# --- json ------------------------------------------------------------------------------------

def render_json(c: Comparison) -> str:
    return json.dumps(comparison_dict(c), indent=2, ensure_ascii=False) + "\n"


# --- html ------------------------------------------------------------------------------------

#: Added to the report's CSS: the verdict banner and the shift rows.
COMPARE_CSS = """
.verdict { font-size: 22px; font-weight: 700; line-height: 1.35; padding: 14px 20px; border-radius: 8px;
  margin: 12px 0 20px; border: 2px solid; }
.verdict.to-aws { background: #dafbe1; border-color: #1a7f37; color: #0f5323; }
.verdict.onto-you { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.verdict.mixed { background: #fff8c5; border-color: #9a6700; color: #4d2d00; }
.verdict.none { background: var(--bg-alt); border-color: var(--line); color: var(--fg); }
.sides { display: grid; grid-template-columns: max-content max-content 1fr; gap: 2px 14px; margin: 0 0 8px; }
.sides .side { font-weight: 700; } .sides code { justify-self: start; }
tr.shift td { border-top: 2px solid var(--fg); border-bottom: 2px solid var(--fg); }
td.arrow { font-weight: 700; white-space: nowrap; }
td.arrow.to-aws { color: #1a7f37; } td.arrow.onto-you { color: #cf222e; }
tr.sub td:first-child { padding-left: 28px; color: var(--muted); }
tr.head td { font-weight: 600; background: var(--bg-alt); }
@media print { .verdict { border-width: 3px; } }
"""


def _verdict_class(c: Comparison) -> str:
    if c.toward_aws and c.toward_customer:
        return "mixed"
    if c.toward_customer:
        return "onto-you"
    return "to-aws" if c.toward_aws else "none"


def _owner_td(owner: Owner) -> str:
    css = {Owner.CUSTOMER: ' class="you"', Owner.SHARED: ' class="shared"'}.get(owner, "")
    return f"<td{css}>{esc(CELL[owner])}</td>"


def render_html(c: Comparison) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>srmlint: {esc(TITLE.lower())}</title>", f"<style>{CSS}{COMPARE_CSS}</style>", "</head>",
           "<body>", f"<h1>{esc(TITLE)}</h1>",
           f'<p class="verdict {_verdict_class(c)}">{esc(verdict(c))}</p>', '<div class="sides">']
    for side, d in zip(SIDES, (c.before, c.after), strict=True):
        out.append(f'<span class="side">{side}</span><code>{esc(d.path)}</code><span>{esc(_size(d))}</span>')
    out.append("</div>")

    out.append('<h2 id="layers">Who owns each layer</h2>')
    out.append('<div class="scroll"><table><thead><tr><th>layer</th><th>BEFORE</th><th></th><th>AFTER</th>'
               "<th>because</th></tr></thead><tbody>")
    shifts = {s.layer: s for s in c.shifts}
    for layer, name in LAYERS.items():
        s = shifts.get(layer)
        b, a = c.before.layers[layer], c.after.layers[layer]
        if s is None:
            out.append(f"<tr><td>{esc(name)}</td>{_owner_td(b)}<td></td>{_owner_td(a)}<td></td></tr>")
            continue
        css = "onto-you" if s.toward_customer else "to-aws"
        because = ", ".join(f"<code>{esc(x)}</code>" for x in s.because)
        out.append(f'<tr class="shift"><td><strong>{esc(name)}</strong></td>{_owner_td(b)}'
                   f'<td class="arrow {css}">→ {esc(_direction(s))}</td>{_owner_td(a)}'
                   f"<td>{esc(_who(s))} on {because}</td></tr>")
    out.append("</tbody></table></div>")
    out.append('<p class="legend">A layer is yours when at least one resource of the design leaves it to you, '
               "shared when at least one shares it, else AWS's.</p>")

    out.append('<h2 id="designs">Per design</h2>')
    out.append("<table><thead><tr><th></th><th>BEFORE</th><th>AFTER</th></tr></thead><tbody>")
    for indent, label, b_val, a_val in _summary_rows(c):
        css = ' class="sub"' if indent else ' class="head"'
        out.append(f'<tr{css}><td>{esc(label)}</td><td class="num">{b_val}</td><td class="num">{a_val}</td></tr>')
    out.append("</tbody></table>")

    out.append('<h2 id="settings">Settings only one design asks of you</h2>')
    for side, items in zip(SIDES, (c.only_before, c.only_after), strict=True):
        rows = _asked_by_resource(items)
        if not rows:
            out.append(f"<p><strong>{side}</strong>: none.</p>")
            continue
        out.append(f"<h3>{side}</h3><ul>")
        out += [f"<li><code>{esc(address)}</code>: {esc(titles)}</li>" for address, titles in rows]
        out.append("</ul>")
    out.append(f"<footer>srmlint {esc(__version__)}</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(c: Comparison, fmt: str) -> str:
    """The comparison in ``fmt`` (one of :data:`FORMATS`)."""
    return {"text": render_text, "markdown": render_markdown, "json": render_json, "html": render_html}[fmt](c)


FORMATS: tuple[str, ...] = ("text", "markdown", "json", "html")
