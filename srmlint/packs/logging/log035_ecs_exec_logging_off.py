"""LOG035: an ECS cluster that turns off logging of ECS Exec sessions.

Anti-pattern: ``configuration { execute_command_configuration { logging =
"NONE" } }`` / ``Configuration.ExecuteCommandConfiguration.Logging: NONE``.
AWS's default (``DEFAULT``: the task's awslogs configuration) is not flagged.
Fix: set logging to ``DEFAULT`` or ``OVERRIDE`` with a log group or bucket.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_ecs_cluster" "apps" {\n  name = "apps"\n  configuration {\n'
    "    execute_command_configuration {\n"
)
_CFN = (
    "Resources:\n  Apps:\n    Type: AWS::ECS::Cluster\n    Properties:\n      ClusterName: apps\n"
    "      Configuration:\n        ExecuteCommandConfiguration:\n"
)


class EcsExecLoggingOff(LoggingRule):
    kind = "ecs_exec_logging"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG035",
        slug="ecs-exec-logging-off",
        title="ECS cluster does not log ECS Exec sessions",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("ecs",),
        setting="logging",
        rationale=(
            "ECS Exec opens an interactive shell in a running container. With its logging set to NONE, "
            "the commands run and their output are recorded nowhere, so hands-on access to production "
            "containers leaves no trace beyond the ExecuteCommand API call."
        ),
        remediation={
            "terraform": (
                "Set execute_command_configuration.logging = \"OVERRIDE\" with a log_configuration "
                "(cloud_watch_log_group_name or s3_bucket_name), or \"DEFAULT\"."
            ),
            "cloudformation": (
                "Set ExecuteCommandConfiguration.Logging: OVERRIDE with a LogConfiguration "
                "(CloudWatchLogGroupName or S3BucketName), or DEFAULT."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging",
        examples={
            "terraform": Example(
                fail=_TF + '      logging = "NONE"\n    }\n  }\n}\n',
                pass_=_TF + '      logging = "OVERRIDE"\n      log_configuration {\n'
                "        cloud_watch_log_group_name = aws_cloudwatch_log_group.exec.name\n      }\n    }\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN + "          Logging: NONE\n",
                pass_=_CFN + "          Logging: OVERRIDE\n          LogConfiguration:\n"
                "            CloudWatchLogGroupName: !Ref ExecLogs\n",
            ),
        },
        tags=("logging", "ecs", "ecs-exec", "containers"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"ECS cluster '{resource.name}' turns off logging of ECS Exec sessions (logging NONE)"
