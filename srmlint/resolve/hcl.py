"""Static evaluation of HCL expression trees against known variables and locals.

Why partial evaluation rather than "value or nothing": most attributes in real
modules mix what is static (a variable default, a literal) with what only
exists at apply time (``aws_s3_bucket.b.arn``). :meth:`Evaluator.eval`
returns the Python value when everything is static, otherwise an
:class:`~srmlint.model.Unknown` whose expression is the *residual* tree: every
static part folded into a literal, every dynamic part kept as written. The
residual still names the resources it depends on, so references survive and
:mod:`srmlint.evaluate` can still read a JSON heredoc with one unknown ARN.

Terraform errors (a missing map key, an index out of range) raise
:class:`EvalError`, which ``try``/``can`` catch as Terraform does; anything
this evaluator merely does not model gives an Unknown, never a guess.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, cast

from srmlint import expr as E
from srmlint.evaluate import object_key
from srmlint.model import Unknown

__all__ = ["EvalError", "Evaluator", "distinct", "is_known", "to_expr"]


class EvalError(Exception):
    """What Terraform itself would reject (and ``try`` would catch)."""


#: Bound names in scope while evaluating: for-expression variables, dynamic
#: block iterators, ``count``/``each``.
Env = Mapping[str, Any]

_EMPTY: Env = {}
_MISSING = object()


def is_known(value: Any) -> bool:
    """Whether ``value`` holds no Unknown at any depth."""
    if isinstance(value, Unknown):
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def to_expr(value: Any) -> E.Expr:
    """The expression tree of a (partially) known value, for residuals."""
    if isinstance(value, Unknown):
        tree = _tree(value)
        return tree if tree is not None else E.Opaque(value.text)
    if isinstance(value, dict):
        return E.ObjectExpr(tuple((E.Literal(str(k)), to_expr(v)) for k, v in value.items()))
    if isinstance(value, list):
        return E.TupleExpr(tuple(to_expr(v) for v in value))
    return E.Literal(value)


_EXPR_TYPES = frozenset(E.EXPR_TYPES)


def _tree(value: Unknown) -> E.Expr | None:
    """The HCL tree of an Unknown (None for CloudFormation intrinsics and bare Unknowns)."""
    return cast(E.Expr, value.expr) if type(value.expr) in _EXPR_TYPES else None


def _unknown(expr: E.Expr) -> Unknown:
    return Unknown(expr)


def tostring(value: Any) -> str:
    """HCL's string conversion of a primitive; collections and null have none."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    raise EvalError(f"cannot convert {type(value).__name__} to string")


def tonumber(value: Any) -> int | float:
    if isinstance(value, bool):
        raise EvalError("cannot convert bool to number")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise EvalError(f"cannot convert {value!r} to number") from None
        return int(number) if number.is_integer() and "." not in value and "e" not in value.lower() else number
    raise EvalError(f"cannot convert {type(value).__name__} to number")


def tobool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise EvalError(f"cannot convert {value!r} to bool")


def _number_result(value: float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


# -- functions -----------------------------------------------------------------------------------

_FORMAT_VERB = re.compile(r"%(?:%|([-+ #0]*)(\d*)(?:\.(\d+))?([sdvqfbxXoeEgGt]))")


def _format(spec: str, *args: Any) -> str:
    values = list(args)
    out: list[str] = []
    last = 0
    for match in _FORMAT_VERB.finditer(spec):
        out.append(spec[last : match.start()])
        last = match.end()
        if match.group(0) == "%%":
            out.append("%")
            continue
        if not values:
            raise EvalError("format: too few arguments")
        flags, width, precision, verb = match.groups()
        value = values.pop(0)
        if verb in ("s", "v"):
            text = tostring(value) if not isinstance(value, list | dict) else json.dumps(value)
        elif verb == "q":
            text = json.dumps(tostring(value))
        elif verb == "t":
            text = tostring(tobool(value))
        elif verb == "d":
            text = str(int(tonumber(value)))
        elif verb == "f":
            text = f"{float(tonumber(value)):.{int(precision) if precision else 6}f}"
        else:  # the rarer verbs: not worth guessing Go's exact output
            raise _Unmodelled
        if width:
            text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), "0" if "0" in flags else " ")
        out.append(text)
    out.append(spec[last:])
    return "".join(out)


