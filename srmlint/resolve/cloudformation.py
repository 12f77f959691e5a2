"""CloudFormation: parameters, mappings and conditions, statically.

Why: templates written for several environments keep their security
settings behind ``Ref: EnableEncryption``, ``Fn::FindInMap`` and
``Fn::If``. With parameter defaults (or ``--parameter`` values) those are
static, and a resource whose ``Condition`` is statically false is never
created, so nothing is said about it. What depends on a resource, a
pseudo-parameter or a condition that is not static stays an Unknown: an
``Fn::If`` on an unknown condition is resolved only when both branches agree,
so a finding is never raised on a branch that may not be taken.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from srmlint.model import Definition, Intrinsic, ParsedFile, Resource, Unknown
from srmlint.parsers.cloudformation import convert

__all__ = ["resolve_cloudformation"]


class _Residual:
    """Not static: keeps the raw intrinsic it came from."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw


#: ``Ref: AWS::NoValue``: the property is removed.
_NO_VALUE = object()
_SUB = re.compile(r"\$\{([^}]*)\}")
#: Parameter types whose value is not the text given (SSM look-ups happen at deploy time).
_DYNAMIC_TYPES = ("AWS::SSM::Parameter::Value",)


def _known(value: Any) -> bool:
    if isinstance(value, _Residual) or value is _NO_VALUE:
        return False
    if isinstance(value, dict):
        return all(_known(v) for v in value.values())
    if isinstance(value, list):
        return all(_known(v) for v in value)
    return True


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return None


class _Template:
    """Evaluates one template's intrinsics against its parameters, mappings and conditions."""

    def __init__(self, definitions: tuple[Definition, ...], overrides: Mapping[str, Any]) -> None:
        self.parameters: dict[str, Any] = {}
        self.mappings: dict[str, Any] = {}
        self.conditions: dict[str, Any] = {}
        for d in definitions:
            if d.kind == "parameter" and isinstance(d.value, dict):
                value = overrides.get(d.name, d.value.get("Default"))
                kind = str(d.value.get("Type", ""))
                if value is None or isinstance(value, Unknown) or kind.startswith(_DYNAMIC_TYPES):
                    continue
                if ("CommaDelimitedList" in kind or kind.startswith("List<")) and isinstance(value, str):
                    value = [part.strip() for part in value.split(",")]
                self.parameters[d.name] = value
            elif d.kind == "mapping":
                self.mappings[d.name] = d.value
            elif d.kind == "condition":
                self.conditions[d.name] = d.value
        self._decided: dict[str, bool | None] = {}
        self._busy: set[str] = set()

    def condition(self, name: Any) -> bool | None:
        """A named condition's value; None when it is not static."""
        if not isinstance(name, str) or name not in self.conditions or name in self._busy:
            return None
        if name not in self._decided:
            self._busy.add(name)
            try:
                value = self.eval(_raw(self.conditions[name]))
            finally:
                self._busy.discard(name)
            self._decided[name] = value if isinstance(value, bool) else None
        return self._decided[name]

    def eval(self, raw: Any) -> Any:
        if isinstance(raw, dict):
            if len(raw) == 1:
                ((key, args),) = raw.items()
                if key == "Ref" or (isinstance(key, str) and key.startswith("Fn::")) or key == "Condition":
                    return self._intrinsic(key, args, raw)
            result: dict[Any, Any] = {}
            for key, value in raw.items():
                evaluated = self.eval(value)
                if evaluated is not _NO_VALUE:
                    result[key] = evaluated
            return result
        if isinstance(raw, list):
            return [v for v in (self.eval(item) for item in raw) if v is not _NO_VALUE]
        return raw

    def _intrinsic(self, name: str, args: Any, raw: Any) -> Any:
        residual = _Residual(raw)
        if name == "Ref":
            if args == "AWS::NoValue":
                return _NO_VALUE
            return self.parameters.get(args, residual) if isinstance(args, str) else residual
        if name == "Condition" and not isinstance(args, str):
            return residual
        if name == "Condition":
            decided = self.condition(args)
            return residual if decided is None else decided
        if name == "Fn::If":
            if not isinstance(args, list) or len(args) != 3:
                return residual
            decided = self.condition(args[0])
            if decided is not None:
                return self.eval(args[1] if decided else args[2])
            true, false = self.eval(args[1]), self.eval(args[2])
            if _known(true) and _known(false) and true == false:
                return true
            return residual
        if name in ("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"):
            return self._logic(name, args, residual)
        if name == "Fn::FindInMap":
            return self._find_in_map(args, residual)
        if name == "Fn::Sub":
            return self._sub(args, residual)
        if name == "Fn::Join":
            if isinstance(args, list) and len(args) == 2:
                sep, items = self.eval(args[0]), self.eval(args[1])
                if isinstance(sep, str) and isinstance(items, list) and _known(items):
                    texts = [_scalar_text(i) for i in items]
                    if all(t is not None for t in texts):
                        return sep.join(t for t in texts if t is not None)
            return residual
        if name == "Fn::Select":
            if isinstance(args, list) and len(args) == 2:
                index, items = self.eval(args[0]), self.eval(args[1])
                if isinstance(items, list) and isinstance(index, int | str) and str(index).isdigit():
                    position = int(index)
                    if position < len(items) and _known(items[position]):
                        return items[position]
            return residual
        if name == "Fn::Split":
            if isinstance(args, list) and len(args) == 2:
                sep, text = self.eval(args[0]), self.eval(args[1])
                if isinstance(sep, str) and sep and isinstance(text, str):
                    return text.split(sep)
            return residual
        return residual

    def _logic(self, name: str, args: Any, residual: _Residual) -> Any:
        if not isinstance(args, list):
            return residual
        values = [self.eval(a) for a in args]
        if name == "Fn::Equals":
            if len(values) != 2 or not all(_known(v) for v in values):
                return residual
            left, right = (_scalar_text(v) if not isinstance(v, list | dict) else v for v in values)
            return left == right
        bools = [v if isinstance(v, bool) else None for v in values]
        if name == "Fn::Not":
            return residual if len(bools) != 1 or bools[0] is None else not bools[0]
        if name == "Fn::And":
            if any(b is False for b in bools):
                return False
            return residual if any(b is None for b in bools) else True
        if any(b is True for b in bools):  # Fn::Or
            return True
        return residual if any(b is None for b in bools) else False

    def _find_in_map(self, args: Any, residual: _Residual) -> Any:
        if not isinstance(args, list) or len(args) not in (3, 4):
            return residual
        keys = [self.eval(a) for a in args[:3]]
        if not all(isinstance(k, str | int) and not isinstance(k, bool) for k in keys):
            return residual
        table = self.mappings.get(str(keys[0]))
        second = table.get(str(keys[1])) if isinstance(table, dict) else None
        if isinstance(second, dict) and str(keys[2]) in second:
            value = second[str(keys[2])]
            return value if not isinstance(value, Unknown) else residual
        if len(args) == 4 and isinstance(args[3], dict) and "DefaultValue" in args[3]:
            return self.eval(args[3]["DefaultValue"])
        return residual

    def _sub(self, args: Any, residual: _Residual) -> Any:
        template: Any = args
        variables: dict[str, Any] = {}
        if isinstance(args, list):
            if not args or len(args) > 2:
                return residual
            template = args[0]
            if len(args) == 2:
                if not isinstance(args[1], dict):
                    return residual
                variables = {str(k): self.eval(v) for k, v in args[1].items()}
        if not isinstance(template, str):
            return residual
        unknown = False

        def substitute(match: re.Match[str]) -> str:
            nonlocal unknown
            inner = match.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            name = inner.strip()
            value = variables[name] if name in variables else self.parameters.get(name, _Residual(None))
            text = _scalar_text(value) if _known(value) else None
            if text is None:
                unknown = True
                return match.group(0)
            return text

        result = _SUB.sub(substitute, template)
        return residual if unknown else result


