"""One line per finding, ruff-style: ``path:line:col: CODE [severity] message (context)``."""

from __future__ import annotations

from collections import Counter

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS, MODEL_TITLES
from srmlint.rule import Severity


def format_finding(finding: Finding) -> str:
    head = f"{finding.file}:{finding.line}:{finding.column}: {finding.rule_id} [{finding.severity.label}] "
    context: list[str] = []
    if finding.resource is not None:
        context.append(finding.resource.address)
    if finding.responsibility is not None:
        r = finding.responsibility
        context.append(f"{r.owner}-owned: {LAYERS.get(r.layer, r.layer)}")
        if r.service_model:
            context.append(MODEL_TITLES.get(r.service_model, r.service_model))
    tail = f"  ({' · '.join(context)})" if context else ""
    return head + finding.message + tail


def summary_line(result: ScanResult) -> str:
    counts = Counter(f.severity for f in result.findings)
    by_severity = ", ".join(
        f"{counts[s]} {s.label}" for s in sorted(Severity, reverse=True) if counts[s]
    )
    n = len(result.findings)
    found = f"Found {n} finding{'s' if n != 1 else ''}" + (f" ({by_severity})" if by_severity else "")
    scanned = (
        f"{result.files_scanned} file{'s' if result.files_scanned != 1 else ''} scanned: "
        f"{result.templates} template{'s' if result.templates != 1 else ''}, "
        f"{len(result.resources)} resource{'s' if len(result.resources) != 1 else ''}"
    )
    extras = []
    if result.not_templates:
        extras.append(f"{result.not_templates} not templates")
    if result.parse_errors:
        extras.append(f"{result.parse_errors} not (fully) analysed")
    if result.unclassified:
        extras.append(f"{result.unclassified} unclassified resources")
    return f"{found} · {scanned}" + (f" ({', '.join(extras)})" if extras else "") + "."


class TextReporter:
    name = "text"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        lines = [format_finding(f) for f in result.findings]
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"