class _Unmodelled(Exception):
    """A call this evaluator does not model: the result is unknown, not an error."""


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    if not isinstance(mapping, dict):
        raise EvalError("lookup: not a map")
    key = tostring(key)
    if key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise EvalError(f"lookup: no key {key!r}")


def _element(items: Any, index: Any) -> Any:
    if not isinstance(items, list) or not items:
        raise EvalError("element: empty or not a list")
    return items[int(tonumber(index)) % len(items)]


def _merge(*maps: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in maps:
        if item is None:
            continue
        if not isinstance(item, dict):
            raise EvalError("merge: arguments must be maps")
        result.update(item)
    return result


def _concat(*lists: Any) -> list[Any]:
    result: list[Any] = []
    for item in lists:
        if not isinstance(item, list):
            raise EvalError("concat: arguments must be lists")
        result.extend(item)
    return result


def _flatten(items: Any) -> list[Any]:
    if not isinstance(items, list):
        raise EvalError("flatten: not a list")
    out: list[Any] = []
    for item in items:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return out


def _length(value: Any) -> int:
    if isinstance(value, list | dict | str):
        return len(value)
    raise EvalError("length: not a collection or string")


def distinct(items: Any) -> list[Any]:
    """The items once each, in order (a Terraform set's elements)."""
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _tolist(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise EvalError("tolist: not a list")


def _tomap(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise EvalError("tomap: not a map")


def _one(value: Any) -> Any:
    if not isinstance(value, list) or len(value) > 1:
        raise EvalError("one: more than one element")
    return value[0] if value else None


def _replace(text: Any, old: Any, new: Any) -> str:
    old_s = tostring(old)
    if len(old_s) > 1 and old_s.startswith("/") and old_s.endswith("/"):
        raise _Unmodelled  # a regular expression in RE2 syntax
    return tostring(text).replace(old_s, tostring(new))


def _keys(value: Any) -> list[str]:
    return sorted(_tomap(value))


def _values(value: Any) -> list[Any]:
    mapping = _tomap(value)
    return [mapping[k] for k in sorted(mapping)]


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    if not isinstance(keys, list) or not isinstance(values, list) or len(keys) != len(values):
        raise EvalError("zipmap: lists of different lengths")
    return {tostring(k): v for k, v in zip(keys, values, strict=True)}


def _jsonencode(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=False, ensure_ascii=False)


def _jsondecode(text: Any) -> Any:
    try:
        return json.loads(tostring(text))
    except ValueError:
        raise EvalError("jsondecode: not JSON") from None


def _substr(text: Any, offset: Any, length: Any) -> str:
    value, start, count = tostring(text), int(tonumber(offset)), int(tonumber(length))
    if start < 0:
        start += len(value)
    return value[start:] if count < 0 else value[start : start + count]


#: Terraform refuses a ``range`` of more elements than this.
_RANGE_LIMIT = 1024


def _range(*args: Any) -> list[int | float]:
    numbers = [tonumber(a) for a in args]
    start: int | float
    limit: int | float
    step: int | float
    if len(numbers) == 1:
        start, limit, step = 0, numbers[0], 1
    elif len(numbers) == 2:
        start, limit = numbers
        step = 1 if start <= limit else -1
    elif len(numbers) == 3:
        start, limit, step = numbers
    else:
        raise EvalError("range: one to three arguments")
    if step == 0 or (step > 0 and start > limit) or (step < 0 and start < limit):
        raise _Unmodelled  # Terraform's exact error or empty result: not guessed
    out: list[int | float] = []
    value = start
    while (value < limit) if step > 0 else (value > limit):
        if len(out) == _RANGE_LIMIT:
            raise EvalError(f"range: more than {_RANGE_LIMIT} elements")
        out.append(_number_result(value))
        value += step
    return out


def _slice(items: Any, start: Any, end: Any) -> list[Any]:
    values, first, last = _tolist(items), int(tonumber(start)), int(tonumber(end))
    if not 0 <= first <= last <= len(values):
        raise EvalError("slice: index out of range")
    return values[first:last]


def _sum(items: Any) -> int | float:
    numbers = [tonumber(v) for v in _tolist(items)]
    if not numbers:
        raise EvalError("sum: empty list")
    return _number_result(math.fsum(numbers)) if any(isinstance(n, float) for n in numbers) else sum(numbers)


def _network(prefix: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(tostring(prefix), strict=False)
    except ValueError:
        raise EvalError(f"not a CIDR prefix: {prefix!r}") from None


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> str:
    network, bits, number = _network(prefix), int(tonumber(newbits)), int(tonumber(netnum))
    length = network.prefixlen + bits
    if bits < 0 or length > network.max_prefixlen or not 0 <= number < 2 ** bits:
        raise EvalError("cidrsubnet: out of range")
    address = network.network_address + number * 2 ** (network.max_prefixlen - length)
    return f"{address}/{length}"


def _cidrhost(prefix: Any, hostnum: Any) -> str:
    network, number = _network(prefix), int(tonumber(hostnum))
    size = network.num_addresses
    if not -size <= number < size:
        raise EvalError("cidrhost: out of range")
    return str(network.network_address + (number % size))


def _cidrnetmask(prefix: Any) -> str:
    network = _network(prefix)
    if network.version != 4:
        raise EvalError("cidrnetmask: IPv4 only")
    return str(network.netmask)


def _base64decode(text: Any) -> str:
    try:
        return base64.b64decode(tostring(text), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise EvalError("base64decode: not base64 of UTF-8 text") from None


#: Functions over fully known arguments: name -> implementation.
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "range": _range,
    "slice": _slice,
    "sum": _sum,
    "alltrue": lambda items: all(tobool(v) for v in _tolist(items)),
    "anytrue": lambda items: any(tobool(v) for v in _tolist(items)),
    "setunion": lambda *sets: distinct(_concat(*sets)),
    "setintersection": lambda first, *rest: [v for v in distinct(_tolist(first))
                                             if all(v in _tolist(other) for other in rest)],
    "setsubtract": lambda a, b: [v for v in distinct(_tolist(a)) if v not in _tolist(b)],
    "sensitive": lambda v: v,
    "nonsensitive": lambda v: v,
    "trim": lambda s, chars: tostring(s).strip(tostring(chars)),
    "chomp": lambda s: re.sub(r"(\r?\n)+$", "", tostring(s)),
    "strrev": lambda s: tostring(s)[::-1],
    "cidrsubnet": _cidrsubnet,
    "cidrhost": _cidrhost,
    "cidrnetmask": _cidrnetmask,
    "base64encode": lambda s: base64.b64encode(tostring(s).encode("utf-8")).decode("ascii"),
    "base64decode": _base64decode,
    "format": lambda spec, *a: _format(tostring(spec), *a),
    "join": lambda sep, *lists: tostring(sep).join(tostring(v) for item in lists for v in _tolist(item)),
    "split": lambda sep, text: tostring(text).split(tostring(sep)),
    "lower": lambda s: tostring(s).lower(),
    "upper": lambda s: tostring(s).upper(),
    "title": lambda s: tostring(s).title(),
    "trimspace": lambda s: tostring(s).strip(),
    "trimprefix": lambda s, p: tostring(s).removeprefix(tostring(p)),
    "trimsuffix": lambda s, p: tostring(s).removesuffix(tostring(p)),
    "startswith": lambda s, p: tostring(s).startswith(tostring(p)),
    "endswith": lambda s, p: tostring(s).endswith(tostring(p)),
    "replace": _replace,
    "substr": _substr,
    "tostring": lambda v: None if v is None else tostring(v),
    "tonumber": lambda v: None if v is None else tonumber(v),
    "tobool": lambda v: None if v is None else tobool(v),
    "jsonencode": _jsonencode,
    "jsondecode": _jsondecode,
    "contains": lambda items, v: v in _tolist(items),
    "index": lambda items, v: _tolist(items).index(v) if v in _tolist(items) else _raise("index: not found"),
    "distinct": lambda items: distinct(_tolist(items)),
    "compact": lambda items: [v for v in _tolist(items) if v not in (None, "")],
    "sort": lambda items: sorted(tostring(v) for v in _tolist(items)),
    "reverse": lambda items: list(reversed(_tolist(items))),
    "zipmap": _zipmap,
    "max": lambda *n: _number_result(max(tonumber(v) for v in n)),
    "min": lambda *n: _number_result(min(tonumber(v) for v in n)),
    "abs": lambda n: abs(tonumber(n)),
    "ceil": lambda n: math.ceil(tonumber(n)),
    "floor": lambda n: math.floor(tonumber(n)),
    "signum": lambda n: (tonumber(n) > 0) - (tonumber(n) < 0),
}

#: Functions that only need their arguments' outer structure known: the items
#: inside may stay Unknown (``concat([aws_s3_bucket.b.arn], ["x"])``).
_SHALLOW: dict[str, Callable[..., Any]] = {
    "length": _length,
    "concat": _concat,
    "merge": _merge,
    "lookup": _lookup,
    "element": _element,
    "keys": _keys,
    "values": _values,
    "tolist": _tolist,
    "toset": lambda v: distinct(_tolist(v)),
    "tomap": _tomap,
    "flatten": _flatten,
    "one": _one,
}


def _raise(message: str) -> Any:
    raise EvalError(message)


# -- the evaluator ---------------------------------------------------------------------------------


class Evaluator:
    """Evaluates the expressions of one module instance.

    ``variables`` are the module's input values (an Unknown where no value is
    known); ``locals_`` the raw parsed values of its locals, evaluated lazily
    and once (a cycle yields Unknown); ``modules`` answers ``module.NAME``
    with the child's outputs, when the caller can expand it.
    """

    def __init__(
        self,
        variables: Mapping[str, Any],
        locals_: Mapping[str, Any],
        modules: Callable[[str], Any] | None = None,
        path_module: str | None = None,
    ) -> None:
        self.variables = variables
        self._local_raw = locals_
        self._locals: dict[str, Any] = {}
        self._busy: set[str] = set()
        self._modules = modules
        self._path_module = path_module

    # -- entry points -----------------------------------------------------------------------

    def value(self, raw: Any, env: Env = _EMPTY) -> Any:
        """A parsed attribute value (data with Unknown leaves) with every leaf
        evaluated; an Unknown that does not change is returned as is."""
        if isinstance(raw, Unknown):
            tree = _tree(raw)
            if tree is None:
                return raw
            try:
                result = self.eval(tree, env)
            except (EvalError, RecursionError):
                return raw
            if isinstance(result, Unknown):
                return raw if result.expr is raw.expr or result.expr == raw.expr else Unknown(result.expr, raw.text)
            return result
        if isinstance(raw, dict):
            return {k: self.value(v, env) for k, v in raw.items()}
        if isinstance(raw, list):
            return [self.value(v, env) for v in raw]
        return raw

    def local(self, name: str) -> Any:
        if name in self._locals:
            return self._locals[name]
        unknown = _unknown(E.Traversal("local", (E.GetAttr(name),)))
        if name not in self._local_raw or name in self._busy:
            return unknown
        self._busy.add(name)
        try:
            result = self.value(self._local_raw[name])
        finally:
            self._busy.discard(name)
        self._locals[name] = result
        return result

    # -- expressions ------------------------------------------------------------------------

    def eval(self, node: E.Expr, env: Env = _EMPTY) -> Any:
        """The value of ``node``, or an Unknown holding its residual tree."""
        kind = type(node)
        if kind is E.Literal:
            return node.value  # type: ignore[union-attr]
        # One dictionary look-up instead of a chain of isinstance checks: the
        # evaluator is the hot loop of resolving a module called many times.
        method = _DISPATCH.get(kind)
        return _unknown(node) if method is None else method(self, node, env)

    def _tuple(self, node: E.TupleExpr, env: Env) -> Any:
        return [self.eval(item, env) for item in node.items]

    def _postfix(self, node: E.Postfix, env: Env) -> Any:
        source = self.eval(node.source, env)
        if isinstance(source, Unknown):
            return _unknown(E.Postfix(to_expr(source), self._fold_steps(node.steps, env)))
        return self._steps(source, node.steps, env, node)

    def _traversal(self, node: E.Traversal, env: Env) -> Any:
        root, steps = node.root, node.steps
        value: Any
        if root in env:
            value = env[root]
        elif root in ("var", "local") and steps and isinstance(steps[0], E.GetAttr):
            name = steps[0].name
            if root == "var":
                value = self.variables.get(name, _MISSING)
                if value is _MISSING:
                    value = _unknown(E.Traversal("var", (E.GetAttr(name),)))
            else:
                value = self.local(name)
            steps = steps[1:]
        elif root == "module" and self._modules is not None and steps and isinstance(steps[0], E.GetAttr):
            value = self._modules(steps[0].name)
            steps = steps[1:]
            if isinstance(value, Unknown):
                return _unknown(E.Traversal(root, self._fold_steps(node.steps, env)))
        elif root == "path" and self._path_module is not None and node.attr_names()[:1] == ("module",):
            value = self._path_module
            steps = steps[1:]
        else:  # a resource, data source or something only known at apply time
            folded = self._fold_steps(steps, env)
            return _unknown(node if folded is steps else E.Traversal(root, folded))
        if isinstance(value, Unknown):
            rest = self._fold_steps(steps, env)
            if isinstance(value.expr, E.Traversal):
                return _unknown(E.Traversal(value.expr.root, value.expr.steps + rest))
            if not steps:
                return value
            return _unknown(E.Traversal(root, self._fold_steps(node.steps, env)))
        return self._steps(value, steps, env, node)

    def _fold_steps(self, steps: tuple[E.Step, ...], env: Env) -> tuple[E.Step, ...]:
        """``steps`` with index keys evaluated (``steps`` itself when there are none)."""
        if not any(type(step) is E.Index for step in steps):
            return steps
        folded: list[E.Step] = []
        for step in steps:
            if isinstance(step, E.Index):
                try:
                    key = self.eval(step.key, env)
                except EvalError:
                    key = _unknown(step.key)
                folded.append(E.Index(to_expr(key)))
            else:
                folded.append(step)
        return tuple(folded)

    def _steps(self, value: Any, steps: tuple[E.Step, ...], env: Env, node: E.Expr) -> Any:
        if not steps:
            return value
        for position, step in enumerate(steps):
            if isinstance(value, Unknown):
                return _unknown(E.Postfix(to_expr(value), self._fold_steps(steps[position:], env)))
            if isinstance(step, E.GetAttr):
                value = self._get(value, step.name)
            elif isinstance(step, E.Index):
                key = self.eval(step.key, env)
                if isinstance(key, Unknown):
                    return _unknown(E.Postfix(to_expr(value), self._fold_steps(steps[position:], env)))
                value = self._get(value, key)
            else:  # splat: apply the remaining steps to each item
                items = value if isinstance(value, list) else ([] if value is None else [value])
                rest = steps[position + 1 :]
                return [self._steps(item, rest, env, node) for item in items]
        return value

    @staticmethod
    def _get(value: Any, key: Any) -> Any:
        if isinstance(value, dict):
            name = tostring(key)
            if name not in value:
                raise EvalError(f"no attribute or key {name!r}")
            return value[name]
        if isinstance(value, list):
            index = tonumber(key)
            if not isinstance(index, int) or not 0 <= index < len(value):
                raise EvalError("index out of range")
            return value[index]
        raise EvalError(f"cannot index a {type(value).__name__}")

    def _template(self, node: E.Template, env: Env) -> Any:
        parts: list[Any] = []
        for part in node.parts:
            value = self.eval(part, env)
            if not isinstance(value, Unknown):
                if value is None or isinstance(value, list | dict):
                    return _unknown(node)
                value = tostring(value)
            parts.append(value)
        if all(isinstance(p, str) for p in parts):
            return "".join(parts)
        merged: list[E.Expr] = []
        for part in parts:  # adjacent text joined, as the reader writes templates
            if isinstance(part, str):
                last = merged[-1] if merged else None
                if isinstance(last, E.Literal) and isinstance(last.value, str):
                    merged[-1] = E.Literal(last.value + part)
                    continue
                merged.append(E.Literal(part))
            else:
                merged.append(to_expr(part))
        return _unknown(E.Template(tuple(merged)))

    def _call(self, node: E.FunctionCall, env: Env) -> Any:
        name = node.name
        if name in ("try", "can"):
            return self._try(node, env)
        args = [self.eval(arg, env) for arg in node.args]
        if node.expand_final and args:
            last = args.pop()
            if not isinstance(last, list):
                return _unknown(E.FunctionCall(name, tuple(map(to_expr, [*args, last])), True))
            args.extend(last)

        def residual() -> Unknown:
            return _unknown(E.FunctionCall(name, tuple(to_expr(a) for a in args)))

        if name == "coalesce":
            for arg in args:
                if isinstance(arg, Unknown):
                    return residual()
                if arg is not None and arg != "":
                    return arg
            raise EvalError("coalesce: no non-null argument")
        if name == "coalescelist":
            for arg in args:
                if isinstance(arg, Unknown):
                    return residual()
                if isinstance(arg, list) and arg:
                    return arg
            return []
        if name in _SHALLOW:
            func = _SHALLOW[name]
            if any(isinstance(a, Unknown) for a in args) or (
                name == "lookup" and len(args) > 1 and not is_known(args[1])
            ):
                return residual()
        elif name in _FUNCTIONS:
            func = _FUNCTIONS[name]
            if not all(is_known(a) for a in args):
                return residual()
        else:
            return residual()
        try:
            return func(*args)
        except EvalError:
            raise
        except Exception:  # a case not modelled (wrong arity, odd types): unknown, not a guess
            return residual()

    def _try(self, node: E.FunctionCall, env: Env) -> Any:
        for arg in node.args:
            try:
                value = self.eval(arg, env)
            except EvalError:
                continue
            if isinstance(value, Unknown):
                # A wholly unknown alternative may still fail at apply time,
                # so what follows it cannot be chosen statically.
                return _unknown(node)
            # A partly known value did evaluate: unknown leaves inside it
            # cannot make the expression fail (Terraform's rule too).
            return True if node.name == "can" else value
        if node.name == "can":
            return False
        raise EvalError("try: every alternative failed")

    def _conditional(self, node: E.Conditional, env: Env) -> Any:
        cond = self.eval(node.condition, env)
        if not isinstance(cond, Unknown):
            return self.eval(node.true if tobool(cond) else node.false, env)
        true, false = self._safe(node.true, env), self._safe(node.false, env)
        if is_known(true) and is_known(false) and true == false and not isinstance(true, _Failed):
            return true
        return _unknown(E.Conditional(to_expr(cond), self._expr_of(true, node.true),
                                      self._expr_of(false, node.false)))

    def _safe(self, node: E.Expr, env: Env) -> Any:
        try:
            return self.eval(node, env)
        except EvalError:
            return _Failed()

    @staticmethod
    def _expr_of(value: Any, original: E.Expr) -> E.Expr:
        return original if isinstance(value, _Failed) else to_expr(value)

    def _unary(self, node: E.UnaryOp, env: Env) -> Any:
        operand = self.eval(node.operand, env)
        if isinstance(operand, Unknown):
            return _unknown(E.UnaryOp(node.op, to_expr(operand)))
        if node.op == "!":
            return not tobool(operand)
        if node.op == "-":
            return -tonumber(operand)
        return _unknown(node)

    def _binary(self, node: E.BinaryOp, env: Env) -> Any:
        op = node.op
        left = self.eval(node.left, env)
        if op in ("&&", "||") and not isinstance(left, Unknown) and tobool(left) is (op == "||"):
            return tobool(left)  # false && x, true || x: known whatever x is
        right = self.eval(node.right, env)
        if op in ("&&", "||") and not isinstance(right, Unknown) and tobool(right) is (op == "||"):
            return tobool(right)
        if not is_known(left) or not is_known(right):
            return _unknown(E.BinaryOp(op, to_expr(left), to_expr(right)))
        if op == "==":
            return _equal(left, right)
        if op == "!=":
            return not _equal(left, right)
        if op in ("&&", "||"):
            return tobool(right)  # the left operand did not decide
        a, b = tonumber(left), tonumber(right)
        if op == "+":
            return _number_result(a + b)
        if op == "-":
            return _number_result(a - b)
        if op == "*":
            return _number_result(a * b)
        if op == "/":
            if b == 0:
                raise EvalError("division by zero")
            return _number_result(a / b)
        if op == "%":
            if b == 0:
                raise EvalError("division by zero")
            return _number_result(math.fmod(a, b))
        comparisons = {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}
        if op in comparisons:
            return comparisons[op]
        return _unknown(node)

    def _object(self, node: E.ObjectExpr, env: Env) -> Any:
        result: dict[str, Any] = {}
        for key_expr, val_expr in node.items:
            key = object_key(key_expr)
            if key is None:
                evaluated = self.eval(key_expr, env)
                if evaluated is None or isinstance(evaluated, Unknown | list | dict):
                    return _unknown(node)
                key = tostring(evaluated)
            result[key] = self.eval(val_expr, env)
        return result

    def _for(self, node: E.ForExpr, env: Env) -> Any:
        collection = self.eval(node.collection, env)
        if isinstance(collection, Unknown):
            return _unknown(node)
        if isinstance(collection, dict):
            pairs: list[tuple[Any, Any]] = list(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            raise EvalError("for: not a collection")
        items: list[Any] = []
        mapping: dict[str, Any] = {}
        for key, value in pairs:
            scope = dict(env)
            scope[node.value_var] = value
            if node.key_var:
                scope[node.key_var] = key
            if node.condition is not None:
                keep = self.eval(node.condition, scope)
                if isinstance(keep, Unknown):
                    return _unknown(node)
                if not tobool(keep):
                    continue
            result = self.eval(node.value, scope)
            if not node.is_object:
                items.append(result)
                continue
            assert node.key is not None
            out_key = self.eval(node.key, scope)
            if isinstance(out_key, Unknown):
                return _unknown(node)
            name = tostring(out_key)
            if node.grouping:
                mapping.setdefault(name, []).append(result)
            elif name in mapping:
                raise EvalError(f"for: duplicate key {name!r}")
            else:
                mapping[name] = result
        return mapping if node.is_object else items


_DISPATCH: dict[type, Callable[[Evaluator, Any, Env], Any]] = {
    E.Traversal: Evaluator._traversal,
    E.Template: Evaluator._template,
    E.FunctionCall: Evaluator._call,
    E.Conditional: Evaluator._conditional,
    E.BinaryOp: Evaluator._binary,
    E.UnaryOp: Evaluator._unary,
    E.TupleExpr: Evaluator._tuple,
    E.ObjectExpr: Evaluator._object,
    E.Postfix: Evaluator._postfix,
    E.ForExpr: Evaluator._for,
}


class _Failed:
    """A conditional branch that would fail to evaluate (only matters if chosen)."""


def _equal(left: Any, right: Any) -> bool:
    # HCL compares values with their types: "1" == 1 is false, 1 == 1.0 is true.
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, str) != isinstance(right, str):
        return False
    return bool(left == right)
