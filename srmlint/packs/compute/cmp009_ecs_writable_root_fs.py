"""CMP009: an ECS (or AWS Batch) container may write to its root file system.

Anti-pattern: ``readonlyRootFilesystem`` / ``ReadonlyRootFilesystem`` unset
or false in an ECS container definition or a Batch job's container properties.
Fix: make the root file system read-only and mount volumes where the
application must write.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import ContainerDefinition
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


def _kind(resource: Resource) -> str:
    return "Batch job definition" if resource.type in ("aws_batch_job_definition", "AWS::Batch::JobDefinition") \
        else "ECS task definition"


#: The definitions whose containers have a root file system setting (CodeBuild's build
#: container, also a ContainerDefinition for CMP003, has none).
WITH_ROOT_FS = frozenset({"aws_ecs_task_definition", "AWS::ECS::TaskDefinition",
                          "aws_batch_job_definition", "AWS::Batch::JobDefinition"})

_TF = (
    'resource "aws_ecs_task_definition" "app" {{\n  family = "app"\n'
    "  container_definitions = jsonencode([{{\n"
    '    name = "app"\n    image = "app:1.0"\n    memory = 512\n{extra}  }}])\n}}\n'
)
_CFN = (
    "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
    "      ContainerDefinitions:\n        - Name: app\n          Image: app:1.0\n"
    "          Memory: 512\n{extra}"
)


class EcsWritableRootFs(Rule):
    meta = RuleMeta(
        id="CMP009",
        slug="ecs-writable-root-filesystem",
        title="ECS or Batch container has a writable root file system",
        severity=Severity.LOW,
        layer="runtime",
        facts=(ContainerDefinition,),
        aws_default="A container's root file system is writable unless readonlyRootFilesystem is true.",
        rationale=(
            "The container's configuration is the customer's. A writable root file system lets an "
            "attacker who gets code execution in the container drop tools, alter binaries or persist "
            "across process restarts. Low severity: defence in depth."
        ),
        remediation={
            "terraform": (
                'Add "readonlyRootFilesystem": true to each container definition and mount a volume '
                "(or tmpfs in linuxParameters) where the application writes."
            ),
            "cloudformation": (
                "Set ReadonlyRootFilesystem: true on each container definition and mount a volume where "
                "the application writes."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
        examples={
            "terraform": Example(fail=_TF.format(extra=""),
                                 pass_=_TF.format(extra="    readonlyRootFilesystem = true\n")),
            "cloudformation": Example(fail=_CFN.format(extra="          ReadonlyRootFilesystem: false\n"),
                                      pass_=_CFN.format(extra="          ReadonlyRootFilesystem: true\n")),
        },
        tags=("compute", "ecs", "containers"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        if resource.type not in WITH_ROOT_FS:
            return
        for fact in facts.of(ContainerDefinition):
            if fact.readonly_root_fs is None or fact.readonly_root_fs is False:
                what = f"container '{fact.name}'" if isinstance(fact.name, str) else "its container"
                yield Hit(f"{_kind(resource)} '{resource.name}' runs {what} with a writable root "
                          "file system", path=fact.path)
