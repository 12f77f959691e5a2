"""Project configuration: ``[tool.srmlint]`` in ``pyproject.toml`` or a
``.srmlint.toml``, found by walking up from the scanned path.

Configuration is checked strictly: an unknown key or a value of the wrong
type is an error naming the key and the file (exit 2), because a misspelt
``ignore`` that is silently dropped is a security setting silently lost.
Command-line flags override the file (``--ignore`` adds to it).
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

CONFIG_FILE = ".srmlint.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration the user must fix: exit 2 with this message."""


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file; ``None`` means "not set there"."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    severity_threshold: str | None = None
    format: str | None = None
    baseline: str | None = None
    inline_suppressions: bool = True
    report_unused_suppressions: bool = False
    #: Terraform variable values for every scanned root module (below --var-file/--var).
    variables: Mapping[str, Any] = field(default_factory=dict)
    #: CloudFormation parameter values (below --parameter).
    parameters: Mapping[str, Any] = field(default_factory=dict)
    #: Rule options by name (``RuleMeta.options``); checked against the rules by the CLI.
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The folder that relative paths in the file are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of rule ids or prefixes, e.g. [\"ENC\", \"IAM001\"]")
    return tuple(v.strip().upper() for v in value)


def _globs(value: Any, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of glob patterns")
    return tuple(value)


def _string(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: `{key}` must be a non-empty string")
    return value


def _bool(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: `{key}` must be true or false")
    return value


def _per_file(value: Any, key: str, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of glob = [rule ids]")
    return {str(glob): _codes(codes, f"{key}.{glob}", where) for glob, codes in value.items()}


def _value_table(value: Any, key: str, where: str) -> dict[str, Any]:
    """A table of name = value: names as Terraform/CloudFormation spell them,
    values any TOML value but a date (templates have no date type)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `{key}` must be a table of name = value")

    def check(item: Any, name: str) -> None:
        if isinstance(item, dict):
            for inner_key, inner in item.items():
                check(inner, f"{name}.{inner_key}")
        elif isinstance(item, list):
            for inner in item:
                check(inner, name)
        elif not isinstance(item, str | int | float | bool):
            raise ConfigError(f"{where}: `{key}.{name}` must be a string, number, boolean, list or table")

    for name, item in value.items():
        if not name or not name.replace("_", "a").replace("-", "a").isalnum():
            raise ConfigError(f"{where}: `{key}` has an invalid name {name!r}")
        check(item, name)
    return dict(value)


#: Every key the file may hold, with its reader and the Config field it sets.
_KEYS = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file),
    "exclude": ("exclude", _globs),
    "severity-threshold": ("severity_threshold", _string),
    "format": ("format", _string),
    "baseline": ("baseline", _string),
    "inline-suppressions": ("inline_suppressions", _bool),
    "report-unused-suppressions": ("report_unused_suppressions", _bool),
    "variables": ("variables", _value_table),
    "parameters": ("parameters", _value_table),
    "options": ("options", _value_table),
}


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((key, f'"{key}"')) and "=" in stripped:
            return number
    return None


def parse(path: Path, text: str, table: Mapping[str, Any]) -> Config:
    values: dict[str, Any] = {"path": path}
    for key, value in table.items():
        line = _line_of(text, key)
        where = f"{path}:{line}" if line else str(path)
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{where}: unknown key `{key}` in srmlint configuration (known keys: {known})")
        name, reader = _KEYS[key]
        values[name] = reader(value, key, where)
    return Config(**values)


def _load_table(path: Path) -> tuple[str, Mapping[str, Any] | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == PYPROJECT:
        tool = data.get("tool")
        table = tool.get("srmlint") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.srmlint] must be a table")
        return text, table
    return text, data


def load(path: Path) -> Config:
    """Read one named configuration file (``--config``)."""
    text, table = _load_table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.srmlint] table")
    return parse(path, text, table)


def discover(start: str) -> Config:
    """The configuration that governs ``start``: the nearest ``.srmlint.toml``
    or ``pyproject.toml`` with a ``[tool.srmlint]`` table, walking up."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return load(candidate)
        candidate = folder / PYPROJECT
        if candidate.is_file():
            text, table = _load_table(candidate)
            if table is not None:
                return parse(candidate, text, table)
    return Config()


def relative_posix(path: str, root: Path) -> str:
    """``path`` relative to ``root`` in ``/`` form, for glob matching."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive (Windows)
        rel = path
    return PurePosixPath(Path(rel).as_posix()).as_posix()


def matches(path: str, patterns: Sequence[str], root: Path) -> bool:
    """Whether ``path`` (or a folder above it) matches a pattern: a pattern
    with a ``/`` is matched against the path relative to ``root``, one without
    against each path component, as in .gitignore."""
    rel = relative_posix(path, root)
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        pat = pattern.rstrip("/")
        if "/" in pat:
            pat = pat.removeprefix("./").removesuffix("/**")
            if any(fnmatch.fnmatchcase(prefix, pat) for prefix in prefixes):
                return True
        elif any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
    return False
