"""Detection quality of srmlint against the peers' own rule fixtures.

trivy-checks and Checkov ship, for each of their checks, templates that must
fail and templates that must pass. They are the closest thing the field has to
a shared test suite, so this harness runs srmlint over them and measures, per
theme and per format:

- recall: the share of bad (trivy) / failing (Checkov) cases that a srmlint
  rule mapped to that peer check flags;
- specificity: the share of good / passing cases on which no mapped rule fires.

Which srmlint rules answer which peer check is a judgement, kept in
``tests/oracle/mapping.yaml``; a check in scope with no rule yet counts as a
miss on every bad case, so the numbers say how far the rule packs still have
to go, not only how well the existing rules work.

Cases, by peer and fixture style (the corpus README says which are usable):

- trivy ``<service>/<AVD id>_<check>/<format>/{good,bad}_N``: one case per
  file. bad: at least one finding of a mapped rule in the file; good: none.
  trivy tests each example alone, in its own folder; srmlint's Terraform
  scope is the folder, so every ``.tf`` example is linked (a symlink, not a
  copy) into a folder of its own under a temporary directory first. The
  CloudFormation scope is the file, so those are passed as they are.
- Checkov ``resource_id_sets`` (also ``(non_literal_sets)`` and the
  ``*_multiple`` per-folder lists): one case per expected resource id. A
  failing id must get a finding of a mapped rule on that resource (Terraform
  ``type.name``; CloudFormation ``AWS::Type.LogicalId`` matched by type and
  logical id) in the test's example folders; a passing id none. An id inside
  a module call (``module.m["a"].aws_x.y``) is matched by srmlint's address
  of the call's resource. An id naming a ``count``/``for_each`` instance
  (``aws_x.y["k"]``) is flagged by a finding on the block that names that
  instance ("... (instance [\"k\"])") or names none (it holds for every
  instance). ``unknown_resources``/``skipped_resources`` are ignored.
- Checkov ``summary_counts_only`` (CloudFormation): only counts are asserted,
  so one case per file from its name: ``*FAIL*`` is a bad file, ``*PASS*`` a
  good one (the trivy semantics), ``*UNKNOWN*`` is skipped; a file with no
  verdict in its name is good when the test expects 0 failures, bad when it
  expects 0 passes, and skipped otherwise.
- Checkov ``inline_conf_unit`` and ``other``: the templates live inside the
  Python tests, not in the corpus; those tests give no cases.

srmlint runs once per peer and format (four processes, run side by side),
each over all the fixtures of that peer and format at once; findings are
mapped back to fixtures by file and resource address. The fixtures are only
read, never copied or edited.

    python bench/oracle.py [--json FILE] [--corpus DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "oracle"
MAPPING = PROJECT / "tests" / "oracle" / "mapping.yaml"
DISPUTED = PROJECT / "tests" / "oracle" / "disputed.yaml"

THEMES = ("encryption", "network", "iam", "public_access", "logging", "compute", "backup")
FORMATS = ("terraform", "cloudformation")
PEERS = ("trivy", "checkov")


# --------------------------------------------------------------------------- mapping


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate keys: PyYAML silently keeps the last
    one, which would let a check be judged twice with only one judgement counted."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One peer check's place in srmlint's scope."""

    peer: str
    check: str
    in_scope: bool
    theme: str | None
    rules: tuple[str, ...]
    reason: str | None


