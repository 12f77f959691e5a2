"""Planning, previewing and applying fixes: ``--diff``, ``--fix``, ``--unsafe-fixes``.

The flow, as ruff's: scan → propose a fix per finding → per file, keep the
fixes whose edits do not overlap (the others wait for the next pass) → apply
them bottom-up → re-parse in memory (a file that no longer parses is never
written) → write atomically → re-scan → a fix whose finding did not go away
is rolled back (the file restored) and reported as a bug. Passes repeat until
nothing changes, so ``--fix`` run twice changes nothing the second time.

Safety of the write: the file is replaced through a temporary file in the
same folder (mode kept), only if it still holds exactly what was read;
symlinks are not written through; an unwritable file is reported, not a crash.
"""

from __future__ import annotations

import bisect
import difflib
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from srmlint.engine import ScanResult
from srmlint.findings import Finding, FixInfo
from srmlint.fixes import FixProposal, FixRegistry, TextEdit
from srmlint.fixes.replacement import Replacement, replaces
from srmlint.model import GENERATED, Resource
from srmlint.parsers import Parser

#: Passes of one ``--fix`` run (each re-scans); overlapping fixes need more than one.
MAX_PASSES = 8


@dataclass(frozen=True)
class PlannedFix:
    """One finding's fix, with what it does to the live resource."""

    finding: Finding
    resource: Resource
    proposal: FixProposal
    replacement: Replacement

    @property
    def replaces_resource(self) -> bool:
        """True also when nobody knows: an unknown is treated as a replacement."""
        return self.replacement.replaces is not False

    @property
    def safe(self) -> bool:
        return not self.replaces_resource and self.proposal.breaks_clients is None

    @property
    def reason(self) -> str | None:
        if self.replacement.replaces:
            return f"replaces the resource ({self.replacement.source})"
        if self.replacement.replaces is None:
            return f"may replace the resource: {self.replacement.source}"
        return f"may break clients: {self.proposal.breaks_clients}" if self.proposal.breaks_clients else None

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies the fix across passes (lines move as edits land)."""
        address = self.finding.resource.address if self.finding.resource else ""
        return (self.finding.file, self.finding.rule_id, address)

    def info(self) -> FixInfo:
        return FixInfo(safety="safe" if self.safe else "unsafe", replaces_resource=self.replaces_resource,
                       description=self.proposal.description, reason=self.reason)


@dataclass
class FixOutcome:
    """What a fix run did, for the CLI's summary and exit code."""

    fixed: list[PlannedFix] = field(default_factory=list)
    rolled_back: list[tuple[PlannedFix, str]] = field(default_factory=list)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    passes: int = 0


class SourceCache:
    """File texts as read for planning; None when unreadable or not UTF-8.

    ``preloaded`` are texts that are not files (standard input, by the name
    its findings carry): fixes are proposed and diffed for them, never written."""

    def __init__(self, preloaded: Mapping[str, str] | None = None) -> None:
        self._texts: dict[str, str | None] = dict(preloaded or {})

    def get(self, path: str) -> str | None:
        if path not in self._texts:
            try:
                with open(path, encoding="utf-8", newline="") as fh:
                    self._texts[path] = fh.read()
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def forget(self, path: str) -> None:
        self._texts.pop(path, None)


class _FileResources:
    """One file's resources, indexed by start line and by address, so finding
    the target of each of a file's many findings does not rescan the file."""

    def __init__(self, resources: list[Resource]) -> None:
        self.by_start = sorted(resources, key=lambda r: (r.location.line, r.location.end_line))
        self.starts = [r.location.line for r in self.by_start]
        self.by_address = {r.full_address: r for r in resources}

    def spanning(self, line: int) -> list[Resource]:
        """The resources whose span holds ``line``. Resources of one file do
        not overlap (a module called twice gives identical spans), so walking
        back from the last one starting at or before the line stops at the
        first that ends before it."""
        found: list[Resource] = []
        index = bisect.bisect_right(self.starts, line) - 1
        while index >= 0 and self.by_start[index].location.end_line >= line:
            found.append(self.by_start[index])
            index -= 1
        return found


def _target(finding: Finding, by_file: dict[str, _FileResources]) -> Resource | None:
    """The resource the edit goes into: the innermost resource of the finding's
    file that spans its line (a connected resource, such as a Terraform public
    access block reported on its bucket), else the finding's own resource."""
    index = by_file.get(finding.file)
    if index is None:
        return None
    spanning = index.spanning(finding.line)
    if spanning:
        return min(spanning, key=lambda r: r.location.end_line - r.location.line)
    if finding.resource is None:
        return None
    return index.by_address.get(finding.resource.address)


