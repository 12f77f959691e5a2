"""``srmlint matrix --base REF [PATH]``: REF's side is read from git's objects
into a temporary folder; the working tree, the index and the refs are never
touched, and the temporary folder is always removed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from srmlint import gitrev
from srmlint.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")

EXAMPLES = ROOT / "examples" / "terraform" / "insecure"


def git(repo: Path, *args: str) -> str:
    # --no-optional-locks: `git status` must not refresh (rewrite) the index itself.
    return subprocess.run(["git", "--no-optional-locks", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def state(repo: Path) -> tuple[str, str, str, str]:
    """Everything --base must leave as it was: status, index bytes, refs, HEAD."""
    index = hashlib.sha256((repo / ".git" / "index").read_bytes()).hexdigest()
    return (git(repo, "status", "--porcelain", "--untracked-files=all"), index,
            git(repo, "for-each-ref"), git(repo, "rev-parse", "HEAD"))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose last commit has the Lambda design in infra/, with
    uncommitted work on top: infra/main.tf replaced by the EC2 design (staged),
    an unstaged edit, and an untracked file."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "dev")
    (root / "infra").mkdir()
    (root / "infra" / "main.tf").write_bytes((EXAMPLES / "api-lambda" / "main.tf").read_bytes())
    (root / "README.md").write_text("demo\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "lambda")
    (root / "infra" / "main.tf").write_bytes((EXAMPLES / "api-ec2" / "main.tf").read_bytes())
    git(root, "add", "infra/main.tf")
    (root / "README.md").write_text("demo, edited\n", encoding="utf-8")
    (root / "infra" / "notes.txt").write_text("untracked\n", encoding="utf-8")
    # Temporary folders go where the test can see that they are removed.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["matrix", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_base_compares_the_commit_with_the_working_tree_and_touches_nothing(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = state(repo)
    assert before[0]  # there is uncommitted work to protect
    code, out, err = run(capsys, "--base", "HEAD", "infra", "--format", "json")
    assert code == 0 and err == ""
    assert state(repo) == before
    assert list(Path(tempfile.gettempdir()).iterdir()) == []  # the temporary copy is gone
    data = json.loads(out)
    assert data["before"]["path"] == "HEAD:infra" and data["after"]["path"] == "infra"
    assert data["before"]["service_models"]["function"] == 1
    assert data["after"]["service_models"]["infrastructure"] >= 1
    assert {(s["layer"], s["before"], s["after"]) for s in data["shifts"]} == {
        (layer, "aws", "customer") for layer in ("runtime", "middleware", "operating_system")}
    assert "srmlint-base" not in out and str(repo) not in out


def test_base_gate_and_every_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = state(repo)
    assert run(capsys, "--base", "main", "infra", "--fail-on-shift-to-customer")[0] == 1
    for fmt in ("text", "markdown", "json", "html"):
        first = run(capsys, "--base", "HEAD", "infra", "--format", fmt)
        assert first == run(capsys, "--base", "HEAD", "infra", "--format", fmt)
        assert first[0] == 0 and "srmlint-base" not in first[1]
    assert state(repo) == before
    assert list(Path(tempfile.gettempdir()).iterdir()) == []


def test_base_defaults_to_the_current_folder_and_reads_a_single_file(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "--base", "HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["before"]["path"] == "HEAD:."
    monkeypatch.chdir(repo / "infra")
    code, out, _ = run(capsys, "--base", "HEAD", "main.tf", "--format", "json")
    data = json.loads(out)
    assert code == 0 and {s["layer"] for s in data["shifts"]} == {"runtime", "middleware", "operating_system"}


def test_a_path_new_since_the_base_is_compared_with_an_empty_design(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "new").mkdir()
    (repo / "new" / "main.tf").write_bytes((EXAMPLES / "api-lambda" / "main.tf").read_bytes())
    code, out, _ = run(capsys, "--base", "HEAD", "new")
    assert code == 0
    assert any(line.startswith("BEFORE is empty (no templates). AFTER moves") for line in out.splitlines())


def test_base_usage_errors(repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    cases = [
        (["--base", "no-such-branch", "infra"], "--base: unknown revision 'no-such-branch'"),
        (["--base", "HEAD", str(outside)], "is not inside a git work tree"),
        (["--base", "HEAD", "missing"], "no such file or directory: missing"),
        (["--base", "HEAD", "infra", "README.md"], "--base compares one PATH"),
        (["--base=--upload-pack=x", "infra"], "unknown revision"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err.startswith("srmlint: error: ") and err.count("\n") == 1 and message in err, (argv, err)
    assert list(Path(tempfile.gettempdir()).iterdir()) == []


def test_the_temporary_copy_is_removed_when_the_scan_fails(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    class Boom(Exception):
        pass

    with pytest.raises(Boom), gitrev.revision_copy("HEAD", "infra") as copy:
        assert copy is not None and Path(copy, "main.tf").is_file()
        seen.append(copy)
        raise Boom
    assert seen and not Path(seen[0]).exists()
    assert list(Path(tempfile.gettempdir()).iterdir()) == []


def test_symlinks_out_of_the_copy_are_not_recreated(repo: Path) -> None:
    (repo / "infra" / "inside.tf").symlink_to("main.tf")
    (repo / "infra" / "outside.tf").symlink_to("../../../../etc/hostname")
    git(repo, "add", "infra")
    git(repo, "commit", "-q", "-m", "links")
    with gitrev.revision_copy("HEAD", "infra") as copy:
        assert copy is not None
        assert Path(copy, "inside.tf").is_symlink()
        assert not Path(copy, "outside.tf").exists()
