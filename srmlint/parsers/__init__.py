"""Readers that turn template files into the common model (:mod:`srmlint.model`).

Each format has its own module; they are registered through the same
``srmlint_parsers`` hook as third-party readers (see :mod:`srmlint.parsers.plugin`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol

from srmlint.model import Format, Location, ParsedFile, ParseProblem


class Parser(Protocol):
    """A reader for one family of files.

    ``claims`` looks at the path only (cheap, for discovery); ``parse`` reads
    the bytes and must never raise on bad input: it returns a ParsedFile with
    ``problems`` instead (or ``format=None`` when the file is not a template).
    """

    name: str
    #: Whether the files of one folder form one unit (a Terraform module): a
    #: file named on its own (pre-commit passes changed files) is then read
    #: with its siblings as context, so a setting declared in another file of
    #: the module is seen.
    module_context: bool
    #: The formats its files may turn out to be (``--framework`` skips a reader
    #: none of whose formats is asked for, before reading). A reader without
    #: it is always run, and its files are kept when their format is asked for.
    # formats: frozenset[Format]  (optional attribute)

    def claims(self, path: str) -> bool: ...

    def parse(self, path: str, data: bytes) -> ParsedFile: ...


ParseFn = Callable[[str, bytes], ParsedFile]


def shielded(format_: Format) -> Callable[[ParseFn], ParseFn]:
    """Make a reader keep its promise never to raise.

    Readers turn every known kind of bad input into problems themselves; this
    catches what they did not foresee (nesting deep enough to exhaust the
    stack, a reader bug), so that one file costs one SRM000, never the scan.
    """

    def wrap(parse: ParseFn) -> ParseFn:
        @functools.wraps(parse)
        def guarded(path: str, data: bytes) -> ParsedFile:
            try:
                return parse(path, data)
            except RecursionError:
                message = "nesting too deep to analyse"
            except Exception as exc:
                message = (f"could not analyse file (internal error in the {format_} reader: "
                           f"{type(exc).__name__}: {exc})")
            return ParsedFile(path, format_, problems=(ParseProblem(message, Location(path, 1, 1)),))

        return guarded

    return wrap
