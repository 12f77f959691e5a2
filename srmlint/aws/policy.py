"""IAM policy documents → :class:`PolicyStatement` facts.

Policies are written as JSON strings (quoted, heredoc, with interpolations),
``jsonencode(...)`` of HCL objects, ``data "aws_iam_policy_document"`` blocks,
or CloudFormation mappings. All of them end here as plain data (with Unknown
leaves) and become statements the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import PolicyKind, PolicyStatement
from srmlint.evaluate import PLACEHOLDER, partial_value, render_template
from srmlint.model import AttrPath, Unknown


def document_value(value: Any) -> Any:
    """A policy document as data: parse JSON text (also JSON with unknown
    interpolations), evaluate ``jsonencode`` of static HCL; else Unknown."""
    if isinstance(value, str):
        return _loads(value, None)
    if isinstance(value, Unknown) and isinstance(value.expr, E.Template):
        return _loads(render_template(value.expr), value)
    value = partial_value(value)
    if isinstance(value, str):
        return _loads(value, None)
    return value


def _loads(text: str, original: Unknown | None) -> Any:
    try:
        data = json.loads(text)
    except ValueError:
        return original if original is not None else Unknown(None, text[:80])
    return _unplaceholder(data) if original is not None else data


def _unplaceholder(data: Any) -> Any:
    if isinstance(data, str):
        return Unknown(None, data.replace(PLACEHOLDER, "${…}")) if PLACEHOLDER in data else data
    if isinstance(data, list):
        return [_unplaceholder(v) for v in data]
    if isinstance(data, dict):
        return {k: _unplaceholder(v) for k, v in data.items()}
    return data


def _strings(value: Any) -> tuple[str | Unknown, ...] | Unknown | None:
    if value is None:
        return None
    if isinstance(value, Unknown):
        return value
    items = value if isinstance(value, list) else [value]
    return tuple(v if isinstance(v, str | Unknown) else Unknown(None, repr(v)) for v in items)


def statements(
    document: Any, kind: PolicyKind, path: AttrPath, source: str | None = None
) -> Iterator[PolicyStatement]:
    """The statements of a JSON-shaped policy document (``Statement``)."""
    document = document_value(document)
    if not isinstance(document, Mapping):
        return
    body = document.get("Statement")
    if isinstance(body, Mapping):
        body = [body]
    if not isinstance(body, list):
        return
    for index, statement in enumerate(body):
        if not isinstance(statement, Mapping):
            continue
        yield PolicyStatement(
            # For a policy held as text the deepest span the source has is
            # the attribute; Resource.locate falls back to it.
            path=(*path, "Statement", index),
            source=source,
            kind=kind,
            effect=_effect(statement.get("Effect")),
            actions=_strings(statement.get("Action")),
            not_actions=_strings(statement.get("NotAction")),
            resources=_strings(statement.get("Resource")),
            not_resources=_strings(statement.get("NotResource")),
            principals=statement.get("Principal", statement.get("NotPrincipal")),
            conditions=statement.get("Condition"),
            sid=statement.get("Sid") if isinstance(statement.get("Sid"), str) else None,
        )


def _effect(value: Any) -> str | Unknown:
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        return value
    return Unknown(None, repr(value))


def document_statements(
    data: Mapping[str, Any], kind: PolicyKind, path: AttrPath, source: str | None = None
) -> Iterator[PolicyStatement]:
    """The statements of a Terraform ``data "aws_iam_policy_document"``."""
    blocks = data.get("statement")
    if not isinstance(blocks, list):
        return
    for index, block in enumerate(blocks):
        if not isinstance(block, Mapping):
            continue
        principals: dict[str, tuple[str | Unknown, ...]] | None = None
        for key in ("principals", "not_principals"):
            for p in block.get(key) or ():
                if isinstance(p, Mapping) and isinstance(p.get("type"), str):
                    ids = _strings(p.get("identifiers"))
                    principals = principals or {}
                    principals[p["type"]] = ids if isinstance(ids, tuple) else (ids or Unknown(None),)
        conditions = block.get("condition")
        effect = block.get("effect", "Allow")
        yield PolicyStatement(
            path=(*path, "statement", index),
            source=source,
            kind=kind,
            effect=_effect(effect),
            actions=_strings(block.get("actions")),
            not_actions=_strings(block.get("not_actions")),
            resources=_strings(block.get("resources")),
            not_resources=_strings(block.get("not_resources")),
            principals=principals,
            conditions=conditions,
            sid=block.get("sid") if isinstance(block.get("sid"), str) else None,
        )
