"""One line per finding, ruff-style: ``path:line:col: CODE [severity] message (context)``.

With ``ReportContext.color`` (the CLI decides it from ``--color``,
``NO_COLOR`` and whether the stream is a terminal) the same text gets ANSI
styles: bold path and rule id, the severity in its color, the context dimmed.
Without it the bytes are exactly the plain format, which tests and scripts
parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from srmlint.engine import ScanResult, TaggedResource
from srmlint.findings import Finding
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS, MODEL_TITLES
from srmlint.rule import Severity

RESET = "\033[0m"
BOLD = "1"
DIM = "2"
#: SGR codes per severity: the eye finds the red ones first.
SEVERITY_STYLE: dict[Severity, str] = {
    Severity.CRITICAL: "1;31",
    Severity.HIGH: "31",
    Severity.MEDIUM: "33",
    Severity.LOW: "34",
    Severity.INFO: "2",
}


def style(text: str, code: str, color: bool) -> str:
    """``text`` in the SGR style ``code`` when ``color``, else unchanged."""
    return f"\033[{code}m{text}{RESET}" if color and text else text


def format_context(finding: Finding) -> str:
    """The ``  (address · owner-owned: layer · model)`` tail, or ``""``."""
    context: list[str] = []
    if finding.resource is not None:
        context.append(finding.resource.address)
    if finding.responsibility is not None:
        r = finding.responsibility
        context.append(f"{r.owner}-owned: {LAYERS.get(r.layer, r.layer)}")
        if r.service_model:
            context.append(MODEL_TITLES.get(r.service_model, r.service_model))
    if finding.module_call is not None:
        call = finding.module_call
        context.append(f"via {call.address} at {call.file}:{call.line}")
    return f"  ({' · '.join(context)})" if context else ""


def format_finding(finding: Finding, color: bool = False, unsafe_fixes: bool = False) -> str:
    """One finding's line; ``CODE [*]`` marks a fix ``--fix`` applies, as ruff does
    (with ``unsafe_fixes``, the unsafe ones too)."""
    where = style(finding.file, BOLD, color) + f":{finding.line}:{finding.column}:"
    code = style(finding.rule_id, BOLD, color)
    fix = finding.fix
    if fix is not None and (fix.safety == "safe" or unsafe_fixes):
        code += " " + style("[*]", BOLD, color)
    severity = style(f"[{finding.severity.label}]", SEVERITY_STYLE[finding.severity], color)
    line = f"{where} {code} {severity} {finding.message}" + style(format_context(finding), DIM, color)
    return line + fix_marker(finding)


def fix_marker(finding: Finding) -> str:
    """``  [unsafe fix: replaces resource]`` / ``  [unsafe fix: may break clients]``
    after a finding whose fix is unsafe, so nobody applies it unawares;
    ``""`` otherwise (a safe fix is the ``[*]`` alone)."""
    fix = finding.fix
    if fix is None or fix.safety == "safe":
        return ""
    return "  [unsafe fix: " + ("replaces resource]" if fix.replaces_resource else "may break clients]")


def fix_summary(result: ScanResult, fix_mode: str | None) -> str | None:
    """The closing line about fixes, ruff-style, or None when there is nothing to say.

    After ``--fix``: ``N fixed, M more with --unsafe-fixes.``; on a plain scan:
    ``[*] N fixable with --fix (M more with --fix --unsafe-fixes).``"""
    active = [f for f in result.active_findings if f.fix is not None]
    safe = sum(1 for f in active if f.fix is not None and f.fix.safety == "safe")
    unsafe = len(active) - safe
    if fix_mode is not None:
        more = f", {unsafe} more with --unsafe-fixes" if unsafe and fix_mode != "unsafe" else ""
        return f"{len(result.fixed)} fixed{more}."
    if not active:
        return None
    if not safe:
        return f"No safe fixes ({unsafe} with --fix --unsafe-fixes)."
    return f"[*] {safe} fixable with --fix" + (f" ({unsafe} more with --fix --unsafe-fixes)." if unsafe else ".")


def summary_line(result: ScanResult) -> str:
    counts = Counter(f.severity for f in result.active_findings)
    by_severity = ", ".join(
        f"{counts[s]} {s.label}" for s in sorted(Severity, reverse=True) if counts[s]
    )
    n = len(result.active_findings)
    found = f"Found {n} finding{'s' if n != 1 else ''}" + (f" ({by_severity})" if by_severity else "")
    scanned = (
        f"{result.files_scanned} file{'s' if result.files_scanned != 1 else ''} scanned: "
        f"{result.templates} template{'s' if result.templates != 1 else ''}, "
        f"{len(result.resources)} resource{'s' if len(result.resources) != 1 else ''}"
    )
    extras = []
    if result.suppressed:
        extras.append(f"{result.suppressed} suppressed")
    if result.not_templates:
        extras.append(f"{result.not_templates} not templates")
    if result.parse_errors:
        extras.append(f"{result.parse_errors} not (fully) analysed")
    if result.unclassified:
        extras.append(f"{result.unclassified} unclassified resources")
    return f"{found} · {scanned}" + (f" ({', '.join(extras)})" if extras else "") + "."


def unclassified_of(result: ScanResult) -> list[TaggedResource]:
    """AWS resources the catalog could not place (other providers' are not listed)."""
    found = [t for t in result.resources if t.responsibility is not None and not t.responsibility.classified]
    return sorted(found, key=lambda t: (t.resource.location.file, t.resource.location.line, t.resource.address))


def unclassified_lines(unclassified: Iterable[TaggedResource]) -> list[str]:
    """The ``--show-unclassified`` section: AWS types the catalog cannot place,
    each with why, so a user can fix a typo or ask for a catalog entry."""
    items = list(unclassified)
    if not items:
        return ["No unclassified AWS resource types."]
    by_type: dict[str, list[TaggedResource]] = {}
    for t in items:
        by_type.setdefault(str(t.resource.type), []).append(t)
    lines = [f"Unclassified AWS resource types ({len(by_type)} type{'s' if len(by_type) != 1 else ''}, "
             f"{len(items)} resource{'s' if len(items) != 1 else ''}):"]
    for type_ in sorted(by_type):
        group = by_type[type_]
        first = group[0].resource
        note = group[0].responsibility.note if group[0].responsibility else None
        where = f"{first.location.file}:{first.location.line}" + (f" and {len(group) - 1} more"
                                                                   if len(group) > 1 else "")
        lines.append(f"  {type_}  ({len(group)}: {where})" + (f"  {note}" if note else ""))
    return lines


class TextReporter:
    name = "text"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        lines = [format_finding(f, context.color, context.unsafe_fixes) for f in result.active_findings]
        summary = summary_line(result)
        if context.color:
            worst = max((f.severity for f in result.active_findings), default=None)
            summary = style(summary, "1;32" if worst is None else f"1;{SEVERITY_STYLE[worst].split(';')[-1]}",
                            True)
        lines.append(summary)
        fixes = fix_summary(result, context.fix_mode)
        if fixes is not None:
            lines.append(fixes)
        return "\n".join(lines) + "\n"
