"""The responsibility matrix: per resource, who owns each layer, and how the
customer-owned settings the rules look at stand (✓ configured, ✗ unset or
insecure, ? unknown).

Built from one scan (the same pipeline as ``srmlint check``), so the matrix
and the findings never disagree. A setting appears only where an extractor
produced a fact that a rule with that ``setting`` reads: where no fact exists,
the matrix shows nothing rather than inventing a status. A rule's finding
makes a setting ✗ whatever the facts say.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from srmlint.engine import ScanResult, TaggedResource
from srmlint.facts import Fact
from srmlint.findings import Finding
from srmlint.model import Resource, Unknown
from srmlint.responsibility import MODEL_ORDER, Owner, Responsibility
from srmlint.rule import RuleMeta

Status: TypeAlias = Literal["configured", "unset_or_insecure", "unknown"]

SYMBOLS: dict[str, str] = {"configured": "✓", "unset_or_insecure": "✗", "unknown": "?"}

#: How reports name the settings rules and the catalog key on.
SETTING_TITLES: dict[str, str] = {
    "encryption_at_rest": "encryption at rest",
    "encryption_in_transit": "encryption in transit",
    "network_ingress": "inbound network rules",
    "network_egress": "outbound network rules",
    "iam_permissions": "IAM permissions",
    "public_access": "public access",
    "logging": "logging",
    "monitoring": "performance monitoring",
    "data_events": "object-level audit (CloudTrail data events)",
    "backup": "backup",
    "imds": "instance metadata (IMDSv2)",
    "key_rotation": "key rotation",
    "platform_updates": "platform updates",
    "deletion_protection": "deletion protection",
    "iam_password_policy": "IAM password policy",
    "iam_database_auth": "IAM database authentication",
    "credentials": "credentials",
    "http_request_handling": "malformed HTTP request handling",
    "root_access": "root access",
    "code_signing": "code signing",
}


@dataclass(frozen=True)
class SettingStatus:
    """One customer-owned setting of one resource, as the facts and rules see it."""

    setting: str
    status: Status
    #: Rules whose findings made it ✗.
    rules: tuple[str, ...] = ()
    aws_default: str | None = None

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def title(self) -> str:
        return SETTING_TITLES.get(self.setting, self.setting.replace("_", " "))


@dataclass(frozen=True)
class Row:
    resource: Resource
    responsibility: Responsibility
    settings: tuple[SettingStatus, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """What a matrix report shows: classified rows in model order, and the
    AWS resources the catalog could not place."""

    rows: tuple[Row, ...]
    unclassified: tuple[TaggedResource, ...]
    templates: int
    parse_errors: int

    def groups(self) -> list[tuple[str, str | None, list[Row]]]:
        """Rows by (service model, control kind), most customer-owned first."""
        grouped: dict[tuple[str, str | None], list[Row]] = defaultdict(list)
        for row in self.rows:
            grouped[(row.responsibility.service_model or "", row.responsibility.control)].append(row)
        order = {m: i for i, m in enumerate(MODEL_ORDER)}
        keys = sorted(grouped, key=lambda k: (order.get(k[0], len(order)), k[1] or ""))
        return [(model, control, grouped[(model, control)]) for model, control in keys]

    def customer_stack(self, layers: Sequence[str]) -> dict[str, list[Row]]:
        """Per stack layer, the resources on which the customer owns (or shares) it."""
        return {layer: [r for r in self.rows if r.responsibility.owner_of(layer) is not Owner.AWS]
                for layer in layers}

    def setting_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SYMBOLS, 0)
        for row in self.rows:
            for s in row.settings:
                counts[s.status] += 1
        return counts


def _generic_judge(fact: Fact) -> Status | None:
    """For facts no judge knows: a ``state`` field if there is one, else
    whether anything in it is not static."""
    state = getattr(fact, "state", None)
    if state == "unknown":
        return "unknown"
    if state in ("unset", "disabled"):
        return "unset_or_insecure"
    fields = getattr(fact, "__dataclass_fields__", {})
    values = [getattr(fact, name) for name in fields if name not in ("path", "source")]
    return "unknown" if any(isinstance(v, Unknown) for v in values) else "configured"


def _same_resource(finding: Finding, resource: Resource) -> bool:
    if finding.resource is None or finding.resource.address != resource.address:
        return False
    if finding.file == resource.location.file:
        return True
    # A Terraform finding may point into another file of the same module.
    return resource.format == "terraform" and os.path.dirname(finding.file) == os.path.dirname(
        resource.location.file)


def _settings(
    tagged: TaggedResource,
    metas: Sequence[RuleMeta],
    findings: Sequence[Finding],
    judges: Mapping[type[Fact], Callable[[Any], Status | None]],
) -> tuple[SettingStatus, ...]:
    responsibility = tagged.responsibility
    if responsibility is None or not tagged.facts:
        return ()
    statuses: dict[str, set[Status]] = defaultdict(set)
    failing: dict[str, set[str]] = defaultdict(set)
    for meta in metas:
        if not meta.setting or (meta.services and responsibility.service_id not in meta.services):
            continue
        kinds = tuple(meta.facts)
        for fact in tagged.facts:
            if not isinstance(fact, kinds):
                continue
            judge = next((j for k, j in judges.items() if isinstance(fact, k)), _generic_judge)
            judged = judge(fact)
            if judged is not None:
                statuses[meta.setting].add(judged)
        if any(f.rule_id == meta.id and _same_resource(f, tagged.resource) for f in findings):
            failing[meta.setting].add(meta.id)
            statuses[meta.setting].add("unset_or_insecure")
    out = []
    for setting in sorted(statuses):
        seen = statuses[setting]
        status: Status = ("unset_or_insecure" if "unset_or_insecure" in seen
                          else "unknown" if "unknown" in seen else "configured")
        out.append(SettingStatus(setting, status, tuple(sorted(failing[setting])),
                                 responsibility.aws_defaults.get(setting)))
    return tuple(out)


def build(result: ScanResult, metas: Sequence[RuleMeta]) -> Matrix:
    """The matrix of one scan; ``metas`` are the rules that ran (their
    ``setting`` and ``facts`` say which settings a fact speaks for)."""
    from srmlint.aws.settings import JUDGES

    findings_by_address: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        if finding.resource is not None:
            findings_by_address[finding.resource.address].append(finding)
    rows = []
    unclassified = []
    for tagged in sorted(result.resources, key=lambda t: (t.resource.location.file, t.resource.location.line,
                                                          t.resource.address)):
        responsibility = tagged.responsibility
        if responsibility is None:
            continue
        if not responsibility.classified:
            unclassified.append(tagged)
            continue
        settings = _settings(tagged, metas, findings_by_address.get(tagged.resource.address, []), JUDGES)
        rows.append(Row(tagged.resource, responsibility, settings))
    return Matrix(rows=tuple(rows), unclassified=tuple(unclassified), templates=result.templates,
                  parse_errors=result.parse_errors)
