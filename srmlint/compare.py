"""Responsibility shift: what one design (BEFORE) leaves to the customer that
another (AFTER) does not, and the reverse.

This is the question the shared responsibility model exists to answer: moving
an API from EC2 to Lambda hands the guest OS, the runtime and the middleware
to AWS; moving it back puts them on you. Each side is one scan through the
common pipeline (so a Terraform design compares with a CloudFormation one) and
one :class:`~srmlint.matrix.Matrix`, reduced to what a reviewer weighs:

- per layer, the design's owner: ``customer`` when at least one resource
  leaves the layer to the customer, else ``shared`` when at least one shares
  it, else ``aws`` (so an empty design owns nothing: every layer is AWS's);
- a *shift* is a layer whose owner differs, with the resources (``because``)
  that put it on the customer-ward side;
- beside that, per design: resources by service model, the customer-owned
  settings configured / unset / insecure / unknown, findings by severity,
  files that could not be analysed; and the settings one design asks of the
  customer and the other does not.

Rendering lives in :mod:`srmlint.reporters.compare`; the JSON contract is
:func:`comparison_dict` (``docs/matrix.md, "Comparing two designs"``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from srmlint import matrix as matrix_model
from srmlint.engine import Engine, ScanResult, TaggedResource
from srmlint.facts import Fact
from srmlint.responsibility import LAYERS, MODEL_ORDER, Owner
from srmlint.rule import RuleMeta, Severity

SCHEMA_VERSION = 1

SettingCount: TypeAlias = Literal["configured", "unset", "insecure", "unknown"]
SETTING_COUNTS: tuple[SettingCount, ...] = ("configured", "unset", "insecure", "unknown")

#: How far toward the customer an owner is: a shift to a higher rank moves
#: work onto the customer (``aws`` → ``shared`` → ``customer``).
RANK: Mapping[Owner, int] = {Owner.AWS: 0, Owner.SHARED: 1, Owner.CUSTOMER: 2}

#: Severities most severe first: the order every report lists them in.
SEVERITIES: tuple[Severity, ...] = tuple(sorted(Severity, reverse=True))


@dataclass(frozen=True, order=True)
class AskedSetting:
    """A customer-owned setting one resource of a design asks of the customer.

    ``service`` (the catalog's service id) is what two designs are compared
    on, not the address: ``aws_s3_bucket.uploads`` and a CloudFormation
    ``Uploads`` bucket ask the same thing, and a renamed resource should not
    read as a new responsibility.
    """

    address: str
    setting: str
    service: str


@dataclass(frozen=True)
class Design:
    """One side of a comparison, reduced to what the comparison reports."""

    path: str
    matrix: matrix_model.Matrix
    #: Owner of every layer of :data:`~srmlint.responsibility.LAYERS`, in that order.
    layers: Mapping[str, Owner]
    #: Per layer, the addresses of the resources that give the design its owner
    #: for that layer (empty when the owner is ``aws``).
    holders: Mapping[str, tuple[str, ...]]
    service_models: Mapping[str, int]
    settings: Mapping[SettingCount, int]
    asked: tuple[AskedSetting, ...]
    findings: Mapping[Severity, int]
    parse_errors: int
    templates: int

    @property
    def resources(self) -> int:
        return len(self.matrix.rows)

    @property
    def empty(self) -> bool:
        """No classified AWS resource: every layer is AWS's by the rule above,
        which a report must say rather than present as a design choice."""
        return not self.matrix.rows

    @property
    def findings_total(self) -> int:
        return sum(self.findings.values())


@dataclass(frozen=True)
class Shift:
    layer: str
    before: Owner
    after: Owner
    #: Addresses (sorted) of the resources that make the layer the customer's
    #: (or shared) on whichever side owns more of it.
    because: tuple[str, ...]

    @property
    def toward_customer(self) -> bool:
        return RANK[self.after] > RANK[self.before]


@dataclass(frozen=True)
class Comparison:
    before: Design
    after: Design
    #: In :data:`~srmlint.responsibility.LAYERS` order (the JSON sorts by name).
    shifts: tuple[Shift, ...]
    only_before: tuple[AskedSetting, ...]
    only_after: tuple[AskedSetting, ...]

    @property
    def toward_customer(self) -> tuple[Shift, ...]:
        return tuple(s for s in self.shifts if s.toward_customer)

    @property
    def toward_aws(self) -> tuple[Shift, ...]:
        return tuple(s for s in self.shifts if not s.toward_customer)

    @property
    def partial(self) -> bool:
        return bool(self.before.parse_errors or self.after.parse_errors)


# --- settings: configured / unset / insecure / unknown -------------------------------------

def _absent(fact: Fact) -> bool:
    """Whether a fact records that the template says nothing (AWS's default
    applies) rather than a value the template states.

    Read generically, since rule packs add fact types: a ``state`` field says
    ``unset``; a ``present`` flag is False; otherwise a fact from an absence
    has no attribute path and no source resource (``srmlint.facts.Fact``).
    """
    state = getattr(fact, "state", None)
    if isinstance(state, str):
        return state == "unset"
    present = getattr(fact, "present", None)
    if isinstance(present, bool):
        return not present
    return not fact.path and fact.source is None


def _relevant_facts(tagged: TaggedResource, setting: str, metas: Sequence[RuleMeta]) -> list[Fact]:
    """The facts that speak for ``setting`` on this resource: those a rule
    with that setting reads (the same selection the matrix makes)."""
    service = tagged.responsibility.service_id if tagged.responsibility is not None else None
    kinds: list[type[Fact]] = []
    for meta in metas:
        if meta.setting == setting and not (meta.services and service not in meta.services):
            kinds.extend(meta.facts)
    return [f for f in tagged.facts if kinds and isinstance(f, tuple(kinds))]


def _unset_or_insecure(
    tagged: TaggedResource | None,
    setting: str,
    metas: Sequence[RuleMeta],
    judge: Callable[[Fact], str | None],
) -> SettingCount:
    """Split the matrix's ✗ in two: *unset* when what makes it ✗ is the
    template saying nothing (a default the customer never chose), *insecure*
    when the template states a value that is wrong (or a rule objects to a
    stated value that the fact alone would pass, like a deprecated runtime)."""
    if tagged is None:
        return "insecure"
    facts = _relevant_facts(tagged, setting, metas)
    failing = [f for f in facts if judge(f) == "unset_or_insecure"]
    pool = failing or facts
    return "unset" if pool and all(_absent(f) for f in pool) else "insecure"


def _judge() -> Callable[[Fact], str | None]:
    from srmlint.aws.settings import JUDGES

    def judge(fact: Fact) -> str | None:
        for kind, fn in JUDGES.items():
            if isinstance(fact, kind):
                return fn(fact)
        return matrix_model._generic_judge(fact)

    return judge


# --- one design --------------------------------------------------------------------------

def design(path: str, result: ScanResult, metas: Sequence[RuleMeta]) -> Design:
    """Reduce one scan to a comparison side; ``path`` is how reports name it
    (the path as the user typed it, or ``REF:PATH`` for a git revision)."""
    built = matrix_model.build(result, metas)
    tagged = {(t.resource.location.file, t.resource.address): t for t in result.resources}
    judge = _judge()

    layers: dict[str, Owner] = {}
    holders: dict[str, tuple[str, ...]] = {}
    for layer in LAYERS:
        layers[layer], holders[layer] = Owner.AWS, ()
        for owner in (Owner.CUSTOMER, Owner.SHARED):
            held = sorted({r.resource.address for r in built.rows if r.responsibility.owner_of(layer) is owner})
            if held:
                layers[layer], holders[layer] = owner, tuple(held)
                break

    models: dict[str, int] = dict.fromkeys(MODEL_ORDER, 0)
    for row in built.rows:
        model = row.responsibility.service_model or ""
        models[model] = models.get(model, 0) + 1

    counts: dict[SettingCount, int] = dict.fromkeys(SETTING_COUNTS, 0)
    asked: set[AskedSetting] = set()
    for row in built.rows:
        service = row.responsibility.service_id or row.responsibility.service or row.resource.type
        for s in row.settings:
            asked.add(AskedSetting(row.resource.address, s.setting, str(service)))
            if s.status == "unset_or_insecure":
                key = (row.resource.location.file, row.resource.address)
                counts[_unset_or_insecure(tagged.get(key), s.setting, metas, judge)] += 1
            else:
                counts[s.status] += 1

    by_severity = Counter(f.severity for f in result.active_findings)
    return Design(
        path=path,
        matrix=built,
        layers=layers,
        holders=holders,
        service_models=models,
        settings=counts,
        asked=tuple(sorted(asked)),
        findings={s: by_severity[s] for s in SEVERITIES},
        parse_errors=result.parse_errors,
        templates=result.templates,
    )


# --- the comparison ----------------------------------------------------------------------

def compare(before: Design, after: Design) -> Comparison:
    shifts = []
    for layer in LAYERS:
        b, a = before.layers[layer], after.layers[layer]
        if b is a:
            continue
        side = after if RANK[a] > RANK[b] else before
        shifts.append(Shift(layer, b, a, side.holders[layer]))

    def only(one: Design, other: Design) -> tuple[AskedSetting, ...]:
        theirs = {(s.service, s.setting) for s in other.asked}
        return tuple(s for s in one.asked if (s.service, s.setting) not in theirs)

    return Comparison(before, after, tuple(shifts), only(before, after), only(after, before))


def _design_dict(d: Design) -> dict[str, Any]:
    return {
        "path": d.path,
        "resources": d.resources,
        "service_models": dict(d.service_models),
        "layers": {layer: owner.value for layer, owner in d.layers.items()},
        "customer_settings": dict(d.settings),
        "findings": {"total": d.findings_total, "by_severity": {s.label: n for s, n in d.findings.items()}},
        "parse_errors": d.parse_errors,
    }


def comparison_dict(c: Comparison) -> dict[str, Any]:
    """The JSON contract (``docs/matrix.md, "Comparing two designs"``): keys and their order are
    fixed; ``shifts`` sorted by layer name, ``because`` and the settings
    lists sorted, so the same designs give the same bytes."""
    return {
        "schema_version": SCHEMA_VERSION,
        "before": _design_dict(c.before),
        "after": _design_dict(c.after),
        "shifts": [{"layer": s.layer, "before": s.before.value, "after": s.after.value,
                    "because": list(s.because)} for s in sorted(c.shifts, key=lambda s: s.layer)],
        "settings": {
            "only_before": [{"address": s.address, "setting": s.setting} for s in c.only_before],
            "only_after": [{"address": s.address, "setting": s.setting} for s in c.only_after],
        },
    }


# --- the verdict -------------------------------------------------------------------------

def _layer_names(shifts: Sequence[Shift]) -> str:
    """Bottom of the stack first (operating system before application code):
    the layers that cost the most to own lead the sentence."""
    names = []
    for s in sorted(shifts, key=lambda s: -list(LAYERS).index(s.layer)):
        name = LAYERS[s.layer]
        if s.after is Owner.SHARED:
            name += " (now shared)"
        elif s.before is Owner.SHARED:
            name += " (was shared)"
        names.append(name)
    return ", ".join(names)


def _count(n: int) -> str:
    return f"{n} layer{'s' if n != 1 else ''}"


def verdict(c: Comparison, before: str = "BEFORE", after: str = "AFTER") -> str:
    """One sentence a reviewer reads first: which way responsibility moves,
    which layers, and whether either side is empty."""
    sentences = []
    for name, d in ((before, c.before), (after, c.after)):
        if d.empty:
            why = "no templates" if d.templates == 0 else "no classified AWS resources"
            sentences.append(f"{name} is empty ({why}).")
    to_aws, to_you = c.toward_aws, c.toward_customer
    if not c.shifts:
        body = f"no shift: {after} leaves the same layers to you as {before}."
    elif to_aws and to_you:
        body = (f"{after} moves {_count(len(to_aws))} from you to AWS ({_layer_names(to_aws)}) "
                f"and {_count(len(to_you))} onto you ({_layer_names(to_you)}).")
    elif to_aws:
        body = f"{after} moves {_count(len(to_aws))} from you to AWS ({_layer_names(to_aws)}) and adds none."
    else:
        body = f"{after} moves {_count(len(to_you))} onto you ({_layer_names(to_you)}) and none to AWS."
    sentences.append(body[0].upper() + body[1:])
    return " ".join(sentences)


# --- running a comparison ----------------------------------------------------------------

def scan_design(engine: Engine, path: str, label: str | None = None) -> Design:
    """Scan ``path`` as one design; FileNotFoundError when it does not exist
    (the CLI's usage error)."""
    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    return design(label or path, engine.scan([path]), engine.rule_metas())


def empty_design(label: str, engine: Engine) -> Design:
    """A side with nothing in it: PATH did not exist at the base revision."""
    return design(label, ScanResult(), engine.rule_metas())


def compare_paths(engine: Engine, before: str, after: str) -> Comparison:
    """``--compare BEFORE AFTER``: each path (file or folder, either format) is one design."""
    for path in (before, after):
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
    return compare(scan_design(engine, before), scan_design(engine, after))


def compare_base(engine: Engine, ref: str, path: str) -> Comparison:
    """``--base REF PATH``: PATH as committed at REF against PATH as it is now.

    REF's side is read from git's objects into a temporary folder
    (:mod:`srmlint.gitrev`), labelled ``REF:PATH`` so that no temporary path
    reaches a report; it is scanned before the folder is removed.
    """
    from srmlint import gitrev

    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    label = f"{ref}:{path}"
    with gitrev.revision_copy(ref, path) as copy:
        old = empty_design(label, engine) if copy is None else design(
            label, engine.scan([copy]), engine.rule_metas())
    return compare(old, scan_design(engine, path))