def plan(result: ScanResult, registry: FixRegistry, sources: SourceCache,
         exclude: Iterable[tuple[str, str, str]] = ()) -> list[PlannedFix]:
    """A fix for each active finding that has one, in report order."""
    excluded = set(exclude)
    broken = {f.file for f in result.findings if f.rule_id == "SRM000"}
    grouped: dict[str, list[Resource]] = {}
    for tagged in result.resources:
        grouped.setdefault(tagged.resource.location.file, []).append(tagged.resource)
    by_file = {file: _FileResources(resources) for file, resources in grouped.items()}
    planned: list[PlannedFix] = []
    for finding in result.findings:
        if finding.suppressed or finding.rule_id not in registry or finding.file in broken:
            continue
        resource = _target(finding, by_file)
        source = sources.get(finding.file)
        if resource is None or source is None or resource.meta.get(GENERATED):
            continue  # nothing to fix, or a generated file (a plan) nobody edits by hand
        try:
            proposal = registry.propose(resource, finding, source)
        except Exception:  # a fix's bug costs its fix, never the report
            continue
        if proposal is None or any(e.start < 0 or e.end > len(source) or e.start > e.end for e in proposal.edits):
            continue
        known = [replaces(resource.format, resource.type, path) for path in proposal.changes]
        if proposal.creates and not known:
            known = [Replacement(False, f"adds a new {', '.join(proposal.creates)}; the {resource.type} itself "
                                        "is not changed")]
        replacement = next((r for r in known if r.replaces), None) or next(
            (r for r in known if r.replaces is None), None) or (known[0] if known else Replacement(None, "no change"))
        fix = PlannedFix(finding, resource, proposal, replacement)
        if fix.key not in excluded:
            planned.append(fix)
    return planned


def annotate(result: ScanResult, planned: Sequence[PlannedFix]) -> None:
    """Set ``Finding.fix`` on the findings that have one (reports show it)."""
    by_id = {id(p.finding): p for p in planned}
    result.findings = [replace(f, fix=by_id[id(f)].info()) if id(f) in by_id else f for f in result.findings]


def _overlaps(a: TextEdit, b: TextEdit) -> bool:
    if a == b:
        return False  # the same edit twice (a module called twice): applied once
    if a.start == a.end and b.start == b.end:
        return False  # insertions at one point: applied one after the other
    # Spans that share a character, or an insertion strictly inside a replaced span.
    return a.start < b.end and b.start < a.end


