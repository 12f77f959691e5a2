"""Readers that turn template files into the common model (:mod:`srmlint.model`).

Each format has its own module; they are registered through the same
``srmlint_parsers`` hook as third-party readers (see :mod:`srmlint.parsers.plugin`).
"""

from __future__ import annotations

from typing import Protocol

from srmlint.model import ParsedFile


class Parser(Protocol):
    """A reader for one family of files.

    ``claims`` looks at the path only (cheap, for discovery); ``parse`` reads
    the bytes and must never raise on bad input: it returns a ParsedFile with
    ``problems`` instead (or ``format=None`` when the file is not a template).
    """

    name: str

    def claims(self, path: str) -> bool: ...

    def parse(self, path: str, data: bytes) -> ParsedFile: ...
