"""PUB010: api gateway method has no authorization.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``api_authorization``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class ApiMethodWithoutAuthorization(ExposureRule):
    kind = "api_authorization"
    message = "API Gateway {detail} ('{name}') has no authorization and no API key"
    meta = RuleMeta(
        id="PUB010",
        slug="api-method-without-authorization",
        title="API Gateway method or route has no authorization",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("apigateway",),
        setting="public_access",
        rationale=(
            "A REST API method or an HTTP API route with authorization NONE and no API key requirement can be"
            " called by anyone who knows the URL, and reaches the backend (Lambda, HTTP service, AWS service "
            "integration) with the API's own permissions. Who may call an API is the customer's decision. Not "
            "reported: CORS pre-flight OPTIONS methods, methods of PRIVATE REST APIs (reachable only through "
            "VPC endpoints), WebSocket routes other than $connect (only $connect takes an authorizer), and "
            "routes whose API type is not known."
        ),
        remediation={
            "terraform": (
                'Set authorization to "AWS_IAM", "COGNITO_USER_POOLS" or "CUSTOM" (with '
                'authorizer_id), or api_key_required = true with a usage plan, on '
                'aws_api_gateway_method; set authorization_type to "AWS_IAM", "JWT" or "CUSTOM" (with '
                'authorizer_id) on aws_apigatewayv2_route.'
            ),
            "cloudformation": (
                'Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with AuthorizerId), '
                'or ApiKeyRequired: true with a usage plan, on AWS::ApiGateway::Method; set '
                'AuthorizationType to AWS_IAM, JWT or CUSTOM (with AuthorizerId) on AWS::ApiGatewayV2::Route.'
            ),
        },
        url="https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_api_gateway_method" "get" {\n  rest_api_id = "abc"\n  resource_id = '
                    '"def"\n  http_method = "GET"\n  authorization = "NONE"\n}\n'
                ),
                pass_=(
                    'resource "aws_api_gateway_method" "get" {\n  rest_api_id = "abc"\n  resource_id = '
                    '"def"\n  http_method = "GET"\n  authorization = "AWS_IAM"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    'Resources:\n  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      '
                    'RestApiId: abc\n      ResourceId: def\n      HttpMethod: GET\n'
                ),
                pass_=(
                    'Resources:\n  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n      '
                    'RestApiId: abc\n      ResourceId: def\n      HttpMethod: GET\n      '
                    'ApiKeyRequired: true\n'
                ),
            ),
        },
        tags=("public-access", "apigateway", "authorization"),
    )
