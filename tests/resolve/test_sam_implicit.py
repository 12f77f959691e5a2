"""What SAM creates implicitly: ``ServerlessRestApi``/``ServerlessHttpApi`` and a method (route) per API event."""

from __future__ import annotations

from srmlint.engine import ScanResult
from srmlint.model import GENERATED, ParsedFile, Unknown
from srmlint.parsers.cloudformation import parse_cloudformation
from srmlint.resolve.cloudformation import resolve_cloudformation
from srmlint.resolve.sam import IMPLICIT_HTTP_API, IMPLICIT_REST_API
from tests.conftest import ScanFiles

HEAD = "Transform: AWS::Serverless-2016-10-31\n"


def _function(events: str, name: str = "Fn", extra: str = "") -> str:
    return (f"  {name}:\n    Type: AWS::Serverless::Function\n{extra}    Properties:\n"
            "      Handler: app.handler\n      Runtime: python3.12\n      Tracing: Active\n"
            f"      Events:\n{events}")


def _api_event(name: str = "Get", path: str = "/items", method: str = "get", props: str = "") -> str:
    return (f"        {name}:\n          Type: Api\n          Properties:\n"
            f"            Path: {path}\n            Method: {method}\n{props}")


def _http_event(name: str = "Post", props: str = "            Path: /items\n            Method: post\n") -> str:
    return f"        {name}:\n          Type: HttpApi\n          Properties:\n{props}"


def _resolve(text: str, parameters: dict[str, object] | None = None) -> ParsedFile:
    pf = parse_cloudformation("t.yaml", text.encode())
    return resolve_cloudformation(pf, parameters or {})


def _hits(result: ScanResult, rule: str) -> list[tuple[str, int, str]]:
    return [(f.resource.name if f.resource else "", f.line, f.message) for f in result.findings if f.rule_id == rule]


def test_implicit_rest_api_without_auth_is_reported_on_the_event(scan_files: ScanFiles) -> None:
    text = HEAD + "Resources:\n" + _function(_api_event())
    result = scan_files({"template.yaml": text})
    event_line = text.splitlines().index("          Type: Api") + 1
    assert _hits(result, "PUB010") == [
        ("Fn.Get", event_line, "API Gateway method GET ('Fn.Get') has no authorization and no API key")]
    assert [(n, line) for n, line, _ in _hits(result, "LOG009")] == [(IMPLICIT_REST_API, event_line)]
    assert [n for n, _, _ in _hits(result, "LOG010")] == [IMPLICIT_REST_API]
    generated = {t.resource.name for t in result.resources if t.resource.meta.get(GENERATED)}
    assert generated == {IMPLICIT_REST_API, "Fn.Get"}


