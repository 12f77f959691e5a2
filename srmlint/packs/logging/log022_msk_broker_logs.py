"""LOG022: an MSK cluster that delivers no broker logs.

Anti-pattern: no ``logging_info.broker_logs`` / ``LoggingInfo.BrokerLogs``
destination (CloudWatch Logs, Firehose or S3) enabled.
Fix: deliver broker logs to one of them.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class MskBrokerLogs(LoggingRule):
    kind = "msk_broker_logs"
    meta = RuleMeta(
        id="LOG022",
        slug="msk-broker-logs-off",
        title="MSK cluster delivers no broker logs",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("msk",),
        setting="logging",
        rationale=(
            "Broker logs record client connections, authentication failures and authorization "
            "denials on the Kafka brokers AWS runs. They are delivered nowhere unless the customer "
            "configures a destination."
        ),
        remediation={
            "terraform": (
                "Add logging_info { broker_logs { cloudwatch_logs { enabled = true, log_group = ... } } } "
                "(or firehose / s3) to the aws_msk_cluster."
            ),
            "cloudformation": (
                "Set LoggingInfo.BrokerLogs.CloudWatchLogs { Enabled: true, LogGroup: ... } (or Firehose / S3)."
            ),
        },
        url="https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_msk_cluster" "events" {\n  cluster_name           = "events"\n'
                    '  kafka_version          = "3.6.0"\n  number_of_broker_nodes = 3\n}\n'
                ),
                pass_=(
                    'resource "aws_msk_cluster" "events" {\n  cluster_name           = "events"\n'
                    '  kafka_version          = "3.6.0"\n  number_of_broker_nodes = 3\n'
                    "  logging_info {\n    broker_logs {\n      cloudwatch_logs {\n        enabled   = true\n"
                    "        log_group = aws_cloudwatch_log_group.msk.name\n      }\n    }\n  }\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n"
                    "      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n"
                ),
                pass_=(
                    "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n"
                    "      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n"
                    "      LoggingInfo:\n        BrokerLogs:\n          CloudWatchLogs:\n"
                    "            Enabled: true\n            LogGroup: !Ref MskLogs\n"
                ),
            ),
        },
        tags=("logging", "msk", "kafka"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"MSK cluster '{resource.name}' delivers no broker logs"
