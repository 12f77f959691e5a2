"""Backup and versioning (``BKP``): data resilience is the customer's, whatever the service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    return []
