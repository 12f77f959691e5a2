"""LOG037: Session Manager writes session logs without requiring the
destination to be encrypted.

Anti-pattern: the Session Manager preferences document (``document_type =
"Session"``, ``sessionType: Standard_Stream``) sends session logs to S3 with
``s3EncryptionEnabled: false``, or to CloudWatch Logs with
``cloudWatchEncryptionEnabled: false``. Low: S3 buckets and log groups are
encrypted at rest by AWS anyway; the flag makes Session Manager refuse a
destination without the encryption the customer chose.
Fix: set the flag of each destination to true.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


def _tf(encrypted: str) -> str:
    return (
        'resource "aws_ssm_document" "session_prefs" {\n  name          = "SSM-SessionManagerRunShell"\n'
        '  document_type = "Session"\n  content = jsonencode({\n    schemaVersion = "1.0"\n'
        '    sessionType   = "Standard_Stream"\n    inputs = {\n'
        f'      s3BucketName           = "session-logs"\n      s3EncryptionEnabled    = {encrypted}\n'
        '      cloudWatchLogGroupName = ""\n    }\n  })\n}\n'
    )


def _cfn(encrypted: str) -> str:
    return (
        "Resources:\n  SessionPrefs:\n    Type: AWS::SSM::Document\n    Properties:\n"
        "      Name: SSM-SessionManagerRunShell\n      DocumentType: Session\n      Content:\n"
        "        schemaVersion: '1.0'\n        sessionType: Standard_Stream\n        inputs:\n"
        f"          s3BucketName: session-logs\n          s3EncryptionEnabled: {encrypted}\n"
        "          cloudWatchLogGroupName: ''\n"
    )


class SsmSessionLogsUnencrypted(LoggingRule):
    kind = "ssm_session_log_encryption"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG037",
        slug="ssm-session-logs-unencrypted",
        title="Session Manager does not require its session logs to be encrypted",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("ssm",),
        setting="logging",
        rationale=(
            "Session transcripts hold every command typed on an instance, secrets included. With "
            "s3EncryptionEnabled / cloudWatchEncryptionEnabled false, Session Manager writes them to "
            "whatever bucket or log group is named, whether or not it is encrypted with the key the "
            "customer chose. Low: AWS encrypts new buckets and log groups at rest by default."
        ),
        remediation={
            "terraform": (
                "In the document's inputs set s3EncryptionEnabled = true / cloudWatchEncryptionEnabled = true."
            ),
            "cloudformation": (
                "In Content.inputs set s3EncryptionEnabled: true / cloudWatchEncryptionEnabled: true."
            ),
        },
        url="https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-logging.html",
        examples={
            "terraform": Example(fail=_tf("false"), pass_=_tf("true")),
            "cloudformation": Example(fail=_cfn("false"), pass_=_cfn("true")),
        },
        tags=("logging", "ssm", "session-manager", "encryption"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        where = " and ".join(fact.detail) or "its destination"
        return (f"Session Manager preferences '{resource.name}' send session logs to {where} "
                "without requiring encryption")
