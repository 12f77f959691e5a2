"""LOG025: Session Manager keeps no session logs.

Anti-pattern: the Session Manager preferences document (``document_type =
"Session"``, ``sessionType: Standard_Stream``) names neither an S3 bucket
(``s3BucketName``) nor a CloudWatch Logs group (``cloudWatchLogGroupName``).
Fix: name one of them.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


def _tf(bucket: str) -> str:
    return (
        'resource "aws_ssm_document" "session_prefs" {\n  name          = "SSM-SessionManagerRunShell"\n'
        '  document_type = "Session"\n  content = jsonencode({\n    schemaVersion = "1.0"\n'
        '    sessionType   = "Standard_Stream"\n    inputs = {\n'
        f'      s3BucketName           = "{bucket}"\n      s3EncryptionEnabled    = true\n'
        '      cloudWatchLogGroupName = ""\n    }\n  })\n}\n'
    )


def _cfn(bucket: str) -> str:
    return (
        "Resources:\n  SessionPrefs:\n    Type: AWS::SSM::Document\n    Properties:\n"
        "      Name: SSM-SessionManagerRunShell\n      DocumentType: Session\n      Content:\n"
        "        schemaVersion: '1.0'\n        sessionType: Standard_Stream\n        inputs:\n"
        f"          s3BucketName: '{bucket}'\n          s3EncryptionEnabled: true\n"
        "          cloudWatchLogGroupName: ''\n"
    )


class SsmSessionLogs(LoggingRule):
    kind = "ssm_session_logs"
    meta = RuleMeta(
        id="LOG025",
        slug="ssm-session-logs-off",
        title="Session Manager preferences keep no session logs",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("ssm",),
        setting="logging",
        rationale=(
            "Session Manager replaces SSH, and its session transcripts replace the shell history an "
            "investigator would look for. CloudTrail records only that a session started; what was "
            "typed is kept only when the customer's session preferences send it to S3 or CloudWatch "
            "Logs."
        ),
        remediation={
            "terraform": (
                "In the Standard_Stream aws_ssm_document's inputs, set s3BucketName or "
                "cloudWatchLogGroupName (with s3EncryptionEnabled / cloudWatchEncryptionEnabled)."
            ),
            "cloudformation": (
                "In the Standard_Stream AWS::SSM::Document's Content.inputs, set s3BucketName or "
                "cloudWatchLogGroupName (with s3EncryptionEnabled / cloudWatchEncryptionEnabled)."
            ),
        },
        url="https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html",
        examples={
            "terraform": Example(fail=_tf(""), pass_=_tf("session-logs-123456789012")),
            "cloudformation": Example(fail=_cfn(""), pass_=_cfn("session-logs-123456789012")),
        },
        tags=("logging", "ssm", "session-manager"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return (f"Session Manager preferences '{resource.name}' send session logs to neither S3 nor "
                "CloudWatch Logs")
