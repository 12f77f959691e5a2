"""The pipeline, end to end: discover → parse → graph → extract → classify →
rules → findings. Data flows one way; no stage reaches back up.

The engine holds no AWS knowledge: readers, extractors, rules and the catalog
all come from plugins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pluggy

from srmlint.catalog import Catalog
from srmlint.discover import Candidate, discover
from srmlint.extract import Extractor, ExtractorRegistry
from srmlint.facts import FactSet
from srmlint.findings import Finding, ModuleCallRef, ResourceRef, ResponsibilityRef
from srmlint.graph import ResourceGraph
from srmlint.model import Location, ParsedFile, ParseProblem, Resource
from srmlint.parsers import Parser

# Reading files (in this process or in workers, with the parse cache) lives in
# srmlint.reading; MAX_FILE_BYTES and read_file stay importable from here.
from srmlint.reading import read_all, read_bytes
from srmlint.resolve import BRANCHES, Branch, ResolveOptions, resolve_scan
from srmlint.resolve.plan import PLANNED, SUPERSEDED, PlannedAt
from srmlint.responsibility import Owner, Responsibility
from srmlint.rule import Rule, RuleMeta, Severity
from srmlint.suppress import SuppressionIndex

SRM000 = RuleMeta(
    id="SRM000",
    slug="template-not-analysed",
    title="Template could not be (fully) analysed",
    severity=Severity.HIGH,
    layer="resource_configuration",
    facts=(),
    rationale=(
        "A template srmlint cannot read is a template nobody checked: every "
        "customer-owned setting in it is unverified. The scan reports it instead "
        "of skipping it silently, and goes on with the other files."
    ),
    remediation={
        "terraform": "Fix the syntax error (`terraform validate` shows it too).",
        "cloudformation": "Fix the YAML/JSON or template structure (`cfn-lint` shows it too).",
    },
    url="https://github.com/srmlint/srmlint/blob/main/docs/rules.md#srm000",
)


SRM001 = RuleMeta(
    id="SRM001",
    slug="unused-suppression",
    title="Suppression matched no finding",
    severity=Severity.LOW,
    layer="resource_configuration",
    facts=(),
    rationale=(
        "An accepted risk that no longer exists should not stay accepted: the next real "
        "finding of that rule on the resource would be hidden by it. Reported only with "
        "--report-unused-suppressions (or report-unused-suppressions = true)."
    ),
    remediation={
        "terraform": "Delete the `srmlint:ignore` entry (or the comment).",
        "cloudformation": "Delete the entry from Metadata.srmlint.ignore.",
    },
    url="https://github.com/srmlint/srmlint/blob/main/docs/suppressions.md",
)

SRM002 = RuleMeta(
    id="SRM002",
    slug="invalid-suppression",
    title="Suppression cannot be honoured",
    severity=Severity.MEDIUM,
    layer="resource_configuration",
    facts=(),
    rationale=(
        "A suppression with a misspelt or unknown rule id, or one that is attached to no "
        "resource, suppresses nothing: the author believes a risk is accepted with a reason "
        "while srmlint still reports it, or worse, a later rename makes it match something else."
    ),
    remediation={
        "terraform": "Write `# srmlint:ignore RULEID -- reason` inside or directly above the resource.",
        "cloudformation": "Write Metadata: {srmlint: {ignore: [{id: RULEID, reason: ...}]}} on the resource.",
    },
    url="https://github.com/srmlint/srmlint/blob/main/docs/suppressions.md",
)


def _exclude_none(path: str) -> bool:
    return False


#: The path that names standard input, and the name its findings carry when
#: the user gives none (``--stdin-filename``).
STDIN = "-"
STDIN_NAME = "<stdin>"


def stdin_parser(name: str, data: bytes, parsers: Sequence[Parser]) -> Parser:
    """The reader for standard input: the one claiming ``name`` (``--stdin-filename
    main.tf``), else guessed from the content, as no extension tells. A guess
    that is wrong gives an SRM000, never a silent pass."""
    for parser in parsers:
        if parser.claims(name):
            return parser
    head = data.lstrip()[:1]
    if head == b"{":
        guess = "stdin.json"
    elif re.search(rb"^\s*(AWSTemplateFormatVersion|Resources|Transform)\s*:", data, re.MULTILINE):
        guess = "stdin.yaml"
    else:
        guess = "stdin.tf"
    return next(p for p in parsers if p.claims(guess))


@dataclass(frozen=True)
class ScanOptions:
    """How a scan treats the user's own configuration of it."""

    exclude: Callable[[str], bool] = _exclude_none
    inline_suppressions: bool = True
    report_unused_suppressions: bool = False
    #: Called with (files read, files to read) as the scan goes.
    progress: Callable[[int, int], None] | None = None
    #: Worker processes that read files (1: in this process); see srmlint.reading.
    jobs: int = 1
    #: Folder of the parse cache (None: no cache).
    cache_dir: str | None = None
    #: Values from outside the templates (``--var``, ``--parameter``...) for the resolve stage.
    resolve: ResolveOptions = field(default_factory=ResolveOptions)
    #: What the path ``-`` stands for: (the name to report it under, its
    #: bytes), read by the CLI from standard input; the engine reads no stream.
    stdin: tuple[str, bytes] | None = None
    #: Only these formats (``--framework``); None: every format.
    formats: frozenset[str] | None = None
    #: Rule option values by name (``[tool.srmlint.options]``; see RuleMeta.options).
    rule_options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TaggedResource:
    """A resource with its place in the model and the facts its extractors
    produced, kept so reports (the matrix) judge settings without re-extracting."""

    resource: Resource
    responsibility: Responsibility | None
    facts: FactSet = field(default_factory=FactSet, compare=False)


