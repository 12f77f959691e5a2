"""SAM: the resources the transform creates that the template never names.

Why: an ``AWS::Serverless::Function`` (or ``StateMachine``) event of ``Type: Api`` without a
``RestApiId`` makes SAM create the REST API ``ServerlessRestApi`` (stage
``Prod``), and an event of ``Type: HttpApi`` without an ``ApiId`` the HTTP API
``ServerlessHttpApi``. Both are deployed, reachable from the internet, and
configured only through ``Globals.Api``/``Globals.HttpApi`` -- so a template
with no word about access logs, tracing or authorization deploys an API with
none of them. Each event also becomes a method (a route) of its API whose
authorization SAM decides from the event's ``Auth.Authorizer`` /
``Auth.ApiKeyRequired`` and the API's ``Auth.DefaultAuthorizer`` /
``Auth.ApiKeyRequired``.

What this module adds, as SAM's translator would (its ``ImplicitRestApiPlugin``,
``ImplicitHttpApiPlugin`` and the swagger editor's ``add_auth_to_method``):

- before ``Globals`` are merged, an ``AWS::Serverless::Api`` named
  ``ServerlessRestApi`` and/or an ``AWS::Serverless::HttpApi`` named
  ``ServerlessHttpApi`` (SAM adds them before its Globals plugin runs, so
  ``Globals.Api``/``Globals.HttpApi`` apply to them), located at the first
  event that creates them; after conditions are applied it is dropped again
  when no function that creates it is left;
- after parameters and conditions are applied, per event an
  ``AWS::ApiGateway::Method`` (REST) or ``AWS::ApiGatewayV2::Route`` (HTTP)
  with the authorization SAM gives it, located at the event's entry under
  ``Events``, and a reference to its API; for the events of the implicit APIs
  and of the ``AWS::Serverless::Api``/``HttpApi`` of the same template that an
  event names with ``RestApiId: !Ref X``/``ApiId: !Ref X``.

Everything added is marked :data:`~srmlint.model.GENERATED` (``--fix`` never
edits it) and carries no line of its own: findings land on the event (or on
the ``Globals`` line whose value they judge). What is not static stays
Unknown: an authorizer given by an intrinsic, an API whose OpenAPI
``DefinitionBody``/``DefinitionUri`` may state its own security, an
``Auth.ResourcePolicy`` (which may restrict callers). The full SAM expansion
(``aws-sam-translator``) is not run: it costs a quarter of a second to import
(boto3) and about 15 ms per template, and its output (an OpenAPI body inside
``AWS::ApiGateway::RestApi``) has no line numbers and no method resources for
the rules to judge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from srmlint.model import GENERATED, AttrPath, Intrinsic, Location, ParsedFile, Reference, Resource, Unknown

__all__ = ["IMPLICIT_HTTP_API", "IMPLICIT_REST_API", "SAM_EVENT", "SAM_EVENT_SOURCES", "add_event_methods",
           "add_implicit_apis"]

IMPLICIT_REST_API = "ServerlessRestApi"
IMPLICIT_HTTP_API = "ServerlessHttpApi"
#: The SAM types whose events create API methods, and the event types that do.
SAM_EVENT_SOURCES: dict[str, tuple[str, ...]] = {
    "AWS::Serverless::Function": ("Api", "HttpApi"),
    "AWS::Serverless::StateMachine": ("Api",),
}
_REST = "AWS::Serverless::Api"
_HTTP = "AWS::Serverless::HttpApi"
#: ``Resource.meta`` key of a generated method or route: (function logical id, event name).
SAM_EVENT = "<sam-event>"
#: (event Type, the property naming an explicit API, the implicit API's name, its type)
_KINDS: dict[str, tuple[str, str, str]] = {
    "Api": ("RestApiId", IMPLICIT_REST_API, _REST),
    "HttpApi": ("ApiId", IMPLICIT_HTTP_API, _HTTP),
}


def _events(function: Resource) -> list[tuple[str, str, Mapping[str, Any]]]:
    """(event name, ``Api``/``HttpApi``, its Properties) of a function's (or a
    state machine's: ``Api`` only) API events."""
    if function.type not in SAM_EVENT_SOURCES or "Properties" in function.meta:
        return []
    events = function.attributes.get("Events")
    if not isinstance(events, Mapping):
        return []
    found = []
    for name, event in events.items():
        if not isinstance(event, Mapping) or event.get("Type") not in SAM_EVENT_SOURCES[function.type]:
            continue
        props = event.get("Properties", {})
        if props is None:
            props = {}
        if isinstance(props, Mapping):
            found.append((str(name), str(event["Type"]), props))
    return found


