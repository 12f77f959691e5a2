"""Run srmlint in a child process and account for what it cost.

Bounds on hostile input are asserted on the child's own resource usage
(``getrusage(RUSAGE_SELF)``: CPU seconds and peak RSS), not on wall-clock
time, so a busy CI machine does not make the tests flaky; the wall-clock
``timeout`` only stops a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

_DRIVER = """
import contextlib, io, json, resource, sys
from srmlint.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write("\\nUSAGE " + json.dumps({"code": code, "cpu": usage.ru_utime + usage.ru_stime,
                                           "rss_mib": usage.ru_maxrss / 1024}) + "\\n")
sys.stdout.write(out.getvalue())
"""

#: Generous ceilings for one hostile file (a plain run costs ~0.6 s and ~90 MiB).
MAX_CPU_SECONDS = 20.0
MAX_RSS_MIB = 400.0


@dataclass(frozen=True)
class Run:
    code: int
    cpu: float
    rss_mib: float
    report: dict[str, object]
    stderr: str

    def findings(self, rule_id: str | None = None) -> list[dict[str, object]]:
        found = self.report["findings"]
        assert isinstance(found, list)
        return [f for f in found if rule_id is None or f["rule_id"] == rule_id]


def run_srmlint(*paths: str | Path, cwd: Path, timeout: float = 120, extra: tuple[str, ...] = ()) -> Run:
    """``srmlint --format json PATH...`` in a child; its exit code, CPU, peak RSS and report."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(cwd), "XDG_CACHE_HOME": str(cwd / ".cache")}
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, "--isolated", "--no-cache", "--format", "json", *extra, *map(str, paths)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout, env=env,
    )
    head, _, usage = proc.stderr.rpartition("\nUSAGE ")
    assert usage, proc.stderr
    data = json.loads(usage)
    assert data["code"] in (0, 1), head[-3000:]  # 2: a usage or internal error, shown
    return Run(data["code"], data["cpu"], data["rss_mib"], json.loads(proc.stdout), head)