@dataclass
class ScanResult:
    files_scanned: int = 0
    templates: int = 0
    not_templates: int = 0
    parse_errors: int = 0
    resources: list[TaggedResource] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Findings that this run's ``--fix`` cleared (``fix.applied``), as they
    #: were before the edit; they no longer count, and only reports that list
    #: fixes (JSON, the text summary) show them.
    fixed: list[Finding] = field(default_factory=list)

    @property
    def active_findings(self) -> list[Finding]:
        """The findings that count: not accepted by a suppression or a baseline."""
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed(self) -> int:
        return sum(1 for f in self.findings if f.suppressed)

    @property
    def unclassified(self) -> int:
        return sum(
            1 for t in self.resources if t.responsibility is not None and not t.responsibility.classified
        )


class Engine:
    """One configured linter: the plugins' readers, extractors, rules and catalog."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        hook = pm.hook
        self.parsers: list[Parser] = [p for group in hook.srmlint_parsers() for p in group]
        self.extractors = ExtractorRegistry(e for group in hook.srmlint_extractors() for e in group)
        self.rules: list[Rule] = [r for group in hook.srmlint_rules() for r in group]
        self.catalog = Catalog.load(p for group in hook.srmlint_catalog_paths() for p in group)
        ids = [r.meta.id for r in self.rules]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"rule ids registered twice: {', '.join(duplicates)}")

    def rule_metas(self) -> list[RuleMeta]:
        return [SRM000, SRM001, SRM002, *sorted((r.meta for r in self.rules), key=lambda m: m.id)]

    def scan(
        self,
        paths: Sequence[str],
        select: Callable[[RuleMeta], bool] = lambda meta: True,
        options: ScanOptions | None = None,
    ) -> ScanResult:
        options = options or ScanOptions()
        result = ScanResult()
        parsed: list[ParsedFile] = []
        candidates = list(discover([p for p in paths if p != STDIN], self.parsers, options.exclude))
        wanted = options.formats
        if wanted is not None:  # skip what cannot be a wanted format before reading it
            candidates = [c for c in candidates if getattr(c.parser, "formats", wanted) & wanted]
        context: list[ParsedFile] = []
        files = read_all(candidates, jobs=options.jobs, cache_dir=options.cache_dir, progress=options.progress)
        if STDIN in paths:
            name, data = options.stdin or (STDIN_NAME, b"")
            parser = stdin_parser(name, data, self.parsers)
            candidates.append(Candidate(name, parser))
            files.append(read_bytes(name, parser, data))
        for candidate, pf in zip(candidates, files, strict=True):
            if wanted is not None and pf.format is not None and pf.format not in wanted:
                continue  # a .json that is a template of the other format
            if candidate.context:
                context.append(pf)
                continue
            result.files_scanned += 1
            if pf.format is None and not pf.problems:
                result.not_templates += 1
                continue
            result.templates += 1
            parsed.append(pf)
        # Variables, locals, parameters, conditions and local modules: per
        # module directory / template, after reading and before the graph.
        resolved = resolve_scan(parsed, context, options.resolve, options.cache_dir)
        parsed, context = resolved.parsed, resolved.context
        reported = {pf.path for pf in parsed}
        everything = [*parsed, *context, *resolved.expanded]
        graph = ResourceGraph(
            (r for pf in everything for r in pf.resources),
            (d for pf in everything for d in pf.definitions),
            (ref for pf in everything for ref in pf.references),
        )
        findings: list[Finding] = []
        result.parse_errors = sum(1 for pf in parsed if pf.problems)
        if select(SRM000):
            findings.extend(_problem_finding(SRM000, p) for pf in parsed for p in pf.problems)
        suppressions = (
            SuppressionIndex.build(parsed, (m.id for m in self.rule_metas()), outside=resolved.configuration)
            if options.inline_suppressions else None
        )
        rules = [r.with_options(options.rule_options) if r.meta.options and options.rule_options else r
                 for r in self.rules if select(r.meta)]
        dispatch: dict[tuple[frozenset[type], str | None], list[Rule]] = {}
        for resource in graph.resources():
            planned: PlannedAt | None = resource.meta.get(PLANNED)  # a plan's instance, at its .tf lines
            origin = planned.plan if planned else (resource.module or resource).location.file
            if origin not in reported or resource.meta.get(SUPERSEDED):
                continue  # a context file's (it informs the graph), or one a scanned plan checks
            try:
                responsibility = self.catalog.classify_resource(resource)
            except Exception as exc:  # a catalog condition that trips on odd attributes
                findings.append(_internal_error(resource, "classification", exc))
                # The type's own entry, without the attribute conditions: the
                # rules limited to its service still run.
                try:
                    responsibility = self.catalog.classify(resource.format, resource.type)
                except Exception:
                    responsibility = None
            # Per extractor: one extractor's bug costs its own facts (an SRM000
            # naming it), not the facts, and so the findings, of the others.
            errors: list[tuple[Extractor, Exception]] = []
            facts = self.extractors.facts_for(resource, graph, errors)
            findings.extend(_internal_error(resource, f"extractor {e.name}", exc) for e, exc in errors)
            branches = resource.meta.get(BRANCHES)
            checked = (self._check_branches(resource, branches, responsibility, graph, rules, dispatch)
                       if branches else self._check(resource, facts, responsibility, graph, rules, dispatch))
            for finding in checked:
                if planned is not None:  # names the plan; the configuration's suppressions hold
                    finding = planned.annotate(finding)
                ignore = suppressions.match(planned.configured if planned else resource,
                                            finding.rule_id) if suppressions else None
                if ignore is not None:
                    finding = replace(finding, suppressed=True, suppression="inline",
                                      suppression_reason=ignore.reason)
                findings.append(finding)
            result.resources.append(TaggedResource(resource, responsibility, facts))
        if suppressions is not None:
            if select(SRM002):
                findings.extend(_problem_finding(SRM002, ParseProblem(b.message, b.location))
                                for b in suppressions.bad)
            if options.report_unused_suppressions and select(SRM001):
                metas = {m.id: m for m in self.rule_metas()}
                findings.extend(
                    _problem_finding(SRM001, ParseProblem(
                        f"unused suppression: no {i.rule_id} finding on this resource", i.location))
                    for i in suppressions.unused()
                    if select(metas.get(i.rule_id, SRM001))
                )
        findings.sort(key=Finding.sort_key)
        result.findings = findings
        return result

    def _check_branches(self, resource: Resource, branches: Sequence[Branch],
                        responsibility: Responsibility | None, graph: ResourceGraph, rules: Sequence[Rule],
                        dispatch: dict[tuple[frozenset[type], str | None], list[Rule]]) -> Iterable[Finding]:
        """A resource that is several (:data:`srmlint.resolve.BRANCHES`: the
        branches of a condition that is not static, the instances of a counted
        Terraform resource): checked once per branch; a finding of every
        branch is reported once, one of some branches only says which."""
        found = []
        for branch in branches:
            variant = replace(resource, attributes=branch.attributes,
                              locations=resource.locations if branch.locations is None else branch.locations)
            facts = self.extractors.facts_for(variant, graph, [])
            found.append(list(self._check(variant, facts, responsibility, graph, rules, dispatch)))
        common = set.intersection(*({f.sort_key() for f in findings} for findings in found))
        for index, (branch, findings) in enumerate(zip(branches, found, strict=True)):
            for finding in findings:
                if finding.sort_key() not in common:
                    yield replace(finding, message=f"{finding.message} ({branch.note})")
                elif index == 0:
                    yield finding

    def _check(
        self,
        resource: Resource,
        facts: FactSet,
        responsibility: Responsibility | None,
        graph: ResourceGraph,
        rules: Sequence[Rule],
        dispatch: dict[tuple[frozenset[type], str | None], list[Rule]],
    ) -> Iterable[Finding]:
        if not facts:
            return
        kinds = frozenset(type(f) for f in facts)
        service = responsibility.service_id if responsibility is not None else None
        # Which rules can fire depends only on the fact types and the service:
        # decided once per combination (a few hundred per scan), not per resource.
        key = (kinds, service)
        applicable = dispatch.get(key)
        if applicable is None:
            applicable = dispatch[key] = [
                rule for rule in rules
                if not (rule.meta.services and service not in rule.meta.services)
                and any(issubclass(k, tuple(rule.meta.facts)) for k in kinds)
            ]
        for rule in applicable:
            try:
                hits = list(rule.check(resource, facts, responsibility or _NOT_AWS, graph))
            except Exception as exc:
                yield _internal_error(resource, f"rule {rule.meta.id}", exc)
                continue
            for hit in hits:
                yield _finding(rule.meta, resource, responsibility, hit.location or resource.locate(*hit.path),
                               hit.message)


_NOT_AWS = Responsibility(service=None, service_model=None, note="not an AWS resource type")


def _problem_finding(meta: RuleMeta, problem: ParseProblem) -> Finding:
    loc = problem.location
    return Finding(
        rule_id=meta.id,
        rule=meta.slug,
        title=meta.title,
        severity=meta.severity,
        message=problem.message,
        file=loc.file,
        line=loc.line,
        end_line=loc.end_line,
        column=loc.column,
        resource=None,
        responsibility=None,
        aws_default=None,
    )


def _internal_error(resource: Resource, stage: str, exc: Exception) -> Finding:
    problem = ParseProblem(
        f"{resource.address}: internal error in {stage}: {type(exc).__name__}: {exc}", resource.location
    )
    return _problem_finding(SRM000, problem)


def _finding(
    meta: RuleMeta,
    resource: Resource,
    responsibility: Responsibility | None,
    location: Location,
    message: str,
) -> Finding:
    aws_default = meta.aws_default
    owner = Owner.CUSTOMER.value
    model = None
    if responsibility is not None:
        if meta.setting and meta.setting in responsibility.aws_defaults:
            aws_default = responsibility.aws_defaults[meta.setting]
        owner = responsibility.owner_of(meta.layer).value
        model = responsibility.service_model
    return Finding(
        rule_id=meta.id,
        rule=meta.slug,
        title=meta.title,
        severity=meta.severity,
        message=message,
        file=location.file,
        line=location.line,
        end_line=location.end_line,
        column=location.column,
        resource=ResourceRef(resource.type, resource.name, resource.full_address),
        responsibility=ResponsibilityRef(owner=owner, layer=meta.layer, service_model=model),
        aws_default=aws_default,
        module_call=None if resource.module is None else ModuleCallRef(
            resource.module.address, resource.module.location.file, resource.module.location.line),
    )

