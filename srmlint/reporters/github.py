"""GitHub Actions annotations (``--format github``): one workflow command per
finding, which GitHub shows on the pull request's changed lines.

``::error`` for critical and high, ``::warning`` for medium, ``::notice`` for
low and info. Values are escaped as the Actions toolkit does: in the message
``%``, CR and LF; in properties also ``:`` and ``,`` (they separate
properties). Suppressed findings are not annotated. A summary line follows
for the job log.
"""

from __future__ import annotations

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporters.common import GITHUB_COMMAND, portable_path
from srmlint.reporters.text import format_context, summary_line
from srmlint.reporting import ReportContext


def escape_data(text: str) -> str:
    """A workflow command's message: ``%`` first, so the escapes themselves survive."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus the separators."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    props = [
        ("file", portable_path(finding.file)),
        ("line", str(finding.line)),
        ("endLine", str(max(finding.line, finding.end_line))),
        ("col", str(finding.column)),
        ("title", f"{finding.rule_id} [{finding.severity.label}] {finding.title}"),
    ]
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = finding.message + format_context(finding)
    return f"::{GITHUB_COMMAND[finding.severity]} {head}::{escape_data(message)}"


class GithubReporter:
    name = "github"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        lines = [annotation(f) for f in result.active_findings]
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"
