"""Normalized facts: the meeting point of Terraform and CloudFormation.

Extractors turn a resource's raw attributes into facts; rules read facts only.
The engine knows nothing of what a fact means: concrete fact types live with
the knowledge that produces them (:mod:`srmlint.aws.facts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from srmlint.model import AttrPath


@dataclass(frozen=True, slots=True)
class Fact:
    """Base of every fact. ``path`` is where in the declaring resource's
    attributes the fact was stated (empty when it comes from an absence, or
    from a connected resource -- then ``source`` names that resource's address)."""

    path: AttrPath
    source: str | None


F = TypeVar("F", bound=Fact)


class FactSet:
    """The facts known about one resource, looked up by type."""

    __slots__ = ("_facts",)

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self._facts: tuple[Fact, ...] = tuple(facts)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def __bool__(self) -> bool:
        return bool(self._facts)

    def of(self, kind: type[F]) -> list[F]:
        return [f for f in self._facts if isinstance(f, kind)]

    def first(self, kind: type[F]) -> F | None:
        for f in self._facts:
            if isinstance(f, kind):
                return f
        return None

    def has(self, kind: type[Fact]) -> bool:
        return any(isinstance(f, kind) for f in self._facts)
