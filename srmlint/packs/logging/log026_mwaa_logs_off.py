"""LOG026: an MWAA (Airflow) environment sends no logs at all.

Anti-pattern: no ``logging_configuration`` / ``LoggingConfiguration`` log
type (DAG processing, scheduler, task, webserver, worker) enabled, or DAG
processing logs only (they record DAG file parse errors, not what runs or
who signs in).
Fix: enable at least the scheduler, webserver and worker logs.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_DAG_PROCESSING = frozenset({"dag_processing_logs", "DagProcessingLogs"})

_TF = (
    'resource "aws_mwaa_environment" "etl" {\n  name               = "etl"\n'
    '  dag_s3_path        = "dags/"\n  execution_role_arn = aws_iam_role.mwaa.arn\n'
    '  source_bucket_arn  = aws_s3_bucket.dags.arn\n'
    '  network_configuration {\n    security_group_ids = [aws_security_group.mwaa.id]\n'
    '    subnet_ids         = aws_subnet.private[*].id\n  }\n'
)
_CFN = (
    "Resources:\n  Etl:\n    Type: AWS::MWAA::Environment\n    Properties:\n      Name: etl\n"
    "      DagS3Path: dags/\n      ExecutionRoleArn: !GetAtt MwaaRole.Arn\n      SourceBucketArn: !GetAtt Dags.Arn\n"
    "      NetworkConfiguration:\n        SecurityGroupIds: [!Ref MwaaSg]\n        SubnetIds: [!Ref A, !Ref B]\n"
)


class MwaaLogsOff(LoggingRule):
    kind = "mwaa_logs"
    meta = RuleMeta(
        id="LOG026",
        slug="mwaa-logs-off",
        title="MWAA environment sends no Airflow logs",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("mwaa",),
        setting="logging",
        rationale=(
            "The Airflow scheduler, webserver and workers run the customer's DAGs with the customer's "
            "credentials; their logs show who logged in to the Airflow UI and what ran. MWAA sends none "
            "of them to CloudWatch Logs unless the customer enables each log type."
        ),
        remediation={
            "terraform": (
                "Add logging_configuration { scheduler_logs { enabled = true }, webserver_logs { enabled = "
                "true }, worker_logs { enabled = true } } (with log_level)."
            ),
            "cloudformation": (
                "Set LoggingConfiguration SchedulerLogs / WebserverLogs / WorkerLogs to "
                "{ Enabled: true, LogLevel: INFO }."
            ),
        },
        url="https://docs.aws.amazon.com/mwaa/latest/userguide/monitoring-airflow.html",
        examples={
            "terraform": Example(
                fail=_TF + "}\n",
                pass_=_TF + "  logging_configuration {\n    webserver_logs {\n      enabled   = true\n"
                "      log_level = \"INFO\"\n    }\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail=_CFN,
                pass_=_CFN + "      LoggingConfiguration:\n        WebserverLogs:\n          Enabled: true\n"
                "          LogLevel: INFO\n",
            ),
        },
        tags=("logging", "mwaa", "airflow"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        # DAG-processing logs (DAG file parse errors) alone record nothing that runs or signs in.
        return fact.state in self.bad_states or (fact.state == "enabled" and set(fact.detail) <= _DAG_PROCESSING)

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        if fact.state == "enabled":
            return (f"MWAA environment '{resource.name}' sends only DAG-processing logs: no scheduler, task, "
                    "webserver or worker logs reach CloudWatch Logs")
        return f"MWAA environment '{resource.name}' sends no Airflow logs to CloudWatch Logs"
