"""srmlint and Checkov side by side: wall time and peak memory per corpus.

Issue 12 promises that srmlint is many times faster than Checkov, the peer
users compare it with, and instant in pre-commit. This harness is where that
promise is measured (unit tests hold no timings):

- Checkov (PyPI ``checkov``) is installed into its own virtual environment
  under ``.bench/checkov-venv`` the first time (git-ignored), so its many
  pinned dependencies never touch srmlint's environment.
- Every case runs srmlint and Checkov *alternately*, round after round, so a
  slow spell of the machine hits both tools alike rather than one of them.
- Each run is one whole process, measured from outside: wall time with a
  monotonic clock around spawn-to-reap, peak RSS from ``os.wait4``'s rusage
  (the kernel reports the largest resident set of the process and of its
  waited-for children, so worker processes are covered too).
- Cases: every corpus in ``../shared/corpus/real/`` (Terraform folders with
  ``--framework terraform``, CloudFormation folders with ``--framework
  cloudformation``, serverless-patterns once for each), a pre-commit-style
  run over one small ``.tf`` and one small ``.yaml``, and ``--version``.
  srmlint gets the same ``--framework`` as Checkov, so on serverless-patterns
  each row times the same files for both tools.
- A Checkov run that exits with anything but 0/1, or whose stdout is not its
  JSON report, is reported as crashed with the tail of its error output; its
  timing is still shown, because that is what the user waited for.

    python bench/compare.py [--rounds N] [--corpus NAME ...] [--json FILE]

srmlint runs cold by default (``--no-cache``): Checkov keeps no parse cache
across runs, and a warm cache would measure a different thing
(``--srmlint-args`` changes that).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpus" / "real"
DEFAULT_CACHE = PROJECT / ".bench"
PRECOMMIT = Path(__file__).resolve().parent / "precommit"
#: A run longer than this is killed and reported: Checkov's worst corpus
#: takes about a minute, so ten is a hang, not a slow run.
RUN_TIMEOUT = 600.0
#: GNU time, for the peak RSS of exactly the measured process tree (see measure).
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
#: Which corpora are which framework; serverless-patterns holds both.
FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "aws-cfn-templates": ("cloudformation",),
    "serverless-patterns": ("terraform", "cloudformation"),
}


@dataclass(frozen=True)
class Case:
    """One thing both tools are asked to do."""

    name: str
    framework: str
    #: "dir", "file" or "version": how the target is passed to each tool.
    kind: str
    target: str


@dataclass
class Run:
    wall: float
    rss_kib: int
    returncode: int


@dataclass
class ToolResult:
    runs: list[Run] = field(default_factory=list)
    #: Set when the tool failed on the case (crash, timeout, unreadable report).
    error: str | None = None

    @property
    def walls(self) -> list[float]:
        return [r.wall for r in self.runs]

    def median_wall(self) -> float | None:
        return statistics.median(self.walls) if self.runs else None

    def median_rss_mib(self) -> float | None:
        return statistics.median(r.rss_kib for r in self.runs) / 1024 if self.runs else None


@dataclass
class CaseResult:
    case: Case
    srmlint: ToolResult = field(default_factory=ToolResult)
    checkov: ToolResult = field(default_factory=ToolResult)

    def time_ratio(self) -> float | None:
        return _ratio(self.checkov.median_wall(), self.srmlint.median_wall())

    def rss_ratio(self) -> float | None:
        return _ratio(self.checkov.median_rss_mib(), self.srmlint.median_rss_mib())


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# --- cases ------------------------------------------------------------------


def corpus_cases(corpus: Path) -> list[Case]:
    """Every corpus folder as one case per framework it holds, in name order."""
    cases: list[Case] = []
    if not corpus.is_dir():
        return cases
    for entry in sorted(corpus.iterdir()):
        if not entry.is_dir():
            continue
        frameworks = FRAMEWORKS.get(entry.name, ("terraform",) if entry.name.startswith("tf-") else ())
        for fw in frameworks:
            name = entry.name if len(frameworks) == 1 else f"{entry.name} ({fw})"
            cases.append(Case(name, fw, "dir", str(entry)))
    return cases


def precommit_cases() -> list[Case]:
    """What a pre-commit hook does on a typical commit: one small file."""
    return [
        Case("one file .tf", "terraform", "file", str(PRECOMMIT / "main.tf")),
        Case("one file .yaml", "cloudformation", "file", str(PRECOMMIT / "template.yaml")),
        Case("--version", "", "version", ""),
    ]


def select_cases(cases: Sequence[Case], names: Sequence[str]) -> list[Case]:
    """The cases whose name contains any of ``names`` (all when none given)."""
    if not names:
        return list(cases)
    return [c for c in cases if any(n in c.name for n in names)]


def srmlint_command(case: Case, base: Sequence[str], extra: Sequence[str]) -> list[str]:
    if case.kind == "version":
        return [*base, "--version"]
    framework = ["--framework", case.framework] if case.framework in ("terraform", "cloudformation") else []
    return [*base, "check", case.target, "--format", "json", *framework, *extra]


def checkov_command(case: Case, checkov: str) -> list[str]:
    if case.kind == "version":
        return [checkov, "--version"]
    flag = "-d" if case.kind == "dir" else "-f"
    return [checkov, flag, case.target, "--framework", case.framework, "--skip-download", "--quiet",
            "-o", "json"]


# --- measuring --------------------------------------------------------------


def measure(argv: Sequence[str], timeout: float = RUN_TIMEOUT) -> tuple[Run, bytes, bytes]:
    """Run one process to completion: wall time, peak RSS (KiB), its output.

    Output goes to temporary files, not pipes: a pipe that fills up would
    stall the process and be counted as its time.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        # A child forked from this (large) Python process counts this
        # process's pages in its ru_maxrss until it execs; GNU time, a tiny
        # process, forks the measured one instead and reports its true peak.
        timed = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if GNU_TIME else list(argv)
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=child_env())
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = int(usage.ru_maxrss)
        if GNU_TIME:
            lines = rss.read().split()
            peak = int(lines[-1]) if lines and lines[-1].isdigit() else peak
        out.seek(0)
        err.seek(0)
        return Run(wall, peak, proc.returncode), out.read(), err.read()


