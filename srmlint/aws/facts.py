"""Normalized facts about AWS resources, the same whatever the template format.

A value the template does not state statically stays an
:class:`~srmlint.model.Unknown` inside a fact; rules decide on what is known
and never guess about the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from srmlint.facts import Fact
from srmlint.model import Unknown

EncryptionState: TypeAlias = Literal["unset", "disabled", "aws_managed_key", "customer_key", "unknown"]


@dataclass(frozen=True, slots=True)
class EncryptionAtRest(Fact):
    """How data at rest is encrypted.

    ``unset``: the template says nothing (AWS's default applies);
    ``disabled``: explicitly off; ``aws_managed_key``: encrypted with a key
    AWS owns or manages (SSE-S3, ``aws/ebs``...); ``customer_key``: a
    customer-managed KMS key; ``unknown``: not statically known.
    """

    state: EncryptionState
    key: Any = None
    algorithm: Any = None


@dataclass(frozen=True, slots=True)
class IngressRule(Fact):
    """One source of one inbound security-group rule.

    ``protocol`` is normalised: ``"-1"`` for all protocols, ``"tcp"``,
    ``"udp"``, ``"icmp"``, ``"icmpv6"`` or the number as text. Ports are
    ``None`` when the protocol carries none (all traffic). ``source`` is a
    CIDR (IPv4 or IPv6), a security group, or a prefix list; ``source_kind``
    says which.
    """

    source_kind: Literal["cidr", "security_group", "prefix_list", "self"]
    cidr: str | Unknown | None
    protocol: str | Unknown
    from_port: int | Unknown | None
    to_port: int | Unknown | None
    security_group: str | None = None


PolicyKind: TypeAlias = Literal["identity", "resource", "trust"]
Principals: TypeAlias = "dict[str, tuple[str | Unknown, ...]] | str | Unknown | None"


@dataclass(frozen=True, slots=True)
class PolicyStatement(Fact):
    """One statement of an IAM policy document, wherever it was written.

    List fields are tuples of strings (``Unknown`` items where not static), or
    ``None`` when the statement does not have that element; a whole element
    that is not static is a single ``Unknown``. ``kind`` says what the policy
    governs: an identity's permissions, a resource's policy, or a role's trust.
    """

    kind: PolicyKind
    effect: str | Unknown
    actions: tuple[str | Unknown, ...] | Unknown | None
    not_actions: tuple[str | Unknown, ...] | Unknown | None
    resources: tuple[str | Unknown, ...] | Unknown | None
    not_resources: tuple[str | Unknown, ...] | Unknown | None
    principals: Any = None
    conditions: Any = None
    sid: str | None = None
