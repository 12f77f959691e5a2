"""The HTML report (``--format html``): one self-contained file to attach to a
CI run or mail to a reviewer.

The same content as the Markdown report (:mod:`srmlint.reporters.human`),
with inline CSS and nothing else: no scripts, fonts, images or style sheets
from anywhere, so it renders offline and from an artifact store that serves
it with a strict content-security policy. Every piece of template-derived
text (names, messages, paths) is escaped: a resource named ``<script>`` is
shown, never run. ``bench/render_html.sh`` screenshots it in headless
Chromium.
"""

from __future__ import annotations

from html import escape

from srmlint.engine import ScanResult
from srmlint.matrix import SYMBOLS, Matrix
from srmlint.reporters.human import TITLE, GroupView, HumanReport, build
from srmlint.reporters.matrix import (
    CELL,
    LEGEND,
    MODEL_GIST,
    _always,
    _group_title,
    _headline,
    _label,
    _multi_file,
    _notes,
    _places,
    _stack_summary,
)
from srmlint.reporters.text import unclassified_lines
from srmlint.reporting import ReportContext
from srmlint.responsibility import ALWAYS_AWS, ALWAYS_CUSTOMER, LAYERS, STACK, Owner

CSS = """
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa;
  --critical: #8b0000; --high: #cf222e; --medium: #9a6700; --low: #0969da; --info: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: var(--fg);
  margin: 0 auto; padding: 24px 32px 48px; max-width: 1200px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 16px; margin: 24px 0 6px; }
p.lead { color: var(--muted); margin-top: 0; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-alt);
  padding: 1px 4px; border-radius: 4px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
.scroll { overflow-x: auto; }
td code { overflow-wrap: break-word; background: none; padding: 0; }
td.res { max-width: 300px; } td.where { max-width: 240px; }
td.res code, td.where code { overflow-wrap: anywhere; }
td.settings { min-width: 220px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.you { font-weight: 600; background: #fff8c5; }
td.shared { background: #fff1e5; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.card .n { font-size: 24px; font-weight: 700; }
.card .l { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.sev { display: inline-block; min-width: 68px; text-align: center; color: #fff; border-radius: 10px;
  font-size: 12px; font-weight: 700; padding: 1px 8px; text-transform: uppercase; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); }
.sev-medium { background: var(--medium); } .sev-low { background: var(--low); } .sev-info { background: var(--info); }
.card.sev-critical .n { color: var(--critical); } .card.sev-high .n { color: var(--high); }
.card.sev-medium .n { color: var(--medium); } .card.sev-low .n { color: var(--low); }
.card.sev-info .n { color: var(--info); }
.card.sev-critical, .card.sev-high, .card.sev-medium, .card.sev-low, .card.sev-info { background: none; }
.group { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 8px; margin: 12px 0; }
.group h3 { margin-top: 12px; }
.group .about { color: var(--muted); font-size: 13px; }
ul.findings { list-style: none; padding: 0; margin: 8px 0; }
ul.findings > li { padding: 8px 0; border-top: 1px solid var(--line); }
ul.findings > li:first-child { border-top: none; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0 4px; font-size: 14px; }
dt { color: var(--muted); }
dd { margin: 0; }
.gist { color: var(--muted); font-style: italic; margin: 0 0 4px; }
.legend { color: var(--muted); font-size: 13px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
"""


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def _summary(report: HumanReport) -> list[str]:
    out = ["<h2 id=\"summary\">Summary</h2>", '<div class="cards">']
    for severity, n in report.severities.items():
        out.append(f'<div class="card sev-{severity.label}"><div class="n">{n}</div>'
                   f'<div class="l">{esc(severity.label)}</div></div>')
    out.append("</div>")
    out.append("<h3>By responsibility layer</h3>")
    if report.layers:
        out.append("<table><thead><tr><th>layer</th><th>owner</th><th>findings</th><th>worst</th></tr></thead><tbody>")
        for lc in report.layers:
            out.append(f"<tr><td>{esc(LAYERS.get(lc.layer, lc.layer))}</td><td>{esc(', '.join(lc.owners))}</td>"
                       f'<td class="num">{lc.findings}</td>'
                       f'<td><span class="sev sev-{lc.worst.label}">{esc(lc.worst.label)}</span></td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>No findings about a customer-owned setting.</p>")
    return out


def _owner_cell(owner: Owner) -> str:
    css = {Owner.CUSTOMER: ' class="you"', Owner.SHARED: ' class="shared"'}.get(owner, "")
    return f"<td{css}>{esc(CELL[owner])}</td>"


def _matrix(matrix: Matrix) -> list[str]:
    out = ['<h2 id="matrix">Responsibility matrix</h2>', f"<p>{esc(_headline(matrix))}.</p>",
           f"<ul><li><strong>Always yours:</strong> {esc(_always(ALWAYS_CUSTOMER))}</li>"
           f"<li><strong>Always AWS's:</strong> {esc(_always(ALWAYS_AWS))}</li></ul>"]
    places = _places(matrix) if _multi_file(matrix) else {}
    for model, control, rows in matrix.groups():
        out.append(f"<h3>{esc(_group_title(model, control).capitalize())}</h3>")
        out.append(f'<p class="gist">{esc(MODEL_GIST.get(model, ""))}</p>')
        head = "<th>resource</th>" + ("<th>where</th>" if places else "") + "<th>service</th>"
        head += "".join(f"<th>{esc(LAYERS[layer])}</th>" for layer in STACK) + "<th>settings</th>"
        out.append(f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>')
        for row in rows:
            cells = f'<td class="res"><code>{esc(_label(row))}</code></td>'
            if places:
                cells += f'<td class="where"><code>{esc(places[id(row)])}</code></td>'
            cells += f"<td>{esc(row.responsibility.service or '')}</td>"
            cells += "".join(_owner_cell(row.responsibility.owner_of(layer)) for layer in STACK)
            settings = "<br>".join(esc(f"{s.symbol} {s.title}" + (f" ({', '.join(s.rules)})" if s.rules else ""))
                                   for s in row.settings)
            out.append(f'<tr>{cells}<td class="settings">{settings}</td></tr>')
        out.append("</tbody></table></div>")
    if matrix.rows:
        out.append("<h3>Beyond what is always yours</h3>")
        out.append("<table><thead><tr><th>layer</th><th>you secure it on</th></tr></thead><tbody>")
        for layer, rows in _stack_summary(matrix):
            names = ", ".join(f"<code>{esc(r.resource.address)}</code>" for r in rows[:10])
            if len(rows) > 10:
                names += f", and {len(rows) - 10} more"
            where = f"{len(rows)}: {names}" if rows else "none"
            out.append(f"<tr><td>{esc(LAYERS[layer])}</td><td>{where}</td></tr>")
        out.append("</tbody></table>")
        counts = matrix.setting_counts()
        totals = " · ".join(f"{counts[k]} {SYMBOLS[k]}" for k in SYMBOLS)
        out.append(f'<p>Customer-owned settings: {esc(totals)} <span class="legend">({esc(LEGEND)})</span></p>')
        notes = _notes(matrix)
        if notes:
            out.append("<h3>Notes</h3><ul>")
            out += [f"<li>{esc(', '.join(r.resource.address for r in rows))}: {esc(note)}</li>"
                    for note, rows in notes]
            out.append("</ul>")
    if matrix.unclassified:
        lines = unclassified_lines(matrix.unclassified)
        out.append(f"<h3>Unclassified</h3><p>{esc(lines[0])}</p><ul>")
        out += [f"<li>{esc(line.strip())}</li>" for line in lines[1:]]
        out.append("</ul>")
    return out


def _group(view: GroupView) -> list[str]:
    out = ['<section class="group">', f"<h3><code>{esc(view.heading)}</code></h3>"]
    about = [f"<code>{esc(view.place)}</code>"] if view.place != view.heading else []
    if view.about:
        about.append(esc(view.about))
    if about:
        out.append(f'<div class="about">{" · ".join(about)}</div>')
    out.append('<ul class="findings">')
    for fv in view.findings:
        f = fv.finding
        out.append(f'<li><span class="sev sev-{f.severity.label}">{esc(f.severity.label)}</span> '
                   f"<code>{esc(f.rule_id)}</code> {esc(f.message)}<dl>")
        out.append(f"<dt>where</dt><dd><code>{esc(fv.place)}</code></dd>")
        if fv.responsibility:
            out.append(f"<dt>responsibility</dt><dd>{esc(fv.responsibility)}</dd>")
        if f.aws_default:
            out.append(f"<dt>when left unset</dt><dd>{esc(f.aws_default)}</dd>")
        out += [f"<dt>fix ({esc(fmt)})</dt><dd>{esc(fix)}</dd>" for fmt, fix in fv.fixes]
        if fv.url:
            out.append(f'<dt>docs</dt><dd><a href="{esc(fv.url)}">{esc(fv.url)}</a></dd>')
        out.append("</dl></li>")
    out += ["</ul>", "</section>"]
    return out


def render(report: HumanReport) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(TITLE)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{esc(TITLE)}</h1>", f'<p class="lead">{esc(report.summary)}</p>']
    out += _summary(report)
    out += _matrix(report.matrix)
    out.append('<h2 id="findings">Findings by resource</h2>')
    if not report.groups and not report.unreadable:
        out.append("<p>No findings.</p>")
    for view in report.groups:
        out += _group(view)
    if report.unreadable:
        out.append('<h2 id="unreadable">Files that could not be (fully) analysed</h2>')
        for view in report.unreadable:
            out += _group(view)
    out.append(f"<footer>srmlint {esc(report.version)}</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


class HtmlReporter:
    name = "html"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        return render(build(result, context))
