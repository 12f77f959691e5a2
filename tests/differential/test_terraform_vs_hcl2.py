"""srmlint's Terraform reader against python-hcl2 on every real ``.tf`` file in the corpus.

The two readers share no code, so agreement on block types, labels and every
static value is strong evidence that srmlint reads what Terraform reads. Where
srmlint keeps an expression (``Unknown``), python-hcl2 must have seen an
expression too; the expression itself is not compared (python-hcl2 only gives
its text back).

python-hcl2 8.x quirks normalised here, each checked against Terraform's
behaviour:

* strings keep their quotes and their escapes undecoded (``'"a\\\\nb"'``):
  the quotes are removed and HCL escapes decoded by :func:`_decode_quoted`;
* heredocs come back as their source text including the markers
  (``'"<<-EOT\\n  x\\nEOT"'``): :func:`_decode_heredoc` applies Terraform's
  rules (content up to the closing marker's line, ``<<-`` strips the common
  indent, blank lines ignored; backslashes are literal, ``$${`` is ``${``);
* expressions are strings: ``'${var.x}'``, or bare for a lone identifier
  (``'x'``); any unquoted string is therefore an expression;
* object keys and nested block labels keep their quotes (``'"Name"'``);
* ``__is_block__`` (and ``__start_line__``/``__end_line__``/``__comments__``) are
  bookkeeping, not configuration.

Nested blocks have the same shape in both readers (a list of bodies per block
type, labels as nested keys), so they are compared item by item like lists.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from srmlint.model import Unknown
from srmlint.parsers.terraform import parse_terraform, read_blocks

hcl2 = pytest.importorskip("hcl2")

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"

#: Files python-hcl2 8.1.4 cannot read, relative to CORPUS, with the reason.
#: Terraform and Checkov accept all of them; srmlint must read them without a problem.
EXPECTED_HCL2_FAILURES: dict[str, str] = {
    "serverless-patterns/amazonmq-rabbitmq-msg-replication/main.tf": "heredoc closing marker with trailing spaces",
    "serverless-patterns/apigw-dynamodb-terraform/main.tf": "heredoc closing marker with trailing spaces",
    "serverless-patterns/apigw-sqs-terraform/main.tf": "heredoc closing marker with trailing spaces",
    "serverless-patterns/eventbridge-cloudwatch-terraform/main.tf": "heredoc closing marker with trailing spaces",
    "serverless-patterns/eventbridge-sns-lambda-terraform/main.tf": "heredoc closing marker with trailing spaces",
    "serverless-patterns/eventbridge-sns-terraform/main.tf": "heredoc closing marker with trailing spaces",
}

_BOOKKEEPING = frozenset({"__is_block__", "__start_line__", "__end_line__", "__comments__", "__inline_comments__"})


class _Expression:
    """python-hcl2's spelling of a non-static value."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"<expression {self.text!r}>"


# -- python-hcl2 normalisation (written independently of srmlint's decoder) -------------------


def _has_template_sequence(raw: str) -> bool:
    """True when raw template text contains an interpolation or directive (not ``$${`` / ``%%{``)."""
    index = 0
    while index < len(raw):
        char = raw[index]
        if char in "$%" and raw.startswith(char * 2 + "{", index):
            index += 3
            continue
        if char in "$%" and raw.startswith(char + "{", index):
            return True
        index += 1
    return False


