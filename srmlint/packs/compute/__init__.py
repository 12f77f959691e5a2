"""Compute hardening (``CMP``): the guest OS and runtime the customer owns on
infrastructure, container and function services."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    return []
