"""IAM011: actions that read secrets, parameters, objects or credentials, on every resource.

Anti-pattern: ``Effect: Allow`` with ``secretsmanager:GetSecretValue``,
``ssm:GetParameter*``, ``s3:GetObject``, ``redshift:GetClusterCredentials``,
``rds-db:connect``... on ``Resource: "*"`` without a scoping condition.
Fix: name the secrets, parameters, buckets or databases the workload reads.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import action_matches, all_resources
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.iam.iam001_wildcard_action_all_resources import wildcard_actions
from srmlint.packs.iam.iam010_write_on_all_resources import unconstrained
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Actions that hand out data or credentials and accept resource ARNs
#: (Cloudsplaining's "data exfiltration" and "credentials exposure" lists,
#: reduced to the ones that are not IAM003's privilege escalation).
SECRET_READS: tuple[str, ...] = (
    "s3:GetObject",
    "s3:GetObjectVersion",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "secretsmanager:GetSecretValue",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "rds-db:connect",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
)


class SecretReadOnAllResources(Rule):
    meta = RuleMeta(
        id="IAM011",
        slug="secret-read-on-all-resources",
        title="IAM policy can read every secret, parameter, object or database credential",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "secretsmanager:GetSecretValue, ssm:GetParameter*, s3:GetObject, "
            "redshift:GetClusterCredentials and rds-db:connect on Resource '*' reach every secret, "
            "parameter, object and database of the account: one compromised workload then reads "
            "the credentials and data of all the others (data exfiltration, credential exposure)."
        ),
        remediation={
            "terraform": (
                "In resources, list the secrets, parameters and buckets the workload reads "
                "(aws_secretsmanager_secret.<name>.arn, \"${aws_s3_bucket.<name>.arn}/*\", "
                "arn:aws:ssm:<region>:<account>:parameter/<app>/*)."
            ),
            "cloudformation": (
                "In Resource, list the secrets, parameters and buckets the workload reads "
                "(!Ref Secret, !Sub '${Bucket.Arn}/*', "
                "!Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*')."
            ),
        },
        url="https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role_policy" "app" {\n  role = "app"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["secretsmanager:GetSecretValue"]\n'
                    '      Resource = "*"\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_role_policy" "app" {\n  role = "app"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["secretsmanager:GetSecretValue"]\n'
                    '      Resource = "arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*"\n'
                    "    }]\n  })\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  App:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: ['ssm:GetParameter*']\n"
                    "            Resource: '*'\n"
                ),
                pass_=(
                    "Resources:\n  App:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: ['ssm:GetParameter*']\n"
                    "            Resource: !Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*'\n"
                ),
            ),
        },
        tags=("iam", "least-privilege", "data-exfiltration"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if (statement.kind != "identity" or statement.effect != "Allow"
                    or not isinstance(statement.actions, tuple) or not all_resources(statement)
                    or not unconstrained(statement)):
                continue
            broad = wildcard_actions(statement)  # IAM001 reports these
            found: list[str] = []
            for action in statement.actions:
                if isinstance(action, str) and action.strip() not in broad:
                    found += [a for a in SECRET_READS if a not in found and action_matches(action, a)]
            if found:
                shown = ", ".join(found[:4]) + (" …" if len(found) > 4 else "")
                yield Hit(
                    f"IAM policy in '{resource.name}' can read secrets or data of every resource: {shown}",
                    location=locate_fact(resource, statement, graph),
                )
