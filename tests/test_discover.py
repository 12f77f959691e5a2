"""Discovery: which files are read, which folders are skipped, no hangs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from srmlint.discover import discover
from srmlint.engine import Engine


def paths(engine: Engine, roots: list[str]) -> list[str]:
    return [c.path for c in discover(roots, engine.parsers)]


def test_formats_and_skipped_folders(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["main.tf", "x.tf.json", "t.yaml", "t.yml", "t.json", "t.template", "README.md", "a.py",
                 ".terraform/modules/m/main.tf", ".git/x.tf", "node_modules/p/t.yaml", "venv/main.tf",
                 "env/pyvenv.cfg", "env/main.tf", "sub/deeper/main.tf"]:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("")
    monkeypatch.chdir(tmp_path)
    found = paths(engine, ["."])
    assert sorted(found) == sorted(["main.tf", "x.tf.json", "t.yaml", "t.yml", "t.json", "t.template",
                                    os.path.join("sub", "deeper", "main.tf")])
    names = {c.path: c.parser.name for c in discover(["."], engine.parsers)}
    assert names["x.tf.json"] != names["t.json"]
    # A file named explicitly is read even inside a skipped folder.
    assert paths(engine, [".terraform/modules/m/main.tf"]) == [".terraform/modules/m/main.tf"]


def test_symlink_loop_terminates(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.tf").write_text("")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a", tmp_path / "a" / "self")
    monkeypatch.chdir(tmp_path)
    assert paths(engine, ["."]) == [os.path.join("a", "main.tf")]


def test_missing_path_is_an_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        paths(engine, [str(tmp_path / "nope")])


def test_not_templates_are_counted_not_reported(scan_files) -> None:
    result = scan_files({
        "package.json": '{"name": "x", "version": "1.0.0"}',
        "events/event.json": '{"Records": [{"eventSource": "aws:s3"}]}',
        "config.yaml": "Resources:\n  - just a list\nType: x\n",
        "t.yaml": "Resources:\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      KmsMasterKeyId: alias/topics\n",
    })
    assert result.not_templates == 3
    assert result.templates == 1
    assert {f.file for f in result.findings} <= {"t.yaml"}
