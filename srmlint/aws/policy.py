"""IAM policy documents → :class:`PolicyStatement` facts.

Policies are written as JSON strings (quoted, heredoc, with interpolations),
``jsonencode(...)`` of HCL objects, ``data "aws_iam_policy_document"`` blocks,
or CloudFormation mappings. All of them end here as plain data (with Unknown
leaves) and become statements the same way.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
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
        # Hand-written heredoc policies often keep a trailing comma ("s3:*",]).
        # The provider rejects that text until the comma goes, and what the
        # author meant is unambiguous: read the policy as it will be fixed.
        try:
            data = json.loads(_without_trailing_commas(text))
        except ValueError:
            return original if original is not None else Unknown(None, text[:80])
    return _unplaceholder(data) if original is not None else data


def _without_trailing_commas(text: str) -> str:
    """``text`` without the commas that directly precede a ``]`` or ``}``
    (outside strings)."""
    out: list[str] = []
    in_string = escaped = False
    n = len(text)
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == ",":
            j = i + 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j < n and text[j] in "]}":
                continue
        out.append(ch)
    return "".join(out)


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
            principals=statement.get("Principal"),
            conditions=statement.get("Condition"),
            sid=statement.get("Sid") if isinstance(statement.get("Sid"), str) else None,
            not_principals=statement.get("NotPrincipal"),
        )


#: ``PolicyStatement.effect`` of a statement that has no ``Effect`` at all.
#: AWS rejects such a policy (``Effect`` is required); it is neither an Allow
#: nor a Deny, and rules that judge permissions pass over it.
NO_EFFECT = ""


def _effect(value: Any) -> str | Unknown:
    if value is None:
        return NO_EFFECT
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
        principals = _document_principals(block.get("principals"))
        not_principals = _document_principals(block.get("not_principals"))
        conditions = _document_conditions(block.get("condition"))
        effect = block.get("effect")
        if effect is None:  # the data source's default
            effect = "Allow"
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
            not_principals=not_principals,
        )


def _document_principals(value: Any) -> dict[str, tuple[str | Unknown, ...]] | Unknown | None:
    """``principals`` / ``not_principals`` blocks as a JSON-shaped mapping
    (type → identifiers); ``None`` when there is no block."""
    if isinstance(value, Unknown):
        return value
    principals: dict[str, tuple[str | Unknown, ...]] | None = None
    for p in value or ():
        if isinstance(p, Mapping) and isinstance(p.get("type"), str):
            ids = _strings(p.get("identifiers"))
            principals = principals or {}
            # Two blocks of one type add up, as in the JSON the data source renders.
            principals[p["type"]] = principals.get(p["type"], ()) + (
                ids if isinstance(ids, tuple) else (ids or Unknown(None),)
            )
    return principals


def _document_conditions(value: Any) -> Any:
    """``condition { test variable values }`` blocks as a JSON-shaped
    ``Condition`` mapping (``{test: {variable: [values]}}``), so rules read one
    shape; Unknown where a test or variable is not static."""
    if value is None or isinstance(value, Unknown):
        return value
    out: dict[str, dict[str, Any]] = {}
    for block in value if isinstance(value, list) else [value]:
        if not isinstance(block, Mapping):
            return Unknown(None, repr(block))
        test, variable = block.get("test"), block.get("variable")
        if not isinstance(test, str) or not isinstance(variable, str):
            return Unknown(None, "condition")
        values = block.get("values")
        existing = out.setdefault(test, {}).get(variable)
        if existing is not None:  # two blocks on one key: both must hold; keep it unknown
            out[test][variable] = Unknown(None, variable)
        else:
            out[test][variable] = values
    return out


# ----------------------------------------------------------------- reading statements


def action_matches(pattern: str, action: str) -> bool:
    """Whether the statement's action ``pattern`` (IAM wildcards ``*`` and
    ``?``, case-insensitive, as IAM matches them) grants ``action``."""
    return fnmatch.fnmatchcase(action.lower(), _escape_brackets(pattern.strip().lower()))


def _escape_brackets(pattern: str) -> str:
    # fnmatch reads [...] as a character class; IAM has none.
    return pattern.replace("[", "[[]")


def granted(statement: PolicyStatement, actions: Iterable[str]) -> list[str] | None:
    """Those of ``actions`` that ``statement`` grants through its Action or
    NotAction; ``None`` when that is not statically known."""
    wanted = list(actions)
    if statement.actions is not None:
        if isinstance(statement.actions, Unknown):
            return None
        patterns = [a for a in statement.actions if isinstance(a, str)]
        hits = [w for w in wanted if any(action_matches(p, w) for p in patterns)]
        if len(patterns) < len(statement.actions) and len(hits) < len(wanted):
            return None  # an unknown item might grant the rest
        return hits
    if statement.not_actions is not None:
        if isinstance(statement.not_actions, Unknown) or not all(
            isinstance(a, str) for a in statement.not_actions
        ):
            return None
        excluded = [a for a in statement.not_actions if isinstance(a, str)]
        return [w for w in wanted if not any(action_matches(p, w) for p in excluded)]
    return []


def all_resources(statement: PolicyStatement) -> bool:
    """The statement's Resource is ``"*"`` (every resource)."""
    return isinstance(statement.resources, tuple) and any(
        isinstance(r, str) and r.strip() == "*" for r in statement.resources
    )


