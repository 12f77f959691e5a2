"""Reading the candidate files: in this process or in worker processes, with
an optional parse cache. The result is the same list of ParsedFiles, in the
candidates' order, whichever way it was produced (same bytes out).

Why each piece exists (numbers in README "Benchmarks"):

- **Workers** (``jobs > 1``): parsing is most of a large scan, and one core
  of a CI runner's two is otherwise idle. Below :data:`PARALLEL_MIN_FILES`
  files, starting workers and shipping results back costs more than it saves.
  A worker that dies (a C-level crash in a reader, the OOM killer) costs its
  file an ``SRM000``, never the scan: the files it held are retried, and a
  file that kills a worker when it is read alone is reported.
- **Cache**: a file's ParsedFile, keyed by the SHA-256 of srmlint's version,
  the reader, the path (locations name it) and the bytes. An entry that
  cannot be read back is a miss. Entries are pickles, so loading is
  restricted to the model's own classes (:class:`_ModelUnpickler`): a cache
  folder someone else could write to (a shared CI cache) cannot make
  srmlint run code.
- **Pickling**: the model's frozen slotted dataclasses pickle through a
  Python ``__setstate__`` by default; registering ``cls(*fields)`` reducers
  halves the time to load them and divides the time to write them by three.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from srmlint import __version__, expr, model
from srmlint.model import Location, ParsedFile, ParseProblem

if TYPE_CHECKING:
    from srmlint.discover import Candidate
    from srmlint.parsers import Parser

#: Files larger than this are reported, not read: no real template comes near
#: it, and an attacker-supplied giant must not exhaust memory.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: Fewer files than this are read in this process whatever ``jobs`` says:
#: measured on a 2-core machine, workers only start to pay off around here.
PARALLEL_MIN_FILES = 200

#: Bumped when the cache layout changes, or what a reader produces for the
#: same bytes (v2: CloudFormation ``Globals`` definitions, the plan reader;
#: v3: CloudFormation ``Fn::ForEach`` loops expanded); the version of srmlint
#: is in every key.
CACHE_LAYOUT = "parse-v3"

Progress = Callable[[int, int], None]


def read_file(path: str, parser: Parser) -> ParsedFile:
    """Read and parse one file; never raises (the scan must go on)."""
    data = _read_bytes(path)
    if isinstance(data, ParsedFile):
        return data
    return _parse(path, parser, data)


def read_bytes(name: str, parser: Parser, data: bytes) -> ParsedFile:
    """Parse bytes that come from no file (standard input), with a file's size limit."""
    if len(data) > MAX_FILE_BYTES:
        return unreadable(name, f"input is over the {MAX_FILE_BYTES}-byte limit; not read")
    return _parse(name, parser, data)


def _read_bytes(path: str) -> bytes | ParsedFile:
    """The file's bytes, or an SRM000 ParsedFile saying why they were not read.

    Opened non-blocking and judged by ``fstat`` of the open descriptor, not
    by the path: a FIFO or device named like a template (``srmlint x.tf``
    where ``x.tf`` is a pipe or a link to ``/dev/zero``) must neither block
    the scan nor be read, and a file swapped between a check and the open
    is judged as what was actually opened. Never reads past the size limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return unreadable(path, "not a regular file (a pipe, device or socket); not read")
            if st.st_size > MAX_FILE_BYTES:
                return unreadable(path, f"file is {st.st_size} bytes, over the {MAX_FILE_BYTES}-byte limit; "
                                        "not read")
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # grew after fstat
            return unreadable(path, f"file is over the {MAX_FILE_BYTES}-byte limit; not read")
        return data
    except OSError as exc:
        return unreadable(path, f"cannot read file: {exc.strerror or exc}")


def _parse(path: str, parser: Parser, data: bytes) -> ParsedFile:
    try:
        return parser.parse(path, data)
    except Exception as exc:  # a reader bug on odd input: report it, keep scanning
        return unreadable(path, f"internal error in the {parser.name} reader: {type(exc).__name__}: {exc}")


def unreadable(path: str, message: str) -> ParsedFile:
    return ParsedFile(path=path, format=None, problems=(ParseProblem(message, Location(path, 1, 1)),))


# --- the cache --------------------------------------------------------------


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/srmlint`` (``~/.cache/srmlint``), as other linters do."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "srmlint")


class ParseCache:
    """ParsedFiles by content hash under one folder; never writes elsewhere."""

    def __init__(self, directory: str) -> None:
        self.root = os.path.join(os.path.abspath(directory), CACHE_LAYOUT)

    def key(self, path: str, parser: Parser, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (__version__, type(parser).__module__, type(parser).__qualname__, parser.name, path):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.root, key[:2], key)

    def get(self, key: str, path: str) -> ParsedFile | None:
        """The entry, or None for a miss: absent, truncated, corrupt, foreign."""
        try:
            with open(self._file(key), "rb") as fh:
                value = _ModelUnpickler(fh).load()
        except Exception:
            return None
        return value if isinstance(value, ParsedFile) and value.path == path else None

    def put(self, key: str, value: ParsedFile) -> None:
        """Write atomically (a reader never sees half an entry); a cache that
        cannot be written is only a slower run, so errors are swallowed."""
        target = self._file(key)
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
        except Exception:
            return

    def read(self, path: str, parser: Parser) -> ParsedFile:
        data = _read_bytes(path)
        if isinstance(data, ParsedFile):
            return data
        key = self.key(path, parser, data)
        cached = self.get(key, path)
        if cached is not None:
            return cached
        parsed = _parse(path, parser, data)
        self.put(key, parsed)
        return parsed


#: Builtins a ParsedFile may hold besides the model's classes.
_SAFE_GLOBALS: frozenset[tuple[str, str]] = frozenset({
    ("builtins", "frozenset"), ("builtins", "set"), ("builtins", "complex"), ("builtins", "bytearray"),
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone"),
    ("types", "MappingProxyType"), ("copyreg", "_reconstructor"), ("builtins", "object"),
})


class _ModelUnpickler(pickle.Unpickler):
    """Loads only srmlint's model and expression classes and plain data."""

    def find_class(self, module: str, name: str) -> Any:
        if module in (model.__name__, expr.__name__):
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        elif (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not allowed in a parse cache entry: {module}.{name}")


def _register_reducers() -> None:
    """``cls(*fields)`` reducers for the model's slotted frozen dataclasses
    (those whose every field is an ``__init__`` argument)."""
    for module in (model, expr):
        for value in list(vars(module).values()):
            if not (isinstance(value, type) and dataclasses.is_dataclass(value)
                    and value.__module__ == module.__name__ and "__slots__" in value.__dict__):
                continue
            fields = dataclasses.fields(value)
            if any(not f.init for f in fields) or hasattr(value, "__post_init__"):
                continue
            copyreg.pickle(value, _reducer(tuple(f.name for f in fields)))


def _reducer(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, tuple[Any, ...]]]:
    def reduce(obj: Any) -> tuple[Any, tuple[Any, ...]]:
        return type(obj), tuple(getattr(obj, n) for n in names)

    return reduce


