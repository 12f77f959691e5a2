"""BKP006: a DynamoDB table without point-in-time recovery.

Anti-pattern: no ``point_in_time_recovery { enabled = true }``
(``PointInTimeRecoverySpecification``): a bad write or delete cannot be
rolled back to the second before it.
Fix: enable point-in-time recovery.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PointInTimeRecovery
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_dynamodb_table" "orders" {{\n  name         = "orders"\n  billing_mode = "PAY_PER_REQUEST"\n'
    '  hash_key     = "id"\n  attribute {{\n    name = "id"\n    type = "S"\n  }}\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n"
    "      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n"
    "      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n{extra}"
)


class DynamoDbPitrOff(Rule):
    meta = RuleMeta(
        id="BKP006",
        slug="dynamodb-pitr-off",
        title="DynamoDB table does not have point-in-time recovery enabled",
        severity=Severity.MEDIUM,
        layer="data",
        facts=(PointInTimeRecovery,),
        services=("dynamodb",),
        setting="backup",
        rationale=(
            "DynamoDB is durable, but what is written to it is the customer's: a faulty "
            "deployment or a compromised client can overwrite or delete items, and without "
            "point-in-time recovery (off by default) only on-demand backups, if any, remain."
        ),
        remediation={
            "terraform": "Add point_in_time_recovery { enabled = true } to the table.",
            "cloudformation": "Set PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } "
                              "(on each replica of an AWS::DynamoDB::GlobalTable).",
        },
        url="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
        examples={
            "terraform": Example(
                fail=_TF.format(extra=""),
                pass_=_TF.format(extra="  point_in_time_recovery {\n    enabled = true\n  }\n"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(extra="      PointInTimeRecoverySpecification:\n"
                                       "        PointInTimeRecoveryEnabled: false\n"),
                pass_=_CFN.format(extra="      PointInTimeRecoverySpecification:\n"
                                        "        PointInTimeRecoveryEnabled: true\n"),
            ),
        },
        tags=("backup", "dynamodb", "data"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(PointInTimeRecovery):
            if fact.enabled is False:
                yield Hit(f"DynamoDB table '{resource.name}' has point-in-time recovery turned off", path=fact.path)
            elif fact.enabled is None:
                yield Hit(f"DynamoDB table '{resource.name}' does not enable point-in-time recovery",
                          path=fact.path)