def load_mapping(path: Path = MAPPING) -> dict[str, dict[str, Judgement]]:
    """Read and validate the mapping: ``{peer: {check key: Judgement}}``.

    Raises ValueError on a malformed entry, so a typo in a theme or a missing
    reason cannot quietly drop a check from the measurement.
    """
    with path.open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_UniqueKeyLoader)  # a SafeLoader subclass: safe
    if not isinstance(raw, dict) or set(raw) != set(PEERS):
        raise ValueError(f"{path}: top level must be exactly {PEERS}")
    mapping: dict[str, dict[str, Judgement]] = {}
    for peer in PEERS:
        entries = raw[peer]
        if not isinstance(entries, dict):
            raise ValueError(f"{path}: {peer} must be a mapping of check id to judgement")
        mapping[peer] = {}
        for check, entry in entries.items():
            where = f"{path}: {peer}.{check}"
            if not isinstance(entry, dict):
                raise ValueError(f"{where}: not a mapping")
            scope = entry.get("scope")
            if scope == "in":
                theme, rules = entry.get("theme"), entry.get("rules")
                if theme not in THEMES:
                    raise ValueError(f"{where}: theme {theme!r} is not one of {THEMES}")
                if not isinstance(rules, list) or not all(isinstance(r, str) and r for r in rules):
                    raise ValueError(f"{where}: rules must be a list of rule ids (may be empty)")
                if set(entry) != {"scope", "theme", "rules"}:
                    raise ValueError(f"{where}: in-scope entries have scope, theme, rules only")
                mapping[peer][str(check)] = Judgement(peer, str(check), True, theme, tuple(rules), None)
            elif scope == "out":
                reason = entry.get("reason")
                if not isinstance(reason, str) or not reason.strip():
                    raise ValueError(f"{where}: out-of-scope entries need a reason")
                if set(entry) != {"scope", "reason"}:
                    raise ValueError(f"{where}: out-of-scope entries have scope, reason only")
                mapping[peer][str(check)] = Judgement(peer, str(check), False, None, (), reason)
            else:
                raise ValueError(f"{where}: scope must be 'in' or 'out', not {scope!r}")
    return mapping


@dataclass(frozen=True, slots=True)
class Dispute:
    """A peer fixture whose verdict srmlint disputes: the fixture is not valid
    for the provider or CloudFormation, or its verdict contradicts AWS's own
    documentation. It counts in neither recall nor specificity, and every
    report lists it with its reason (the raw rates, counting it, are kept too)."""

    peer: str
    check: str
    file: str  # a fixture path relative to the corpus, or a suffix of one
    resource: str | None
    reason: str

    def matches(self, case: Case) -> bool:
        return (case.peer == self.peer and case.check == self.check
                and any(f == self.file or f.endswith("/" + self.file) for f in case.files)
                and (self.resource is None or case.resource == self.resource))


