"""Read a path as it is in a git revision, for ``srmlint matrix --base REF``.

The files come from git's object database only (``git ls-tree`` and ``git
cat-file --batch``) into a temporary folder that is always removed: never a
checkout, stash, worktree or anything else that writes the working tree, the
index or the refs, because a developer runs this in the middle of their own
uncommitted work. ``git archive`` would do as well but applies the tree's
``export-ignore``/``export-subst`` attributes, which would make the old side
differ from what was committed.

No network: every git call runs with ``protocol.allow=never``, so a partial
clone missing a blob fails (a usage error) instead of fetching it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


class GitError(Exception):
    """A ``--base`` that cannot be honoured: not a git work tree, no such
    revision, git missing; the message is one line for the user."""


#: Tree entry modes git uses; submodules (160000) have no blob to read.
_BLOB_MODES = {"100644", "100755"}
_LINK_MODE = "120000"


def _git(cwd: str, args: Sequence[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", "-c", "protocol.allow=never", *args], cwd=cwd, input=data,
                              capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("--base needs git, and no `git` command was found") from None


def _first_line(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else f"git exited with {proc.returncode}"


@dataclass(frozen=True)
class Located:
    """Where PATH lives in its repository."""

    #: The repository's top-level folder.
    top: str
    #: PATH relative to ``top``, with ``/`` separators; ``""`` for the top itself.
    relative: str
    #: The full commit id REF names.
    commit: str


def locate(ref: str, path: str) -> Located:
    """Check that ``path`` is in a git work tree and ``ref`` names a commit."""
    folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
    proc = _git(folder, ["rev-parse", "--show-toplevel"])
    if proc.returncode != 0:
        raise GitError(f"--base: {path} is not inside a git work tree")
    top = proc.stdout.decode("utf-8", "surrogateescape").strip()
    if ref.startswith("-"):
        raise GitError(f"--base: unknown revision {ref!r}")
    proc = _git(folder, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"])
    if proc.returncode != 0:
        raise GitError(f"--base: unknown revision {ref!r} (not a commit in this repository)")
    commit = proc.stdout.decode("ascii").strip()
    relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    if relative == ".":
        relative = ""
    if relative.startswith(".."):
        raise GitError(f"--base: {path} is outside the repository at {top}")
    return Located(top, relative.replace(os.sep, "/"), commit)


def _entries(loc: Located, recursive: bool, where: str) -> list[tuple[str, str, str]]:
    """(mode, object id, path) of the entries under ``where`` at the commit."""
    args = ["ls-tree", "-z", "--full-tree"]
    if recursive:
        args.append("-r")
    args += [loc.commit, "--"]
    if where:
        args.append(where + ("/" if not recursive else ""))
    proc = _git(loc.top, args)
    if proc.returncode != 0:
        raise GitError(f"--base: cannot list {where or '.'} at {loc.commit[:12]}: {_first_line(proc)}")
    out = []
    for record in proc.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _kind, oid = meta.decode("ascii").split(" ")
        out.append((mode, oid, name.decode("utf-8", "surrogateescape")))
    return out


def _blobs(loc: Located, oids: Sequence[str]) -> Iterator[bytes]:
    """The contents of ``oids`` in order, in one ``git cat-file --batch``."""
    if not oids:
        return
    proc = _git(loc.top, ["cat-file", "--batch"], ("\n".join(oids) + "\n").encode("ascii"))
    if proc.returncode != 0:
        raise GitError(f"--base: cannot read objects at {loc.commit[:12]}: {_first_line(proc)}")
    data, pos = proc.stdout, 0
    for oid in oids:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("ascii").split(" ")
        if len(header) != 3:
            raise GitError(f"--base: object {oid} is missing (a partial clone? srmlint never fetches)")
        size = int(header[2])
        yield data[end + 1:end + 1 + size]
        pos = end + 1 + size + 1


def _inside(root: str, target: str) -> bool:
    root = os.path.realpath(root)
    return os.path.commonpath([root, os.path.realpath(target)]) == root


def materialize(loc: Located, is_file: bool, dest: str) -> str | None:
    """Write PATH as it is at the commit under ``dest`` (with its repository
    layout) and return the path to scan there; ``None`` when PATH does not
    exist at the commit (the old design is then empty).

    A file is written with the other files of its folder, since a Terraform
    file is read with its module's files as context. Symbolic links are
    recreated only when they point inside ``dest``; submodules are skipped.
    """
    rel = loc.relative
    if rel:
        probe = _git(loc.top, ["cat-file", "-e", f"{loc.commit}:{rel}"])
        if probe.returncode != 0:
            return None
    entries = (_entries(loc, False, os.path.dirname(rel).replace(os.sep, "/")) if is_file
               else _entries(loc, True, rel))
    entries = [e for e in entries if e[0] in _BLOB_MODES or e[0] == _LINK_MODE]
    contents = _blobs(loc, [oid for _mode, oid, _name in entries])
    links = []
    for (mode, _oid, name), data in zip(entries, contents, strict=True):
        target = os.path.join(dest, *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mode == _LINK_MODE:
            links.append((target, data.decode("utf-8", "surrogateescape")))
            continue
        with open(target, "wb") as fh:
            fh.write(data)
    for target, pointee in links:
        if _inside(dest, os.path.join(os.path.dirname(target), pointee)):
            os.symlink(pointee, target)
    return os.path.join(dest, *rel.split("/")) if rel else dest


@contextmanager
def revision_copy(ref: str, path: str) -> Iterator[str | None]:
    """PATH as it is at ``ref``, in a temporary folder removed on exit
    whatever happens; yields ``None`` when PATH did not exist at ``ref``."""
    loc = locate(ref, path)
    dest = tempfile.mkdtemp(prefix="srmlint-base-")
    try:
        yield materialize(loc, os.path.isfile(path), dest)
    finally:
        shutil.rmtree(dest, ignore_errors=True)
