"""LOG024: an ActiveMQ broker publishes no audit logs.

Anti-pattern: ``logs { audit = true }`` / ``Logs.Audit: true`` absent or false
on an ActiveMQ broker (RabbitMQ brokers have no audit log).
Fix: publish audit logs to CloudWatch Logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_mq_broker" "orders" {\n  broker_name        = "orders"\n  engine_type        = "ActiveMQ"\n'
    '  engine_version     = "5.18"\n  host_instance_type = "mq.m5.large"\n'
    '  user {\n    username = "app"\n    password = var.mq_password\n  }\n'
)
_CFN = (
    "Resources:\n  Orders:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: orders\n"
    "      EngineType: ACTIVEMQ\n      EngineVersion: '5.18'\n      HostInstanceType: mq.m5.large\n"
    "      DeploymentMode: SINGLE_INSTANCE\n      PubliclyAccessible: false\n"
    "      Users:\n        - Username: app\n          Password: !Ref MqPassword\n"
)


class MqAuditLogs(LoggingRule):
    kind = "mq_audit_logs"
    meta = RuleMeta(
        id="LOG024",
        slug="mq-audit-logs-off",
        title="ActiveMQ broker publishes no audit logs",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("mq",),
        setting="logging",
        rationale=(
            "ActiveMQ audit logs record management actions taken through JMX and the web console: "
            "who created or deleted destinations and changed the broker. Amazon MQ publishes them only "
            "when the customer enables them."
        ),
        remediation={
            "terraform": "Add logs { audit = true } (and general = true) to the ActiveMQ aws_mq_broker.",
            "cloudformation": "Set Logs: { Audit: true } (and General: true) on the ActiveMQ broker.",
        },
        url="https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html",
        examples={
            "terraform": Example(
                fail=_TF + "  logs {\n    general = true\n  }\n}\n",
                pass_=_TF + "  logs {\n    general = true\n    audit   = true\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN + "      Logs:\n        General: true\n",
                pass_=_CFN + "      Logs:\n        General: true\n        Audit: true\n",
            ),
        },
        tags=("logging", "mq", "audit"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        how = "turned off" if fact.state == "disabled" else "not enabled"
        return f"ActiveMQ broker '{resource.name}' publishes no audit logs ({how})"
