"""Fixes that add a Terraform companion resource after the resource they secure.

Since version 4 of the AWS provider, an S3 bucket's versioning, default
encryption and public access block are separate resources
(``aws_s3_bucket_versioning``...) that point at the bucket. When none exists,
the fix is a new block after the bucket's, referring to it, in the file's own
indentation:

    resource "aws_s3_bucket_versioning" "logs" {
      bucket = aws_s3_bucket.logs.id

      versioning_configuration {
        status = "Enabled"
      }
    }

It is offered only when the result is certainly right: a bucket without
``count``/``for_each`` (a companion would need the same expansion), without
the setting written inline the v3 way (the two would fight), whose block ends
on a line of its own, and whose name is still free for the companion type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from srmlint.findings import Finding
from srmlint.fixes import FixProposal, Safety, TextEdit
from srmlint.fixes.settings import line_starts, line_text, newline_of, tf_literal
from srmlint.model import Resource


@dataclass(frozen=True)
class Expr:
    """A Terraform expression written as is (a reference), not quoted as a literal."""

    text: str


@dataclass(frozen=True)
class Block:
    """A nested block (``name { ... }``); a dict value is an attribute."""

    body: Mapping[str, Any]


def render(body: Mapping[str, Any], indent: str, unit: str, nl: str) -> list[str]:
    """HCL lines for ``body`` as ``terraform fmt`` writes them: the ``=`` of
    consecutive attributes aligned, a blank line before a nested block."""
    lines: list[str] = []
    items = list(body.items())
    width = max((len(k) for k, v in items if not isinstance(v, Block)), default=0)
    for key, value in items:
        if isinstance(value, Block):
            if lines:
                lines.append(nl)
            lines.append(f"{indent}{key} {{{nl}")
            lines.extend(render(value.body, indent + unit, unit, nl))
            lines.append(f"{indent}}}{nl}")
        else:
            text = value.text if isinstance(value, Expr) else tf_literal(value)
            lines.append(f"{indent}{key.ljust(width)} = {text}{nl}")
    return lines


_RESOURCE_HEADER = 'resource "{type}" "{name}"'
_INDENT = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class AddCompanion:
    """Add a ``companion`` resource whose ``via`` attribute refers to the
    ``parent`` resource, with ``body`` (beside the reference), unless the
    parent sets any of ``inline`` itself."""

    parent: str
    companion: str
    via: str
    body: Mapping[str, Any]
    description: str
    inline: tuple[str, ...] = ()
    breaks_clients: str | None = None

    def safety(self) -> Safety:
        return "unsafe" if self.breaks_clients is not None else "safe"

    def __call__(self, resource: Resource, finding: Finding, source: str) -> FixProposal | None:
        if resource.format != "terraform" or resource.type != self.parent:
            return None
        if any(key in resource.attributes for key in (*self.inline, "count", "for_each", "dynamic")):
            return None
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", resource.name) or "[" in resource.address:
            return None
        if _RESOURCE_HEADER.format(type=self.companion, name=resource.name) in source:
            return None  # the name is taken (by the companion of another bucket, say)
        starts = line_starts(source)
        location = resource.location
        if location.end_line <= location.line or location.end_line > len(starts):
            return None
        closing = line_text(source, starts, location.end_line)
        if closing.strip() != "}":
            return None
        outer = closing[: len(closing) - len(closing.lstrip())]
        unit = "  "
        for number in range(location.line + 1, location.end_line):
            match = _INDENT.match(line_text(source, starts, number))
            if match is not None and match.group(0).startswith(outer) and len(match.group(0)) > len(outer):
                unit = match.group(0)[len(outer):]
                break
        nl = newline_of(source)
        reference = Expr(f"{self.parent}.{resource.name}.id")
        inner = outer + unit
        body = [*render({self.via: reference}, inner, unit, nl), nl, *render(self.body, inner, unit, nl)]
        block = f"{outer}{_RESOURCE_HEADER.format(type=self.companion, name=resource.name)} {{{nl}" + "".join(body)
        if location.end_line < len(starts):
            offset, text = starts[location.end_line], f"{nl}{block}{outer}}}{nl}"
        else:  # the bucket closes the file without a line break: so does the companion
            offset, text = len(source), f"{nl}{nl}{block}{outer}}}"
        return FixProposal(edits=(TextEdit(offset, offset, text),), description=self.description, changes=(),
                           breaks_clients=self.breaks_clients, creates=(self.companion,))
