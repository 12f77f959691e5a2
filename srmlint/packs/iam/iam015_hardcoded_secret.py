"""IAM015: a secret written into a template.

Anti-pattern: an AWS access key, private key or password in Lambda or ECS
environment variables, EC2 user data, a plain ``String`` SSM parameter, or a
DataSync secret key. Fix: keep it in Secrets Manager or a SecureString
parameter and reference it; give workloads IAM roles instead of keys.
The finding says what kind of secret and where; it never prints the secret.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import HardcodedSecret
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class HardcodedSecretInTemplate(Rule):
    meta = RuleMeta(
        id="IAM015",
        slug="hardcoded-secret",
        title="Secret or access key hard-coded in the template",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(HardcodedSecret,),
        setting="credentials",
        aws_default="AWS stores what the template says, in plain text, visible to anyone who can read the resource.",
        rationale=(
            "Credentials are the customer's. A key or password in a template lives in version "
            "control, in CloudFormation/Terraform state, and in plain text in the resource's "
            "configuration: environment variables and user data are readable by anyone with "
            "lambda:GetFunctionConfiguration, ecs:DescribeTaskDefinition or "
            "ec2:DescribeInstanceAttribute, and from inside the instance. Access keys also never "
            "expire on their own."
        ),
        remediation={
            "terraform": (
                "Store the value in aws_secretsmanager_secret or an SSM SecureString parameter and "
                "read it at run time (ECS: secrets { valueFrom }); give instances and functions an "
                "IAM role instead of access keys. Rotate the exposed secret."
            ),
            "cloudformation": (
                "Store the value in AWS::SecretsManager::Secret or an SSM SecureString and reference "
                "it ({{resolve:secretsmanager:...}}, ECS Secrets/ValueFrom); give instances and "
                "functions an IAM role instead of access keys. Rotate the exposed secret."
            ),
        },
        url="https://docs.aws.amazon.com/secretsmanager/latest/userguide/hardcoded.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                    '  role          = "arn:aws:iam::111122223333:role/api"\n  environment {\n'
                    '    variables = {\n      DB_PASSWORD = "s3cr3t-Passw0rd"\n    }\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                    '  role          = "arn:aws:iam::111122223333:role/api"\n  environment {\n'
                    '    variables = {\n      DB_PASSWORD_SECRET_ARN = '
                    '"arn:aws:secretsmanager:us-east-1:111122223333:secret:db"\n    }\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                    "      Role: arn:aws:iam::111122223333:role/api\n      Environment:\n"
                    "        Variables:\n          DB_PASSWORD: s3cr3t-Passw0rd\n"
                ),
                pass_=(
                    "Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                    "      Role: arn:aws:iam::111122223333:role/api\n      Environment:\n"
                    "        Variables:\n          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n"
                ),
            ),
        },
        tags=("iam", "secrets"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for secret in facts.of(HardcodedSecret):
            yield Hit(f"'{resource.name}' has a hard-coded {secret.kind} in {secret.where}", path=secret.path)