def _implicit(kind: str, props: Mapping[str, Any]) -> bool:
    return _KINDS[kind][0] not in props


def add_implicit_apis(pf: ParsedFile) -> ParsedFile:
    """``pf`` with ``ServerlessRestApi``/``ServerlessHttpApi`` added where SAM
    adds them (see the module docstring); call before merging ``Globals``."""
    names = {r.name for r in pf.resources}
    first: dict[str, Resource] = {}
    for function in pf.resources:
        for event, kind, props in _events(function):
            _, api_name, api_type = _KINDS[kind]
            if not _implicit(kind, props) or api_name in names or api_name in first:
                continue
            first[api_name] = Resource(
                format="cloudformation", type=api_type, name=api_name, address=api_name, attributes={},
                location=function.locate("Events", event), scope=function.scope,
                meta={GENERATED: True, SAM_EVENT: (function.name, event)},
            )
    if not first:
        return pf
    return replace(pf, resources=(*pf.resources, *first.values()))


def _api_ref(value: Any) -> str | None:
    """The logical id an explicit ``RestApiId``/``ApiId`` names with ``Ref``."""
    if isinstance(value, Unknown) and isinstance(value.expr, Intrinsic) and value.expr.name == "Ref":
        return value.expr.args if isinstance(value.expr.args, str) else None
    return None


def _undecided(reason: str) -> Unknown:
    return Unknown(None, reason)


class _Auth:
    """The authorization SAM gives one event: (value, where it was decided)."""

    def __init__(self, api: Resource, function: Resource, event: str, props: Mapping[str, Any]) -> None:
        self.api, self.function, self.event = api, function, event
        auth = props.get("Auth")
        self.event_auth: Any = auth if auth is not None else {}
        api_auth = api.attributes.get("Auth")
        self.api_auth: Any = api_auth if api_auth is not None else {}

    def _pick(self, key: str, default_key: str) -> tuple[Any, Location | None]:
        """The event's ``key``, else the API's ``default_key``, with its location."""
        if isinstance(self.event_auth, Mapping) and key in self.event_auth:
            return self.event_auth[key], self.function.locate("Events", self.event, "Properties", "Auth", key)
        if isinstance(self.event_auth, Unknown):
            return self.event_auth, None
        if isinstance(self.api_auth, Mapping) and default_key in self.api_auth:
            return self.api_auth[default_key], self.api.locations.get(("Auth", default_key))
        if isinstance(self.api_auth, Unknown):
            return self.api_auth, None
        return None, None

    def authorization(self, http: bool) -> tuple[Any, Location | None]:
        """The method's ``AuthorizationType`` (REST) or the route's (HTTP)."""
        name, where = self._pick("Authorizer", "DefaultAuthorizer")
        if isinstance(name, Unknown) or (name is not None and not isinstance(name, str)):
            return (name if isinstance(name, Unknown) else _undecided(repr(name))), where
        if name is None or name == "NONE":
            return "NONE", where
        if name == "AWS_IAM":
            return "AWS_IAM", where
        authorizers = self.api_auth.get("Authorizers") if isinstance(self.api_auth, Mapping) else None
        found = authorizers.get(name) if isinstance(authorizers, Mapping) else None
        if isinstance(found, Mapping) and "UserPoolArn" in found and not http:
            return "COGNITO_USER_POOLS", where
        if isinstance(found, Mapping) and "JwtConfiguration" in found and http:
            return "JWT", where
        return "CUSTOM", where  # a Lambda authorizer (or a name SAM would reject: not ours to judge)

    def api_key(self) -> tuple[Any, Location | None]:
        return self._pick("ApiKeyRequired", "ApiKeyRequired")

    def resource_policy(self) -> bool:
        return any(isinstance(a, Mapping) and a.get("ResourcePolicy") is not None
                   for a in (self.event_auth, self.api_auth))


