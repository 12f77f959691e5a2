"""The hooks through which everything in srmlint is registered.

Built-in parsers, extractors, rules, catalog data and reporters use exactly
these hooks, as third-party plugins do: a plugin is a module (or object) with
``@hookimpl`` functions, announced in the ``srmlint`` entry-point group::

    [project.entry-points.srmlint]
    mycompany = "mycompany_srmlint.plugin"

Each hook returns a list; srmlint gathers the lists of every plugin. Hooks are
called once per run, so a plugin can import its heavy parts lazily inside the
hook (sqlfluff's ``get_rules`` pattern): start-up time stays low.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from srmlint.extract import Extractor
    from srmlint.fixes import Fix
    from srmlint.parsers import Parser
    from srmlint.reporting import Reporter
    from srmlint.rule import Rule

PROJECT = "srmlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def srmlint_parsers() -> Sequence[Parser]:
    """Readers for template files.

    A reader claims paths (by name) and turns bytes into a
    :class:`srmlint.model.ParsedFile`. The first registered reader that claims
    a path reads it.
    """


@hookspec
def srmlint_extractors() -> Sequence[Extractor]:
    """Extractors that turn a resource's raw attributes into normalized facts.

    An extractor names the resource types it reads per format and the fact
    types it produces; rules are written against facts, so one rule holds for
    every format an extractor covers.
    """


@hookspec
def srmlint_rules() -> Sequence[Rule]:
    """Rules: pure functions of (resource, facts, responsibility, graph) that
    yield findings. Each carries its metadata (id, severity, layer, examples).
    """


@hookspec
def srmlint_catalog_paths() -> Sequence[Path]:
    """YAML files of the responsibility catalog (resource type → service
    model, layer owners, AWS defaults). Later files override earlier entries
    of the same service.
    """


@hookspec
def srmlint_reporters() -> Sequence[Reporter]:
    """Output formats, each a :class:`srmlint.reporting.Reporter` with a ``name``."""


@hookspec
def srmlint_fixes() -> Sequence[Fix]:
    """Autofixes, each a :class:`srmlint.fixes.Fix` naming the rule it answers.

    Kept apart from ``srmlint_rules`` so rules stay pure functions of facts:
    a fix works on a file's text and returns text edits (exact ranges and
    their replacements), plus the attribute paths it sets, from which srmlint
    decides whether the change replaces the live resource. Called only when
    a report or ``--fix``/``--diff`` needs fixes.
    """