def condition_keys(statement: PolicyStatement) -> set[str] | None:
    """The (lower-case) context keys the statement's Condition tests; ``None``
    when the Condition is not statically known."""
    conditions = statement.conditions
    if conditions is None:
        return set()
    if not isinstance(conditions, Mapping):
        return None
    keys: set[str] = set()
    for operator, tests in conditions.items():
        if not isinstance(operator, str) or not isinstance(tests, Mapping):
            return None
        for key in tests:
            if not isinstance(key, str):
                return None
            keys.add(key.lower())
    return keys


def condition_values(statement: PolicyStatement, key: str) -> list[Any] | None:
    """Every value the Condition compares context key ``key`` with (any
    operator); ``None`` when the Condition is not statically known."""
    conditions = statement.conditions
    if conditions is None:
        return []
    if not isinstance(conditions, Mapping):
        return None
    found: list[Any] = []
    for tests in conditions.values():
        if not isinstance(tests, Mapping):
            return None
        for k, v in tests.items():
            if isinstance(k, str) and k.lower() == key.lower():
                found.extend(v if isinstance(v, list) else [v])
    return found


def principal_values(statement: PolicyStatement, kind: str) -> tuple[Any, ...] | None:
    """The principals of type ``kind`` (``AWS``, ``Service``, ``Federated``,
    ``CanonicalUser``) the statement names; ``Principal: "*"`` counts as
    ``AWS: "*"``. ``None`` when not statically known."""
    principals = statement.principals
    if principals is None:
        return ()
    if isinstance(principals, str):
        return ("*",) if principals.strip() == "*" and kind == "AWS" else ()
    if not isinstance(principals, Mapping):
        return None
    for key, value in principals.items():
        # A data source's ``type = "*"`` renders as ``Principal: "*"``.
        if isinstance(key, str) and (key.lower() == kind.lower() or (key == "*" and kind == "AWS")):
            if isinstance(value, Unknown):
                return None
            return tuple(value) if isinstance(value, list | tuple) else (value,)
    return ()


# ----------------------------------------------------------------- access levels

#: Access levels of ``rules/iam_actions.yaml`` and how messages name them.
ACCESS_LEVELS = {"write": "write", "permissions": "permissions-management", "tagging": "tagging"}


@lru_cache(maxsize=1)
def action_levels() -> dict[str, dict[str, tuple[str, str]]]:
    """Service prefix (lower case) → lower-case action → (``service:Action`` as
    AWS spells it, access level), for the restrictable actions of
    ``rules/iam_actions.yaml`` (the AWS Service Authorization Reference)."""
    import yaml

    from srmlint.catalog import rules_dir

    with open(rules_dir() / "iam_actions.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    table: dict[str, dict[str, tuple[str, str]]] = {}
    for service, levels in (data.get("services") or {}).items():
        for level, names in (levels or {}).items():
            for name in names or ():
                full = f"{service}:{name}"
                table.setdefault(str(service).lower(), {})[full.lower()] = (full, str(level))
    return table


@lru_cache(maxsize=4096)
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(_escape_brackets(pattern.strip().lower())))


def classified_actions(pattern: str) -> list[tuple[str, str]]:
    """The restrictable actions of the table that the action ``pattern``
    (IAM wildcards, any case) grants, as (``service:Action``, level)."""
    text = pattern.strip().lower()
    service, _, _ = text.partition(":")
    table = action_levels()
    # A wildcard in the service part may span the colon: "*Role*".
    wild = "*" in service or "?" in service
    services = list(table) if wild else [service] if service in table else []
    compiled = _pattern(text)
    return [entry for s in services for key, entry in table[s].items() if compiled.match(key)]
