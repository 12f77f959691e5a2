"""Inline suppressions: accepting a risk where it is declared, with a reason.

Terraform: a comment inside a resource block or directly above it (a run of
such comments stacks)::

    # srmlint:ignore ENC001 -- logs bucket, encrypted by the log producer
    # srmlint:ignore NET001 IAM001 -- lab account; ENC002 -- scratch volume

On a ``module`` block the comment holds for every resource the call
instantiates (a local module's, a downloaded one's, a registry module's
read through srmlint's shim), for this call only.

Entries are separated by ``;``; each names one or more rule ids (spaces or
commas between them) and an optional reason after ``--``. ``#``, ``//`` and
``/* */`` comments all work. CloudFormation: the resource's metadata::

    Metadata:
      srmlint:
        ignore:
          - id: ENC001
            reason: logs bucket, encrypted by the log producer

What SAM generates (the implicit ``ServerlessRestApi``, a method per API
event) is suppressed in the metadata of the function whose event asks for it.

A suppression that names an unknown rule id is itself reported (a typo must
not pass silently), and with ``--report-unused-suppressions`` so is one that
matched nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from srmlint.model import COMMENT_MARKER, Location, ParsedFile, Resource

# Where the CloudFormation reader locates a resource's non-property keys
# (Metadata, DependsOn...) in Resource.locations.
from srmlint.parsers.cloudformation import META
from srmlint.resolve.sam import SAM_EVENT

_IGNORE = re.compile(r"srmlint:ignore\b(?P<body>.*)", re.DOTALL)
_RULE_ID = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass(frozen=True, slots=True)
class Ignore:
    """One rule id accepted on one resource, and why."""

    rule_id: str
    reason: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class BadIgnore:
    """A suppression srmlint cannot honour: malformed, or naming no known rule."""

    message: str
    location: Location


def parse_comment(text: str, location: Location) -> tuple[list[Ignore], list[BadIgnore]]:
    """The ignores of one ``srmlint:ignore`` comment."""
    match = _IGNORE.search(text)
    if match is None:
        return [], [BadIgnore(f"unrecognised srmlint comment: {text.strip()!r}", location)]
    body = match.group("body").strip()
    body = body.removesuffix("*/").strip()
    ignores: list[Ignore] = []
    bad: list[BadIgnore] = []
    for entry in filter(None, (part.strip() for part in body.split(";"))):
        ids_text, _, reason = entry.partition("--")
        ids = [token for token in re.split(r"[\s,]+", ids_text.strip()) if token]
        if not ids:
            bad.append(BadIgnore(f"srmlint:ignore entry {entry!r} names no rule id", location))
        for rule_id in ids:
            if not _RULE_ID.match(rule_id.upper()):
                bad.append(BadIgnore(f"srmlint:ignore names {rule_id!r}, which is not a rule id", location))
                continue
            ignores.append(Ignore(rule_id.upper(), reason.strip() or None, location))
    if not ignores and not bad:
        bad.append(BadIgnore("srmlint:ignore names no rule id", location))
    return ignores, bad


def _metadata_ignores(resource: Resource) -> tuple[list[Ignore], list[BadIgnore]]:
    metadata = resource.meta.get("Metadata")
    config = metadata.get("srmlint") if isinstance(metadata, Mapping) else None
    if config is None:
        return [], []
    where = resource.locate(META, "Metadata", "srmlint")
    entries = config.get("ignore") if isinstance(config, Mapping) else None
    if not isinstance(entries, list):
        return [], [BadIgnore("Metadata.srmlint.ignore must be a list of {id, reason}", where)]
    ignores: list[Ignore] = []
    bad: list[BadIgnore] = []
    for index, entry in enumerate(entries):
        at = resource.locate(META, "Metadata", "srmlint", "ignore", index)
        rule_id, reason = (entry, None) if isinstance(entry, str) else (
            (entry.get("id"), entry.get("reason")) if isinstance(entry, Mapping) else (None, None)
        )
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id.strip().upper()):
            bad.append(BadIgnore(f"Metadata.srmlint.ignore entry {entry!r} names no rule id", at))
            continue
        ignores.append(Ignore(rule_id.strip().upper(), reason if isinstance(reason, str) else None, at))
    return ignores, bad


@dataclass(frozen=True, slots=True)
class _CallTarget:
    """A Terraform ``module`` block as the target of an ignore comment."""

    scope: str
    address: str
    location: Location


@dataclass
class SuppressionIndex:
    """The ignores of every resource of a scan, and which of them were used."""

    known_ids: frozenset[str]
    by_resource: dict[tuple[str, str], list[Ignore]] = field(default_factory=dict)
    bad: list[BadIgnore] = field(default_factory=list)
    used: set[Ignore] = field(default_factory=set)
    _all: list[Ignore] = field(default_factory=list)

    @classmethod
    def build(cls, parsed: Iterable[ParsedFile], known_ids: Iterable[str],
              outside: Iterable[ParsedFile] = ()) -> SuppressionIndex:
        """The ignores of the scanned files, and those of ``outside`` files (a
        plan's configuration read from disk): honoured, but a malformed or an
        unused one of those is not reported, as the user did not scan them."""
        index = cls(frozenset(known_ids))
        for files, report in ((parsed, True), (outside, False)):
            for pf in files:
                for resource in pf.resources:
                    ignores, bad = _metadata_ignores(resource)
                    index._add(resource, ignores, bad, report)
                if pf.comments:
                    index._attach_comments(pf, report)
        return index

    def _add(self, resource: Resource | _CallTarget, ignores: list[Ignore], bad: list[BadIgnore],
             report: bool = True) -> None:
        if report:
            self.bad.extend(bad)
        for ignore in ignores:
            if ignore.rule_id not in self.known_ids:
                if report:
                    self.bad.append(BadIgnore(f"srmlint:ignore names unknown rule {ignore.rule_id}",
                                              ignore.location))
                continue
            self.by_resource.setdefault((resource.scope, resource.address), []).append(ignore)
            if report:
                self._all.append(ignore)

    def _attach_comments(self, pf: ParsedFile, report: bool = True) -> None:
        # Targets: resources, and Terraform module calls (an ignore there holds
        # for every resource the call instantiates, a registry module's too).
        calls = [_CallTarget(d.scope, f"module.{d.name}", d.location)
                 for d in pf.definitions if d.kind == "module"]
        resources: list[Resource | _CallTarget] = sorted([*pf.resources, *calls], key=lambda r: r.location.line)
        starts = {r.location.line: r for r in resources}
        comments = [c for c in pf.comments if COMMENT_MARKER in c.text]
        # A comment directly above a resource, or above another srmlint
        # comment that is: walk the comments bottom-up, chaining.
        above: dict[int, Resource | _CallTarget] = {}
        for comment in sorted(comments, key=lambda c: -c.location.line):
            below = comment.location.end_line + 1
            target = starts.get(below) or above.get(below)
            if target is not None:
                above[comment.location.line] = target
        for comment in comments:
            ignores, bad = parse_comment(comment.text, comment.location)
            target = above.get(comment.location.line) or next(
                (r for r in resources if r.location.line <= comment.location.line <= r.location.end_line), None
            )
            if target is None:
                if report:
                    self.bad.append(BadIgnore("srmlint:ignore is neither inside nor directly above a resource",
                                              comment.location))
                continue
            self._add(target, ignores, bad, report)

    def match(self, resource: Resource, rule_id: str) -> Ignore | None:
        keys = [(resource.scope, resource.address)]
        if resource.module is not None:  # a module's own ignores hold for every call of it
            keys.append((resource.module.source_scope, resource.address))
            call = resource.module  # and the ignores on the call hold for what it instantiates
            keys.append((os.path.dirname(call.location.file) or ".", call.address))
        owner = resource.meta.get(SAM_EVENT)  # what SAM generates is suppressed on the function that asks for it
        if isinstance(owner, tuple) and owner:
            keys.append((resource.scope, str(owner[0])))
        for ignore in (i for key in keys for i in self.by_resource.get(key, ())):
            if ignore.rule_id == rule_id:
                self.used.add(ignore)
                return ignore
        return None

    def unused(self) -> list[Ignore]:
        return [i for i in self._all if i not in self.used]
