"""What several output formats share: severity mappings, stable fingerprints,
portable paths, and the grouping a human report needs (by severity, by
responsibility layer, by resource).

Kept in one place so that SARIF, GitLab and the human reports never disagree
on what a finding's identity is or how severe it reads in another tool's
vocabulary.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.rule import RuleMeta, Severity

#: Fingerprint scheme version: bump it (and the key name in SARIF) if the
#: recipe below changes, so that CI systems see a new scheme rather than every
#: finding "fixed" and "introduced" at once.
FINGERPRINT_KEY = "srmlint/v1"

#: SARIF ``level`` per severity: ``error`` fails a code-scanning check by default.
SARIF_LEVEL: Mapping[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

#: GitHub code scanning's ``security-severity`` (a CVSS-like score as a
#: string): > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. The
#: values sit inside GitHub's bands so its severity filter matches ours.
SECURITY_SEVERITY: Mapping[Severity, str] = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}

#: GitLab Code Quality's severities.
GITLAB_SEVERITY: Mapping[Severity, str] = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}

#: GitHub Actions workflow command per severity.
GITHUB_COMMAND: Mapping[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}

SEVERITIES_DESC: tuple[Severity, ...] = tuple(sorted(Severity, reverse=True))


def portable_path(path: str) -> str:
    """A finding's path with ``/`` separators and no leading ``./``: CI systems
    match paths against the repository tree, which never spells them so."""
    text = path.replace(os.sep, "/") if os.sep != "/" else path
    while text.startswith("./"):
        text = text[2:]
    return text


def file_uri(path: str) -> tuple[str, bool]:
    """A percent-encoded URI reference for ``path`` and whether it is relative
    (then it resolves against ``%SRCROOT%``, the folder srmlint ran in)."""
    text = portable_path(path)
    if os.path.isabs(path):
        return "file://" + quote(text if text.startswith("/") else "/" + text, safe="/:"), False
    return quote(text, safe="/"), True


def normalize_message(message: str) -> str:
    """The message as the fingerprint sees it: whitespace collapsed and case
    folded, so a reworded line break or capital does not make a new alert."""
    return re.sub(r"\s+", " ", message).strip().casefold()


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """A stable identity per finding, in the order given.

    The recipe: SHA-256 of ``rule id``, ``portable file path``, ``resource
    address`` (empty for SRM000) and the normalized message, joined by NUL,
    plus an occurrence number when several findings share all four (two
    identical hits in one resource), counted in report order. Line and column
    are left out on purpose: inserting a line above a resource must not make
    CI see its findings as fixed and new.
    """
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        address = f.resource.address if f.resource is not None else ""
        base = "\0".join((f.rule_id, portable_path(f.file), address, normalize_message(f.message)))
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}\0{seen[base]}"
        out.append(hashlib.sha256(key.encode("utf-8")).hexdigest())
    return out


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings per severity, every severity present, most severe first."""
    counts = Counter(f.severity for f in findings)
    return {s: counts[s] for s in SEVERITIES_DESC}


@dataclass(frozen=True)
class LayerCount:
    """Findings about one responsibility layer, and who owns that layer on the
    resources concerned (usually the customer: rules judge what is yours)."""

    layer: str
    owners: tuple[str, ...]
    findings: int
    worst: Severity


def layer_counts(findings: Iterable[Finding]) -> list[LayerCount]:
    """Findings per responsibility layer, most findings first; SRM000 (no
    resource, so no layer) is left out: it is about a file, not a setting."""
    by_layer: dict[str, list[Finding]] = {}
    for f in findings:
        if f.responsibility is not None:
            by_layer.setdefault(f.responsibility.layer, []).append(f)
    rows = [
        LayerCount(layer, tuple(sorted({f.responsibility.owner for f in group if f.responsibility})),
                   len(group), max(f.severity for f in group))
        for layer, group in by_layer.items()
    ]
    return sorted(rows, key=lambda r: (-r.findings, -r.worst, r.layer))


@dataclass(frozen=True)
class ResourceGroup:
    """The findings about one resource (or, for SRM000, one file), in report order."""

    file: str
    address: str | None
    type: str | None
    line: int
    findings: tuple[Finding, ...]

    @property
    def worst(self) -> Severity:
        return max(f.severity for f in self.findings)


def group_by_resource(result: ScanResult) -> list[ResourceGroup]:
    """Findings grouped by resource, the resources in file and line order;
    findings without a resource (SRM000) grouped per file after them, since a
    reader acts on a resource at a time and on unreadable files separately.
    Suppressed findings (inline or baseline) are left out: they are accepted."""
    starts = {(t.resource.location.file, t.resource.address): t.resource.location.line for t in result.resources}
    files_of: dict[str, list[str]] = {}
    for file, address in starts:
        files_of.setdefault(address, []).append(file)
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for f in result.active_findings:
        if f.resource is not None:
            # A Terraform finding may point into another file of the module:
            # group it with its resource, wherever that is declared.
            candidates = files_of.get(f.resource.address, [])
            home: str = f.file if f.file in candidates else next(
                (file for file in candidates if os.path.dirname(file) == os.path.dirname(f.file)), f.file)
            groups.setdefault((home, f.resource.address), []).append(f)
        else:
            groups.setdefault((f.file, None), []).append(f)
    out = []
    for (home_file, group_address), found in groups.items():
        first = found[0]
        line = (starts.get((home_file, group_address), first.line) if group_address is not None
                else first.line)
        out.append(ResourceGroup(
            file=home_file, address=group_address, type=first.resource.type if first.resource else None,
            line=line, findings=tuple(found)))
    return sorted(out, key=lambda g: (g.address is None, g.file, g.line, g.address or ""))


def rule_of(finding: Finding, rules: Mapping[str, RuleMeta]) -> RuleMeta | None:
    """The rule's metadata when the CLI supplied it (a plugin reporter may be
    called without): reporters degrade to the finding's own fields."""
    return rules.get(finding.rule_id)


FORMAT_TITLES: dict[str, str] = {"terraform": "Terraform", "cloudformation": "CloudFormation"}
