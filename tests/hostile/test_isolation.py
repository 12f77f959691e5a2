"""A scan never touches the network and writes nothing but its report and its
parse cache: checked on a full CLI run over the examples and corpus samples,
in a child process watched by an audit hook (every socket created, connected
or resolved, every file opened for writing, in the workers too: they are
forked with the hook) and by comparing its working folder and HOME before
and after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, ROOT

_DRIVER = r"""
import os, socket, sys

def report(kind, detail):
    os.write(2, f"VIOLATION {kind} {detail!r}\n".encode())

_WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

def hook(event, args):
    if event.startswith("socket."):
        report("network", (event, args[:2]))
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags or 0) & _WRITE
        if writing and not isinstance(path, int):  # an fd was audited when it was opened by path
            os.write(2, f"WRITE {os.path.abspath(os.fsdecode(path))}\n".encode())

sys.addaudithook(hook)

def refuse(*args, **kwargs):
    report("network", ("create_connection", args[:1]))
    raise OSError("network access refused by the isolation test")

socket.create_connection = refuse

from srmlint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if not p.is_symlink()}


def _targets() -> list[str]:
    paths = [str(ROOT / "examples")]
    for name in ("tf-aws-s3-bucket", "tf-aws-lambda", "aws-cfn-templates"):
        if (CORPUS / "real" / name).is_dir():
            paths.append(str(CORPUS / "real" / name))
    return paths


def test_full_scan_opens_no_socket_and_writes_only_report_and_cache(tmp_path: Path) -> None:
    """With ``--jobs 2`` over more than 200 files, so that worker processes read too."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    output = work / "report.sarif"
    scanned = _targets()
    before = {p: _tree(Path(p)) for p in scanned}
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1",
               # Anything that would reach out (a proxy lookup, a plugin phoning home) has nowhere to go.
               http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, "--format", "sarif", "-o", str(output), "--jobs", "2", *scanned],
        capture_output=True, text=True, cwd=work, env=env, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "VIOLATION" not in proc.stderr, [line for line in proc.stderr.splitlines() if "VIOLATION" in line]
    cache = home / ".cache" / "srmlint"
    writes = {line[6:] for line in proc.stderr.splitlines() if line.startswith("WRITE ")}
    outside = {w for w in writes if w != str(output) and not w.startswith(str(cache) + os.sep)}
    assert not outside, sorted(outside)[:10]
    assert output.stat().st_size > 0
    # Only the report in the working folder, only the cache in HOME; the scanned trees unchanged.
    assert set(_tree(work)) == {"report.sarif"}
    assert all(name == ".cache" or name.startswith(os.path.join(".cache", "srmlint")) for name in _tree(home))
    assert {p: _tree(Path(p)) for p in scanned} == before
