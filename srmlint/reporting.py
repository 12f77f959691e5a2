"""What every reporter gets: the scan result plus the facts about the run.

Reporters render; they never decide the exit code (the CLI does, once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from srmlint.engine import ScanResult
from srmlint.rule import RuleMeta


@dataclass(frozen=True)
class ReportContext:
    """What a reporter may need besides the result: rule metadata (SARIF,
    explanations) and whether the output goes to a terminal that takes color
    (decided by the CLI from ``--color``, ``NO_COLOR`` and the stream).

    ``fix_mode`` is None on a plain scan, ``"fix"`` after ``--fix`` and
    ``"unsafe"`` after ``--fix --unsafe-fixes``; ``unsafe_fixes`` says whether
    unsafe fixes count as applicable (the text report's ``[*]``)."""

    tool_version: str
    rules: Mapping[str, RuleMeta] = field(default_factory=dict)
    color: bool = False
    fix_mode: str | None = None
    unsafe_fixes: bool = False


class Reporter(Protocol):
    """An output format, registered through ``srmlint_reporters``."""

    name: str

    def render(self, result: ScanResult, context: ReportContext) -> str: ...