_register_reducers()


# --- reading many files -----------------------------------------------------


def read_all(
    candidates: Sequence[Candidate],
    jobs: int = 1,
    cache_dir: str | None = None,
    progress: Progress | None = None,
) -> list[ParsedFile]:
    """Every candidate read, in order; ``jobs`` worker processes when worth it."""
    cache = ParseCache(cache_dir) if cache_dir else None
    items = [(c.path, c.parser) for c in candidates]
    if jobs > 1 and len(items) >= PARALLEL_MIN_FILES and _picklable([p for _, p in items]):
        return _read_parallel(items, min(jobs, len(items)), cache, progress)
    out: list[ParsedFile] = []
    for done, (path, parser) in enumerate(items, start=1):
        out.append(cache.read(path, parser) if cache else read_file(path, parser))
        if progress is not None:
            progress(done, len(items))
    return out


def _picklable(parsers: Sequence[Parser]) -> bool:
    """A third-party reader that cannot be sent to a worker is read here."""
    try:
        pickle.dumps(list({id(p): p for p in parsers}.values()))
    except Exception:
        return False
    return True


def _read_chunk(items: Sequence[tuple[str, Parser]], cache_dir: str | None) -> list[ParsedFile]:
    """A worker's task: several files at once, so a result carries more than overhead."""
    cache = ParseCache(cache_dir) if cache_dir else None
    return [cache.read(path, parser) if cache else read_file(path, parser) for path, parser in items]


def _context() -> Any:
    import multiprocessing

    # fork: a worker inherits the loaded readers instead of importing them
    # again (~0.1 s each). Elsewhere (macOS, Windows) the safe default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else None)


def _read_parallel(
    items: Sequence[tuple[str, Parser]], jobs: int, cache: ParseCache | None, progress: Progress | None
) -> list[ParsedFile]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    cache_dir = os.path.dirname(cache.root) if cache else None
    results: list[ParsedFile | None] = [None] * len(items)
    done = 0
    todo = list(range(len(items)))
    # Chunks of a few files each: big enough to amortise the round trip,
    # small enough that both workers stay busy to the end.
    size = max(1, min(32, len(todo) // (jobs * 8)))
    for _attempt in range(2):
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(jobs, mp_context=_context()) as pool:
            futures = {pool.submit(_read_chunk, [items[i] for i in chunk], cache_dir): chunk for chunk in chunks}
            for future in as_completed(futures):
                try:
                    parsed = future.result()
                except BrokenProcessPool:
                    continue
                for i, pf in zip(futures[future], parsed, strict=True):
                    results[i] = pf
                done += len(parsed)
                if progress is not None:
                    progress(done, len(items))
        todo = [i for i in todo if results[i] is None]
        if not todo:
            break
        size = 1  # after a crash: one file per task, then each suspect alone
    for i in todo:
        path, parser = items[i]
        results[i] = _read_alone(path, parser, cache_dir)
        done += 1
        if progress is not None:
            progress(done, len(items))
    return [pf if pf is not None else unreadable(path, "not read") for pf, (path, _) in zip(results, items,
                                                                                         strict=True)]


def _read_alone(path: str, parser: Parser, cache_dir: str | None) -> ParsedFile:
    """One file in a worker of its own: the verdict on a file suspected of
    killing its worker."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(1, mp_context=_context()) as pool:
            return pool.submit(_read_chunk, [(path, parser)], cache_dir).result()[0]
    except BrokenProcessPool:
        return unreadable(path, f"the {parser.name} reader crashed on this file (its worker process died)")


def dumps(value: ParsedFile) -> bytes:
    """A ParsedFile as the cache stores it (for tests and tools)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes) -> ParsedFile:
    """The inverse of :func:`dumps`, with the cache's restrictions."""
    value = _ModelUnpickler(io.BytesIO(blob)).load()
    if not isinstance(value, ParsedFile):
        raise pickle.UnpicklingError("not a ParsedFile")
    return value
