"""LOG023: an Amazon MQ broker publishes no general logs.

Anti-pattern: ``logs { general = true }`` / ``Logs.General: true`` absent or false.
Fix: publish general logs to CloudWatch Logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_mq_broker" "events" {\n  broker_name        = "events"\n  engine_type        = "RabbitMQ"\n'
    '  engine_version     = "3.13"\n  host_instance_type = "mq.m5.large"\n'
    '  user {\n    username = "app"\n    password = var.mq_password\n  }\n'
)
_CFN = (
    "Resources:\n  Events:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: events\n"
    "      EngineType: RABBITMQ\n      EngineVersion: '3.13'\n      HostInstanceType: mq.m5.large\n"
    "      DeploymentMode: SINGLE_INSTANCE\n      PubliclyAccessible: false\n"
    "      Users:\n        - Username: app\n          Password: !Ref MqPassword\n"
)


class MqGeneralLogs(LoggingRule):
    kind = "mq_general_logs"
    meta = RuleMeta(
        id="LOG023",
        slug="mq-general-logs-off",
        title="Amazon MQ broker publishes no general logs",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("mq",),
        setting="logging",
        rationale=(
            "General logs record the broker's connections, errors and configuration changes: what an "
            "investigation of the broker needs. Amazon MQ publishes them to CloudWatch Logs only when "
            "the customer enables it."
        ),
        remediation={
            "terraform": "Add logs { general = true } to the aws_mq_broker.",
            "cloudformation": "Set Logs: { General: true } on the AWS::AmazonMQ::Broker.",
        },
        url="https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html",
        examples={
            "terraform": Example(fail=_TF + "}\n", pass_=_TF + "  logs {\n    general = true\n  }\n}\n"),
            "cloudformation": Example(fail=_CFN, pass_=_CFN + "      Logs:\n        General: true\n"),
        },
        tags=("logging", "mq"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        how = "turned off" if fact.state == "disabled" else "not enabled"
        return f"Amazon MQ broker '{resource.name}' publishes no general logs ({how})"
