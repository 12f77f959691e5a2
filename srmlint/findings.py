"""Findings: what a scan reports, in one shape for every reporter."""

from __future__ import annotations

from dataclasses import dataclass

from srmlint.rule import Severity


@dataclass(frozen=True, slots=True)
class ResourceRef:
    type: str
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class ResponsibilityRef:
    owner: str
    layer: str
    service_model: str | None


@dataclass(frozen=True, slots=True)
class ModuleCallRef:
    """The ``module`` block (in the scanned root module) through which the
    resource of a finding inside a local module was instantiated."""

    address: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class FixInfo:
    """That a finding has an autofix and what it would do to live
    infrastructure (``srmlint.fixes``): ``safety`` is ``"safe"`` (in place, no
    interruption, no access change) or ``"unsafe"`` (``reason`` says why:
    it replaces the resource, or may break its clients). ``applied``: this
    run's ``--fix`` made the change (the finding is then listed as fixed,
    at the position it had before the edit)."""

    safety: str
    replaces_resource: bool
    description: str
    reason: str | None = None
    applied: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    rule: str
    title: str
    severity: Severity
    message: str
    file: str
    line: int
    end_line: int
    column: int
    resource: ResourceRef | None
    responsibility: ResponsibilityRef | None
    aws_default: str | None
    #: Accepted by an inline suppression (``"inline"``) or a baseline
    #: (``"baseline"``): still listed in JSON, never failing the run.
    suppressed: bool = False
    suppression: str | None = None
    suppression_reason: str | None = None
    #: Set when the resource was expanded from a local module call: the
    #: finding's file and line are inside the module, this names the call.
    module_call: ModuleCallRef | None = None
    #: Set by the CLI when an autofix is available (never by the engine: rules stay pure).
    fix: FixInfo | None = None

    def sort_key(self) -> tuple[str, int, str, int, str]:
        return (self.file, self.line, self.rule_id, self.column, self.message)
