"""PUB015: Cognito identity pool admits unauthenticated identities.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind
``unauthenticated_identities``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class CognitoUnauthenticatedIdentities(ExposureRule):
    kind = "unauthenticated_identities"
    message = ("Cognito identity pool '{name}' allows unauthenticated identities: anyone can obtain AWS "
               "credentials for its unauthenticated role")
    meta = RuleMeta(
        id="PUB015",
        slug="cognito-unauthenticated-identities",
        title="Cognito identity pool allows unauthenticated (guest) access",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PublicExposure,),
        services=("cognito",),
        setting="public_access",
        rationale=(
            "An identity pool that allows unauthenticated identities hands temporary AWS credentials for its "
            "unauthenticated role to anyone who asks, with no sign-in. Whatever that role may do, the whole "
            "internet may do. Guest access is off unless the customer turns it on; turn it on only with a "
            "role scoped to what guests really need."
        ),
        remediation={
            "terraform": (
                "Set allow_unauthenticated_identities = false on aws_cognito_identity_pool, or keep it and "
                "limit the unauthenticated role (aws_cognito_identity_pool_roles_attachment) to the minimum."
            ),
            "cloudformation": (
                "Set AllowUnauthenticatedIdentities: false on AWS::Cognito::IdentityPool, or keep it and "
                "limit the unauthenticated role to the minimum."
            ),
        },
        url="https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_cognito_identity_pool" "app" {\n  identity_pool_name = "app"\n'
                    '  allow_unauthenticated_identities = true\n}\n'
                ),
                pass_=(
                    'resource "aws_cognito_identity_pool" "app" {\n  identity_pool_name = "app"\n'
                    '  allow_unauthenticated_identities = false\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n"
                    "      AllowUnauthenticatedIdentities: true\n"
                ),
                pass_=(
                    "Resources:\n  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n"
                    "      AllowUnauthenticatedIdentities: false\n"
                ),
            ),
        },
        tags=("public-access", "cognito"),
    )