def child_env() -> dict[str, str]:
    """The environment both tools run in: this one, but free to use and write
    bytecode caches, as after a ``pip install`` (which byte-compiles). With
    PYTHONDONTWRITEBYTECODE set, a source checkout recompiles every module on
    every run, doubling srmlint's start-up, while Checkov's venv was compiled
    by pip: not a fair race, and not what users run."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def failure(tool: str, run: Run, stdout: bytes, stderr: bytes) -> str | None:
    """Why a run did not produce a report, or None when it did."""
    if run.returncode < 0:
        return f"killed by signal {-run.returncode}" + (" (timeout)" if run.wall >= RUN_TIMEOUT else "")
    tail = " | ".join(stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
    if run.returncode not in (0, 1):
        return f"exit {run.returncode}: {tail or '(no error output)'}"
    try:
        json.loads(stdout or b"null")
    except ValueError:
        return f"{tool} printed no JSON report: {tail or stdout[:200]!r}"
    return None


def run_cases(cases: Sequence[Case], rounds: int, srmlint: Sequence[str], srmlint_extra: Sequence[str],
              checkov: str | None, log: bool = True) -> list[CaseResult]:
    results = [CaseResult(c) for c in cases]
    for round_no in range(1, rounds + 1):
        for res in results:
            tools: list[tuple[str, ToolResult, list[str]]] = [
                ("srmlint", res.srmlint, srmlint_command(res.case, srmlint, srmlint_extra))]
            if checkov is not None:
                tools.append(("checkov", res.checkov, checkov_command(res.case, checkov)))
            if round_no % 2 == 0:
                tools.reverse()  # alternate who goes first, too
            for tool, target, argv in tools:
                run, out, err = measure(argv)
                target.runs.append(run)
                why = None if res.case.kind == "version" else failure(tool, run, out, err)
                if why is not None and target.error is None:
                    target.error = why
                if log:
                    sys.stderr.write(f"round {round_no}/{rounds} {res.case.name:<40} {tool:<8} "
                                     f"{run.wall:8.2f} s {run.rss_kib / 1024:7.1f} MiB"
                                     f"{'  ' + why if why else ''}\n")
                    sys.stderr.flush()
    return results


# --- Checkov's environment --------------------------------------------------


def ensure_checkov(cache: Path) -> str:
    """The Checkov executable in its own virtualenv, installed on first use."""
    venv = cache / "checkov-venv"
    exe = venv / "bin" / "checkov"
    if exe.exists():
        return str(exe)
    sys.stderr.write(f"installing checkov into {venv} (once)...\n")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "checkov"], check=True)
    return str(exe)


def checkov_version(exe: str) -> str:
    try:
        return subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=120).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


# --- reporting --------------------------------------------------------------


def _span(res: ToolResult) -> str:
    if not res.runs:
        return "-"
    walls = res.walls
    return f"{statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})"


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def format_table(results: Sequence[CaseResult]) -> str:
    """A Markdown table: readable in a terminal, pasteable into a note."""
    header = ("case", "srmlint s median (min-max)", "srmlint MiB", "checkov s median (min-max)",
              "checkov MiB", "time x", "memory x", "notes")
    rows = [header]
    for res in results:
        notes = []
        if res.checkov.error:
            notes.append(f"checkov CRASHED: {res.checkov.error}")
        if res.srmlint.error:
            notes.append(f"srmlint failed: {res.srmlint.error}")
        rows.append((
            res.case.name, _span(res.srmlint), _num(res.srmlint.median_rss_mib(), ".1f"),
            _span(res.checkov), _num(res.checkov.median_rss_mib(), ".1f"),
            _num(res.time_ratio(), ".1f"), _num(res.rss_ratio(), ".1f"), "; ".join(notes)[:300],
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines) + "\n"


def to_json(results: Sequence[CaseResult], meta: dict[str, object]) -> dict[str, object]:
    return {
        "meta": meta,
        "cases": [
            {
                **asdict(res.case),
                "srmlint": {**asdict(res.srmlint), "median_wall": res.srmlint.median_wall(),
                            "median_rss_mib": res.srmlint.median_rss_mib()},
                "checkov": {**asdict(res.checkov), "median_wall": res.checkov.median_wall(),
                            "median_rss_mib": res.checkov.median_rss_mib()},
                "time_ratio": res.time_ratio(),
                "rss_ratio": res.rss_ratio(),
            }
            for res in results
        ],
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/compare.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternated runs per tool and case (default 3)")
    parser.add_argument("--corpus", action="append", default=[], metavar="NAME",
                        help="only cases whose name contains NAME (repeatable; e.g. tf-aws-vpc, 'one file')")
    parser.add_argument("--json", metavar="FILE", help="also write every run's numbers to FILE")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS, help="the real/ corpus folder")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where Checkov's virtualenv lives (default .bench/)")
    parser.add_argument("--checkov", metavar="EXE", help="use this checkov executable instead of the cached one")
    parser.add_argument("--no-checkov", action="store_true", help="time srmlint alone")
    parser.add_argument("--srmlint", default=f"{shlex.quote(sys.executable)} -m srmlint", metavar="CMD",
                        help="how to start srmlint (default: this Python's -m srmlint)")
    parser.add_argument("--srmlint-args", default="--no-cache", metavar="ARGS",
                        help="extra arguments for srmlint check (default --no-cache: a cold run)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.rounds < 1:
        raise SystemExit("--rounds must be at least 1")
    cases = select_cases([*corpus_cases(args.corpus_dir), *precommit_cases()], args.corpus)
    if not cases:
        raise SystemExit(f"no case matches {args.corpus} (corpus folder: {args.corpus_dir})")
    checkov = None if args.no_checkov else (args.checkov or ensure_checkov(args.cache))
    meta: dict[str, object] = {
        "rounds": args.rounds, "cpus": os.cpu_count(), "python": sys.version.split()[0],
        "srmlint": args.srmlint, "srmlint_args": args.srmlint_args,
        "checkov": checkov_version(checkov) if checkov else None,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    results = run_cases(cases, args.rounds, shlex.split(args.srmlint), shlex.split(args.srmlint_args), checkov)
    sys.stdout.write(format_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results, meta), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
