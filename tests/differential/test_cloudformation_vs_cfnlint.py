"""srmlint's YAML/JSON reader against cfn-lint's decoder on every real template in the corpus.

cfn-lint's ``decode_str`` is what the CloudFormation community lints with;
srmlint reads the same libyaml events through its own code (to get spans,
bounds and speed without importing cfn-lint). Two checks per corpus folder:

1. every file srmlint calls a template decodes to the *same* value in both
   (strict about types: ``True`` is not ``1``; ``str_node`` equals ``str``),
   or both refuse it at the same line;
2. every file cfn-lint decodes to a mapping with ``Resources`` is a template
   for srmlint too, so the byte prefilter and the structural test lose
   nothing, unless listed in :data:`NOT_TEMPLATES` with the reason.

cfn-lint refuses a whole file on a duplicate key, where srmlint reads it and
reports each duplicate: those count as agreement when every line cfn-lint
names is one srmlint names too.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path
from typing import Any

import pytest

from srmlint.parsers.cloudformation import CloudFormationParser, parse_cloudformation
from srmlint.parsers.yamlnodes import compose

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []

#: Files whose decoded values differ, relative to CORPUS, with the reason.
KNOWN_DIFFERENCES: dict[str, str] = {}

#: Files cfn-lint decodes to a mapping with ``Resources`` that are not CloudFormation.
NOT_TEMPLATES: dict[str, str] = {}

_PARSER = CloudFormationParser()


def _candidates(folder: str) -> list[Path]:
    return [p for p in sorted((CORPUS / folder).rglob("*")) if p.is_file() and _PARSER.claims(str(p))]


def _kind(value: Any) -> type:
    """The type that matters for equality: cfn-lint's node classes are their builtins."""
    for base in (bool, int, float, str, dict, list, datetime.datetime, datetime.date, bytes):
        if isinstance(value, base):
            return base
    return type(value)


def _differences(ours: Any, theirs: Any, path: str = "$") -> list[str]:
    """Every place two decoded values differ, as ``path: ours != theirs``."""
    if _kind(ours) is not _kind(theirs):
        return [f"{path}: {ours!r:.60} ({type(ours).__name__}) != {theirs!r:.60} ({type(theirs).__name__})"]
    if isinstance(ours, dict):
        if list(ours) != list(theirs):
            return [f"{path}: keys {list(ours)!r:.100} != {list(theirs)!r:.100}"]
        found: list[str] = []
        for key in ours:
            found.extend(_differences(ours[key], theirs[key], f"{path}.{key}"))
        return found
    if isinstance(ours, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items != {len(theirs)} items"]
        found = []
        for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            found.extend(_differences(a, b, f"{path}[{index}]"))
        return found
    if isinstance(ours, float) and math.isnan(ours) and math.isnan(theirs):
        return []
    if ours != theirs:
        return [f"{path}: {ours!r:.60} != {theirs!r:.60}"]
    return []


def _compare(relative: str, text: str, decode_str: Any) -> list[str]:
    """Why srmlint and cfn-lint disagree on one text (empty when they agree)."""
    composed = compose(text, relative)
    theirs, matches = decode_str(text)
    if matches:
        their_lines = {m.linenumber for m in matches}
        if all(m.message.startswith("Duplicate found") for m in matches):
            # cfn-lint names the first occurrence as well; srmlint says "first at line N".
            our_lines: set[int] = set()
            for problem in composed.problems:
                if problem.message.startswith("duplicate key"):
                    our_lines.add(problem.location.line)
                    our_lines.update(int(n) for n in re.findall(r"first at line (\d+)", problem.message))
            missing = their_lines - our_lines
            if composed.failed or missing:
                return [f"cfn-lint duplicate keys at lines {sorted(their_lines)}, srmlint at {sorted(our_lines)}"]
            return []
        our_fatal = {p.location.line for p in composed.problems} if composed.failed else set()
        if not our_fatal:
            return [f"cfn-lint refuses it ({matches[0].message[:80]!r}), srmlint reads it"]
        if our_fatal != their_lines and their_lines != {1}:  # line 1: cfn-lint's "could not be parsed"
            return [f"refused at line {sorted(our_fatal)} by srmlint, {sorted(their_lines)} by cfn-lint"]
        return []
    if composed.failed:
        return [f"srmlint refuses it ({composed.problems[0].message}), cfn-lint reads it"]
    return _differences(composed.value, theirs)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
@pytest.mark.parametrize("folder", FOLDERS)
def test_decoded_values_match_cfnlint(folder: str) -> None:
    from cfnlint.decode import decode_str

    differing: dict[str, list[str]] = {}
    lost: list[str] = []
    for file in _candidates(folder):
        relative = file.relative_to(CORPUS).as_posix()
        data = file.read_bytes()
        parsed = parse_cloudformation(relative, data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue  # cfn-lint cannot read it either
        if parsed.format == "cloudformation":
            found = _compare(relative, text, decode_str)
            if found:
                differing[relative] = found
        else:
            theirs, matches = decode_str(text)
            if not matches and isinstance(theirs, dict) and "Resources" in theirs:
                lost.append(relative)

    expected = {k for k in KNOWN_DIFFERENCES if k.startswith(folder + "/")}
    unexpected = {k: v for k, v in differing.items() if k not in expected}
    report = "\n".join(f"{k}:\n    " + "\n    ".join(v[:10]) for k, v in sorted(unexpected.items()))
    assert not unexpected, f"srmlint and cfn-lint decode differently:\n{report}"
    assert set(differing) >= expected, f"listed differences now agree: {sorted(expected - set(differing))}"

    expected_lost = {k for k in NOT_TEMPLATES if k.startswith(folder + "/")}
    assert set(lost) == expected_lost, (
        f"templates for cfn-lint that srmlint does not read: {sorted(set(lost) - expected_lost)}; "
        f"listed but now read: {sorted(expected_lost - set(lost))}"
    )
