"""The content of the human reports (``--format markdown`` and ``--format
html``), gathered once so both show exactly the same thing: the summary by
severity and by responsibility layer, the responsibility matrix, and the
findings grouped by resource with what AWS does by default and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from srmlint import matrix as matrix_model
from srmlint.engine import ScanResult, TaggedResource
from srmlint.findings import Finding
from srmlint.reporters.common import (
    FORMAT_TITLES,
    LayerCount,
    ResourceGroup,
    group_by_resource,
    layer_counts,
    portable_path,
    rule_of,
    severity_counts,
)
from srmlint.reporters.text import summary_line
from srmlint.reporting import ReportContext
from srmlint.responsibility import LAYERS, MODEL_TITLES
from srmlint.rule import Severity

TITLE = "srmlint report"


@dataclass(frozen=True)
class FindingView:
    """One finding as a human report shows it: where, why it is yours, and the
    fix for the resource's own format (both formats when that is unknown)."""

    finding: Finding
    place: str
    responsibility: str | None
    fixes: tuple[tuple[str, str], ...]
    url: str | None


@dataclass(frozen=True)
class GroupView:
    group: ResourceGroup
    heading: str
    place: str
    about: str | None
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class HumanReport:
    version: str
    summary: str
    severities: dict[Severity, int]
    layers: list[LayerCount]
    matrix: matrix_model.Matrix
    groups: list[GroupView]
    unreadable: list[GroupView]


def _responsibility(finding: Finding) -> str | None:
    r = finding.responsibility
    if r is None:
        return None
    text = f"{r.owner}-owned layer: {LAYERS.get(r.layer, r.layer)}"
    if r.service_model:
        text += f" ({MODEL_TITLES.get(r.service_model, r.service_model)})"
    return text


def _format_of_file(path: str) -> str | None:
    """For SRM000 (no resource): the format a file name suggests, to pick the fix."""
    if path.endswith((".tf", ".tf.json")):
        return "terraform"
    if path.endswith((".yaml", ".yml", ".template", ".json")):
        return "cloudformation"
    return None


def _view(finding: Finding, fmt: str | None, context: ReportContext) -> FindingView:
    meta = rule_of(finding, context.rules)
    fixes: tuple[tuple[str, str], ...] = ()
    if meta is not None:
        chosen = dict(meta.remediation)
        if fmt is not None and fmt in chosen:
            chosen = {fmt: chosen[fmt]}
        fixes = tuple((FORMAT_TITLES.get(k, k), v) for k, v in chosen.items())
    return FindingView(
        finding=finding,
        place=f"{portable_path(finding.file)}:{finding.line}:{finding.column}",
        responsibility=_responsibility(finding),
        fixes=fixes,
        url=meta.url if meta is not None else None,
    )


def _about(tagged: TaggedResource | None, group: ResourceGroup) -> str | None:
    if tagged is None:
        return group.type
    parts = [str(tagged.resource.type)]
    resp = tagged.responsibility
    if resp is not None and resp.service:
        parts.append(resp.service)
    if resp is not None and resp.service_model:
        parts.append(MODEL_TITLES.get(resp.service_model, resp.service_model))
    return " · ".join(parts)


def build(result: ScanResult, context: ReportContext) -> HumanReport:
    tagged: Mapping[tuple[str, str], TaggedResource] = {
        (t.resource.location.file, t.resource.address): t for t in result.resources}
    groups, unreadable = [], []
    for group in group_by_resource(result):
        if group.address is None:
            views = tuple(_view(f, _format_of_file(f.file), context) for f in group.findings)
            unreadable.append(GroupView(group, portable_path(group.file), portable_path(group.file), None, views))
            continue
        t = tagged.get((group.file, group.address))
        fmt = t.resource.format if t is not None else None
        views = tuple(_view(f, fmt, context) for f in group.findings)
        groups.append(GroupView(group, group.address, f"{portable_path(group.file)}:{group.line}",
                                _about(t, group), views))
    return HumanReport(
        version=context.tool_version,
        summary=summary_line(result),
        severities=severity_counts(result.active_findings),
        layers=layer_counts(result.active_findings),
        matrix=matrix_model.build(result, list(context.rules.values())),
        groups=groups,
        unreadable=unreadable,
    )
