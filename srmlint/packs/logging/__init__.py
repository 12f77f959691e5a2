"""Logging and monitoring (``LOG``): audit trails and logs are the customer's to turn on on every service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    return []
