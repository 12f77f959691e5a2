"""Registers the built-in reporters."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.reporting import Reporter


@hookimpl
def srmlint_reporters() -> list[Reporter]:
    from srmlint.reporters.json import JsonReporter
    from srmlint.reporters.text import TextReporter

    return [TextReporter(), JsonReporter()]
