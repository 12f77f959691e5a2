"""LOG021: an ECS cluster without Container Insights.

Anti-pattern: no ``setting { name = "containerInsights", value = "enabled" }``
/ ``ClusterSettings`` entry (nor an account default in the same module/template).
Fix: turn Container Insights on.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class EcsContainerInsights(LoggingRule):
    kind = "ecs_container_insights"
    meta = RuleMeta(
        id="LOG021",
        slug="ecs-container-insights-off",
        title="ECS cluster has Container Insights turned off",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("ecs",),
        setting="logging",
        rationale=(
            "Container Insights collects per-task and per-container metrics and events, which is how "
            "crash loops, resource exhaustion and unexpected tasks are noticed. It is monitoring for "
            "defence in depth (low severity), off unless the customer or the account setting turns it on."
        ),
        remediation={
            "terraform": "Add setting { name = \"containerInsights\", value = \"enabled\" } to the aws_ecs_cluster.",
            "cloudformation": "Set ClusterSettings: [{ Name: containerInsights, Value: enabled }].",
        },
        url="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html",
        examples={
            "terraform": Example(
                fail='resource "aws_ecs_cluster" "app" {\n  name = "app"\n}\n',
                pass_=(
                    'resource "aws_ecs_cluster" "app" {\n  name = "app"\n  setting {\n'
                    '    name  = "containerInsights"\n    value = "enabled"\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  App:\n    Type: AWS::ECS::Cluster\n",
                pass_=(
                    "Resources:\n  App:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterSettings:\n"
                    "        - Name: containerInsights\n          Value: enabled\n"
                ),
            ),
        },
        tags=("logging", "monitoring", "ecs"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"ECS cluster '{resource.name}' has Container Insights turned off"
