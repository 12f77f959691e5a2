"""One resource graph for the whole scan.

Resources only meet the resources of their own scope (a Terraform module
directory, a CloudFormation template); edges come from the parsers'
:class:`~srmlint.model.Reference` records, never from string matching, so a
rule on a bucket finds the encryption configuration whose ``bucket`` points at
it by asking :meth:`ResourceGraph.referrers`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any, TypeVar, cast

from srmlint.model import Definition, Reference, Resource

T = TypeVar("T")


class ResourceGraph:
    """Nodes (resources and definitions) and reference edges, indexed for look-ups."""

    def __init__(
        self,
        resources: Iterable[Resource] = (),
        definitions: Iterable[Definition] = (),
        references: Iterable[Reference] = (),
    ) -> None:
        self._resources: list[Resource] = []
        self._by_key: dict[tuple[str, str], Resource] = {}
        self._by_type: dict[str, list[Resource]] = defaultdict(list)
        self._by_type_scope: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        self._memo: dict[Hashable, Any] = {}
        self._definitions: dict[tuple[str, str], Definition] = {}
        self._out: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        self._in: dict[tuple[str, str], list[Reference]] = defaultdict(list)
        for resource in resources:
            self.add_resource(resource)
        for definition in definitions:
            self._definitions[(definition.scope, definition.address)] = definition
        for reference in references:
            self.add_reference(reference)

    def add_resource(self, resource: Resource) -> None:
        key = (resource.scope, resource.address)
        # Two files of one Terraform directory may declare the same address
        # (Terraform itself rejects that); the first one wins, deterministically.
        if key in self._by_key:
            return
        self._by_key[key] = resource
        self._resources.append(resource)
        self._by_type[resource.type].append(resource)
        self._by_type_scope[(resource.type, resource.scope)].append(resource)
        self._memo.clear()

    def add_reference(self, reference: Reference) -> None:
        self._out[(reference.scope, reference.source)].append(reference)
        self._in[(reference.scope, reference.target)].append(reference)

    def __len__(self) -> int:
        return len(self._resources)

    def __iter__(self) -> Iterator[Resource]:
        return iter(self._resources)

    def resources(self, *, mode: str | None = "managed") -> Iterator[Resource]:
        """Resources in declaration order; ``mode=None`` includes data sources."""
        return (r for r in self._resources if mode is None or r.mode == mode)

    def by_type(self, type_: str, scope: str | None = None) -> list[Resource]:
        if scope is None:
            return self._by_type.get(type_, [])
        return self._by_type_scope.get((type_, scope), [])

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value derived from the whole graph, computed once per scan.

        Extractors that would otherwise look at every other resource for each
        resource (which buckets receive logs, say) build such an index once
        per scope, so a scan stays linear in the number of resources.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def get(self, scope: str, address: str) -> Resource | None:
        return self._by_key.get((scope, address))

    def definition(self, scope: str, address: str) -> Definition | None:
        return self._definitions.get((scope, address))

    def references_from(self, resource: Resource) -> list[Reference]:
        return self._out.get((resource.scope, resource.address), [])

    def references_to(self, resource: Resource) -> list[Reference]:
        return self._in.get((resource.scope, resource.address), [])

    def referrers(
        self, resource: Resource, *, type_: str | None = None, via: str | None = None
    ) -> list[Resource]:
        """Resources that refer to ``resource``, optionally only of ``type_``
        and only through their top-level attribute ``via`` (e.g. ``bucket``)."""
        found: list[Resource] = []
        seen: set[str] = set()
        for ref in self.references_to(resource):
            if via is not None and (not ref.path or ref.path[0] != via):
                continue
            source = self._by_key.get((ref.scope, ref.source))
            if source is None or source.address in seen:
                continue
            if type_ is not None and source.type != type_:
                continue
            seen.add(source.address)
            found.append(source)
        return found

    def targets(self, resource: Resource, *, via: str | None = None) -> list[Resource]:
        """Resources ``resource`` refers to, optionally through attribute ``via``."""
        found: list[Resource] = []
        seen: set[str] = set()
        for ref in self.references_from(resource):
            if via is not None and (not ref.path or ref.path[0] != via):
                continue
            target = self._by_key.get((ref.scope, ref.target))
            if target is not None and target.address not in seen:
                seen.add(target.address)
                found.append(target)
        return found
