"""LOG020: a GuardDuty detector that is turned off.

Anti-pattern: ``enable = false`` / ``Enable: false``.
Fix: enable the detector.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class GuardDutyDetectorDisabled(LoggingRule):
    kind = "guardduty_detector"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG020",
        slug="guardduty-detector-disabled",
        title="GuardDuty detector is turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("guardduty",),
        setting="logging",
        rationale=(
            "GuardDuty is AWS's threat detection over CloudTrail, VPC flow and DNS logs; AWS runs the "
            "analysis, turning it on is the customer's. A detector declared but disabled produces no "
            "findings: compromised credentials and instances go unnoticed."
        ),
        remediation={
            "terraform": "Set enable = true (the default) on the aws_guardduty_detector.",
            "cloudformation": "Set Enable: true on the AWS::GuardDuty::Detector.",
        },
        url="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html",
        examples={
            "terraform": Example(
                fail='resource "aws_guardduty_detector" "main" {\n  enable = false\n}\n',
                pass_='resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n',
            ),
            "cloudformation": Example(
                fail="Resources:\n  Main:\n    Type: AWS::GuardDuty::Detector\n    Properties:\n      Enable: false\n",
                pass_="Resources:\n  Main:\n    Type: AWS::GuardDuty::Detector\n    Properties:\n      Enable: true\n",
            ),
        },
        tags=("logging", "guardduty", "threat-detection"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"GuardDuty detector '{resource.name}' is turned off"
