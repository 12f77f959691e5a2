"""The wheel carries the rules/ data and works without the source tree."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_installed_wheel_runs_with_packaged_rules(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
         str(ROOT)],
        check=True, timeout=300,
    )
    [wheel] = dist.glob("srmlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "srmlint/_rules/catalog.yaml" in names
    assert not any(n.startswith(("tests/", "examples/", "rules/")) for n in names)

    # srmlint comes from the wheel only; its dependencies from this
    # interpreter's site-packages (a .pth file appends them after the new
    # environment's own, so the wheel's srmlint wins over any other copy).
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Install first: with the .pth in place pip would see another srmlint as
    # already installed and skip the wheel.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300)
    own_site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    Path(own_site, "_srmlint_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    located = subprocess.run(
        [str(python), "-c", "import srmlint.catalog as c; print(c.__file__); print(c.rules_dir())"],
        cwd=workdir, capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()
    assert str(env_dir) in located[0], located
    assert located[1].endswith(os.path.join("srmlint", "_rules")), located

    proc = subprocess.run(
        [str(env_dir / "bin" / "srmlint"), "--format", "json", str(ROOT / "examples")],
        cwd=workdir, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["findings"] > 0
    assert report["summary"]["unclassified_resources"] == 0
    assert all(r["service_model"] for r in report["resources"])
