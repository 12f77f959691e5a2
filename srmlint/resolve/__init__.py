"""The resolve stage: between reading and the graph, make values static where the templates do.

Readers work one file at a time (so they can run in parallel and be cached);
a value, though, is only known with its whole module directory (Terraform
variables, locals, ``.tfvars``, module calls) or its whole template
(CloudFormation parameters, mappings, conditions, SAM ``Globals``, and the
parameters a parent stack passes a nested one). This stage takes the
parsed files of a scan and returns them with every attribute value that is
static evaluated, resources that are never created (``count = 0``, a false
``Condition``) left out, and local Terraform modules expanded per call.
Locations and references are kept; what is not static stays Unknown.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from srmlint.model import ParsedFile, Resource, Unknown
from srmlint.resolve.branches import BRANCHES, Branch
from srmlint.resolve.terraform import TerraformInputs

__all__ = ["BRANCHES", "Branch", "ResolveOptions", "ResolveStats", "Resolved", "resolve_scan", "unknown_share"]


@dataclass
class ResolveStats:
    """Attribute values of the scanned resources, and how many stayed unknown
    (``--stats``): before and after this stage, to see what it recovered."""

    values_before: int = 0
    unknown_before: int = 0
    values_after: int = 0
    unknown_after: int = 0
    module_resources: int = 0
    skipped_resources: int = 0
    #: Module calls srmlint cannot see into (a registry module without a
    #: shipped shim and not downloaded, a remote Git source...), by source.
    opaque_modules: dict[str, int] = field(default_factory=dict)
    #: Terraform files read from module folders outside the scan (shipped
    #: registry shims, local modules outside the scanned paths).
    module_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResolveOptions:
    """Values from outside the templates, and whether to count (``--stats``)."""

    terraform: TerraformInputs = field(default_factory=TerraformInputs)
    #: CloudFormation parameter values (``--parameter``, the config's ``parameters``).
    parameters: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    stats: ResolveStats | None = None


@dataclass(frozen=True)
class Resolved:
    """The stage's output: the scan's files (same paths, same order) and the
    module-call expansions (resources of local modules, one file per module
    file and call; reported when their call is in a reported file)."""

    parsed: list[ParsedFile]
    context: list[ParsedFile]
    expanded: list[ParsedFile]
    #: Terraform files a scanned plan's configuration was read from, from disk
    #: (not the scan's): their inline suppressions hold for the plan's findings.
    configuration: list[ParsedFile] = field(default_factory=list)


def unknown_share(resources: Sequence[Resource]) -> tuple[int, int]:
    """(values, unknown values) over the leaves of ``resources``' attributes."""
    values = unknown = 0
    stack: list[Any] = [r.attributes for r in resources]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            values += 1
            unknown += isinstance(item, Unknown)
    return values, unknown


def resolve_scan(parsed: Sequence[ParsedFile], context: Sequence[ParsedFile],
                 options: ResolveOptions | None = None, cache_dir: str | None = None) -> Resolved:
    """Resolve a scan's files; see the module docstring. Module folders the
    scan did not include are read through the parse cache in ``cache_dir``."""
    options = options or ResolveOptions()
    if not options.enabled:
        return Resolved(list(parsed), list(context), [])
    stats = options.stats
    if stats is not None:
        values, unknown = unknown_share([r for pf in parsed for r in pf.resources])
        stats.values_before += values
        stats.unknown_before += unknown
    groups: dict[str, list[ParsedFile]] = {}
    for pf in (*parsed, *context):
        # A plan is already resolved by Terraform, and its own scope.
        if pf.format == "terraform" and not any(d.kind == "plan" for d in pf.definitions):
            groups.setdefault(os.path.dirname(pf.path) or ".", []).append(pf)
    by_path: dict[str, ParsedFile] = {}
    expanded: list[ParsedFile] = []
    problems: dict[str, list[Any]] = {}
    if groups:
        from srmlint.resolve.terraform import resolve_terraform

        by_path, expanded, problems = resolve_terraform(
            groups, options.terraform, cache_dir, stats.module_files if stats is not None else None)
    templates = [pf for pf in (*parsed, *context) if pf.format == "cloudformation"]
    if templates:
        # All templates at once: a nested stack's parameters come from its parent.
        from srmlint.resolve.cloudformation import resolve_cloudformation, resolve_templates

        try:
            by_path.update(resolve_templates(templates, options.parameters))
        except (Exception, RecursionError):  # a bug in linking stacks: each template on its own
            for pf in templates:
                # a bug or a hostile input: the file stays as read
                with contextlib.suppress(Exception, RecursionError):
                    by_path[pf.path] = resolve_cloudformation(pf, options.parameters)

    configuration: list[ParsedFile] = []
    plans = [pf for pf in parsed if pf.format == "terraform" and any(d.kind == "plan" for d in pf.definitions)]
    if plans:
        # A plan beside its configuration: its resources at the .tf lines (resolve/plan.py).
        from srmlint.resolve.plan import locate_plans

        located, expanded = locate_plans(plans, groups, by_path, expanded, configuration)
        by_path.update(located)

    def one(pf: ParsedFile) -> ParsedFile:
        result = by_path.get(pf.path, pf)
        extra = problems.get(pf.path)
        return replace(result, problems=(*result.problems, *extra)) if extra else result

    result = Resolved([one(pf) for pf in parsed], [one(pf) for pf in context], expanded, configuration)
    if stats is not None:
        reported = {pf.path for pf in result.parsed}
        mine = [r for pf in result.parsed for r in pf.resources]
        inside = [r for pf in expanded for r in pf.resources
                  if r.module is not None and r.module.location.file in reported]
        values, unknown = unknown_share([*mine, *inside])
        stats.values_after += values
        stats.unknown_after += unknown
        stats.module_resources += len(inside)
        stats.skipped_resources += sum(len(pf.resources) for pf in parsed) - len(mine)
        for source in _opaque_module_sources(result.parsed):
            stats.opaque_modules[source] = stats.opaque_modules.get(source, 0) + 1
    return result


def _opaque_module_sources(parsed: Sequence[ParsedFile]) -> list[str]:
    """The sources of the scanned files' module calls that resolve to nothing srmlint can read."""
    from srmlint.resolve.registry import downloaded_module, shim_directory

    out = []
    for pf in parsed:
        for d in pf.definitions:
            source = d.value.get("source") if d.kind == "module" and isinstance(d.value, dict) else None
            if not isinstance(source, str) or source.startswith(("./", "../", ".\\", "..\\")):
                continue
            if shim_directory(source) is None and downloaded_module(d.scope, d.name) is None:
                out.append(source)
    return out