def _method(function: Resource, event: str, kind: str, props: Mapping[str, Any], api: Resource,
            http: bool) -> tuple[Resource, Reference]:
    auth = _Auth(api, function, event, props)
    base: AttrPath = ("Events", event)
    location = function.locate(*base)
    locations: dict[AttrPath, Location] = {}
    method, path = props.get("Method"), props.get("Path")
    if isinstance(method, str):
        method = method.upper()
    authorization, where = auth.authorization(http)
    if "DefinitionBody" in api.attributes or "DefinitionUri" in api.attributes:
        authorization, where = _undecided("the API's OpenAPI definition may set its own security"), None
    elif auth.resource_policy():
        authorization, where = _undecided("a resource policy decides who may call"), None
    if where is not None:
        locations[("AuthorizationType",)] = where
    attributes: dict[str, Any] = {"AuthorizationType": authorization}
    api_key: Any = None
    if not http:
        api_key, where = auth.api_key()
        if where is not None:
            locations[("ApiKeyRequired",)] = where
    if "Method" in props:
        locations[("RouteKey" if http else "HttpMethod",)] = function.locate(*base, "Properties", "Method")
    link: AttrPath
    if http:
        link = ("ApiId",)
        if not props or ("Method" not in props and "Path" not in props):
            attributes["RouteKey"] = "$default"
        elif isinstance(method, str) and isinstance(path, str):
            attributes["RouteKey"] = f"{method} {path}"
        else:
            attributes["RouteKey"] = method if isinstance(method, Unknown) else path
        attributes["ApiId"] = Unknown(Intrinsic("Ref", api.name), f"!Ref {api.name}")
        type_ = "AWS::ApiGatewayV2::Route"
    else:
        link = ("RestApiId",)
        attributes["HttpMethod"] = method
        if api_key is not None:
            attributes["ApiKeyRequired"] = api_key
        if path is not None:
            attributes["ResourcePath"] = path
        attributes["RestApiId"] = Unknown(Intrinsic("Ref", api.name), f"!Ref {api.name}")
        type_ = "AWS::ApiGateway::Method"
    name = f"{function.name}.{event}"
    meta: dict[str, Any] = {GENERATED: True, SAM_EVENT: (function.name, event)}
    if "Condition" in function.meta:
        meta["Condition"] = function.meta["Condition"]
    generated = Resource(
        format="cloudformation", type=type_, name=name, address=name, attributes=attributes,
        location=location, scope=function.scope, locations=locations, meta=meta,
    )
    return generated, Reference(name, api.name, None, link, location, function.scope)


def add_event_methods(pf: ParsedFile) -> ParsedFile:
    """``pf`` with a method (REST) or route (HTTP) per API event of its
    functions, and without the implicit APIs no function creates any more
    (their functions' conditions were false); call after resolving."""
    by_name = {r.name: r for r in pf.resources}
    used: dict[str, Location] = {}  # implicit API -> its first event still there
    added: list[Resource] = []
    references: list[Reference] = []
    for function in pf.resources:
        for event, kind, props in _events(function):
            api_key, implicit_name, api_type = _KINDS[kind]
            if _implicit(kind, props):
                target = by_name.get(implicit_name)
                used.setdefault(implicit_name, function.locate("Events", event))
                if target is None or not target.meta.get(GENERATED):
                    continue  # a resource of the user's own named so: not SAM's implicit API
            else:
                ref = _api_ref(props.get(api_key))
                target = by_name.get(ref) if ref is not None else None
                if target is None or target.type != api_type:
                    continue  # an API this template does not declare: its methods are not known here
            if f"{function.name}.{event}" in by_name:
                continue
            resource, reference = _method(function, event, kind, props, target, kind == "HttpApi")
            added.append(resource)
            references.append(reference)
    dropped = {name for name in (IMPLICIT_REST_API, IMPLICIT_HTTP_API)
               if name in by_name and by_name[name].meta.get(GENERATED) and name not in used}
    moved = {name: location for name, location in used.items()
             if name in by_name and by_name[name].meta.get(GENERATED) and by_name[name].location != location}
    if not added and not dropped and not moved:
        return pf
    kept = tuple(r if r.name not in moved else replace(r, location=moved[r.name])
                 for r in pf.resources if r.name not in dropped)
    return replace(pf, resources=(*kept, *added), references=(*pf.references, *references))
