"""PUB016: EMR block public access is turned off.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind
``emr_block_public_access``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class EmrBlockPublicAccessOff(ExposureRule):
    kind = "emr_block_public_access"
    message = ("EMR block public access configuration '{name}' turns block_public_security_group_rules off: "
               "clusters in the region may open any port to the internet")
    meta = RuleMeta(
        id="PUB016",
        slug="emr-block-public-access-off",
        title="EMR block public access is turned off",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("emr",),
        setting="public_access",
        rationale=(
            "EMR block public access (on by default in every region) stops clusters from launching with "
            "security group rules that admit 0.0.0.0/0 or ::/0, except on the ports the customer permits "
            "(22 by default). Turning it off lets any cluster expose its web UIs and services, which run "
            "code on the cluster, to the internet."
        ),
        remediation={
            "terraform": (
                "Set block_public_security_group_rules = true on aws_emr_block_public_access_configuration "
                "and list only the ports that must be public in permitted_public_security_group_rule_range."
            ),
        },
        url="https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_emr_block_public_access_configuration" "this" {\n'
                    '  block_public_security_group_rules = false\n}\n'
                ),
                pass_=(
                    'resource "aws_emr_block_public_access_configuration" "this" {\n'
                    '  block_public_security_group_rules = true\n}\n'
                ),
            ),
        },
        tags=("public-access", "emr"),
    )