def load_disputes(path: Path = DISPUTED) -> list[Dispute]:
    """``{peer: {check: [{file, resource?, reason}]}}``; ValueError on a malformed entry."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_UniqueKeyLoader) or {}  # a SafeLoader subclass: safe
    if not isinstance(raw, dict) or not set(raw) <= set(PEERS):
        raise ValueError(f"{path}: top level must be peers ({PEERS})")
    disputes = []
    for peer, checks in raw.items():
        for check, entries in (checks or {}).items():
            for entry in entries or ():
                where = f"{path}: {peer}.{check}"
                if not isinstance(entry, dict) or not set(entry) <= {"file", "resource", "reason"}:
                    raise ValueError(f"{where}: entries have file, resource (optional), reason")
                file, reason = entry.get("file"), entry.get("reason")
                if not isinstance(file, str) or not file or not isinstance(reason, str) or len(reason) < 20:
                    raise ValueError(f"{where}: a file and a reason (a sentence) are required")
                disputes.append(Dispute(peer, str(check), file, entry.get("resource"), reason.strip()))
    return disputes


def checkov_key(check: Mapping[str, Any]) -> str:
    """The mapping key of a Checkov check: its id, or its class when the index has no id."""
    return str(check.get("id") or check["class"])


def index_checks(corpus: Path) -> dict[str, list[str]]:
    """Every check key of both index files, in index order, duplicates kept
    (a Checkov check tested in both formats appears once per test)."""
    trivy = json.loads((corpus / "trivy" / "index.json").read_text(encoding="utf-8"))
    checkov = json.loads((corpus / "checkov" / "index.json").read_text(encoding="utf-8"))
    return {
        "trivy": [str(c["id"]) for c in trivy["checks"]],
        "checkov": [checkov_key(c) for t in checkov["tests"] for c in t["checks"]],
    }


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class Case:
    """One expectation: this file / this resource must (bad) or must not (good) be flagged."""

    peer: str
    check: str
    theme: str
    rules: tuple[str, ...]
    format: str
    expect: str  # "bad" | "good"
    unit: str  # "file" | "resource"
    files: tuple[str, ...]  # fixture files (relative to the corpus) the case looks in
    resource: str | None = None  # peer's resource id, for unit == "resource"
    style: str = "trivy"


@dataclass(slots=True)
class Unusable:
    """What the harness could not turn into cases, and why (for the report)."""

    tests_by_style: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ids_skipped: list[str] = field(default_factory=list)
    files_skipped: list[str] = field(default_factory=list)


def trivy_cases(corpus: Path, mapping: Mapping[str, Judgement]) -> Iterator[Case]:
    index = json.loads((corpus / "trivy" / "index.json").read_text(encoding="utf-8"))
    for check in index["checks"]:
        judgement = mapping[check["id"]]
        if not judgement.in_scope:
            continue
        assert judgement.theme is not None
        for fmt, samples in sorted(check["samples"].items()):
            for expect in ("bad", "good"):
                for rel in samples.get(expect, []):
                    yield Case("trivy", judgement.check, judgement.theme, judgement.rules, fmt, expect, "file",
                               (f"trivy/{rel}",))


_FAIL = re.compile(r"fail", re.IGNORECASE)
_PASS = re.compile(r"pass", re.IGNORECASE)
_UNKNOWN = re.compile(r"unknown", re.IGNORECASE)
#: ``aws_x.y["k"]`` / ``aws_x.y[0]`` (``module.m["a"].aws_x.y["k"]``): one instance of a
#: ``for_each``/``count`` block, its key the last index.
_INSTANCE_ID = re.compile(r"^(?P<address>.+\.[^.\[\]]+)(?P<instance>\[[^\[\]]+\])$")
#: How a srmlint finding names the instance it is about (srmlint.resolve.branches).
_INSTANCE_NOTE = re.compile(r" \(instance (?P<instance>\[.+\])\)$")


def _checkov_ids(test: Mapping[str, Any], kind: str) -> list[str]:
    """Expected ids of one kind ("passing"/"failing"), flattening the per-folder ``*_multiple`` lists."""
    ids = list(test.get(f"{kind}_resources") or [])
    for group in test.get(f"{kind}_resources_multiple") or []:
        ids.extend(group)
    return ids


def checkov_cases(corpus: Path, mapping: Mapping[str, Judgement], unusable: Unusable) -> Iterator[Case]:
    index = json.loads((corpus / "checkov" / "index.json").read_text(encoding="utf-8"))
    for test in index["tests"]:
        style, fmt = test["style"], test["framework"]
        for check in test["checks"]:
            judgement = mapping[checkov_key(check)]
            if not judgement.in_scope:
                continue
            assert judgement.theme is not None
            base = (judgement.check, judgement.theme, judgement.rules, fmt)
            files = tuple(f"checkov/{f}" for f in test["example_files"])
            if style.startswith("resource_id_sets"):
                failing, passing = _checkov_ids(test, "failing"), _checkov_ids(test, "passing")
                both = set(failing) & set(passing)
                for expect, ids in (("bad", failing), ("good", passing)):
                    for rid in ids:
                        if rid in both:
                            unusable.ids_skipped.append(f"{judgement.check} {fmt} {rid}")
                            continue
                        yield Case("checkov", *base, expect, "resource", files, rid, style)
            elif style == "summary_counts_only":
                asserts = test.get("summary_asserts") or {}
                no_fail = bool(asserts.get("failed")) and all(n == 0 for n in asserts["failed"])
                no_pass = bool(asserts.get("passed")) and all(n == 0 for n in asserts["passed"])
                for rel in files:
                    name = rel.rsplit("/", 1)[-1]
                    if _UNKNOWN.search(name):
                        expect = None
                    elif _FAIL.search(name):
                        expect = "bad"
                    elif _PASS.search(name):
                        expect = "good"
                    else:
                        expect = "good" if no_fail else "bad" if no_pass else None
                    if expect is None:
                        unusable.files_skipped.append(f"{judgement.check} {rel}")
                        continue
                    yield Case("checkov", *base, expect, "file", (rel,), None, style)
            else:
                unusable.tests_by_style[style] += 1


# --------------------------------------------------------------------------- running srmlint


@dataclass(slots=True)
class ScanIndex:
    """srmlint's findings and resources, keyed by fixture file (relative to the corpus)."""

    rules_by_file: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    rules_by_resource: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    #: rules whose finding on a block holds for every instance of it (it names none)
    rules_every_instance: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    #: rules whose finding names one instance: (file, type, address, '["k"]' or '[0]')
    rules_by_instance: dict[tuple[str, str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    resources: set[tuple[str, str, str]] = field(default_factory=set)  # (file, type, address)
    not_analysed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # SRM000 messages


def _srmlint(paths: list[str]) -> subprocess.Popen[str]:
    """Start one srmlint process over ``paths`` (this interpreter's srmlint)."""
    return subprocess.Popen(
        [sys.executable, "-m", "srmlint", "--format", "json", *paths],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _collect(proc: subprocess.Popen[str], back: Mapping[str, str], index: ScanIndex, label: str) -> None:
    out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"srmlint failed on the {label} fixtures (exit {proc.returncode}): {err.strip()}")
    report = json.loads(out)

    def fixture(path: str) -> str:
        norm = os.path.normpath(path)
        return back.get(norm) or back[os.path.dirname(norm)] + "/" + os.path.basename(norm)

    for res in report["resources"]:
        index.resources.add((fixture(res["file"]), res["type"], res["address"]))
    for finding in report["findings"]:
        rel = fixture(finding["file"])
        if finding["rule_id"] == "SRM000":
            index.not_analysed[rel].append(finding["message"])
            continue
        index.rules_by_file[rel].add(finding["rule_id"])
        res = finding.get("resource")
        if res:
            key = (rel, res["type"], res["address"])
            index.rules_by_resource[key].add(finding["rule_id"])
            noted = _INSTANCE_NOTE.search(finding["message"])
            if noted:
                index.rules_by_instance[(*key, noted.group("instance"))].add(finding["rule_id"])
            else:
                index.rules_every_instance[key].add(finding["rule_id"])


def scan(corpus: Path, cases: Iterable[Case]) -> ScanIndex:
    """Run srmlint once per peer and format over every fixture the cases need.

    ``back`` maps what srmlint reports (paths as given, normalised) to the
    fixture's path relative to the corpus: files map to files, and a Checkov
    example folder maps to itself so files found inside it resolve too.
    """
    trivy_files: dict[str, set[str]] = defaultdict(set)
    checkov_dirs: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        if case.peer == "trivy":
            trivy_files[case.format].update(case.files)
        else:
            for rel in case.files:
                # The example folder is the second path element: checkov/<format>/<example dir>/...
                checkov_dirs[case.format].add("/".join(rel.split("/")[:3]))
    index = ScanIndex()
    with tempfile.TemporaryDirectory(prefix="srmlint-oracle-") as tmp:
        jobs: list[tuple[subprocess.Popen[str], dict[str, str], str]] = []
        for fmt in FORMATS:
            back: dict[str, str] = {}
            paths: list[str] = []
            for rel in sorted(trivy_files.get(fmt, ())):
                real = str(corpus / rel)
                if fmt == "terraform":
                    # One folder per example, as trivy's own test harness does.
                    folder = Path(tmp, fmt, rel.rsplit(".", 1)[0])
                    folder.mkdir(parents=True)
                    (folder / "main.tf").symlink_to(real)
                    back[os.path.normpath(folder / "main.tf")] = rel
                    # Named, not found by walking tmp: a walk does not follow
                    # links that lead out of the folder it scans.
                    paths.append(str(folder / "main.tf"))
                else:
                    paths.append(real)
                    back[os.path.normpath(real)] = rel
            if paths:
                jobs.append((_srmlint(paths), back, f"trivy {fmt}"))
            dirs = sorted(checkov_dirs.get(fmt, ()))
            if dirs:
                back = {os.path.normpath(corpus / d): d for d in dirs}
                # A file directly named in a folder of ``back`` resolves through its folder;
                # deeper files (sub-modules) need their own folders in ``back``.
                for d in dirs:
                    for sub, _, _ in os.walk(corpus / d):
                        back[os.path.normpath(sub)] = str(Path(sub).relative_to(corpus))
                jobs.append((_srmlint([str(corpus / d) for d in dirs]), back, f"checkov {fmt}"))
        for proc, back, label in jobs:
            _collect(proc, back, index, label)
    return index


# --------------------------------------------------------------------------- judging


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    flagged: bool
    found: tuple[str, ...]  # mapped rules that fired on the case
    note: str | None = None
    disputed: str | None = None  # why srmlint disputes the peer's verdict (the case is not counted)

    @property
    def right(self) -> bool:
        """Whether srmlint agrees with the peer's verdict on the case."""
        return self.flagged == (self.case.expect == "bad")


def _split_id(rid: str, fmt: str) -> tuple[str, str]:
    """``aws_s3_bucket.b`` -> (aws_s3_bucket, aws_s3_bucket.b); ``AWS::S3::Bucket.B`` -> (AWS::S3::Bucket, B)."""
    if fmt == "cloudformation":
        rtype, _, logical = rid.rpartition(".")
        return rtype, logical
    return rid.split(".", 1)[0], rid


def judge(case: Case, index: ScanIndex) -> Outcome:
    """Did a mapped rule flag the case? A check with no rule never flags anything."""
    rules = set(case.rules)
    if case.unit == "file":
        fired = set().union(*(index.rules_by_file.get(f, set()) for f in case.files)) & rules
        note = "; ".join(m for f in case.files for m in index.not_analysed.get(f, ())) or None
        return Outcome(case, bool(fired), tuple(sorted(fired)), f"SRM000: {note}" if note else None)
    assert case.resource is not None
    rtype, address = _split_id(case.resource, case.format)
    instance = _INSTANCE_ID.match(address) if case.format == "terraform" else None
    if instance:  # one instance of a block: the block's findings that name it or hold for every instance
        address = instance.group("address")
    if case.format == "terraform" and address.startswith("module."):  # inside a module call's instance
        rtype = address.rsplit(".", 2)[-2]
    files = set(case.files)
    hits = [key for key in index.resources if key[0] in files and key[1] == rtype and key[2] == address]
    if instance:
        fired = set().union(*(index.rules_every_instance.get(k, set()) | index.rules_by_instance.get(
            (*k, instance.group("instance")), set()) for k in hits)) & rules
    else:
        fired = set().union(*(index.rules_by_resource.get(k, set()) for k in hits)) & rules
    note = None if hits else "resource not in srmlint's resource list"
    return Outcome(case, bool(fired), tuple(sorted(fired)), note)


# --------------------------------------------------------------------------- metrics


@dataclass(slots=True)
class Row:
    """Counts and rates for one slice (theme x format, optionally one peer)."""

    theme: str
    format: str
    peer: str = "all"
    checks_in_scope: int = 0
    checks_with_rule: int = 0
    bad: int = 0
    flagged: int = 0
    good: int = 0
    clean: int = 0
    good_with_rule: int = 0
    clean_with_rule: int = 0
    #: Cases left out as disputed, and how many of them srmlint disagrees on.
    disputed: int = 0
    disputed_wrong: int = 0
    disputed_bad: int = 0
    disputed_bad_missed: int = 0
    disputed_good: int = 0
    disputed_good_flagged: int = 0

    @property
    def recall(self) -> float | None:
        return self.flagged / self.bad if self.bad else None

    @property
    def recall_raw(self) -> float | None:
        """Recall with the disputed cases counted as the peer says."""
        bad = self.bad + self.disputed_bad
        return (self.flagged + self.disputed_bad - self.disputed_bad_missed) / bad if bad else None

    @property
    def specificity_raw(self) -> float | None:
        good = self.good + self.disputed_good
        return (self.clean + self.disputed_good - self.disputed_good_flagged) / good if good else None

    @property
    def specificity(self) -> float | None:
        return self.clean / self.good if self.good else None

    @property
    def specificity_with_rule(self) -> float | None:
        """Specificity over the good cases of checks that have a rule: the only
        ones a false alarm can come from, so the sharper number for rule authors."""
        return self.clean_with_rule / self.good_with_rule if self.good_with_rule else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(recall=self.recall, specificity=self.specificity,
                    specificity_with_rule=self.specificity_with_rule, recall_raw=self.recall_raw,
                    specificity_raw=self.specificity_raw)
        return data


@dataclass(slots=True)
class Result:
    rows: list[Row]
    by_peer: list[Row]
    outcomes: list[Outcome]
    check_counts: dict[str, dict[str, int]]
    no_rule_by_theme: dict[str, int]
    unusable: Unusable
    not_analysed: dict[str, list[str]]

    def row(self, theme: str, fmt: str) -> Row:
        return next(r for r in self.rows if r.theme == theme and r.format == fmt)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expect == "bad" and not o.flagged and not o.disputed]

    @property
    def false_alarms(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.expect == "good" and o.flagged and not o.disputed]

    @property
    def disputed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.disputed]

    def to_json(self) -> dict[str, Any]:
        def outcome(o: Outcome) -> dict[str, Any]:
            c = o.case
            return {"peer": c.peer, "check": c.check, "theme": c.theme, "format": c.format, "rules": list(c.rules),
                    "unit": c.unit, "resource": c.resource, "files": list(c.files), "style": c.style,
                    "found": list(o.found), "note": o.note, "disputed": o.disputed,
                    "srmlint_agrees_with_peer": o.right}

        return {
            "definitions": {
                "recall": "bad/failing cases flagged by a rule mapped to their peer check / all bad cases",
                "specificity": "good/passing cases with no finding of a mapped rule / all good cases",
                "specificity_with_rule": "specificity over the good cases of checks that have a mapped rule",
                "disputed": "cases whose peer verdict srmlint disputes (tests/oracle/disputed.yaml, with reasons): "
                            "counted in neither rate; recall_raw/specificity_raw count them as the peer says",
            },
            "checks": self.check_counts,
            "in_scope_without_rule_by_theme": self.no_rule_by_theme,
            "rows": [r.as_dict() for r in self.rows],
            "by_peer": [r.as_dict() for r in self.by_peer],
            "misses": [outcome(o) for o in self.misses],
            "false_alarms": [outcome(o) for o in self.false_alarms],
            "disputed": [outcome(o) for o in self.disputed],
            "unusable": {
                "checkov_tests_without_fixtures_by_style": dict(self.unusable.tests_by_style),
                "checkov_ids_skipped": self.unusable.ids_skipped,
                "checkov_files_skipped": self.unusable.files_skipped,
            },
            "not_analysed_fixtures": self.not_analysed,
        }


