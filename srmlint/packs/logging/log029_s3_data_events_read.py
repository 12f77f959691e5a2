"""LOG029: no CloudTrail trail of the scan records an S3 bucket's object-level
read events (``GetObject``...: data events).

Anti-pattern: no trail whose event selector (``read_write_type`` All or
ReadOnly) or advanced event selector names ``AWS::S3::Object`` for this bucket
or for every bucket. Not flagged: buckets with server access logs on, buckets
that receive logs, coverage not statically known. Info: read events are
high-volume and billed; the trail that records them may live elsewhere.
Fix: add an S3 data event selector that records reads.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.facts import FactSet
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.packs.logging.log028_s3_data_events_write import (
    CFN_BUCKET,
    TF_BUCKET,
    cfn_trail,
    skip_recorded_elsewhere,
    tf_trail,
)
from srmlint.rule import Example, RuleMeta, Severity


class S3DataEventsRead(LoggingRule):
    kind = "s3_data_events_read"
    meta = RuleMeta(
        id="LOG029",
        slug="s3-object-read-events-not-logged",
        title="S3 object-level read events are not recorded by CloudTrail",
        severity=Severity.INFO,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("s3",),
        setting="data_events",
        rationale=(
            "Object reads (GetObject) are CloudTrail data events, recorded only when a trail's event "
            "selector asks for them (CIS AWS Foundations 3.11). Without them, and without server access "
            "logs, a bulk download of the bucket's data leaves no trace. Info: read events are "
            "high-volume and billed, and the trail may be defined elsewhere."
        ),
        remediation={
            "terraform": (
                "Add to an aws_cloudtrail: event_selector { read_write_type = \"All\" (or \"ReadOnly\"), "
                "data_resource { type = \"AWS::S3::Object\", values = [\"${aws_s3_bucket.<name>.arn}/\"] } }, "
                "or turn on server access logging."
            ),
            "cloudformation": (
                "Add to an AWS::CloudTrail::Trail: EventSelectors [{ ReadWriteType: All (or ReadOnly), "
                "DataResources: [{ Type: AWS::S3::Object, Values: [!Sub '${Bucket.Arn}/'] }] }], or turn on "
                "server access logging."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
        examples={
            "terraform": Example(fail=TF_BUCKET + tf_trail("WriteOnly"), pass_=TF_BUCKET + tf_trail("ReadOnly")),
            "cloudformation": Example(fail=CFN_BUCKET + cfn_trail("WriteOnly"), pass_=CFN_BUCKET + cfn_trail("All")),
        },
        tags=("logging", "s3", "cloudtrail", "data-events"),
    )

    def exempt(self, resource: Resource, facts: FactSet) -> bool:
        return skip_recorded_elsewhere(facts)

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return (f"S3 bucket '{resource.name}': no CloudTrail trail in this configuration records its "
                "object-level read events (data events), and server access logging is off")
