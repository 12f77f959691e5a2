"""How much of the real corpus the responsibility catalog classifies.

The bar is 99 % of AWS resource instances (other providers' resources are not
AWS and do not count). Run as a script to print the table::

    python -m tests.test_catalog_coverage [CORPUS]

As a test it prints the same table (visible with ``-s`` or on failure) and
fails under the bar; it is skipped, with a message, when the corpus is absent.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from srmlint.engine import Engine
from srmlint.plugins import default_manager

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
BAR = 0.99


@dataclass
class Coverage:
    folder: str
    aws: int = 0
    unclassified: Counter[str] = field(default_factory=Counter)

    @property
    def classified(self) -> int:
        return self.aws - sum(self.unclassified.values())

    @property
    def share(self) -> float:
        return self.classified / self.aws if self.aws else 1.0


def measure(corpus: Path, engine: Engine | None = None) -> list[Coverage]:
    engine = engine or Engine(default_manager())
    rows = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        result = engine.scan([str(folder)])
        row = Coverage(folder.name)
        for tagged in result.resources:
            if tagged.responsibility is None:
                continue  # another provider's resource: not AWS
            row.aws += 1
            if not tagged.responsibility.classified:
                row.unclassified[str(tagged.resource.type)] += 1
        rows.append(row)
    return rows


def table(rows: list[Coverage]) -> str:
    total_aws = sum(r.aws for r in rows)
    total_classified = sum(r.classified for r in rows)
    width = max([len(r.folder) for r in rows] + [len("overall")])
    lines = [f"{'folder':<{width}}  {'AWS resources':>13}  {'classified':>10}  share"]
    for r in rows:
        lines.append(f"{r.folder:<{width}}  {r.aws:>13}  {r.classified:>10}  {r.share:7.2%}")
        lines.extend(f"{'':<{width}}    unclassified: {t} ({n})" for t, n in r.unclassified.most_common(10))
    overall = total_classified / total_aws if total_aws else 1.0
    lines.append(f"{'overall':<{width}}  {total_aws:>13}  {total_classified:>10}  {overall:7.2%}")
    return "\n".join(lines)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}: catalog coverage not measured")
def test_the_catalog_classifies_the_real_corpus(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    rows = measure(CORPUS, engine)
    report = table(rows)
    with capsys.disabled():
        print(f"\nresponsibility catalog coverage over {CORPUS}:\n{report}")
    aws = sum(r.aws for r in rows)
    assert aws > 0
    share = sum(r.classified for r in rows) / aws
    assert share >= BAR, f"classified share {share:.2%} is under {BAR:.0%}:\n{report}"


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not corpus.is_dir():
        sys.exit(f"corpus not found at {corpus}")
    rows = measure(corpus)
    print(table(rows))
    aws = sum(r.aws for r in rows)
    sys.exit(0 if not aws or sum(r.classified for r in rows) / aws >= BAR else 1)