def _raw(value: Any) -> Any:
    """Model data (with Unknown(Intrinsic)) back to decoded form, for evaluation."""
    if isinstance(value, Unknown) and isinstance(value.expr, Intrinsic):
        return {value.expr.name: value.expr.args}
    if isinstance(value, dict):
        return {k: _raw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_raw(v) for v in value]
    return value


def _finish(value: Any, original: Any) -> Any:
    """Evaluation result to model data; an unchanged residual keeps the original Unknown."""
    if isinstance(value, _Residual):
        return original if isinstance(original, Unknown) else convert(value.raw)
    if isinstance(value, dict):
        return {k: _finish(v, None) for k, v in value.items()}
    if isinstance(value, list):
        return [_finish(v, None) for v in value]
    return value


def _resolve_value(template: _Template, value: Any) -> Any:
    if isinstance(value, Unknown):
        intrinsic = value.expr
        if not isinstance(intrinsic, Intrinsic) or intrinsic.name == "Fn::GetAtt" or (
                intrinsic.name == "Ref" and isinstance(intrinsic.args, str)
                and intrinsic.args not in template.parameters and intrinsic.args != "AWS::NoValue"):
            return value  # the common case, a resource's attribute: never static
        return _finish(template.eval({intrinsic.name: intrinsic.args}), value)
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            resolved = _resolve_value(template, item)
            if resolved is not _NO_VALUE:
                out[key] = resolved
        return out
    if isinstance(value, list):
        return [v for v in (_resolve_value(template, item) for item in value) if v is not _NO_VALUE]
    return value


def resolve_cloudformation(pf: ParsedFile, parameters: Mapping[str, Any]) -> ParsedFile:
    """``pf`` with parameters, mappings and conditions applied where static;
    resources whose ``Condition`` is statically false are left out."""
    if pf.format != "cloudformation" or not pf.resources:
        return pf
    if not any(d.kind in ("parameter", "mapping", "condition") for d in pf.definitions):
        return pf  # with nothing to look up, intrinsics only name resources and pseudo-parameters
    template = _Template(pf.definitions, parameters)
    resources: list[Resource] = []
    changed = False
    for resource in pf.resources:
        condition = resource.meta.get("Condition")
        if isinstance(condition, str) and template.condition(condition) is False:
            changed = True
            continue
        attributes = _resolve_value(template, resource.attributes)
        if attributes != resource.attributes:
            changed = True
            resource = replace(resource, attributes=attributes)
        resources.append(resource)
    return replace(pf, resources=tuple(resources)) if changed else pf
