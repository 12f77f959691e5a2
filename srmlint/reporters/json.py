"""The JSON report: a stable, versioned contract (docs/json-format.md).

Keys are only ever added within a schema version; a change to the meaning or
removal of a key bumps ``schema_version``.
"""

from __future__ import annotations

import json
from typing import Any

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporters.text import unclassified_of
from srmlint.reporting import ReportContext
from srmlint.responsibility import Owner

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    record = _finding_record(f)
    if f.module_call is not None:  # only inside local modules: reports without them are unchanged
        record["module_call"] = {"address": f.module_call.address, "file": f.module_call.file,
                                 "line": f.module_call.line}
    return record


def _finding_record(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "rule": f.rule,
        "title": f.title,
        "severity": f.severity.label,
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "end_line": f.end_line,
        "resource": None if f.resource is None else {
            "type": f.resource.type, "name": f.resource.name, "address": f.resource.address,
        },
        "responsibility": None if f.responsibility is None else {
            "owner": f.responsibility.owner,
            "layer": f.responsibility.layer,
            "service_model": f.responsibility.service_model,
        },
        "aws_default": f.aws_default,
        "suppressed": f.suppressed,
        "suppression": None if not f.suppressed else {"kind": f.suppression, "reason": f.suppression_reason},
        "fix": None if f.fix is None else {
            "safety": f.fix.safety, "replaces_resource": f.fix.replaces_resource,
            "description": f.fix.description, "reason": f.fix.reason, "applied": f.fix.applied,
        },
    }


def report_dict(result: ScanResult, context: ReportContext) -> dict[str, Any]:
    resources = []
    for tagged in sorted(result.resources, key=lambda t: (t.resource.location.file, t.resource.location.line,
                                                          t.resource.address)):
        r, resp = tagged.resource, tagged.responsibility
        resources.append({
            "file": r.location.file,
            "format": r.format,
            "type": r.type,
            "name": r.name,
            "address": r.full_address,
            "line": r.location.line,
            "end_line": r.location.end_line,
            "service_model": resp.service_model if resp else None,
            "customer_layers": resp.layers_of(Owner.CUSTOMER) if resp else [],
            "aws_layers": resp.layers_of(Owner.AWS) if resp else [],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "srmlint", "version": context.tool_version},
        "summary": {
            "files_scanned": result.files_scanned,
            "templates": result.templates,
            "resources": len(result.resources),
            "findings": sum(1 for f in result.findings if not f.suppressed),
            "suppressed": sum(1 for f in result.findings if f.suppressed),
            "parse_errors": result.parse_errors,
            "unclassified_resources": result.unclassified,
            "fixable": sum(1 for f in result.findings if not f.suppressed and f.fix is not None),
            "fixed": len(result.fixed),
        },
        "resources": resources,
        # Fixed findings (fix.applied) are listed with the rest, at their
        # position before the edit, so a CI log says what --fix changed.
        "findings": [finding_dict(f) for f in sorted([*result.findings, *result.fixed], key=Finding.sort_key)],
    }


def unclassified_types(result: ScanResult) -> list[dict[str, Any]]:
    """The ``unclassified_types`` key that ``--show-unclassified`` adds: per
    AWS type the catalog cannot place, where it occurs and why (a typo in
    case, a service the catalog lacks, a type that is not a string)."""
    types: dict[str, dict[str, Any]] = {}
    for tagged in unclassified_of(result):
        r = tagged.resource
        entry = types.setdefault(str(r.type), {
            "type": r.type, "format": r.format, "count": 0,
            "note": tagged.responsibility.note if tagged.responsibility else None, "resources": [],
        })
        entry["count"] += 1
        entry["resources"].append({"file": r.location.file, "line": r.location.line, "address": r.address})
    return [types[k] for k in sorted(types)]


def dumps(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


class JsonReporter:
    name = "json"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        return dumps(report_dict(result, context))
