"""Registers the built-in reporters: the CLI's ``--format NAME`` choices are
exactly the names registered here (and by plugins)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from srmlint.hookspecs import hookimpl

if TYPE_CHECKING:
    from srmlint.engine import ScanResult
    from srmlint.reporting import ReportContext, Reporter

#: format name → (module, class). A run renders one format, and importing
#: all eight (html, junit's xml.etree, sarif, ...) cost ~20 ms of a
#: pre-commit run's budget, so each is imported when it first renders.
BUILTIN_REPORTERS: dict[str, tuple[str, str]] = {
    "text": ("srmlint.reporters.text", "TextReporter"),
    "json": ("srmlint.reporters.json", "JsonReporter"),
    "sarif": ("srmlint.reporters.sarif", "SarifReporter"),
    "junit": ("srmlint.reporters.junit", "JunitReporter"),
    "github": ("srmlint.reporters.github", "GithubReporter"),
    "gitlab": ("srmlint.reporters.gitlab", "GitlabReporter"),
    "markdown": ("srmlint.reporters.markdown", "MarkdownReporter"),
    "html": ("srmlint.reporters.html", "HtmlReporter"),
}


class LazyReporter:
    """A built-in reporter known by name, imported on first ``render``."""

    def __init__(self, name: str, module: str, cls: str) -> None:
        self.name = name
        self._where = (module, cls)
        self._reporter: Reporter | None = None

    def load(self) -> Reporter:
        if self._reporter is None:
            module, cls = self._where
            self._reporter = getattr(importlib.import_module(module), cls)()
        return self._reporter

    def render(self, result: ScanResult, context: ReportContext) -> str:
        return self.load().render(result, context)


@hookimpl
def srmlint_reporters() -> list[Reporter]:
    return [LazyReporter(name, module, cls) for name, (module, cls) in BUILTIN_REPORTERS.items()]
