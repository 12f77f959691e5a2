"""A small typed tree for HCL expressions.

The Terraform reader keeps every non-static attribute as one of these (inside
an :class:`srmlint.model.Unknown`) instead of a string, so that variables,
locals and module inputs can later be evaluated on the tree, and references
come from :class:`Traversal` nodes, never from regular expressions over text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Literal:
    """``"abc"``, ``1``, ``1.5``, ``true``, ``null``."""

    value: bool | int | float | str | None


@dataclass(frozen=True, slots=True)
class Template:
    """A string with interpolations: ``"a-${var.x}"`` or a heredoc.

    Literal text parts are :class:`Literal` strings (escapes already decoded,
    heredoc indentation already stripped for ``<<-``).
    """

    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class GetAttr:
    name: str


@dataclass(frozen=True, slots=True)
class Index:
    key: Expr


@dataclass(frozen=True, slots=True)
class Splat:
    """``.*`` (attribute splat, ``full=False``) or ``[*]`` (``full=True``)."""

    full: bool


Step: TypeAlias = GetAttr | Index | Splat


@dataclass(frozen=True, slots=True)
class Traversal:
    """A reference: ``var.x``, ``aws_s3_bucket.b.id``, ``a.b[0].c``, ``a.*.id``."""

    root: str
    steps: tuple[Step, ...] = ()

    def attr_names(self) -> tuple[str, ...]:
        """The leading attribute names after the root, up to the first index or splat."""
        names: list[str] = []
        for step in self.steps:
            if not isinstance(step, GetAttr):
                break
            names.append(step.name)
        return tuple(names)


@dataclass(frozen=True, slots=True)
class Postfix:
    """Steps applied to something that is not a variable: ``f(x)[0]``, ``(a).b``."""

    source: Expr
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class FunctionCall:
    name: str
    args: tuple[Expr, ...] = ()
    expand_final: bool = False


@dataclass(frozen=True, slots=True)
class Conditional:
    condition: Expr
    true: Expr
    false: Expr


@dataclass(frozen=True, slots=True)
class UnaryOp:
    op: str
    operand: Expr


@dataclass(frozen=True, slots=True)
class BinaryOp:
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class TupleExpr:
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class ObjectExpr:
    items: tuple[tuple[Expr, Expr], ...]


@dataclass(frozen=True, slots=True)
class ForExpr:
    """``[for k, v in coll : value if cond]`` or ``{for k, v in coll : key => value...}``."""

    key_var: str | None
    value_var: str
    collection: Expr
    value: Expr
    key: Expr | None = None
    condition: Expr | None = None
    is_object: bool = False
    grouping: bool = False


@dataclass(frozen=True, slots=True)
class Opaque:
    """Syntax the tree does not model (template directives ``%{...}``): kept as text."""

    text: str


Expr: TypeAlias = (
    Literal | Template | Traversal | Postfix | FunctionCall | Conditional | UnaryOp
    | BinaryOp | TupleExpr | ObjectExpr | ForExpr | Opaque
)


def traversals(expr: Expr) -> list[Traversal]:
    """Every traversal inside ``expr`` (for-expression iteration variables included)."""
    found: list[Traversal] = []
    stack: list[object] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Traversal):
            found.append(node)
            stack.extend(s.key for s in node.steps if isinstance(s, Index))
        elif isinstance(node, Template):
            stack.extend(node.parts)
        elif isinstance(node, Postfix):
            stack.append(node.source)
            stack.extend(s.key for s in node.steps if isinstance(s, Index))
        elif isinstance(node, FunctionCall):
            stack.extend(node.args)
        elif isinstance(node, Conditional):
            stack.extend((node.condition, node.true, node.false))
        elif isinstance(node, UnaryOp):
            stack.append(node.operand)
        elif isinstance(node, BinaryOp):
            stack.extend((node.left, node.right))
        elif isinstance(node, TupleExpr):
            stack.extend(node.items)
        elif isinstance(node, ObjectExpr):
            for key, val in node.items:
                stack.extend((key, val))
        elif isinstance(node, ForExpr):
            inner = [node.collection, node.value, node.key, node.condition]
            stack.extend(e for e in inner if e is not None)
    return found


#: The node classes, for ``isinstance`` checks.
EXPR_TYPES: tuple[type, ...] = (
    Literal, Template, Traversal, Postfix, FunctionCall, Conditional, UnaryOp,
    BinaryOp, TupleExpr, ObjectExpr, ForExpr, Opaque,
)
