"""LOG028: no CloudTrail trail of the scan records an S3 bucket's object-level
write events (``PutObject``, ``DeleteObject``...: data events).

Anti-pattern: no ``aws_cloudtrail`` / ``AWS::CloudTrail::Trail`` whose event
selector (``read_write_type`` All or WriteOnly) or advanced event selector
names ``AWS::S3::Object`` for this bucket (``arn:aws:s3:::<bucket>/``) or for
every bucket (``arn:aws:s3``). Not flagged: buckets whose server access logs are
on or not statically known (they record object-level requests too), buckets that receive other
resources' logs, and buckets whose coverage is not statically known.
Info: the trail that records them may live in another account or configuration.
Fix: add an S3 data event selector to a trail.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.facts import FactSet
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

TF_BUCKET = 'resource "aws_s3_bucket" "data" {\n  bucket = "corp-data"\n}\n'
CFN_BUCKET = "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: corp-data\n"


def tf_trail(read_write: str) -> str:
    return (
        'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "corp-trail"\n'
        f'  event_selector {{\n    read_write_type = "{read_write}"\n    data_resource {{\n'
        '      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3:::${aws_s3_bucket.data.id}/"]\n'
        "    }\n  }\n}\n"
    )


def cfn_trail(read_write: str) -> str:
    return (
        "  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n"
        "      S3BucketName: corp-trail\n      EventSelectors:\n"
        f"        - ReadWriteType: {read_write}\n          DataResources:\n"
        "            - Type: AWS::S3::Object\n              Values: [!Sub 'arn:aws:s3:::${Data}/']\n"
    )


def skip_recorded_elsewhere(facts: FactSet) -> bool:
    """A bucket with server access logs on (or not statically known), or one that receives logs,
    is not flagged."""
    return any(f.kind == "s3_access_logs" and (f.state in ("enabled", "unknown") or "log_target" in f.detail)
               for f in facts.of(LoggingSetting))


class S3DataEventsWrite(LoggingRule):
    kind = "s3_data_events_write"
    meta = RuleMeta(
        id="LOG028",
        slug="s3-object-write-events-not-logged",
        title="S3 object-level write events are not recorded by CloudTrail",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("s3",),
        setting="data_events",
        rationale=(
            "CloudTrail records bucket-level calls by default, but object-level calls (PutObject, "
            "DeleteObject, PutObjectAcl) are data events that a trail records only when an event "
            "selector asks for them (CIS AWS Foundations 3.10). Without them, and without server "
            "access logs, nothing shows who overwrote or deleted an object. Info: the trail that "
            "records them may be defined in another account or configuration."
        ),
        remediation={
            "terraform": (
                "Add to an aws_cloudtrail: event_selector { read_write_type = \"All\" (or \"WriteOnly\"), "
                "data_resource { type = \"AWS::S3::Object\", values = [\"${aws_s3_bucket.<name>.arn}/\"] } } "
                "(or values = [\"arn:aws:s3\"] for every bucket), or turn on server access logging."
            ),
            "cloudformation": (
                "Add to an AWS::CloudTrail::Trail: EventSelectors [{ ReadWriteType: All (or WriteOnly), "
                "DataResources: [{ Type: AWS::S3::Object, Values: [!Sub '${Bucket.Arn}/'] }] }], or turn on "
                "server access logging."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
        examples={
            "terraform": Example(fail=TF_BUCKET + tf_trail("ReadOnly"), pass_=TF_BUCKET + tf_trail("WriteOnly")),
            "cloudformation": Example(fail=CFN_BUCKET + cfn_trail("ReadOnly"), pass_=CFN_BUCKET + cfn_trail("All")),
        },
        tags=("logging", "s3", "cloudtrail", "data-events"),
    )

    def exempt(self, resource: Resource, facts: FactSet) -> bool:
        return skip_recorded_elsewhere(facts)

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return (f"S3 bucket '{resource.name}': no CloudTrail trail in this configuration records its "
                "object-level write events (data events), and server access logging is off")
