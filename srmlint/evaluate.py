"""Static evaluation of HCL expressions, as far as they are static.

The Terraform reader leaves non-static attributes as ``Unknown(expr)``. Some
of those are static after all to a reader who knows a few functions:
``jsonencode({...})`` of literal data is a policy document, a heredoc with an
``${aws_s3_bucket.b.arn}`` interpolation is JSON with one unknown string.
:func:`partial_value` recovers that much and keeps every part it cannot know
as an :class:`~srmlint.model.Unknown`.
"""

from __future__ import annotations

from typing import Any

from srmlint import expr as E
from srmlint.model import Unknown

#: Stands for an interpolation inside rendered template text. A code point of
#: Unicode's private-use plane 15: legal inside JSON strings (control
#: characters are not), and with no meaning a template author would write.
PLACEHOLDER = "\U000f0000"


def partial_value(node: Any) -> Any:
    """The Python value of ``node`` (an expression, an Unknown, or plain
    data), with an Unknown wherever a part is not static."""
    if isinstance(node, Unknown):
        return _eval(node.expr) if isinstance(node.expr, E.EXPR_TYPES) else node
    if isinstance(node, E.EXPR_TYPES):
        return _eval(node)
    return node


def _eval(node: Any) -> Any:
    if isinstance(node, E.Literal):
        return node.value
    if isinstance(node, E.TupleExpr):
        return [_eval(i) for i in node.items]
    if isinstance(node, E.ObjectExpr):
        out: dict[str, Any] = {}
        for key_expr, val_expr in node.items:
            key = object_key(key_expr)
            if key is None:
                return Unknown(node)
            out[key] = _eval(val_expr)
        return out
    if (isinstance(node, E.UnaryOp) and node.op == "-" and isinstance(node.operand, E.Literal)
            and isinstance(node.operand.value, int | float) and not isinstance(node.operand.value, bool)):
        return -node.operand.value
    if isinstance(node, E.FunctionCall) and node.name == "jsonencode" and len(node.args) == 1:
        # The JSON text of a static value is that value, for every reader of
        # policy documents; keep the structure rather than re-serialising it.
        return _eval(node.args[0])
    if isinstance(node, E.Template):
        text = render_template(node)
        return text if PLACEHOLDER not in text else Unknown(node)
    return Unknown(node)


def object_key(key: E.Expr) -> str | None:
    """A key of an HCL object: a bare identifier or a static string."""
    if isinstance(key, E.Traversal) and not key.steps:
        return key.root
    if isinstance(key, E.Literal) and isinstance(key.value, str):
        return key.value
    if isinstance(key, E.Template):
        text = render_template(key)
        return None if PLACEHOLDER in text else text
    return None


def render_template(node: E.Template) -> str:
    """The template's text with :data:`PLACEHOLDER` for each interpolation."""
    parts: list[str] = []
    for part in node.parts:
        if isinstance(part, E.Literal):
            parts.append("" if part.value is None else str(part.value))
        else:
            parts.append(PLACEHOLDER)
    return "".join(parts)
