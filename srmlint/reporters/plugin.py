"""Registers the built-in reporters: the CLI's ``--format NAME`` choices are
exactly the names registered here (and by plugins)."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.reporting import Reporter


@hookimpl
def srmlint_reporters() -> list[Reporter]:
    # Imported inside the hook (called once per run), as the rule packs do;
    # none of these modules imports anything heavy.
    from srmlint.reporters.github import GithubReporter
    from srmlint.reporters.gitlab import GitlabReporter
    from srmlint.reporters.html import HtmlReporter
    from srmlint.reporters.json import JsonReporter
    from srmlint.reporters.junit import JunitReporter
    from srmlint.reporters.markdown import MarkdownReporter
    from srmlint.reporters.sarif import SarifReporter
    from srmlint.reporters.text import TextReporter

    return [TextReporter(), JsonReporter(), SarifReporter(), JunitReporter(), GithubReporter(), GitlabReporter(),
            MarkdownReporter(), HtmlReporter()]
