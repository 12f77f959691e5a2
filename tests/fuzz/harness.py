"""The fuzzing invariant, shared by every fuzz test: a scan of any bytes
completes, accounts for every file, reports nothing as an internal error, and
every reporter (and the matrix) renders the result.

A reader or rule that raises is *caught* by the engine and turned into an
``SRM000 ... internal error`` finding (the scan must go on), so an uncaught
exception is not the only way a crash shows: such a finding is a crash too,
and fails the invariant.

Budgets: ``SRMLINT_FUZZ=long`` selects the long run (``SRMLINT_FUZZ_EXAMPLES``
cases per test, random seeds); otherwise each test runs a small, derandomized
set so that the default suite is stable and fast.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings

from srmlint import matrix
from srmlint.cli import main
from srmlint.engine import Engine, ScanResult
from srmlint.plugins import default_manager
from srmlint.reporters import matrix as render_matrix
from srmlint.reporting import ReportContext, Reporter

LONG = os.environ.get("SRMLINT_FUZZ", "").lower() == "long"


def fuzz_settings(bounded: int) -> settings:
    """Settings for one fuzz test: ``bounded`` cases in the default suite.

    No example database (nothing is written into the project), no deadline
    (a 2-core CI machine is slow at times; bounds are checked by resource
    accounting in tests/hostile, not by wall clock), and derandomized in the
    default suite so that CI runs the same cases every time.
    """
    examples = int(os.environ.get("SRMLINT_FUZZ_EXAMPLES", "2500")) if LONG else bounded
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not LONG,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
    )


#: Messages of SRM000 findings that are caught crashes, not verdicts on input.
CRASH_MARKERS = ("internal error", "nesting too deep to analyse")


@cache
def engine() -> Engine:
    return Engine(default_manager())


@cache
def reporters() -> tuple[Reporter, ...]:
    return tuple(r for group in default_manager().hook.srmlint_reporters() for r in group)


def check_scan(files: Mapping[str, bytes], *, cli: bool = False) -> ScanResult:
    """Scan ``files`` (relative path -> bytes) in a fresh folder; assert the invariant."""
    eng = engine()
    with tempfile.TemporaryDirectory(prefix="srmlint-fuzz-") as tmp:
        for name, data in files.items():
            target = Path(tmp, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        result = eng.scan([tmp])
        assert result.files_scanned == len(files), (result.files_scanned, sorted(files))
        assert result.templates + result.not_templates == result.files_scanned
        crashes = [f"{f.file}:{f.line}: {f.message}" for f in result.findings
                   if f.rule_id == "SRM000" and any(m in f.message for m in CRASH_MARKERS)]
        assert not crashes, crashes
        for finding in result.findings:
            assert finding.line >= 1 and finding.message, finding
        metas = eng.rule_metas()
        context = ReportContext(tool_version="fuzz", rules={m.id: m for m in metas})
        for reporter in reporters():
            assert isinstance(reporter.render(result, context), str), reporter.name
        built = matrix.build(result, metas)
        render_matrix.render_json(built, "fuzz")
        render_matrix.render_text(built, True)
        if cli:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--isolated", "--no-cache", "--format", "json", tmp])
            assert code in (0, 1), err.getvalue()
            assert code == (1 if any(f.rule_id == "SRM000" for f in result.findings) else code)
        return result
