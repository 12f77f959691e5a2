"""CMP010: an ECS task definition shares the host's network, process or IPC
namespace.

Anti-pattern: ``network_mode = "host"``, ``pid_mode = "host"`` or
``ipc_mode = "host"`` (``NetworkMode`` / ``PidMode`` / ``IpcMode``).
Fix: use ``awsvpc`` networking and the task's own PID and IPC namespaces.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import HostNamespaces
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_ecs_task_definition" "agent" {{\n  family = "agent"\n{extra}'
    '  container_definitions = jsonencode([{{ name = "agent", image = "agent:1.0", memory = 256,\n'
    "    readonlyRootFilesystem = true }}])\n}}\n"
)
_CFN = (
    "Resources:\n  Agent:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n{extra}"
    "      ContainerDefinitions:\n        - Name: agent\n          Image: agent:1.0\n          Memory: 256\n"
    "          ReadonlyRootFilesystem: true\n"
)
_CFN_KEY = {"network_mode": "NetworkMode", "pid_mode": "PidMode", "ipc_mode": "IpcMode"}
_WHAT = {"network_mode": "network", "pid_mode": "process (PID)", "ipc_mode": "IPC"}


class EcsHostNamespaces(Rule):
    meta = RuleMeta(
        id="CMP010",
        slug="ecs-host-namespaces",
        title="ECS task shares the host's network, process or IPC namespace",
        severity=Severity.MEDIUM,
        layer="runtime",
        facts=(HostNamespaces,),
        aws_default="Tasks get their own PID and IPC namespaces; on EC2 the default network mode is bridge.",
        rationale=(
            "On the EC2 launch type the host is the customer's. A task in the host's network "
            "namespace reaches every port of the instance and its metadata service directly; one in "
            "the host's PID or IPC namespace sees and can signal or read the memory of every process "
            "on the instance, other tasks included."
        ),
        remediation={
            "terraform": 'Use network_mode = "awsvpc" and remove pid_mode / ipc_mode = "host".',
            "cloudformation": "Use NetworkMode: awsvpc and remove PidMode / IpcMode: host.",
        },
        url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode",
        examples={
            "terraform": Example(fail=_TF.format(extra='  pid_mode = "host"\n'),
                                 pass_=_TF.format(extra='  network_mode = "awsvpc"\n  pid_mode = "task"\n')),
            "cloudformation": Example(fail=_CFN.format(extra="      NetworkMode: host\n"),
                                      pass_=_CFN.format(extra="      NetworkMode: awsvpc\n")),
        },
        tags=("compute", "ecs", "containers"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        cfn = resource.type.startswith("AWS::")
        for fact in facts.of(HostNamespaces):
            shared = [k for k in ("network_mode", "pid_mode", "ipc_mode") if getattr(fact, k) == "host"]
            if not shared:
                continue
            key = shared[0]
            path = (_CFN_KEY[key],) if cfn else (key,)
            yield Hit(
                f"ECS task definition '{resource.name}' shares the host's "
                f"{' and '.join(_WHAT[k] for k in shared)} namespace{'s' if len(shared) > 1 else ''}",
                path=path,
            )
