"""Logging and monitoring (``LOG``): audit trails and logs are the customer's to turn on on every service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.logging.log001_cloudtrail_multi_region import CloudTrailMultiRegion
    from srmlint.packs.logging.log002_cloudtrail_log_file_validation import CloudTrailLogFileValidation
    from srmlint.packs.logging.log003_cloudtrail_cloudwatch_logs import CloudTrailCloudWatchLogs
    from srmlint.packs.logging.log004_cloudtrail_logging_off import CloudTrailLoggingOff
    from srmlint.packs.logging.log005_s3_access_logging import S3AccessLogging
    from srmlint.packs.logging.log006_vpc_flow_logs import VpcFlowLogs
    from srmlint.packs.logging.log007_load_balancer_access_logs import LoadBalancerAccessLogs
    from srmlint.packs.logging.log008_cloudfront_access_logs import CloudFrontAccessLogs
    from srmlint.packs.logging.log009_apigateway_access_logs import ApiGatewayAccessLogs
    from srmlint.packs.logging.log010_xray_tracing import XRayTracing
    from srmlint.packs.logging.log011_step_functions_logging import StepFunctionsLogging
    from srmlint.packs.logging.log012_database_log_exports import DatabaseLogExports
    from srmlint.packs.logging.log013_eks_control_plane_logging import EksControlPlaneLogging
    from srmlint.packs.logging.log014_opensearch_audit_logs import OpenSearchAuditLogs
    from srmlint.packs.logging.log015_redshift_audit_logging import RedshiftAuditLogging
    from srmlint.packs.logging.log016_waf_logging import WafLogging
    from srmlint.packs.logging.log017_log_group_retention import LogGroupRetention
    from srmlint.packs.logging.log018_config_aggregator_all_regions import ConfigAggregatorAllRegions
    from srmlint.packs.logging.log019_config_recorder_disabled import ConfigRecorderDisabled
    from srmlint.packs.logging.log020_guardduty_detector_disabled import GuardDutyDetectorDisabled
    from srmlint.packs.logging.log021_ecs_container_insights import EcsContainerInsights
    from srmlint.packs.logging.log022_msk_broker_logs import MskBrokerLogs
    from srmlint.packs.logging.log023_mq_general_logs import MqGeneralLogs
    from srmlint.packs.logging.log024_mq_audit_logs import MqAuditLogs
    from srmlint.packs.logging.log025_ssm_session_logs import SsmSessionLogs
    from srmlint.packs.logging.log026_mwaa_logs_off import MwaaLogsOff
    from srmlint.packs.logging.log027_appsync_logs_off import AppSyncLogsOff

    return [
        CloudTrailMultiRegion(),
        CloudTrailLogFileValidation(),
        CloudTrailCloudWatchLogs(),
        CloudTrailLoggingOff(),
        S3AccessLogging(),
        VpcFlowLogs(),
        LoadBalancerAccessLogs(),
        CloudFrontAccessLogs(),
        ApiGatewayAccessLogs(),
        XRayTracing(),
        StepFunctionsLogging(),
        DatabaseLogExports(),
        EksControlPlaneLogging(),
        OpenSearchAuditLogs(),
        RedshiftAuditLogging(),
        WafLogging(),
        LogGroupRetention(),
        ConfigAggregatorAllRegions(),
        ConfigRecorderDisabled(),
        GuardDutyDetectorDisabled(),
        EcsContainerInsights(),
        MskBrokerLogs(),
        MqGeneralLogs(),
        MqAuditLogs(),
        SsmSessionLogs(),
        MwaaLogsOff(),
        AppSyncLogsOff(),
    ]
