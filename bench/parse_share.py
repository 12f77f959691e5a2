"""How much a full scan costs over just reading the same files (issue 12: at most 1.5x).

For each corpus in ``../shared/corpus/real/``, in one process, alternating
round after round: *parse only* (discover and read every template, no cache,
``--jobs 1``) and the *full scan* (the same, then resolve, graph, extract,
classify, rules and suppressions; no report rendering). Medians of the
rounds and their ratio are printed as a table (and JSON with ``--json``).

    python bench/parse_share.py [--rounds N] [--corpus NAME ...] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from srmlint.discover import discover
from srmlint.engine import Engine, ScanOptions
from srmlint.plugins import default_manager
from srmlint.reading import read_all

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def _timed(work: object) -> float:
    gc.collect()
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def measure(engine: Engine, target: Path, rounds: int) -> dict[str, float]:
    options = ScanOptions(jobs=1, cache_dir=None)

    def parse_only() -> None:
        read_all(list(discover([str(target)], engine.parsers, options.exclude)), jobs=1, cache_dir=None)

    def full_scan() -> None:
        engine.scan([str(target)], options=options)

    parse, full = [], []
    for _ in range(rounds):
        parse.append(_timed(parse_only))
        full.append(_timed(full_scan))
    p, f = statistics.median(parse), statistics.median(full)
    return {"parse_s": p, "full_s": f, "ratio": f / p if p else float("nan")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", action="append", default=[], metavar="NAME")
    parser.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS))
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    root = Path(args.corpus_dir)
    if not root.is_dir():
        print(f"corpus not found at {root}", file=sys.stderr)
        return 2
    engine = Engine(default_manager())
    targets = [p for p in sorted(root.iterdir()) if p.is_dir() and (not args.corpus or p.name in args.corpus)]
    rows = {t.name: measure(engine, t, args.rounds) for t in targets}
    print("| corpus | parse only s (median) | full scan s (median) | full / parse |")
    print("| --- | --- | --- | --- |")
    for name, r in rows.items():
        print(f"| {name} | {r['parse_s']:.2f} | {r['full_s']:.2f} | {r['ratio']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
