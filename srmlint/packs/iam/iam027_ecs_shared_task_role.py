"""IAM027: an ECS task definition whose task role is its execution role.

Anti-pattern: ``task_role_arn`` and ``execution_role_arn`` name the same role.
Fix: a separate task role with only what the application needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint.aws.facts import TaskRoles
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_ecs_task_definition" "api" {{\n  family                = "api"\n'
    '  container_definitions = jsonencode([{{ name = "api", image = "api:1", essential = true }}])\n'
    "  execution_role_arn    = aws_iam_role.execution.arn\n  task_role_arn         = aws_iam_role.{role}.arn\n}}\n"
)
_CFN = (
    "Resources:\n  Api:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
    "      ContainerDefinitions:\n        - Name: api\n          Image: api:1\n"
    "      ExecutionRoleArn: !GetAtt Execution.Arn\n      TaskRoleArn: !GetAtt {role}.Arn\n"
)


def same_role(a: Any, b: Any) -> bool:
    """Both name one role: equal literal ARNs, or the same reference."""
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() != "" and a.strip() == b.strip()
    if isinstance(a, Unknown) and isinstance(b, Unknown):
        return a.expr is not None and a.expr == b.expr
    return False


class EcsSharedTaskRole(Rule):
    meta = RuleMeta(
        id="IAM027",
        slug="ecs-task-role-is-execution-role",
        title="ECS task definition gives its containers the execution role",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(TaskRoles,),
        services=("ecs",),
        setting="iam_permissions",
        rationale=(
            "The execution role is for the ECS agent: pulling images, fetching the task's secrets from "
            "Secrets Manager or Parameter Store, writing logs. The task role's credentials go to the "
            "application's code. When they are one role, the application (and anyone who compromises it) "
            "can read every secret and image the agent may, not only what it needs."
        ),
        remediation={
            "terraform": "Point task_role_arn at a role of its own, with only the application's permissions.",
            "cloudformation": "Point TaskRoleArn at a role of its own, with only the application's permissions.",
        },
        url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
        examples={
            "terraform": Example(fail=_TF.format(role="execution"), pass_=_TF.format(role="api")),
            "cloudformation": Example(fail=_CFN.format(role="Execution"), pass_=_CFN.format(role="ApiTask")),
        },
        tags=("iam", "least-privilege", "ecs"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(TaskRoles):
            if same_role(fact.execution_role, fact.task_role):
                yield Hit(f"ECS task definition '{resource.name}' uses its execution role as its task role: "
                          "the containers get the agent's permissions (image pulls, the task's secrets)",
                          path=fact.path)
