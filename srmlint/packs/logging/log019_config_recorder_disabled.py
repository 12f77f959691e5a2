"""LOG019: an AWS Config configuration recorder that is stopped.

Anti-pattern: ``aws_config_configuration_recorder_status`` with ``is_enabled = false``.
Fix: start the recorder. (CloudFormation has no recorder status resource:
a recorder with a delivery channel records.)
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class ConfigRecorderDisabled(LoggingRule):
    kind = "config_recorder_enabled"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG019",
        slug="config-recorder-stopped",
        title="AWS Config configuration recorder is stopped",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("config",),
        setting="logging",
        rationale=(
            "The configuration recorder is what gives AWS Config its history of resource changes and "
            "its compliance evaluations. A stopped recorder records nothing, so Config rules and "
            "the change history silently go blind."
        ),
        remediation={
            "terraform": "Set is_enabled = true on the aws_config_configuration_recorder_status.",
        },
        url="https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_config_configuration_recorder_status" "main" {\n'
                    "  name       = aws_config_configuration_recorder.main.name\n  is_enabled = false\n}\n"
                ),
                pass_=(
                    'resource "aws_config_configuration_recorder_status" "main" {\n'
                    "  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n}\n"
                ),
            ),
        },
        tags=("logging", "config", "governance"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"AWS Config recorder status '{resource.name}' has the recorder stopped (is_enabled = false)"
