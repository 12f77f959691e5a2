"""The pre-commit hooks (``.pre-commit-hooks.yaml``) in a real pre-commit run.

A temporary git repository gets a ``.pre-commit-config.yaml`` with the two
hooks exactly as this checkout defines them (id, ``files``,
``pass_filenames``, ``always_run``, ``require_serial``), as a ``repo: local``
with ``language: system`` running this interpreter's srmlint. That keeps the
test offline and fast and tests the working tree, uncommitted changes
included: ``language: python`` would make pre-commit build a virtualenv and
install srmlint and its dependencies from the package index on every run.
What is not covered here is pre-commit's own install of the package, which is
``pip install .`` (tested in ``test_packaging.py``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

INSECURE = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
FIXED = INSECURE + (
    '\nresource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n'
    "  bucket = aws_s3_bucket.logs.id\n  rule {\n    apply_server_side_encryption_by_default {\n"
    '      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
)


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_hook_definitions() -> None:
    by_id = {h["id"]: h for h in hooks()}
    assert set(by_id) == {"srmlint", "srmlint-all"}
    changed, whole = by_id["srmlint"], by_id["srmlint-all"]
    assert changed["pass_filenames"] is True and whole["pass_filenames"] is False and whole["always_run"] is True
    for hook in by_id.values():
        assert hook["entry"] == "srmlint" and hook["language"] == "python"
    import re

    pattern = re.compile(changed["files"])
    for name in ("main.tf", "x.tf.json", "t.yaml", "t.yml", "t.json", "t.template", "a/b/c.tf"):
        assert pattern.search(name), name
    for name in ("README.md", "main.py", "tf", "x.tfvars.bak"):
        assert not pattern.search(name), name


def _git(repo: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", "-c", "user.name=srmlint test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                   capture_output=True, text=True)


def _pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_pre_commit_fails_on_the_finding_then_passes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        # srmlint must be importable from this checkout even when not installed.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    local_hooks = []
    for hook in hooks():
        local = {k: v for k, v in hook.items() if k not in ("description", "minimum_pre_commit_version")}
        # Only the rule this test is about: rule packs land all the time, and a
        # new low-severity finding on the fixed bucket is not what this tests.
        local.update(language="system", entry=f"{shlex.quote(sys.executable)} -m srmlint",
                     args=["--select", "SRM000,ENC001"])
        local_hooks.append(local)
    config = {"repos": [{"repo": "local", "hooks": local_hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (repo / "infra").mkdir()
    (repo / "infra" / "main.tf").write_text(INSECURE, encoding="utf-8")
    (repo / "package.json").write_text('{"name": "not-a-template"}\n', encoding="utf-8")
    (repo / "README.md").write_text("# demo\n", encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "insecure bucket", env=env)

    failed = _pre_commit(repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "infra/main.tf:1:1: ENC001 [*] [high] S3 bucket 'logs' has no default encryption configured" in output
    assert "srmlint (changed templates)" in output and "srmlint (whole repository)" in output

    (repo / "infra" / "main.tf").write_text(FIXED, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "encrypt the bucket", env=env)
    passed = _pre_commit(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ENC001" not in passed.stdout


def _snapshot(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """This project's working tree (uncommitted changes included) as a git
    repository pre-commit can clone at a revision, as users reference it."""
    snapshot = tmp_path / "srmlint-src"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    _git(snapshot, "init", "-q", env=env)
    _git(snapshot, "add", "-A", env=env)
    _git(snapshot, "commit", "-q", "-m", "snapshot", env=env)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=snapshot, capture_output=True, text=True,
                         check=True).stdout.strip()
    return snapshot, rev


def test_installed_hook_keeps_module_context(tmp_path: Path) -> None:
    """The hook as users install it: `repo:` + `rev:`, so pre-commit builds its
    own virtualenv and installs srmlint with `language: python` (its
    dependencies come from the package index, the only network this needs).
    Only the changed file is passed; its module's other files are context."""
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("PYTHONPATH", None)
    snapshot, rev = _snapshot(tmp_path, env)
    repo = tmp_path / "repo"
    (repo / "infra").mkdir(parents=True)
    config = {"repos": [{"repo": str(snapshot), "rev": rev,
                         "hooks": [{"id": "srmlint", "args": ["--select", "SRM000,ENC001"]}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    encryption = FIXED[len(INSECURE):]
    (repo / "infra" / "main.tf").write_text(INSECURE, encoding="utf-8")
    (repo / "infra" / "encryption.tf").write_text("# encryption comes later\n", encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "insecure bucket", env=env)

    def run_changed(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    failed = run_changed("infra/main.tf")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "infra/main.tf:1:1: ENC001" in failed.stdout

    # The fix lands in another file of the module; pre-commit passes only that
    # file, and main.tf (unchanged, not passed) is read as its context.
    (repo / "infra" / "encryption.tf").write_text(encryption, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "encrypt the bucket", env=env)
    passed = run_changed("infra/encryption.tf")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # And main.tf alone now sees the encryption configuration beside it.
    passed = run_changed("infra/main.tf")
    assert passed.returncode == 0, passed.stdout + passed.stderr