def choose(planned: Sequence[PlannedFix]) -> tuple[list[PlannedFix], list[PlannedFix]]:
    """The fixes of one file that can land together, and those left for a later pass."""
    chosen: list[PlannedFix] = []
    later: list[PlannedFix] = []
    taken: list[TextEdit] = []
    for fix in planned:
        if any(_overlaps(e, t) for e in fix.proposal.edits for t in taken):
            later.append(fix)
            continue
        chosen.append(fix)
        taken.extend(fix.proposal.edits)
    return chosen, later


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits from the bottom of the file up, so earlier
    offsets stay valid; identical edits once; insertions at one point keep
    their given order."""
    unique: list[TextEdit] = []
    for edit in edits:
        if edit not in unique:
            unique.append(edit)
    order = sorted(range(len(unique)), key=lambda i: (unique[i].start, unique[i].end, i), reverse=True)
    for i in order:
        edit = unique[i]
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def _parser_for(path: str, parsers: Sequence[Parser]) -> Parser | None:
    return next((p for p in parsers if p.claims(path)), None)


def parses(path: str, text: str, parsers: Sequence[Parser]) -> bool:
    """Whether ``text`` still reads as a template without problems."""
    parser = _parser_for(path, parsers)
    if parser is None:
        return False
    parsed = parser.parse(path, text.encode("utf-8"))
    return parsed.format is not None and not parsed.problems


def fixed_text(path: str, original: str, fixes: Sequence[PlannedFix],
               parsers: Sequence[Parser]) -> tuple[str, list[PlannedFix], list[PlannedFix]]:
    """Apply ``fixes`` to ``original``; if the result does not parse, keep
    only those that parse one by one. Returns (text, applied, refused).

    A fix that parses on its own but not together with those already kept
    (two fixes that each add a ``Properties`` mapping to one resource) is
    neither applied nor refused: it waits for the next pass, which plans it
    again on the re-parsed file (and then adds its key to the mapping)."""
    text = apply_edits(original, (e for f in fixes for e in f.proposal.edits))
    if text == original or parses(path, text, parsers):
        return text, list(fixes), []
    applied: list[PlannedFix] = []
    refused: list[PlannedFix] = []
    for fix in fixes:
        trial = apply_edits(original, (e for f in [*applied, fix] for e in f.proposal.edits))
        if parses(path, trial, parsers):
            applied.append(fix)
        elif not applied or not parses(path, apply_edits(original, fix.proposal.edits), parsers):
            refused.append(fix)
    return apply_edits(original, (e for f in applied for e in f.proposal.edits)), applied, refused


def by_file(planned: Iterable[PlannedFix]) -> dict[str, list[PlannedFix]]:
    files: dict[str, list[PlannedFix]] = {}
    for fix in planned:
        files.setdefault(fix.finding.file, []).append(fix)
    return files


def unified_diffs(planned: Sequence[PlannedFix], sources: SourceCache, parsers: Sequence[Parser]) -> str:
    """``--diff``: one unified diff per file of every fix that lands in one
    pass (overlapping ones are named on stderr by the CLI); nothing is written."""
    out: list[str] = []
    for path, fixes in sorted(by_file(planned).items()):
        original = sources.get(path)
        if original is None:
            continue
        chosen, _ = choose(fixes)
        text, _, _ = fixed_text(path, original, chosen, parsers)
        if text != original:
            out.extend(difflib.unified_diff(original.splitlines(keepends=True), text.splitlines(keepends=True),
                                            fromfile=f"a/{path}", tofile=f"b/{path}"))
            if out and not out[-1].endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomically(path: str, text: str, expected: str) -> str | None:
    """Replace ``path``'s content with ``text``; None, or why it was not written."""
    if os.path.islink(path):
        return "is a symbolic link; not written through"
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            if fh.read() != expected:
                return "changed on disk during the run; left alone"
        mode = stat.S_IMODE(os.stat(path).st_mode)
        folder = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".srmlint-fix-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, mode)
            if not os.access(path, os.W_OK):
                raise PermissionError(f"{path} is read-only")
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        return f"not written: {exc.strerror or exc}"
    return None


def _counts(result: ScanResult) -> Counter[tuple[str, str, str]]:
    return Counter((f.file, f.rule_id, f.resource.address if f.resource else "") for f in result.active_findings)


def run_fixes(scan: Callable[[], ScanResult], registry: FixRegistry, parsers: Sequence[Parser], *,
              unsafe: bool) -> tuple[ScanResult, FixOutcome]:
    """``--fix``: apply the fixes (the unsafe ones too with ``unsafe``) in
    passes until nothing changes; returns the final scan and what happened."""
    outcome = FixOutcome()
    excluded: set[tuple[str, str, str]] = set()
    result = scan()
    for _ in range(MAX_PASSES):
        sources = SourceCache()
        planned = [p for p in plan(result, registry, sources, excluded) if unsafe or p.safe]
        if not planned:
            break
        outcome.passes += 1
        written: dict[str, tuple[str, list[PlannedFix]]] = {}
        for path, fixes in sorted(by_file(planned).items()):
            original = sources.get(path)
            if original is None:
                continue
            chosen, _ = choose(fixes)
            text, applied, refused = fixed_text(path, original, chosen, parsers)
            for fix in refused:
                outcome.rolled_back.append((fix, "the file would no longer parse"))
                excluded.add(fix.key)
            if not applied or text == original:
                continue
            problem = write_atomically(path, text, original)
            if problem is not None:
                outcome.skipped_files.append((path, problem))
                excluded.update(f.key for f in fixes)
                continue
            written[path] = (original, applied)
        if not written:
            break
        before = _counts(result)
        result = scan()
        after = _counts(result)
        restored = False
        for path, (original, applied) in written.items():
            stayed = [f for f in applied if after[f.key] >= before[f.key]]
            if not stayed:
                outcome.fixed.extend(applied)
                continue
            for fix in stayed:
                outcome.rolled_back.append((fix, "the finding was still reported after the fix"))
                excluded.add(fix.key)
            write_atomically(path, original, sources_text(path))
            restored = True
        if restored:
            result = scan()
    final = SourceCache()
    annotate(result, plan(result, registry, final))
    result.fixed = sorted((replace(p.finding, fix=replace(p.info(), applied=True)) for p in outcome.fixed),
                          key=Finding.sort_key)
    return result, outcome


def sources_text(path: str) -> str:
    """What is on disk now (to restore a file only if nobody changed it since the fix)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()