def _rows(outcomes: list[Outcome], peer: str | None) -> list[Row]:
    rows = {(t, f): Row(t, f, peer or "all") for t in THEMES for f in FORMATS}
    # Checks are counted per format where they have at least one case in that format.
    seen: set[tuple[str, str, str]] = set()
    for o in outcomes:
        c = o.case
        if peer and c.peer != peer:
            continue
        row = rows[(c.theme, c.format)]
        if (c.peer, c.check, c.format) not in seen:
            seen.add((c.peer, c.check, c.format))
            row.checks_in_scope += 1
            row.checks_with_rule += bool(c.rules)
        if o.disputed:
            row.disputed += 1
            row.disputed_wrong += not o.right
            if c.expect == "bad":
                row.disputed_bad += 1
                row.disputed_bad_missed += not o.flagged
            else:
                row.disputed_good += 1
                row.disputed_good_flagged += o.flagged
            continue
        if c.expect == "bad":
            row.bad += 1
            row.flagged += o.flagged
        else:
            row.good += 1
            row.clean += not o.flagged
            if c.rules:
                row.good_with_rule += 1
                row.clean_with_rule += not o.flagged
    return list(rows.values())


def run(corpus: Path = DEFAULT_CORPUS, mapping_path: Path = MAPPING, disputed_path: Path = DISPUTED) -> Result:
    """Build the cases, scan the fixtures, judge every case and aggregate."""
    mapping = load_mapping(mapping_path)
    disputes = load_disputes(disputed_path)
    unusable = Unusable()
    cases = [*trivy_cases(corpus, mapping["trivy"]), *checkov_cases(corpus, mapping["checkov"], unusable)]
    index = scan(corpus, cases)
    outcomes = []
    for case in cases:
        outcome = judge(case, index)
        dispute = next((d for d in disputes if d.matches(case)), None)
        if dispute is not None:
            outcome = replace(outcome, disputed=dispute.reason)  # Outcome is frozen
        outcomes.append(outcome)
    check_counts: dict[str, dict[str, int]] = {}
    no_rule: dict[str, int] = dict.fromkeys(THEMES, 0)
    for peer in PEERS:
        judged = mapping[peer].values()
        check_counts[peer] = {
            "total": len(mapping[peer]),
            "in_scope": sum(j.in_scope for j in judged),
            "out_of_scope": sum(not j.in_scope for j in judged),
            "in_scope_without_rule": sum(j.in_scope and not j.rules for j in judged),
            "in_scope_with_cases": len({o.case.check for o in outcomes if o.case.peer == peer}),
        }
        for j in judged:
            if j.in_scope and not j.rules and j.theme:
                no_rule[j.theme] += 1
    return Result(
        rows=_rows(outcomes, None),
        by_peer=[r for p in PEERS for r in _rows(outcomes, p)],
        outcomes=outcomes,
        check_counts=check_counts,
        no_rule_by_theme=no_rule,
        unusable=unusable,
        not_analysed=dict(index.not_analysed),
    )


