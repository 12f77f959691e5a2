"""Baselines: adopt srmlint on an existing codebase and fail only on new problems.

Each baselined finding is keyed by file, resource address, rule id and a
fingerprint of what the finding says (its message, which names the resource
and the offending setting), never by line: moving a block does not resurrect
a finding, and a new violation in another file or on another resource is
never absorbed (Checkov's baseline ignores the file: bridgecrewio/checkov#7647).
Identical keys are counted, so a second identical violation on the same
resource is new. Paths are stored relative to the baseline file, so the
baseline works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from srmlint.findings import Finding

MARKER = "srmlint-baseline"
VERSION = 1

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """A baseline file srmlint cannot use: exit 2 with this message."""


def fingerprint(finding: Finding) -> str:
    text = f"{finding.rule_id}\0{finding.message}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _relative(path: str, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def key(finding: Finding, base: Path) -> Key:
    address = finding.resource.address if finding.resource is not None else ""
    return (_relative(finding.file, base), address, finding.rule_id, fingerprint(finding))


def write(path: Path, findings: Iterable[Finding]) -> int:
    """Write every unsuppressed finding to ``path``; return how many."""
    base = path.resolve().parent
    entries = sorted(key(f, base) for f in findings if not f.suppressed)
    document = {
        MARKER: VERSION,
        "findings": [
            {"file": file, "address": address, "rule_id": rule_id, "fingerprint": fp}
            for file, address, rule_id, fp in entries
        ],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def load(path: Path) -> Counter[Key]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(document, dict) or document.get(MARKER) != VERSION:
        raise BaselineError(f"{path}:1: not an srmlint baseline (no \"{MARKER}\": {VERSION}); "
                            "create one with --write-baseline")
    entries = document.get("findings")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}: baseline has no \"findings\" list")
    keys: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        fields = ("file", "address", "rule_id", "fingerprint")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in fields):
            raise BaselineError(f"{path}: baseline entry {index} must have string {', '.join(fields)}")
        keys[(entry["file"], entry["address"], entry["rule_id"], entry["fingerprint"])] += 1
    return keys


def apply(findings: Iterable[Finding], path: Path) -> list[Finding]:
    """Mark the findings the baseline at ``path`` already knows."""
    remaining = load(path)
    base = path.resolve().parent
    out: list[Finding] = []
    for finding in findings:
        k = key(finding, base)
        if not finding.suppressed and remaining[k] > 0:
            remaining[k] -= 1
            finding = replace(finding, suppressed=True, suppression="baseline", suppression_reason=None)
        out.append(finding)
    return out
