"""LOG018: an AWS Config aggregator that does not aggregate all regions.

Anti-pattern: an account or organization aggregation source without
``all_regions = true`` / ``AllAwsRegions: true``.
Fix: aggregate all regions, so resources in unexpected regions are seen too.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class ConfigAggregatorAllRegions(LoggingRule):
    kind = "config_aggregator_all_regions"
    meta = RuleMeta(
        id="LOG018",
        slug="config-aggregator-not-all-regions",
        title="AWS Config aggregator does not aggregate all regions",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("config",),
        setting="logging",
        rationale=(
            "An aggregator that lists regions gives a central view that silently misses resources "
            "created anywhere else, including regions enabled later: exactly where unexpected "
            "resources hide."
        ),
        remediation={
            "terraform": "Set all_regions = true in the account_aggregation_source / organization_aggregation_source.",
            "cloudformation": "Set AllAwsRegions: true in AccountAggregationSources / OrganizationAggregationSource.",
        },
        url="https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_config_configuration_aggregator" "org" {\n  name = "org"\n'
                    "  account_aggregation_source {\n    account_ids = [\"123456789012\"]\n"
                    '    regions     = ["us-east-1"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_config_configuration_aggregator" "org" {\n  name = "org"\n'
                    "  account_aggregation_source {\n    account_ids = [\"123456789012\"]\n"
                    "    all_regions = true\n  }\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Org:\n    Type: AWS::Config::ConfigurationAggregator\n    Properties:\n"
                    "      AccountAggregationSources:\n        - AccountIds: ['123456789012']\n"
                    "          AwsRegions: [us-east-1]\n"
                ),
                pass_=(
                    "Resources:\n  Org:\n    Type: AWS::Config::ConfigurationAggregator\n    Properties:\n"
                    "      AccountAggregationSources:\n        - AccountIds: ['123456789012']\n"
                    "          AllAwsRegions: true\n"
                ),
            ),
        },
        tags=("logging", "config", "governance"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"AWS Config aggregator '{resource.name}' does not aggregate all regions"