# --------------------------------------------------------------------------- floors


def floor_violations(result: Result, floors: Mapping[str, Mapping[str, Mapping[str, float]]]) -> list[str]:
    """Every ``theme/format metric`` measured below its floor (``{theme: {format: {metric: floor}}}``).

    A slice with a floor but no cases any more is a violation too: losing the
    cases (a broken scan, a moved corpus) must not pass as "nothing to measure".
    """
    problems = []
    for theme, formats in floors.items():
        for fmt, metrics in formats.items():
            row = next((r for r in result.rows if r.theme == theme and r.format == fmt), None)
            for metric, floor in metrics.items():
                value = getattr(row, metric) if row else None
                if value is None:
                    problems.append(f"{theme}/{fmt} {metric}: no cases (floor {floor:.2f})")
                elif value + 1e-9 < floor:
                    problems.append(f"{theme}/{fmt} {metric}: {value:.3f} < floor {floor:.2f}")
    return problems


def measured_floors(result: Result) -> dict[str, dict[str, dict[str, float]]]:
    """Floors at what is measured now, rounded down to 0.01 (for tests/oracle/floors.yaml)."""
    floors: dict[str, dict[str, dict[str, float]]] = {}
    for row in result.rows:
        metrics = {m: int(v * 100 + 1e-9) / 100 for m in ("recall", "specificity")
                   if (v := getattr(row, m)) is not None}
        if metrics:
            floors.setdefault(row.theme, {})[row.format] = metrics
    return floors


