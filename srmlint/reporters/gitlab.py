"""GitLab Code Quality (``--format gitlab``): the JSON array GitLab reads from
``artifacts:reports:codequality`` and shows in merge requests.

Each issue has ``description``, ``check_name`` (the rule id), ``fingerprint``
(the same stable recipe as SARIF's, see
:func:`srmlint.reporters.common.fingerprints`: GitLab compares the base and
head branches by it), ``severity`` (info, minor, major, critical, blocker from
info…critical) and ``location.path`` with ``lines.begin``. ``categories`` and
``content`` are GitLab's optional extras (CodeClimate's spec). Suppressed
findings are left out: GitLab has no notion of an accepted issue.
"""

from __future__ import annotations

import json
from typing import Any

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporters.common import FORMAT_TITLES, GITLAB_SEVERITY, fingerprints, portable_path, rule_of
from srmlint.reporters.text import format_context
from srmlint.reporting import ReportContext


def _content(finding: Finding, context: ReportContext) -> str | None:
    meta = rule_of(finding, context.rules)
    parts = []
    if finding.aws_default:
        parts.append(f"**When left unset:** {finding.aws_default}")
    if meta is not None:
        parts += [f"**Fix ({FORMAT_TITLES.get(fmt, fmt)}):** {fix}" for fmt, fix in meta.remediation.items()]
        parts.append(f"[{meta.id} documentation]({meta.url})")
    return "\n\n".join(parts) or None


def issue(finding: Finding, fingerprint: str, context: ReportContext) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "issue",
        "check_name": finding.rule_id,
        "description": f"{finding.rule_id} {finding.message}{format_context(finding)}",
        "categories": ["Security"],
        "severity": GITLAB_SEVERITY[finding.severity],
        "fingerprint": fingerprint,
        "location": {"path": portable_path(finding.file),
                     "lines": {"begin": finding.line, "end": max(finding.line, finding.end_line)}},
    }
    content = _content(finding, context)
    if content:
        out["content"] = {"body": content}
    return out


class GitlabReporter:
    name = "gitlab"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        # Fingerprints over all findings, suppressed included, so that a
        # suppression does not renumber its twins' fingerprints.
        issues = [issue(f, fp, context) for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
                  if not f.suppressed]
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
