"""Identity and access (``IAM``): the customer's on every service, Lambda included."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.iam.iam001_wildcard_action_all_resources import WildcardActionAllResources

    return [WildcardActionAllResources()]
