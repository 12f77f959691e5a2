"""CMP013: a Lambda function deployed from a .zip package without code signing.

Anti-pattern: no ``code_signing_config_arn`` / ``CodeSigningConfigArn``:
Lambda deploys any code package whoever built it.
Fix: create a code signing configuration with the allowed signing profiles
and name it on the function. Low severity: a defence in depth against a
tampered artifact or pipeline, not an exposure.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import CodeSigning
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_lambda_function" "api" {{\n  function_name = "api"\n'
    '  role          = "arn:aws:iam::123456789012:role/api"\n  handler       = "app.handler"\n'
    '  runtime       = "python3.13"\n  filename      = "api.zip"\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: app.handler\n"
    "      Runtime: python3.13\n      Role: arn:aws:iam::123456789012:role/api\n"
    "      Code:\n        S3Bucket: artifacts\n        S3Key: api.zip\n{extra}"
)


class LambdaCodeSigningOff(Rule):
    meta = RuleMeta(
        id="CMP013",
        slug="lambda-code-signing-off",
        title="Lambda function does not require signed code",
        severity=Severity.LOW,
        layer="application",
        facts=(CodeSigning,),
        services=("lambda",),
        setting="code_signing",
        rationale=(
            "The function's code is the customer's. With a code signing configuration Lambda deploys "
            "only packages signed by the signing profiles the customer trusts, so code altered after "
            "the build (in the artifact bucket or by a compromised pipeline) is refused or flagged. "
            "Without one (the default) any package is deployed. Low severity: it is defence in depth."
        ),
        remediation={
            "terraform": (
                "Create an aws_lambda_code_signing_config with allowed_publishers (an aws_signer_signing_profile) "
                "and set code_signing_config_arn on the function."
            ),
            "cloudformation": (
                "Create an AWS::Lambda::CodeSigningConfig with AllowedPublishers (an AWS::Signer::SigningProfile) "
                "and set CodeSigningConfigArn on the function."
            ),
        },
        url="https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html",
        examples={
            "terraform": Example(
                fail=_TF.format(extra=""),
                pass_=_TF.format(extra="  code_signing_config_arn = aws_lambda_code_signing_config.signed.arn\n"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(extra=""),
                pass_=_CFN.format(extra="      CodeSigningConfigArn: !Ref Signed\n"),
            ),
        },
        tags=("compute", "lambda", "supply-chain"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(CodeSigning):
            if fact.config is None:
                yield Hit(f"Lambda function '{resource.name}' has no code signing configuration: "
                          "any code package is deployed unchecked", path=fact.path)
