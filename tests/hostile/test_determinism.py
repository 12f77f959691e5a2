"""Same input, same bytes: across runs, hash seeds (``PYTHONHASHSEED``),
``--jobs 1`` and ``--jobs N``, and a cold or warm parse cache.

Over the examples and corpus folders of both formats, with more than
:data:`srmlint.reading.PARALLEL_MIN_FILES` files so that ``--jobs 2`` really
reads in worker processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

FOLDERS = [CORPUS / "real" / name for name in ("aws-cfn-templates", "tf-aws-vpc", "tf-aws-s3-bucket")]


def _command(*extra: str) -> list[str]:
    paths = [str(ROOT / "examples"), *(str(p) for p in FOLDERS)]
    return [sys.executable, "-m", "srmlint", "--isolated", "--format", "json", *extra, *paths]


def _env(tmp_path: Path, seed: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    return env


@pytest.mark.skipif(not all(p.is_dir() for p in FOLDERS), reason="third-party corpus absent")
def test_output_is_byte_identical_across_seeds_jobs_and_cache(tmp_path: Path) -> None:
    runs = {
        "seed 0, --jobs 1": (_command("--no-cache", "--jobs", "1"), "0"),
        "seed 1, --jobs 2": (_command("--no-cache", "--jobs", "2"), "1"),
        "seed 4242, --jobs 2": (_command("--no-cache", "--jobs", "2"), "4242"),
    }
    procs = {name: subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                                    env=_env(tmp_path, seed))
             for name, (cmd, seed) in runs.items()}
    outputs: dict[str, bytes] = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, (name, err[-2000:])
        outputs[name] = out
    cache = str(tmp_path / "cache")
    for name, seed in (("cold cache, seed 7", "7"), ("warm cache, seed 8", "8")):
        proc = subprocess.run(_command("--cache-dir", cache, "--jobs", "2"), capture_output=True, cwd=tmp_path,
                              env=_env(tmp_path, seed), timeout=300)
        assert proc.returncode == 1, (name, proc.stderr[-2000:])
        outputs[name] = proc.stdout
    reference = outputs["seed 0, --jobs 1"]
    assert (b'"rule_id": "SRM000"' in reference or b'"rule_id":"SRM000"' in reference
            or reference.count(b"rule_id") > 100)
    different = [name for name, out in outputs.items() if out != reference]
    assert not different, different
