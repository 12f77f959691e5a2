"""Who a resource-policy statement admits: everyone, or someone the conditions pin down."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from srmlint.aws.facts import PolicyStatement
from srmlint.model import Unknown

#: Condition keys (lower case) that tie an ``Allow`` to specific callers,
#: accounts, organisations, networks or AWS services when compared positively.
RESTRICTING_KEYS = frozenset({
    "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourcevpc", "aws:sourcevpce",
    "aws:sourceip", "aws:sourceorgid", "aws:sourceorgpaths", "aws:principalorgid", "aws:principalorgpaths",
    "aws:principalaccount", "aws:principalarn", "aws:principalservicename", "aws:principalisawsservice",
    "aws:userid", "aws:username", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
    "aws:viaawsservice", "kms:calleraccount", "kms:viaservice", "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn", "ec2:sourceinstancearn", "aws:resourceaccount", "aws:resourceorgid",
    "lambda:functionurlauthtype", "sns:endpoint", "sts:externalid", "aws:vpceaccount", "aws:vpceorgid",
    "aws:vpceorgpaths",
})


def admits_everyone(principals: Any) -> bool | None:
    """``Principal: "*"`` or ``{"AWS": "*"}`` (``None``: not statically known)."""
    if isinstance(principals, Unknown):
        return None
    if principals == "*":
        return True
    if not isinstance(principals, Mapping):
        return False
    unknown = False
    for kind, ids in principals.items():
        if kind not in ("AWS", "*"):
            continue
        if isinstance(ids, Unknown):
            unknown = True
            continue
        for value in ids if isinstance(ids, list | tuple) else (ids,):
            if value == "*" or (isinstance(value, str) and value.startswith("arn:aws:iam::*:")):
                return True  # any account (and so anyone who creates that role name)
            if isinstance(value, Unknown):
                unknown = True
    return None if unknown else False


def _wild(key: str, value: Any) -> bool:
    """A condition value that pins nothing down: ``*``, ``arn:aws:iam::*``, ``0.0.0.0/0``,
    or (``lambda:FunctionUrlAuthType``) ``NONE``."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text in ("*", "") or text.startswith(("arn:aws:iam::*", "arn:*", "arn:aws:*:*:*")):
        return True
    if key == "aws:sourceip":
        try:
            return ipaddress.ip_network(text, strict=False).prefixlen == 0
        except ValueError:
            return False
    return key == "lambda:functionurlauthtype" and text.upper() == "NONE"


def _restricts(operator: str, key: str, values: Any) -> bool | None:
    op = operator.lower()
    # Negated operators, Null, ...IfExists and ForAllValues: all hold for a caller
    # that does not carry the key at all (an anonymous one), so they admit everyone.
    if "not" in op.split(":")[-1] or op.startswith(("null", "forallvalues:")) or op.endswith("ifexists"):
        return False
    if key.lower() not in RESTRICTING_KEYS:
        return False
    listed = values if isinstance(values, list | tuple) else [values]
    if any(isinstance(v, Unknown) for v in listed):
        return None
    if op.startswith("bool"):
        return any(str(v).lower() == "true" for v in listed)
    return bool(listed) and not any(_wild(key.lower(), v) for v in listed)


def restricted_by_conditions(conditions: Any) -> bool | None:
    """Whether the conditions limit who the statement admits (``None``: not known).

    Terraform policy documents write conditions as blocks (``test``,
    ``variable``, ``values``); JSON documents as ``{operator: {key: values}}``.
    """
    if conditions is None or conditions == {} or conditions == []:
        return False
    if isinstance(conditions, Unknown):
        return None
    pairs: list[tuple[Any, Any, Any]] = []
    if isinstance(conditions, Mapping):
        for operator, body in conditions.items():
            if not isinstance(body, Mapping):
                return None
            pairs += [(operator, key, values) for key, values in body.items()]
    elif isinstance(conditions, list):
        for block in conditions:
            if not isinstance(block, Mapping):
                return None
            pairs.append((block.get("test"), block.get("variable"), block.get("values")))
    else:
        return None
    unknown = False
    for operator, key, values in pairs:
        if not isinstance(operator, str) or not isinstance(key, str):
            unknown = True
            continue
        verdict = _restricts(operator, key, values)
        if verdict:
            return True
        unknown = unknown or verdict is None
    return None if unknown else False


def public_statement(statement: PolicyStatement) -> bool:
    """An ``Allow`` for everyone that no condition restricts, all statically known."""
    if statement.kind != "resource" or statement.effect != "Allow":
        return False
    if admits_everyone(statement.principals) is not True:
        return False
    return restricted_by_conditions(statement.conditions) is False


def actions_text(statement: PolicyStatement) -> str:
    actions = statement.actions
    if isinstance(actions, tuple):
        shown = [a for a in actions if isinstance(a, str)]
        if shown:
            return ", ".join(shown[:3]) + (" …" if len(shown) > 3 else "")
    if statement.not_actions is not None:
        return "all but NotAction"
    return "its actions"
