"""Walk the paths a user gave and pick a reader for each file.

Directories are walked in sorted order (deterministic output); directories
that hold no templates of the user's (VCS metadata, Terraform's provider
cache, dependencies, virtualenvs) are skipped; a directory reached twice
(symlink loops, bind mounts) is read once. A file the user names explicitly is
always read, whatever its folder. Symlinks found while walking are followed
only while they stay inside the folder being walked (see :func:`_inside`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from srmlint.parsers import Parser

SKIP_DIRS: frozenset[str] = frozenset(
    {".git", ".hg", ".svn", ".terraform", "node_modules", ".venv", "venv", "__pycache__",
     ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".aws-sam", "cdk.out",
     ".serverless", ".terragrunt-cache"}
)


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str
    parser: Parser
    #: Read only as context for a named file of the same module: its
    #: resources join the graph, but nothing is reported about it.
    context: bool = False


def _claim(path: str, parsers: Sequence[Parser]) -> Parser | None:
    for parser in parsers:
        if parser.claims(path):
            return parser
    return None


def _inside(link: str, root_real: str) -> bool:
    """Whether the symlink ``link`` leads to ``root_real`` or below it.

    srmlint runs on untrusted pull requests: a link committed as ``x.tf ->
    /home/runner/.aws/credentials`` (or to ``/dev/zero``, or to a huge file)
    must not make the scan read, and echo in its messages, what lies outside
    the folder the user asked for. Links inside it are followed (each folder
    is still read once); a path the user names is always read.
    """
    real = os.path.realpath(link)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def discover(
    paths: Sequence[str], parsers: Sequence[Parser], exclude: Callable[[str], bool] = lambda path: False
) -> Iterator[Candidate]:
    """Yield each readable template candidate once, in a stable order.

    ``exclude`` (the configuration's globs) applies to named files too, so a
    pre-commit run that names changed files honours it. Raises
    FileNotFoundError for a path that does not exist: a usage error.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    module_dirs: list[str] = []
    for root in paths:
        if not os.path.exists(root):
            raise FileNotFoundError(root)
        if exclude(root):
            continue
        if not os.path.isdir(root):
            parser = _claim(root, parsers)
            if parser is not None and root not in seen_files:
                seen_files.add(root)
                yield Candidate(root, parser)
                if getattr(parser, "module_context", False):
                    module_dirs.append(os.path.dirname(root))
            continue
        yield from _walk(root, parsers, seen_dirs, seen_files, exclude)
    yield from _siblings(module_dirs, parsers, seen_files, exclude)


def _siblings(
    directories: Sequence[str], parsers: Sequence[Parser], seen_files: set[str], exclude: Callable[[str], bool]
) -> Iterator[Candidate]:
    """The other files of each named file's module, as context candidates."""
    done: set[str] = set()
    for directory in directories:
        real = os.path.realpath(directory or ".")
        if real in done:
            continue
        done.add(real)
        try:
            with os.scandir(directory or ".") as it:
                names = sorted(e.name for e in it if e.is_file())
        except OSError:
            continue
        for name in names:
            path = os.path.join(directory, name) if directory else name
            if os.path.islink(path) and not _inside(path, real):
                continue
            parser = _claim(path, parsers)
            if (parser is None or not getattr(parser, "module_context", False) or path in seen_files
                    or exclude(path)):
                continue
            seen_files.add(path)
            yield Candidate(path, parser, context=True)


def _walk(
    top: str, parsers: Sequence[Parser], seen_dirs: set[tuple[int, int]], seen_files: set[str],
    exclude: Callable[[str], bool],
) -> Iterator[Candidate]:
    stack = [top]
    top_real = os.path.realpath(top)
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            continue
        seen_dirs.add(key)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs: list[str] = []
        for entry in entries:
            path = entry.path if directory != "." else entry.name
            if exclude(path):
                continue
            try:
                if entry.is_symlink() and not _inside(entry.path, top_real):
                    continue  # leads out of the folder being scanned: see _inside
                if entry.is_dir():
                    if entry.name not in SKIP_DIRS and not _is_virtualenv(path):
                        subdirs.append(path)
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            parser = _claim(path, parsers)
            if parser is not None and path not in seen_files:
                seen_files.add(path)
                yield Candidate(path, parser)
        # Depth-first in name order: pop from the end, so push reversed.
        stack.extend(reversed(subdirs))
