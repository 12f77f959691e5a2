"""CMP003: an ECS task definition (or AWS Batch job definition) with a privileged
container, or a CodeBuild project whose build container runs in privileged mode.

Anti-pattern: ``"privileged": true`` in a container definition: the container
gets root on the host (every device, every capability), so breaking out of it
is no longer a vulnerability but a feature. CodeBuild: ``privileged_mode =
true`` (``Environment.PrivilegedMode: true``), which builds need only to run a
Docker daemon.
Fix: drop ``privileged``; add only the Linux capabilities the container needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import ContainerDefinition
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

CODEBUILD = ("aws_codebuild_project", "AWS::CodeBuild::Project")


def _kind(resource: Resource) -> str:
    if resource.type in CODEBUILD:
        return "CodeBuild project"
    return "Batch job definition" if resource.type in ("aws_batch_job_definition", "AWS::Batch::JobDefinition") \
        else "ECS task definition"

_TF_TASK = (
    'resource "aws_ecs_task_definition" "app" {{\n  family = "app"\n'
    "  container_definitions = jsonencode([{{\n"
    '    name = "app"\n    image = "app:1.0"\n    memory = 512\n{extra}  }}])\n}}\n'
)
_CFN_TASK = (
    "Resources:\n  App:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
    "      ContainerDefinitions:\n        - Name: app\n          Image: app:1.0\n"
    "          Memory: 512\n{extra}"
)


class EcsPrivilegedContainer(Rule):
    meta = RuleMeta(
        id="CMP003",
        slug="ecs-privileged-container",
        title="ECS task, Batch job or CodeBuild project runs a privileged container",
        severity=Severity.HIGH,
        layer="runtime",
        facts=(ContainerDefinition,),
        # ECS task and Batch job definitions (Fargate rejects privileged containers, so
        # these run on the customer's EC2 hosts) and CodeBuild build environments.
        aws_default="Containers run unprivileged unless privileged (CodeBuild: privileged mode) is true.",
        rationale=(
            "On ECS with the EC2 launch type (and AWS Batch on EC2) the container runtime and "
            "the host OS are the customer's. A privileged container runs with every Linux capability and access to "
            "the host's devices: root in the container is root on the host, and from there on "
            "every other task on it and the instance role's credentials. A CodeBuild project in "
            "privileged mode runs whatever its build specification (or the source it builds) says "
            "with that access to the build host."
        ),
        remediation={
            "terraform": (
                'Remove "privileged": true from the container definition in container_definitions; '
                'grant single capabilities with linuxParameters.capabilities.add instead. On '
                "aws_codebuild_project, remove privileged_mode = true unless the build must run Docker."
            ),
            "cloudformation": (
                "Remove Privileged: true from the container definition; grant single capabilities "
                "with LinuxParameters.Capabilities.Add instead. On AWS::CodeBuild::Project, remove "
                "Environment.PrivilegedMode: true unless the build must run Docker."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security",
        examples={
            "terraform": Example(
                fail=_TF_TASK.format(extra="    privileged = true\n"),
                pass_=_TF_TASK.format(extra="    privileged = false\n"),
            ),
            "cloudformation": Example(
                fail=_CFN_TASK.format(extra="          Privileged: true\n"),
                pass_=_CFN_TASK.format(extra=""),
            ),
        },
        tags=("compute", "ecs", "batch", "codebuild", "containers"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(ContainerDefinition):
            if fact.privileged is True and resource.type in CODEBUILD:
                yield Hit(f"CodeBuild project '{resource.name}' runs its builds in privileged mode",
                          path=fact.path)
            elif fact.privileged is True:
                what = f"container '{fact.name}'" if isinstance(fact.name, str) else "its container"
                yield Hit(f"{_kind(resource)} '{resource.name}' runs {what} privileged",
                          path=fact.path)
