"""PUB012: ami or snapshot is shared with everyone.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``public_share``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class PublicImageOrSnapshot(ExposureRule):
    kind = "public_share"
    message = "{type} '{name}' is shared with all AWS accounts ({detail})"
    meta = RuleMeta(
        id="PUB012",
        slug="public-image-or-snapshot",
        title="AMI or snapshot is shared with everyone",
        severity=Severity.CRITICAL,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("ec2", "rds", "ssm"),
        setting="public_access",
        rationale=(
            "An AMI launch permission for group 'all' or a DB snapshot shared with 'all' lets every AWS "
            "account copy the image or restore the database, with whatever data, credentials and keys it "
            "holds; an SSM document shared with 'All' publishes its commands, scripts and any embedded "
            "secrets. Sharing is the customer's decision: share with named accounts only."
        ),
        remediation={
            "terraform": (
                'Replace group = "all" on aws_ami_launch_permission with account_id, and "all" in '
                'shared_accounts of aws_db_snapshot with the account ids that need the snapshot; in '
                'the permissions of aws_ssm_document, list account ids instead of "All".'
            ),
        },
        url="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
        examples={
            "terraform": Example(
                fail='resource "aws_ami_launch_permission" "share" {\n  image_id = "ami-123"\n  group = "all"\n}\n',
                pass_=(
                    'resource "aws_ami_launch_permission" "share" {\n  image_id = "ami-123"\n  '
                    'account_id = "123456789012"\n}\n'
                ),
            ),
        },
        tags=("public-access", "ami", "snapshot"),
    )
