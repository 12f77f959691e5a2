"""SARIF 2.1.0 (``--format sarif``): for GitHub code scanning and any SARIF viewer.

Validated against the official OASIS schema in the tests. Choices a consumer
may rely on:

- ``tool.driver.rules`` lists the rules that have results, sorted by id;
  ``result.ruleIndex`` points into it. Each rule has ``shortDescription``
  (title), ``fullDescription`` (rationale), ``help`` (text and Markdown: why,
  what AWS does when left unset, the fix for Terraform and CloudFormation,
  failing/passing examples), ``properties.security-severity`` (GitHub's
  CVSS-like score, from the severity) and ``properties.tags`` (``security``,
  the responsibility layer as ``layer:<name>``, the rule's own tags).
- Result paths are relative URIs against ``%SRCROOT%`` (the folder srmlint
  ran in) when the user gave relative paths; absolute paths become
  ``file://`` URIs. Lines and columns are 1-based.
- ``partialFingerprints["srmlint/v1"]`` is SHA-256 of rule id, path,
  resource address and normalized message (no line numbers): see
  :func:`srmlint.reporters.common.fingerprints`.
- Suppressed findings (inline comments, template metadata, a baseline) are
  kept, with SARIF ``suppressions`` (``inSource`` / ``external``, the reason
  as ``justification``), so code scanning closes rather than loses them.
- No timestamps, no absolute paths of the machine, no command line: the same
  scan gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from srmlint.engine import ScanResult
from srmlint.findings import Finding
from srmlint.reporters.common import (
    FINGERPRINT_KEY,
    FORMAT_TITLES,
    SARIF_LEVEL,
    SECURITY_SEVERITY,
    file_uri,
    fingerprints,
)
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS, MODEL_TITLES
from srmlint.rule import RuleMeta

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/srmlint/srmlint"
SRCROOT = "%SRCROOT%"

_EXAMPLE_LANG = {"terraform": "hcl", "cloudformation": "yaml"}


def help_text(meta: RuleMeta) -> str:
    """Plain-text help: the same content as :func:`help_markdown` for viewers
    that show no Markdown."""
    out = [meta.rationale]
    if meta.aws_default:
        out += ["", f"When left unset: {meta.aws_default}"]
    for fmt, fix in meta.remediation.items():
        out += ["", f"Fix ({FORMAT_TITLES.get(fmt, fmt)}): {fix}"]
    out += ["", f"Responsibility: customer-owned layer '{LAYERS.get(meta.layer, meta.layer)}'.",
            f"Docs: {meta.url}"]
    return "\n".join(out)


def help_markdown(meta: RuleMeta) -> str:
    """Markdown help (GitHub shows it on the alert page): why, the AWS default,
    the fix per format, and a failing and a passing example per format."""
    out = [f"**{meta.title}** ({meta.id}, {meta.severity.label})", "", meta.rationale, ""]
    if meta.aws_default:
        out += [f"**When left unset:** {meta.aws_default}", ""]
    out.append(f"**Responsibility:** customer-owned layer _{LAYERS.get(meta.layer, meta.layer)}_.")
    out.append("")
    for fmt, fix in meta.remediation.items():
        out += [f"### Fix ({FORMAT_TITLES.get(fmt, fmt)})", "", fix, ""]
        example = meta.examples.get(fmt)
        if example is not None:
            lang = _EXAMPLE_LANG.get(fmt, "")
            out += ["Fails:", "", f"```{lang}", example.fail.rstrip(), "```", "",
                    "Passes:", "", f"```{lang}", example.pass_.rstrip(), "```", ""]
    out.append(f"[Documentation]({meta.url})")
    return "\n".join(out)


def rule_descriptor(meta: RuleMeta) -> dict[str, Any]:
    tags = ["security", "shared-responsibility", f"layer:{meta.layer}"]
    tags += [t for t in meta.tags if t not in tags]
    return {
        "id": meta.id,
        "name": meta.slug,
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": meta.rationale},
        "helpUri": meta.url,
        "help": {"text": help_text(meta), "markdown": help_markdown(meta)},
        "defaultConfiguration": {"level": SARIF_LEVEL[meta.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[meta.severity],
            "precision": "high",
            "tags": tags,
            "severity": meta.severity.label,
            "layer": meta.layer,
        },
    }


def _fallback_descriptor(finding: Finding) -> dict[str, Any]:
    """A descriptor from the finding alone, for a rule the context lacks."""
    return {
        "id": finding.rule_id,
        "name": finding.rule,
        "shortDescription": {"text": finding.title},
        "defaultConfiguration": {"level": SARIF_LEVEL[finding.severity]},
        "properties": {"security-severity": SECURITY_SEVERITY[finding.severity], "tags": ["security"],
                       "severity": finding.severity.label},
    }


def _message(finding: Finding) -> str:
    r = finding.responsibility
    if r is None:
        return finding.message
    where = f"{r.owner}-owned: {LAYERS.get(r.layer, r.layer)}"
    if r.service_model:
        where += f", {MODEL_TITLES.get(r.service_model, r.service_model)}"
    return f"{finding.message} ({where})"


def _suppressions(finding: Finding) -> list[dict[str, Any]]:
    """SARIF's record of an accepted finding: ``inSource`` for a comment or
    template metadata, ``external`` for a baseline file. Code scanning shows
    such a result as dismissed instead of open."""
    if not finding.suppressed:
        return []
    suppression: dict[str, Any] = {"kind": "external" if finding.suppression == "baseline" else "inSource",
                                   "status": "accepted"}
    if finding.suppression_reason:
        suppression["justification"] = finding.suppression_reason
    return [suppression]


def _result(finding: Finding, index: int, fingerprint: str) -> dict[str, Any]:
    uri, relative = file_uri(finding.file)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    line = max(1, finding.line)
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": line, "startColumn": max(1, finding.column),
                       "endLine": max(line, finding.end_line)},
        },
    }
    if finding.resource is not None:
        location["logicalLocations"] = [{"name": finding.resource.name,
                                         "fullyQualifiedName": finding.resource.address,
                                         "kind": "resource"}]
    properties: dict[str, Any] = {"severity": finding.severity.label}
    if finding.resource is not None:
        properties["resource"] = {"type": finding.resource.type, "name": finding.resource.name,
                                  "address": finding.resource.address}
    if finding.responsibility is not None:
        properties["responsibility"] = {"owner": finding.responsibility.owner,
                                        "layer": finding.responsibility.layer,
                                        "service_model": finding.responsibility.service_model}
    if finding.aws_default:
        properties["aws_default"] = finding.aws_default
    out: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "kind": "fail",
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    suppressions = _suppressions(finding)
    if suppressions:
        out["suppressions"] = suppressions
    out["properties"] = properties
    return out


def sarif_dict(result: ScanResult, context: ReportContext) -> dict[str, Any]:
    rules: Mapping[str, RuleMeta] = context.rules
    used = sorted({f.rule_id for f in result.findings})
    first = {f.rule_id: f for f in reversed(result.findings)}
    descriptors = [rule_descriptor(rules[i]) if i in rules else _fallback_descriptor(first[i]) for i in used]
    index = {rule_id: n for n, rule_id in enumerate(used)}
    results = [_result(f, index[f.rule_id], fp)
               for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "srmlint",
                "version": context.tool_version,
                "semanticVersion": context.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }},
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": "The folder srmlint ran in; relative result paths resolve against it."}}},
            "invocations": [{"executionSuccessful": True}],
            "results": results,
            "properties": {
                "files_scanned": result.files_scanned,
                "templates": result.templates,
                "resources": len(result.resources),
                "parse_errors": result.parse_errors,
                "unclassified_resources": result.unclassified,
            },
        }],
    }


class SarifReporter:
    name = "sarif"

    def render(self, result: ScanResult, context: ReportContext) -> str:
        return json.dumps(sarif_dict(result, context), indent=2, ensure_ascii=False) + "\n"
