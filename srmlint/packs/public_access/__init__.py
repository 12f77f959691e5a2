"""Public access (``PUB``): who outside the account can reach data and APIs is the customer's to decide."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    return []