_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _decode_quoted(raw: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            nxt = raw[index + 1]
            if nxt in _SIMPLE:
                out.append(_SIMPLE[nxt])
                index += 2
                continue
            width = {"u": 4, "U": 8}.get(nxt)
            if width and re.fullmatch(r"[0-9a-fA-F]+", raw[index + 2 : index + 2 + width] or "-"):
                out.append(chr(int(raw[index + 2 : index + 2 + width], 16)))
                index += 2 + width
                continue
        if raw.startswith(("$${", "%%{"), index):
            out.append(raw[index + 1 : index + 3])
            index += 3
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _decode_heredoc(raw: str) -> str | _Expression:
    first, _, rest = raw.partition("\n")
    lines = rest.split("\n")[:-1]  # the last line is the closing marker
    content = "".join(line + "\n" for line in lines)
    if _has_template_sequence(content):
        return _Expression(raw)
    if first.startswith("<<-"):
        indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
        cut = min(indents, default=0)
        content = "".join((line[cut:] if line.strip() else line) + "\n" for line in lines)
    return content.replace("$${", "${").replace("%%{", "%{")


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {_key(k): _normalise(v) for k, v in value.items() if k not in _BOOKKEEPING}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
            inner = value[1:-1]
            if inner.startswith("<<"):
                return _decode_heredoc(inner)
            if _has_template_sequence(inner):
                return _Expression(value)
            return _decode_quoted(inner)
        return _Expression(value)
    return value


def _key(key: str) -> str:
    if len(key) >= 2 and key[0] == '"' and key[-1] == '"':
        return _decode_quoted(key[1:-1])
    return key


def _hcl2_blocks(document: dict[str, Any]) -> dict[str, list[tuple[tuple[str, ...], Any]]]:
    """python-hcl2's top level as block type -> [(labels, body)], in source order."""
    blocks: dict[str, list[tuple[tuple[str, ...], Any]]] = defaultdict(list)
    for block_type, entries in document.items():
        if not isinstance(entries, list):
            continue  # a top-level attribute: not a block
        for entry in entries:
            labels: list[str] = []
            node = entry
            while isinstance(node, dict) and "__is_block__" not in node and len(node) == 1:
                (label, node), = node.items()
                labels.append(_key(label))
            if isinstance(node, dict) and "__is_block__" in node:
                blocks[block_type].append((tuple(labels), _normalise(node)))
    return blocks


# -- comparison -------------------------------------------------------------------------------


def _compare(ours: Any, theirs: Any, where: str, out: list[str]) -> None:
    if isinstance(ours, Unknown):
        # Not compared, but python-hcl2 must not have seen a plain static scalar there.
        if theirs is None or isinstance(theirs, bool | int | float | str):
            out.append(f"{where}: srmlint {ours!r} but python-hcl2 static {theirs!r}")
        return
    if isinstance(theirs, _Expression):
        out.append(f"{where}: srmlint static {ours!r} but python-hcl2 {theirs!r}")
        return
    if isinstance(ours, dict) and isinstance(theirs, dict):
        if set(ours) != set(theirs):
            out.append(f"{where}: keys srmlint {sorted(ours)} vs python-hcl2 {sorted(theirs)}")
        for key in sorted(set(ours) & set(theirs)):
            _compare(ours[key], theirs[key], f"{where}.{key}", out)
        return
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            out.append(f"{where}: {len(ours)} items in srmlint vs {len(theirs)} in python-hcl2")
        for index, (mine, other) in enumerate(zip(ours, theirs, strict=False)):
            _compare(mine, other, f"{where}[{index}]", out)
        return
    if type(ours) is not type(theirs) or ours != theirs:
        out.append(f"{where}: srmlint {ours!r} vs python-hcl2 {theirs!r}")


def _compare_file(path: Path, rel: str, out: list[str]) -> bool:
    """Compare one file; False when python-hcl2 cannot read it."""
    data = path.read_bytes()
    blocks, problems = read_blocks(data, rel)
    if problems:
        out.append(f"{rel}: srmlint problems {[p.message for p in problems]}")
    try:
        document = hcl2.loads(data.decode("utf-8"))
    except Exception:  # lark raises several unrelated exception types
        return False
    theirs = _hcl2_blocks(document)
    ours: dict[str, list[tuple[tuple[str, ...], Any]]] = defaultdict(list)
    for block in blocks:
        ours[block.type].append((block.labels, block.body))
    if sorted(ours) != sorted(theirs):
        out.append(f"{rel}: block types srmlint {sorted(ours)} vs python-hcl2 {sorted(theirs)}")
    for block_type in sorted(set(ours) & set(theirs)):
        mine, other = ours[block_type], theirs[block_type]
        if len(mine) != len(other):
            out.append(f"{rel}: {len(mine)} {block_type} blocks in srmlint vs {len(other)} in python-hcl2")
        for (labels, body), (their_labels, their_body) in zip(mine, other, strict=False):
            where = f"{rel}: {block_type} {' '.join(labels)}"
            if labels != their_labels:
                out.append(f"{where}: labels srmlint {labels} vs python-hcl2 {their_labels}")
            _compare(body, their_body, where, out)
    return True


def _corpus_folders() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and next(p.rglob("*.tf"), None))


@pytest.mark.parametrize("folder", _corpus_folders() or ["<no corpus>"])
def test_terraform_reader_agrees_with_python_hcl2(folder: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}: nothing to compare against")
    disagreements: list[str] = []
    hcl2_failures: set[str] = set()
    for path in sorted((CORPUS / folder).rglob("*.tf")):
        rel = path.relative_to(CORPUS).as_posix()
        if not _compare_file(path, rel, disagreements):
            hcl2_failures.add(rel)
            parsed = parse_terraform(rel, path.read_bytes())
            if parsed.problems or not parsed.resources:
                disagreements.append(f"{rel}: python-hcl2 fails and srmlint reads {parsed}")
    expected = {rel for rel in EXPECTED_HCL2_FAILURES if rel.startswith(folder + "/")}
    assert hcl2_failures == expected, (
        f"python-hcl2 failures changed: unexpected {sorted(hcl2_failures - expected)}, "
        f"no longer failing {sorted(expected - hcl2_failures)}"
    )
    assert not disagreements, f"{len(disagreements)} disagreement(s):\n" + "\n".join(disagreements)
