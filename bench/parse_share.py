"""How much a full scan costs over just reading the same files (issue 12: at most 1.5x).

For each corpus in ``../shared/corpus/real/``, in one process, alternating
round after round: *parse only* (discover and read every template, no cache,
``--jobs 1``) and the *full scan* (the same, then resolve, graph, extract,
classify, rules and suppressions; no report rendering). Medians of the
rounds and their ratio are printed as a table (and JSON with ``--json``).

"The same files" are every file the full scan parses: the scanned templates,
and the module sources a Terraform scan reads from outside the scanned
paths (the registry-module shims shipped with srmlint, a local module
outside the folder). Both parse times are printed, and the ratio over the
scanned templates alone too, so neither figure hides the other.

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

from srmlint.cli import GC_THRESHOLDS
from srmlint.discover import Candidate, discover
from srmlint.engine import Engine, ScanOptions
from srmlint.parsers.terraform import TerraformParser
from srmlint.parsers.tfjson import TerraformJsonParser
from srmlint.plugins import default_manager
from srmlint.reading import read_all
from srmlint.resolve import ResolveOptions, ResolveStats

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


def _timed(work: object) -> float:
    gc.collect()
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def module_sources(engine: Engine, target: Path) -> list[Candidate]:
    """The files a full scan of ``target`` reads from module folders outside it."""
    stats = ResolveStats()
    engine.scan([str(target)], options=ScanOptions(jobs=1, cache_dir=None, resolve=ResolveOptions(stats=stats)))
    hcl, json_ = TerraformParser(), TerraformJsonParser()
    return [Candidate(path, hcl if path.endswith(".tf") else json_) for path in stats.module_files]


def measure(engine: Engine, target: Path, rounds: int) -> dict[str, float]:
    options = ScanOptions(jobs=1, cache_dir=None)
    elsewhere = module_sources(engine, target)

    def parse_scanned() -> None:
        read_all(list(discover([str(target)], engine.parsers, options.exclude)), jobs=1, cache_dir=None)

    def parse_all() -> None:
        parse_scanned()
        read_all(elsewhere, jobs=1, cache_dir=None)

    def full_scan() -> None:
        engine.scan([str(target)], options=options)

    scanned, parsed, full = [], [], []
    for _ in range(rounds):
        scanned.append(_timed(parse_scanned))
        parsed.append(_timed(parse_all))
        full.append(_timed(full_scan))
    s, p, f = statistics.median(scanned), statistics.median(parsed), statistics.median(full)
    return {"parse_scanned_s": s, "module_files": len(elsewhere), "parse_s": p, "full_s": f,
            "ratio": f / p if p else float("nan"), "ratio_scanned": f / s if s else float("nan")}


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
    gc.set_threshold(*GC_THRESHOLDS)  # as `srmlint check` runs
    engine = Engine(default_manager())
    targets = [p for p in sorted(root.iterdir()) if p.is_dir() and (not args.corpus or p.name in args.corpus)]
    rows = {t.name: measure(engine, t, args.rounds) for t in targets}
    print("| corpus | parse scanned s | module sources | parse all s | full scan s | full / parse all "
          "| full / parse scanned |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, r in rows.items():
        print(f"| {name} | {r['parse_scanned_s']:.3f} | {r['module_files']} | {r['parse_s']:.3f} "
              f"| {r['full_s']:.3f} | **{r['ratio']:.2f}** | {r['ratio_scanned']:.2f} |")
    print(f"\nmedians of {args.rounds} rounds, alternating, one process, no cache, --jobs 1, "
          f"the CLI's GC thresholds {GC_THRESHOLDS}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
