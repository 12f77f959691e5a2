"""IAM024: a Secrets Manager secret rotated less often than every 90 days.

Anti-pattern: ``automatically_after_days = 180`` / ``ScheduleExpression: rate(180 days)``.
Fix: rotate at least every 90 days.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import SecretRotation
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

MAX_DAYS = 90


class SecretRotationInterval(Rule):
    meta = RuleMeta(
        id="IAM024",
        slug="secret-rotation-interval",
        title="Secrets Manager secret is rotated less often than every 90 days",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(SecretRotation,),
        services=("secretsmanager",),
        setting="key_rotation",
        rationale=(
            "Rotation bounds how long a leaked credential stays useful. A schedule longer than 90 days keeps "
            "database passwords and API keys valid for a quarter or more after they leak; CIS and AWS Security "
            "Hub (SecretsManager.4) ask for 90 days or less. Defence in depth: the secret is still protected "
            "by IAM and KMS."
        ),
        remediation={
            "terraform": (
                "In rotation_rules, set automatically_after_days (or a rate() schedule_expression) to 90 days or less."
            ),
            "cloudformation": (
                "In RotationRules, set AutomaticallyAfterDays (or a rate() ScheduleExpression) to 90 days or less."
            ),
        },
        url="https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_secretsmanager_secret_rotation" "db" {\n'
                    "  secret_id           = aws_secretsmanager_secret.db.id\n"
                    "  rotation_lambda_arn = aws_lambda_function.rotate.arn\n"
                    "  rotation_rules {\n    automatically_after_days = 180\n  }\n}\n"
                ),
                pass_=(
                    'resource "aws_secretsmanager_secret_rotation" "db" {\n'
                    "  secret_id           = aws_secretsmanager_secret.db.id\n"
                    "  rotation_lambda_arn = aws_lambda_function.rotate.arn\n"
                    "  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n"
                    "      SecretId: !Ref Secret\n      RotationLambdaARN: !GetAtt Rotate.Arn\n"
                    "      RotationRules:\n        ScheduleExpression: rate(180 days)\n"
                ),
                pass_=(
                    "Resources:\n  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n"
                    "      SecretId: !Ref Secret\n      RotationLambdaARN: !GetAtt Rotate.Arn\n"
                    "      RotationRules:\n        AutomaticallyAfterDays: 30\n"
                ),
            ),
        },
        tags=("iam", "credentials", "rotation"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(SecretRotation):
            days = fact.interval_days
            if isinstance(days, float) and days > MAX_DAYS:
                yield Hit(f"Secret rotation '{resource.name}' rotates only every {days:g} days "
                          f"(rotate every {MAX_DAYS} days or less)", path=fact.path)
