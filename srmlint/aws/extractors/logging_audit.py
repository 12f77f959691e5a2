"""Audit and monitoring: CloudTrail trails, AWS Config, GuardDuty, CloudWatch log groups."""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.extractors.logging_common import destination_state, flag, flag_state, mapping, setting
from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import as_int, blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown


def _trail(resource: Resource, keys: tuple[str, str, str, str]) -> Iterator[LoggingSetting]:
    multi_region, validation, log_group, logging = keys
    yield flag(resource, multi_region, "trail_multi_region")
    yield flag(resource, validation, "trail_log_validation")
    group = resource.attributes.get(log_group)
    yield setting("trail_cloudwatch_logs", destination_state(group), (log_group,) if group is not None else ())
    # Terraform's enable_logging defaults to true; CloudFormation requires IsLogging.
    yield flag(resource, logging, "trail_logging", default="enabled")


def cloudtrail_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _trail(resource, ("is_multi_region_trail", "enable_log_file_validation",
                             "cloud_watch_logs_group_arn", "enable_logging"))


def cloudtrail_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _trail(resource, ("IsMultiRegionTrail", "EnableLogFileValidation",
                             "CloudWatchLogsLogGroupArn", "IsLogging"))


def config_aggregator_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    for name in ("account_aggregation_source", "organization_aggregation_source"):
        for i, source in enumerate(blocks(resource.attributes.get(name))):
            value = source.get("all_regions")
            yield setting("config_aggregator_all_regions", flag_state(value),
                          (name, i, "all_regions") if value is not None else (name, i))


def config_aggregator_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    accounts = resource.attributes.get("AccountAggregationSources")
    if isinstance(accounts, Unknown):
        yield setting("config_aggregator_all_regions", "unknown", ("AccountAggregationSources",))
    for i, source in enumerate(blocks(accounts)):
        value = source.get("AllAwsRegions")
        yield setting("config_aggregator_all_regions", flag_state(value), ("AccountAggregationSources", i))
    organization = mapping(resource.attributes.get("OrganizationAggregationSource"))
    if isinstance(organization, Unknown):
        yield setting("config_aggregator_all_regions", "unknown", ("OrganizationAggregationSource",))
    elif organization is not None:
        yield setting("config_aggregator_all_regions", flag_state(organization.get("AllAwsRegions")),
                      ("OrganizationAggregationSource",))
    if accounts is None and organization is None:
        # An aggregator with no source collects nothing: that is unset, not a partial configuration.
        yield setting("config_aggregator_all_regions", "unset")


def config_recorder_status_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    # is_enabled is required; absent (a broken template) is not a finding.
    yield flag(resource, "is_enabled", "config_recorder_enabled", default="unknown")


def guardduty_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield flag(resource, "enable", "guardduty_detector", default="enabled")


def guardduty_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    # Enable is required in CloudFormation; absent is a template error, not a finding.
    yield flag(resource, "Enable", "guardduty_detector", default="unknown")


def _retention(resource: Resource, key: str) -> Iterator[LoggingSetting]:
    value = resource.attributes.get(key)
    days = as_int(value)
    state: LoggingState
    if isinstance(days, Unknown):
        state = "unknown"
    elif days is None or days == 0:  # 0 (Terraform) means "never expire", like leaving it out
        state = "unset"
    else:
        state = "enabled"
    # detail: the retention in days, when one is set (LOG040 compares it with a year).
    yield setting("log_group_retention", state, (key,) if value is not None else (),
                  detail=(str(days),) if state == "enabled" else ())


def log_group_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _retention(resource, "retention_in_days")


def log_group_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _retention(resource, "RetentionInDays")


EXTRACTORS = [
    Extractor("cloudtrail-logging-tf", {"terraform": ["aws_cloudtrail"]}, [LoggingSetting], cloudtrail_terraform),
    Extractor("cloudtrail-logging-cfn", {"cloudformation": ["AWS::CloudTrail::Trail"]}, [LoggingSetting],
              cloudtrail_cloudformation),
    Extractor("config-aggregator-tf", {"terraform": ["aws_config_configuration_aggregator"]}, [LoggingSetting],
              config_aggregator_terraform),
    Extractor("config-aggregator-cfn", {"cloudformation": ["AWS::Config::ConfigurationAggregator"]},
              [LoggingSetting], config_aggregator_cloudformation),
    Extractor("config-recorder-status-tf", {"terraform": ["aws_config_configuration_recorder_status"]},
              [LoggingSetting], config_recorder_status_terraform),
    Extractor("guardduty-detector-tf", {"terraform": ["aws_guardduty_detector"]}, [LoggingSetting],
              guardduty_terraform),
    Extractor("guardduty-detector-cfn", {"cloudformation": ["AWS::GuardDuty::Detector"]}, [LoggingSetting],
              guardduty_cloudformation),
    Extractor("log-group-retention-tf", {"terraform": ["aws_cloudwatch_log_group"]}, [LoggingSetting],
              log_group_terraform),
    Extractor("log-group-retention-cfn", {"cloudformation": ["AWS::Logs::LogGroup"]}, [LoggingSetting],
              log_group_cloudformation),
]
