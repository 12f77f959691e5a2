"""Autofix: text edits that make a finding go away, and what they do to live infrastructure.

Fixes are kept apart from rules on purpose: a rule stays a pure function of
facts (it never sees source text), while a fix works on the exact text of one
file. They meet through the rule id: the ``srmlint_fixes`` hook returns
:class:`Fix` objects, each naming the rule it answers and, per format, a
function ``(resource, finding, source) -> FixProposal | None``.

A proposal is a list of :class:`TextEdit` (a character range of the file and
its replacement) plus what it changes (attribute paths), so srmlint, not the
fix author, decides whether the change *replaces the resource* (Terraform
destroy/create, CloudFormation "Update requires: Replacement"): see
:mod:`srmlint.fixes.replacement` for where that knowledge comes from.

Edits are text at exact positions, never a re-serialisation: everything
outside an edit (comments, layout, quoting, ``!Ref`` short forms) stays
byte-identical. The runner (:mod:`srmlint.fixes.runner`) applies a file's
edits bottom-up, never two overlapping ones in one pass, re-parses the result
and rolls the file back when it no longer parses or the finding stayed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from srmlint.findings import Finding
from srmlint.model import Format, Resource

Safety: TypeAlias = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True, order=True)
class TextEdit:
    """Replace ``text[start:end]`` (character offsets) with ``replacement``.

    ``start == end`` is an insertion."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class FixProposal:
    """What one fix would do to one file.

    ``changes`` are the attribute paths the edits set (mapping keys only, list
    indexes left out: ``("metadata_options", "http_tokens")``); they decide
    whether the change replaces the resource. ``breaks_clients`` says why an
    in-place change may still break something that uses the resource
    (enforcing IMDSv2, blocking public access), or is None.
    """

    edits: tuple[TextEdit, ...]
    description: str
    changes: tuple[tuple[str, ...], ...]
    breaks_clients: str | None = None
    #: Types of the resources the fix adds (a Terraform v4 companion such as
    #: ``aws_s3_bucket_versioning``): creating one replaces nothing.
    creates: tuple[str, ...] = ()


#: ``(resource, finding, source text) -> proposal``; None when the fix does
#: not apply to this instance (the value is not a literal, the block is on
#: one line...): srmlint then offers no fix rather than a wrong one. A
#: function may also have a ``safety() -> Safety`` method, read by
#: ``srmlint rules`` (without it the fix is listed as unsafe).
FixFunction: TypeAlias = Callable[[Resource, Finding, str], "FixProposal | None"]


@dataclass(frozen=True)
class Fix:
    """The fix of one rule, per format it covers."""

    rule_id: str
    functions: Mapping[Format, Sequence[FixFunction]] = field(default_factory=dict)

    def propose(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        """The first applicable proposal of the resource's format, or None."""
        for function in self.functions.get(resource.format, ()):
            proposal = function(resource, finding, source)
            if proposal is not None and proposal.edits:
                return proposal
        return None


class FixRegistry:
    """Rule id → the fixes registered for it (by any plugin)."""

    def __init__(self, fixes: Sequence[Fix] = ()) -> None:
        self._by_rule: dict[str, list[Fix]] = {}
        for fix in fixes:
            self._by_rule.setdefault(fix.rule_id, []).append(fix)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_rule

    def rule_ids(self) -> list[str]:
        return sorted(self._by_rule)

    def formats(self, rule_id: str) -> list[str]:
        """The formats some fix of ``rule_id`` covers (for ``srmlint rules``, docs)."""
        found = {fmt for fix in self._by_rule.get(rule_id, ()) for fmt, fns in fix.functions.items() if fns}
        return [fmt for fmt in ("terraform", "cloudformation") if fmt in found]

    def safety(self, rule_id: str) -> dict[str, Safety]:
        """Per format, how safe ``rule_id``'s fixes are before seeing a template
        (``srmlint rules``, docs): ``"safe"`` only when every fix function of
        the format says so (a function that cannot tell counts as unsafe:
        whether a change replaces a resource is never assumed)."""
        out: dict[str, Safety] = {}
        for fix in self._by_rule.get(rule_id, ()):
            for fmt, functions in fix.functions.items():
                for function in functions:
                    judge = getattr(function, "safety", None)
                    verdict: Safety = judge() if callable(judge) else "unsafe"
                    if out.get(fmt) != "unsafe":
                        out[fmt] = verdict
        return {fmt: out[fmt] for fmt in ("terraform", "cloudformation") if fmt in out}

    def propose(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        for fix in self._by_rule.get(finding.rule_id, ()):
            proposal = fix.propose(resource, finding, source)
            if proposal is not None:
                return proposal
        return None

    @classmethod
    def from_plugins(cls, pm: object) -> FixRegistry:
        """The fixes every registered plugin offers through ``srmlint_fixes``."""
        hook = pm.hook  # type: ignore[attr-defined]
        return cls([fix for group in hook.srmlint_fixes() for fix in group])
