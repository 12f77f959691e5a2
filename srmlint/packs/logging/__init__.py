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
    from srmlint.packs.logging.log028_s3_data_events_write import S3DataEventsWrite
    from srmlint.packs.logging.log029_s3_data_events_read import S3DataEventsRead
    from srmlint.packs.logging.log030_rds_performance_insights import RdsPerformanceInsights
    from srmlint.packs.logging.log031_rds_enhanced_monitoring import RdsEnhancedMonitoring
    from srmlint.packs.logging.log032_acm_certificate_transparency import AcmCertificateTransparency
    from srmlint.packs.logging.log033_apigateway_data_trace import ApiGatewayDataTrace
    from srmlint.packs.logging.log034_cloudwatch_alarm_actions_off import CloudWatchAlarmActionsOff
    from srmlint.packs.logging.log035_ecs_exec_logging_off import EcsExecLoggingOff
    from srmlint.packs.logging.log036_opensearch_logs_off import OpenSearchLogsOff
    from srmlint.packs.logging.log037_ssm_session_logs_unencrypted import SsmSessionLogsUnencrypted
    from srmlint.packs.logging.log038_docdb_audit_parameter import DocDbAuditParameter
    from srmlint.packs.logging.log039_codebuild_logs_off import CodeBuildLogsOff
    from srmlint.packs.logging.log040_log_group_retention_short import LogGroupRetentionShort

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
        S3DataEventsWrite(),
        S3DataEventsRead(),
        RdsPerformanceInsights(),
        RdsEnhancedMonitoring(),
        AcmCertificateTransparency(),
        ApiGatewayDataTrace(),
        CloudWatchAlarmActionsOff(),
        EcsExecLoggingOff(),
        OpenSearchLogsOff(),
        SsmSessionLogsUnencrypted(),
        DocDbAuditParameter(),
        CodeBuildLogsOff(),
        LogGroupRetentionShort(),
    ]
