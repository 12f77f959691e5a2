"""PUB006: a resource policy lets everyone in.

Anti-pattern: an ``Allow`` statement with ``Principal: "*"`` (or
``{"AWS": "*"}``) and no condition that pins the caller down (source
account/ARN/VPC endpoint, organisation); Lambda permissions with principal
``*``. Covers S3 bucket, SQS queue, SNS topic, ECR repository, Glacier vault,
KMS key and Secrets Manager policies and Lambda permissions.
Fix: name the principals, or add a restricting condition.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.public_access.principals import actions_text, public_statement
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class ResourcePolicyPublic(Rule):
    meta = RuleMeta(
        id="PUB006",
        slug="resource-policy-public",
        title="Resource policy allows access to everyone",
        severity=Severity.CRITICAL,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="public_access",
        rationale=(
            "A resource policy decides who outside the account may use a resource, and writing it "
            "is the customer's job. An Allow for Principal \"*\" with no condition tying it to an "
            "account, organisation, source ARN or VPC endpoint lets anyone on the internet, "
            "authenticated to any AWS account or not, read, write or invoke the resource."
        ),
        remediation={
            "terraform": (
                "Replace Principal \"*\" with the accounts, roles or service principals that need "
                "access, or add a condition such as aws:SourceArn, aws:SourceAccount, "
                "aws:PrincipalOrgID or aws:SourceVpce; on aws_lambda_permission set source_arn or "
                "source_account."
            ),
            "cloudformation": (
                "Replace Principal \"*\" with the accounts, roles or service principals that need "
                "access, or add a Condition such as aws:SourceArn, aws:SourceAccount, "
                "aws:PrincipalOrgID or aws:SourceVpce; on AWS::Lambda::Permission set SourceArn or "
                "SourceAccount."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs/q"\n'
                    '  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n'
                    '      Effect = "Allow"\n      Principal = "*"\n      Action = "sqs:SendMessage"\n'
                    '      Resource = "*"\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_sqs_queue_policy" "q" {\n  queue_url = "https://sqs/q"\n'
                    '  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n'
                    '      Effect = "Allow"\n      Principal = "*"\n      Action = "sqs:SendMessage"\n'
                    '      Resource = "*"\n      Condition = { ArnEquals = { "aws:SourceArn" = '
                    '"arn:aws:sns:eu-west-1:123456789012:topic" } }\n    }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
                    "      Bucket: my-bucket\n      PolicyDocument:\n        Statement:\n"
                    "          - Effect: Allow\n            Principal: '*'\n            Action: s3:GetObject\n"
                    "            Resource: arn:aws:s3:::my-bucket/*\n"
                ),
                pass_=(
                    "Resources:\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
                    "      Bucket: my-bucket\n      PolicyDocument:\n        Statement:\n"
                    "          - Effect: Allow\n            Principal:\n"
                    "              AWS: arn:aws:iam::123456789012:root\n            Action: s3:GetObject\n"
                    "            Resource: arn:aws:s3:::my-bucket/*\n"
                ),
            ),
        },
        tags=("public-access", "resource-policy"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if public_statement(statement):
                sid = f" (Sid '{statement.sid}')" if statement.sid else ""
                yield Hit(
                    f"Policy of '{resource.name}' allows {actions_text(statement)} to everyone "
                    f"(Principal \"*\") without a restricting condition{sid}",
                    location=locate_fact(resource, statement, graph),
                )
