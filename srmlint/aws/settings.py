"""How the responsibility matrix reads AWS facts: configured, unset or insecure, unknown.

A rule says only when something is wrong; the matrix must also say when a
customer-owned setting is configured and when srmlint cannot tell. That
judgement depends on what each fact means, so it lives here with the facts
rather than in the generic matrix code. A judge returns ``None`` for a fact
no rule of that setting looks at (a Deny statement, a trust policy): the
matrix then shows nothing for it rather than inventing a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeAlias

from srmlint.aws.facts import EncryptionAtRest, IngressRule, PolicyStatement
from srmlint.facts import Fact
from srmlint.model import Unknown

Status: TypeAlias = Literal["configured", "unset_or_insecure", "unknown"]
Judge: TypeAlias = Callable[[Any], "Status | None"]


def _has_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    if isinstance(value, tuple | list):
        return any(_has_unknown(v) for v in value)
    return False


def encryption(fact: EncryptionAtRest) -> Status:
    if fact.state in ("customer_key", "aws_managed_key"):
        return "configured"
    if fact.state == "unknown":
        return "unknown"
    return "unset_or_insecure"


def ingress(fact: IngressRule) -> Status:
    stated = [fact.protocol, fact.from_port, fact.to_port]
    if fact.source_kind == "cidr":
        stated.append(fact.cidr)
    return "unknown" if _has_unknown(stated) else "configured"


def policy(fact: PolicyStatement) -> Status | None:
    # IAM rules judge what an identity may do; trust and resource policies
    # and Deny statements are not theirs to pass.
    if fact.kind != "identity":
        return None
    if isinstance(fact.effect, Unknown):
        return "unknown"
    if fact.effect != "Allow":
        return None
    if _has_unknown(fact.actions) or _has_unknown(fact.not_actions):
        return "unknown"
    actions = fact.actions if isinstance(fact.actions, tuple) else ()
    wildcard = fact.not_actions is not None or any(isinstance(a, str) and "*" in a for a in actions)
    if wildcard and _has_unknown(fact.resources):
        return "unknown"
    return "configured"


JUDGES: Mapping[type[Fact], Judge] = {
    EncryptionAtRest: encryption,
    IngressRule: ingress,
    PolicyStatement: policy,
}
