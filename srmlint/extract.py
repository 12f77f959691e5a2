"""Extractors: per resource type and format, raw attributes → facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from srmlint.facts import Fact, FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource

ExtractFn = Callable[[Resource, ResourceGraph], Iterable[Fact]]


@dataclass(frozen=True)
class Extractor:
    """Reads resources of ``types`` (per format) and yields facts of ``produces``.

    Declaring both lets the engine dispatch by type and lets ``srmlint rules``
    say which resource types, in which format, a rule on those facts covers.
    """

    name: str
    types: Mapping[str, Sequence[str]]
    produces: Sequence[type[Fact]]
    extract: ExtractFn


class ExtractorRegistry:
    def __init__(self, extractors: Iterable[Extractor]) -> None:
        self.extractors = tuple(extractors)
        self._by_type: dict[tuple[str, str], list[Extractor]] = defaultdict(list)
        for extractor in self.extractors:
            for fmt, types in extractor.types.items():
                for type_ in types:
                    self._by_type[(fmt, type_)].append(extractor)

    def facts_for(
        self, resource: Resource, graph: ResourceGraph,
        errors: list[tuple[Extractor, Exception]] | None = None,
    ) -> FactSet:
        """The facts of every extractor of the resource's type.

        With ``errors``, an extractor that raises is appended to it with its
        exception and contributes nothing, not even the facts it yielded
        before failing, while the other extractors' facts are kept (the engine
        reports each as an SRM000 naming the extractor); without, the error
        propagates.
        """
        extractors = self._by_type.get((resource.format, resource.type))
        if not extractors:
            return FactSet()
        facts: list[Fact] = []
        for extractor in extractors:
            try:
                produced = list(extractor.extract(resource, graph))
            except Exception as exc:
                if errors is None:
                    raise
                errors.append((extractor, exc))
                continue
            facts.extend(produced)
        return FactSet(facts)

    def types_producing(self, kinds: Iterable[type[Fact]]) -> dict[str, list[str]]:
        """Per format, the resource types whose extractors produce any of ``kinds``."""
        wanted = tuple(kinds)
        out: dict[str, set[str]] = defaultdict(set)
        for extractor in self.extractors:
            if any(issubclass(p, wanted) for p in extractor.produces):
                for fmt, types in extractor.types.items():
                    out[fmt].update(types)
        return {fmt: sorted(types) for fmt, types in sorted(out.items())}