def test_globals_api_settings_apply_to_the_implicit_api(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Globals:
  Api:
    TracingEnabled: true
    AccessLogSetting:
      DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:api
      Format: $context.requestId
    MethodSettings:
      - ResourcePath: "/*"
        HttpMethod: "*"
        DataTraceEnabled: true
        CachingEnabled: true
        CacheDataEncrypted: false
    Auth:
      DefaultAuthorizer: MyAuth
      Authorizers:
        MyAuth:
          FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth
Resources:
""" + _function(_api_event())
    result = scan_files({"template.yaml": text})
    ids = {f.rule_id for f in result.findings if f.resource and f.resource.name in (IMPLICIT_REST_API, "Fn.Get")}
    assert "PUB010" not in ids and "LOG009" not in ids and "LOG010" not in ids
    assert {"LOG033", "ENC003"} <= ids
    trace = next(f for f in result.findings if f.rule_id == "LOG033")
    assert trace.line == text.splitlines().index("        DataTraceEnabled: true") + 1  # the Globals line


def test_event_authorizer_none_overrides_the_default(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Globals:
  Api:
    Auth:
      DefaultAuthorizer: AWS_IAM
Resources:
""" + _function(_api_event("Get") + _api_event(
        "Open", "/open", "get", "            Auth:\n              Authorizer: NONE\n"))
    result = scan_files({"template.yaml": text})
    hits = _hits(result, "PUB010")
    assert [(n, line) for n, line, _ in hits] == [
        ("Fn.Open", text.splitlines().index("              Authorizer: NONE") + 1)]


def test_api_key_required_on_the_api_or_the_event(scan_files: ScanFiles) -> None:
    text = HEAD + "Globals:\n  Api:\n    Auth:\n      ApiKeyRequired: true\nResources:\n" + _function(
        _api_event("Get") + _api_event("Free", "/free", "get",
                                       "            Auth:\n              ApiKeyRequired: false\n"))
    assert [n for n, _, _ in _hits(scan_files({"template.yaml": text}), "PUB010")] == ["Fn.Free"]


def test_cognito_and_iam_authorizers_and_options_are_not_reported(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Globals:
  Api:
    Auth:
      Authorizers:
        Pool:
          UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/x
Resources:
""" + _function(
        _api_event("A", "/a", "get", "            Auth:\n              Authorizer: Pool\n")
        + _api_event("B", "/b", "post", "            Auth:\n              Authorizer: AWS_IAM\n")
        + _api_event("C", "/c", "options"))
    pf = _resolve(text)
    methods = {r.name: r.attributes.get("AuthorizationType") for r in pf.resources
               if r.type == "AWS::ApiGateway::Method"}
    assert methods == {"Fn.A": "COGNITO_USER_POOLS", "Fn.B": "AWS_IAM", "Fn.C": "NONE"}
    assert _hits(scan_files({"template.yaml": text}), "PUB010") == []


def test_intrinsic_authorizer_and_resource_policy_stay_unknown(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Parameters:
  Auth:
    Type: String
Globals:
  Api:
    Auth:
      ResourcePolicy:
        IpRangeWhitelist: [10.0.0.0/8]
Resources:
""" + _function(_api_event("A", props="            Auth:\n              Authorizer: !Ref Auth\n"))
    pf = _resolve(text)
    (method,) = [r for r in pf.resources if r.type == "AWS::ApiGateway::Method"]
    assert isinstance(method.attributes["AuthorizationType"], Unknown)
    assert _hits(scan_files({"template.yaml": text}), "PUB010") == []


def test_explicit_rest_api_id_means_no_implicit_api(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: true
      Auth:
        DefaultAuthorizer: AWS_IAM
""" + _function(_api_event(props="            RestApiId: !Ref MyApi\n")
                + _api_event("Open", "/open", props="            RestApiId: !Ref MyApi\n"
                             "            Auth:\n              Authorizer: NONE\n"))
    pf = _resolve(text)
    assert IMPLICIT_REST_API not in {r.name for r in pf.resources}
    result = scan_files({"template.yaml": text})
    assert [n for n, _, _ in _hits(result, "PUB010")] == ["Fn.Open"]


def test_private_explicit_api_and_openapi_body_are_not_reported(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Resources:
  Private:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration:
        Type: PRIVATE
  WithBody:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody: {openapi: "3.0.1", paths: {}}
  Elsewhere:
    Type: AWS::ApiGateway::RestApi
""" + _function(_api_event("A", props="            RestApiId: !Ref Private\n")
                + _api_event("B", props="            RestApiId: !Ref WithBody\n")
                + _api_event("C", props="            RestApiId: !Ref Elsewhere\n"))
    pf = _resolve(text)
    assert {r.name for r in pf.resources if r.type == "AWS::ApiGateway::Method"} == {"Fn.A", "Fn.B"}
    assert _hits(scan_files({"template.yaml": text}), "PUB010") == []


def test_implicit_http_api_routes(scan_files: ScanFiles) -> None:
    text = HEAD + """\
Globals:
  HttpApi:
    Auth:
      Authorizers:
        Jwt:
          JwtConfiguration: {issuer: "https://example.com", audience: [x]}
          IdentitySource: $request.header.Authorization
Resources:
""" + _function(_http_event("Open") + _http_event(
        "Closed", "            Path: /closed\n            Method: get\n"
        "            Auth:\n              Authorizer: Jwt\n"))
    pf = _resolve(text)
    routes = {r.name: (r.attributes["RouteKey"], r.attributes["AuthorizationType"]) for r in pf.resources
              if r.type == "AWS::ApiGatewayV2::Route"}
    assert routes == {"Fn.Open": ("POST /items", "NONE"), "Fn.Closed": ("GET /closed", "JWT")}
    result = scan_files({"template.yaml": text})
    assert [n for n, _, _ in _hits(result, "PUB010")] == ["Fn.Open"]
    assert [n for n, _, _ in _hits(result, "LOG009")] == [IMPLICIT_HTTP_API]


def test_implicit_api_follows_its_functions_conditions() -> None:
    text = HEAD + """\
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
""" + _function(_api_event(), extra="    Condition: IsProd\n")
    assert {r.name for r in _resolve(text).resources} == set()
    names = {r.name for r in _resolve(text, {"Env": "prod"}).resources}
    assert names == {"Fn", IMPLICIT_REST_API, "Fn.Get"}


def test_a_resource_of_the_users_own_named_serverlessrestapi_is_left_alone() -> None:
    text = HEAD + "Resources:\n  ServerlessRestApi:\n    Type: AWS::ApiGateway::RestApi\n" + _function(_api_event())
    pf = _resolve(text)
    assert [r.type for r in pf.resources if r.name == IMPLICIT_REST_API] == ["AWS::ApiGateway::RestApi"]
    assert not any(r.meta.get(GENERATED) for r in pf.resources)


def test_plain_cloudformation_and_non_api_events_generate_nothing() -> None:
    text = HEAD + "Resources:\n" + _function(
        "        Queue:\n          Type: SQS\n          Properties:\n            Queue: arn:aws:sqs:us-east-1:1:q\n")
    pf = _resolve(text)
    assert [r.name for r in pf.resources] == ["Fn"]


def test_implicit_api_is_located_at_the_first_event_still_deployed() -> None:
    text = HEAD + """\
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
""" + _function(_api_event(), name="Gone", extra="    Condition: IsProd\n") + _function(_api_event(), name="Kept")
    pf = _resolve(text)
    api = next(r for r in pf.resources if r.name == IMPLICIT_REST_API)
    kept = next(r for r in pf.resources if r.name == "Kept")
    assert api.location == kept.locate("Events", "Get")
    assert {r.name for r in pf.resources} == {"Kept", IMPLICIT_REST_API, "Kept.Get"}


def test_state_machine_api_events_use_the_implicit_rest_api_too() -> None:
    text = HEAD + """\
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: machine.asl.json
      Events:
        Start:
          Type: Api
          Properties:
            Path: /start
            Method: post
        Http:
          Type: HttpApi
"""
    names = {r.name: r.type for r in _resolve(text).resources}
    assert names == {"Machine": "AWS::Serverless::StateMachine", IMPLICIT_REST_API: "AWS::Serverless::Api",
                     "Machine.Start": "AWS::ApiGateway::Method"}