# --------------------------------------------------------------------------- report


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value * 100:5.1f}%"


def table(result: Result, verbose: bool = False) -> str:
    """The human report: the table, then the misses and false alarms worth a look."""
    head = (f"{'theme':<14}{'format':<15}{'checks':>7}{'ruled':>6}{'bad':>6}{'flag':>6}{'recall':>8}"
            f"{'good':>6}{'clean':>6}{'specif.':>8}{'spec/ruled':>11}{'disp.':>6}{'raw rec.':>9}{'raw spec':>9}")
    lines = ["srmlint detection quality against trivy-checks and Checkov fixtures", "", head, "-" * len(head)]
    for fmt in FORMATS:
        for row in result.rows:
            if row.format != fmt or not (row.bad or row.good):
                continue
            lines.append(
                f"{row.theme:<14}{row.format:<15}{row.checks_in_scope:>7}{row.checks_with_rule:>6}{row.bad:>6}"
                f"{row.flagged:>6}{_pct(row.recall):>8}{row.good:>6}{row.clean:>6}{_pct(row.specificity):>8}"
                f"{_pct(row.specificity_with_rule):>11}{row.disputed:>6}{_pct(row.recall_raw):>9}"
                f"{_pct(row.specificity_raw):>9}"
            )
    lines.append("")
    for peer, counts in result.check_counts.items():
        lines.append(
            f"{peer}: {counts['total']} checks, {counts['in_scope']} in scope ({counts['in_scope_with_cases']} with "
            f"usable fixtures), {counts['out_of_scope']} out of scope, {counts['in_scope_without_rule']} in scope "
            f"with no rule yet"
        )
    lines.append("in scope with no rule yet, by theme: "
                 + ", ".join(f"{t} {n}" for t, n in result.no_rule_by_theme.items()))
    unusable = result.unusable
    lines.append(
        f"not measurable: Checkov tests without fixtures {dict(unusable.tests_by_style)}, "
        f"{len(unusable.ids_skipped)} instance/ambiguous resource ids, {len(unusable.files_skipped)} files "
        f"without a verdict"
    )

    def describe(o: Outcome) -> str:
        c = o.case
        where = f"{c.resource} in {', '.join(c.files)}" if c.unit == "resource" else c.files[0]
        extra = f" [{o.note}]" if o.note else ""
        return f"  {c.peer} {c.check} ({c.theme}, {c.format}; {'/'.join(c.rules) or 'no rule'}): {where}{extra}"

    lines += ["", "disputed peer verdicts, not counted (the raw columns count them as the peer says): "
              f"{len(result.disputed)} cases, srmlint disagrees on "
              f"{sum(not o.right for o in result.disputed)}"
              + ("" if verbose else " (--verbose lists them with the reasons)")]
    if verbose:
        lines += [describe(o) + ("" if o.right else " [srmlint disagrees]") + f"\n      why: {o.disputed}"
                  for o in result.disputed]
    ruled_misses = [o for o in result.misses if o.case.rules]
    lines += ["", f"misses by a mapped rule ({len(ruled_misses)}):", *map(describe, ruled_misses)]
    lines += ["", f"false alarms ({len(result.false_alarms)}):",
              *(describe(o) + f" <- {', '.join(o.found)}" for o in result.false_alarms)]
    unruled: dict[tuple[str, str, str], int] = defaultdict(int)
    for o in result.misses:
        if not o.case.rules:
            unruled[(o.case.theme, o.case.peer, o.case.check)] += 1
    lines += ["", f"misses of checks with no rule yet: {sum(unruled.values())} cases over {len(unruled)} checks"
              + ("" if verbose else " (--verbose lists them)")]
    if verbose:
        lines += [f"  {t:<14}{p} {c}: {n}" for (t, p, c), n in sorted(unruled.items())]
    if result.not_analysed:
        lines += ["", f"fixtures srmlint could not (fully) analyse, SRM000 ({len(result.not_analysed)}):"]
        lines += [f"  {f}: {'; '.join(m)}" for f, m in sorted(result.not_analysed.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="also write the full result as JSON to FILE ('-' for stdout)")
    parser.add_argument("--corpus", metavar="DIR", default=str(DEFAULT_CORPUS),
                        help=f"the oracle folder (default: {DEFAULT_CORPUS})")
    parser.add_argument("--mapping", metavar="FILE", default=str(MAPPING), help="the peer-check mapping")
    parser.add_argument("--verbose", action="store_true", help="list the misses of checks with no rule too")
    parser.add_argument("--floors", action="store_true", help="print floors at the measured values (YAML) and exit")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "trivy" / "index.json").is_file() or not (corpus / "checkov" / "index.json").is_file():
        print(f"oracle corpus not found at {corpus} (expected trivy/index.json and checkov/index.json)",
              file=sys.stderr)
        return 2
    result = run(corpus, Path(args.mapping))
    if args.floors:
        print(yaml.safe_dump(measured_floors(result), sort_keys=False), end="")
        return 0
    if args.json == "-":
        print(json.dumps(result.to_json(), indent=2))
    else:
        print(table(result, verbose=args.verbose))
        if args.json:
            Path(args.json).write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
