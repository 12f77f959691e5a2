"""The Markdown report (``--format markdown``): for a pull-request comment or a
job summary (``$GITHUB_STEP_SUMMARY``).

Summary by severity and by responsibility layer, the responsibility matrix
(the same Markdown as ``srmlint matrix --format markdown``, its headings one
level down), then the findings grouped by resource, each with why it is
yours, what AWS does when it is left unset, and the fix.
"""

from __future__ import annotations

from srmlint.engine import ScanResult
from srmlint.reporters.human import TITLE, GroupView, HumanReport, build
from srmlint.reporters.matrix import render_markdown
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS


def md_escape(text: str) -> str:
    """Text that Markdown (and GitHub's HTML sanitizer) shows as written: the
    characters that start emphasis, links, tables, code or HTML are escaped."""
    out = []
    for i, ch in enumerate(text):
        if ch == "_" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            out.append(ch)  # intraword: never emphasis in CommonMark, and names read better bare
        elif ch in "\\`*_[]<>|#":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return " ".join("".join(out).splitlines())


def code(text: str) -> str:
    """Inline code that survives backticks and pipes inside ``text``."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    body = " ".join(text.replace("|", "\\|").splitlines())
    return f"{fence}{pad}{body}{pad}{fence}"


def _demote(markdown: str) -> list[str]:
    """The matrix's Markdown with every heading one level down, so it nests
    under this report's title."""
    return ["#" + line if line.startswith("#") else line for line in markdown.rstrip("\n").split("\n")]


def _group(view: GroupView) -> list[str]:
    out = [f"### {code(view.heading)}", ""]
    meta = [code(view.place)] if view.place != view.heading else []
    if view.about:
        meta.append(md_escape(view.about))
    if meta:
        out += [" · ".join(meta), ""]
    for fv in view.findings:
        f = fv.finding
        out.append(f"- **{f.severity.label.upper()}** {code(f.rule_id)} {md_escape(f.message)} — {code(fv.place)}")
        if fv.responsibility:
            out.append(f"  - Responsibility: {md_escape(fv.responsibility)}")
        if f.aws_default:
            out.append(f"  - When left unset: {md_escape(f.aws_default)}")
        out += [f"  - Fix ({fmt}): {md_escape(fix)}" for fmt, fix in fv.fixes]
        if fv.url:
            out.append(f"  - Docs: <{fv.url}>")
    out.append("")
    return out


def render(report: HumanReport) -> str:
    out = [f"# {TITLE}", "", f"{md_escape(report.summary)} (srmlint {report.version})", "",
           "## Summary", "", "| severity | findings |", "|---|---:|"]
    out += [f"| {s.label} | {n} |" for s, n in report.severities.items()]
    out += ["", "### By responsibility layer", ""]
    if report.layers:
        out += ["| layer | owner | findings | worst |", "|---|---|---:|---|"]
        out += [f"| {LAYERS.get(lc.layer, lc.layer)} | {', '.join(lc.owners)} | {lc.findings} | {lc.worst.label} |"
                for lc in report.layers]
    else:
        out.append("No findings about a customer-owned setting.")
    out.append("")
    out += _demote(render_markdown(report.matrix, show_unclassified=bool(report.matrix.unclassified)))
    out += ["", "## Findings by resource", ""]
    if not report.groups and not report.unreadable:
        out += ["No findings.", ""]
    for view in report.groups:
        out += _group(view)
    if report.unreadable:
        out += ["## Files that could not be (fully) analysed", ""]
        for view in report.unreadable:
            out += _group(view)
    return "\n".join(out).rstrip("\n") + "\n"


class MarkdownReporter:
    name = "markdown"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        return render(build(result, context))
