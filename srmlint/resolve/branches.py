"""The ways one declared resource can be, checked one by one.

A CloudFormation resource whose values hang on the ``Fn::If`` of one
condition that is not static is two resources, one per branch; a Terraform
resource with ``count = 3`` or a ``for_each`` over a known map is one per
instance. The resolve stage records them under :data:`BRANCHES` in the
resource's ``meta``; the engine checks each, reports a finding every branch
has once, and a finding of some branches only with the branch named
("... (when condition IsProd is false)", "... (instance [\\"ssh\\"])").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from srmlint.model import AttrPath, Location

#: ``Resource.meta`` key: a tuple of :class:`Branch`, the first being the
#: resource's own attributes.
BRANCHES = "<branches>"


@dataclass(frozen=True)
class Branch:
    """One branch or instance of a resource."""

    #: How a finding of this branch alone says which it is.
    note: str
    attributes: Mapping[str, Any]
    #: Its locations, when they differ from the resource's (a dynamic block
    #: expanded differently per instance); None: the resource's own.
    locations: Mapping[AttrPath, Location] | None = None
