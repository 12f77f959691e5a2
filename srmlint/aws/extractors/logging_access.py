"""Access and traffic logs: S3 server access logs, VPC flow logs, load balancer,
CloudFront and API Gateway access logs, WAF logging.

Connected resources are followed through the graph (AWS provider v4+
``aws_s3_bucket_logging``, ``aws_flow_log``, ``AWS::EC2::FlowLog``, WAF
logging configurations), and by literal bucket name as for encryption.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.logging_common import (
    absent,
    destination_state,
    flag_state,
    literal_name_match,
    mapping,
    module_or_stack_receives,
    setting,
    tf_blocks,
)
from srmlint.aws.facts import LoggingSetting, LoggingState
from srmlint.aws.values import blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

# ------------------------------------------------------------------ S3 buckets

S3_LOGGING = "aws_s3_bucket_logging"
#: Where in a referring resource a reference to a bucket makes that bucket a
#: log destination (S3 server access logs, load balancer and CloudFront access
#: logs, flow logs, CloudFormation's LoggingConfiguration...). CloudTrail's
#: bucket is not among them: its access should itself be logged.
_LOG_TARGET_KEYS = frozenset({
    "logging", "target_bucket", "access_logs", "logging_config", "log_destination",
    "LoggingConfiguration", "Logging", "AccessLoggingPolicy", "LoadBalancerAttributes", "LogDestination",
    "DestinationBucketName",
})
_LOG_DELIVERY_PRINCIPALS = ("logging.s3.amazonaws.com", "delivery.logs.amazonaws.com", "logdelivery")


def _is_log_delivery_policy(policy: Any) -> bool:
    return any(p in repr(policy).lower() for p in _LOG_DELIVERY_PRINCIPALS)


def _is_log_target(bucket: Resource, graph: ResourceGraph, name_key: str) -> bool:
    """Whether ``bucket`` receives logs: other resources send their logs to it,
    or its ACL or policy lets the log delivery service write to it."""
    for ref in graph.references_to(bucket):
        if any(isinstance(step, str) and step in _LOG_TARGET_KEYS for step in ref.path):
            source = graph.get(ref.scope, ref.source)
            if source is None or source.type in ("aws_cloudtrail", "AWS::CloudTrail::Trail"):
                continue
            if source.type == S3_LOGGING and ref.path[:1] != ("target_bucket",):
                continue
            return True
        source = graph.get(ref.scope, ref.source)
        if source is None:
            continue
        if source.type == "aws_s3_bucket_acl" and source.attributes.get("acl") == "log-delivery-write":
            return True
        if source.type in ("aws_s3_bucket_policy", "AWS::S3::BucketPolicy") and _is_log_delivery_policy(
                source.attributes.get("policy", source.attributes.get("PolicyDocument"))):
            return True
    name = bucket.attributes.get(name_key)
    return isinstance(name, str) and bool(name) and name in _log_target_names(graph, bucket.scope, bucket.format)


def _log_target_names(graph: ResourceGraph, scope: str, format_: str) -> frozenset[str]:
    """The literal bucket names other buckets of ``scope`` send access logs to,
    built once per scope: asked for each bucket, a scan over the others would
    make a template of many buckets quadratic."""

    def compute() -> frozenset[str]:
        names: set[Any] = set()
        if format_ == "terraform":
            for other in graph.by_type("aws_s3_bucket", scope):
                names.update(b.get("target_bucket") for b in blocks(other.attributes.get("logging")))
            names.update(c.attributes.get("target_bucket") for c in graph.by_type(S3_LOGGING, scope))
        else:
            for other in graph.by_type("AWS::S3::Bucket", scope):
                config = mapping(other.attributes.get("LoggingConfiguration"))
                if isinstance(config, Mapping):
                    names.add(config.get("DestinationBucketName"))
        return frozenset(n for n in names if isinstance(n, str) and n)

    return graph.memo(("s3-log-target-names", format_, scope), compute)


def s3_bucket_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    log_target = ("log_target",) if (
        resource.attributes.get("acl") == "log-delivery-write" or _is_log_target(resource, graph, "bucket")
    ) else ()
    bodies, dynamic = tf_blocks(resource, "logging")
    connected = graph.referrers(resource, type_=S3_LOGGING, via="bucket")
    connected += [r for r in graph.by_type(S3_LOGGING, resource.scope)
                  if r not in connected and literal_name_match(r, "bucket", resource, "bucket")]
    state: LoggingState
    if bodies:
        state = destination_state(bodies[0].get("target_bucket"))
        yield setting("s3_access_logs", state, ("logging", 0), detail=log_target)
    elif connected:
        config = connected[0]
        yield setting("s3_access_logs", destination_state(config.attributes.get("target_bucket")),
                      source=config.address, detail=log_target)
    elif dynamic:
        yield setting("s3_access_logs", "unknown", ("dynamic",), detail=log_target)
    else:
        yield setting("s3_access_logs", "unset", detail=log_target)


def s3_bucket_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    log_target = ("log_target",) if (
        resource.attributes.get("AccessControl") == "LogDeliveryWrite"
        or _is_log_target(resource, graph, "BucketName")
    ) else ()
    config = resource.attributes.get("LoggingConfiguration")
    if isinstance(config, Unknown):
        state: LoggingState = "unknown"
    else:
        # An empty LoggingConfiguration delivers the logs to the bucket itself.
        state = "enabled" if isinstance(config, Mapping) else "unset"
    yield setting("s3_access_logs", state, ("LoggingConfiguration",) if config is not None else (),
                  detail=log_target)


# ------------------------------------------------------------------ VPC flow logs

def _flow_logs(vpc: Resource, graph: ResourceGraph, flow_type: str, via: str) -> LoggingState:
    if graph.referrers(vpc, type_=flow_type, via=via):
        return "enabled"
    if module_or_stack_receives(vpc, graph):
        return "unknown"
    # A flow log whose target is not a resource of this scope (a variable, a
    # local, a data source) may be this VPC's.
    for flow_log in graph.by_type(flow_type, vpc.scope):
        target = flow_log.attributes.get(via)
        if isinstance(target, Unknown) and not graph.targets(flow_log, via=via):
            return "unknown"
    return "unset"


def vpc_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield setting("vpc_flow_logs", _flow_logs(resource, graph, "aws_flow_log", "vpc_id"))


def vpc_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield setting("vpc_flow_logs", _flow_logs(resource, graph, "AWS::EC2::FlowLog", "ResourceId"))


# ------------------------------------------------------------------ load balancers

def lb_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    lb_type = resource.attributes.get("load_balancer_type")
    if lb_type == "gateway":  # Gateway Load Balancers have no access logs
        return
    bodies, dynamic = tf_blocks(resource, "access_logs")
    # aws_lb / aws_alb: `enabled` defaults to false; classic aws_elb: to true.
    default: LoggingState = "enabled" if resource.type == "aws_elb" else "unset"
    if bodies:
        yield setting("lb_access_logs", flag_state(bodies[0].get("enabled"), default), ("access_logs", 0))
    else:
        yield setting("lb_access_logs", "unknown" if dynamic else "unset", ("dynamic",) if dynamic else ())


def elbv2_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    if resource.attributes.get("Type") == "gateway":
        return
    attributes = resource.attributes.get("LoadBalancerAttributes")
    if isinstance(attributes, Unknown):
        yield setting("lb_access_logs", "unknown", ("LoadBalancerAttributes",))
        return
    for i, attribute in enumerate(blocks(attributes)):
        key = attribute.get("Key")
        if isinstance(key, Unknown):
            yield setting("lb_access_logs", "unknown", ("LoadBalancerAttributes", i))
            return
        if key == "access_logs.s3.enabled":
            yield setting("lb_access_logs", flag_state(attribute.get("Value")), ("LoadBalancerAttributes", i))
            return
    yield setting("lb_access_logs", "unset", ("LoadBalancerAttributes",) if attributes is not None else ())


def elb_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    policy = mapping(resource.attributes.get("AccessLoggingPolicy"))
    if isinstance(policy, Unknown):
        yield setting("lb_access_logs", "unknown", ("AccessLoggingPolicy",))
    elif policy is None:
        yield setting("lb_access_logs", "unset")
    else:  # Enabled is required
        yield setting("lb_access_logs", flag_state(policy.get("Enabled"), "unknown"), ("AccessLoggingPolicy",))


# ------------------------------------------------------------------ CloudFront

_DELIVERY_SOURCES = {"aws_cloudwatch_log_delivery_source": "aws_cloudwatch_log_delivery",
                     "AWS::Logs::DeliverySource": "AWS::Logs::Delivery"}


def _delivery_source(resource: Resource, graph: ResourceGraph) -> bool:
    """CloudFront standard logging (v2): a log delivery source naming the
    distribution, and a delivery from that source to a destination."""
    for source in graph.referrers(resource):
        delivery = _DELIVERY_SOURCES.get(source.type)
        if delivery is not None and graph.referrers(source, type_=delivery):
            return True
    return False


def cloudfront_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logging_config")
    if bodies:
        yield setting("cloudfront_access_logs", destination_state(bodies[0].get("bucket")), ("logging_config", 0))
    elif _delivery_source(resource, graph):
        yield setting("cloudfront_access_logs", "enabled")
    else:
        yield setting("cloudfront_access_logs", "unknown" if dynamic else "unset")


def cloudfront_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get("DistributionConfig"))
    if isinstance(config, Unknown):
        yield setting("cloudfront_access_logs", "unknown", ("DistributionConfig",))
        return
    logging = mapping(config.get("Logging")) if config is not None else None
    if isinstance(logging, Unknown):
        yield setting("cloudfront_access_logs", "unknown", ("DistributionConfig", "Logging"))
    elif logging is not None:
        yield setting("cloudfront_access_logs", destination_state(logging.get("Bucket")),
                      ("DistributionConfig", "Logging"))
    elif _delivery_source(resource, graph):
        yield setting("cloudfront_access_logs", "enabled")
    else:
        yield setting("cloudfront_access_logs", "unset", ("DistributionConfig",) if config is not None else ())


# ------------------------------------------------------------------ API Gateway stages

def apigw_stage_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "access_log_settings")
    if bodies:
        yield setting("apigw_access_logs", destination_state(bodies[0].get("destination_arn")),
                      ("access_log_settings", 0))
    else:
        yield setting("apigw_access_logs", "unknown" if dynamic else "unset")


def _apigw_cfn(resource: Resource, key: str) -> Iterator[LoggingSetting]:
    config = mapping(resource.attributes.get(key))
    if isinstance(config, Unknown):
        yield setting("apigw_access_logs", "unknown", (key,))
    elif config is None:
        yield setting("apigw_access_logs", absent(resource))
    else:
        yield setting("apigw_access_logs", destination_state(config.get("DestinationArn")), (key,))


def apigw_stage_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _apigw_cfn(resource, "AccessLogSetting")


def apigwv2_stage_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    return _apigw_cfn(resource, "AccessLogSettings")


# ------------------------------------------------------------------ WAF

def _waf_connected(acl: Resource, graph: ResourceGraph, config_type: str, via: str) -> LoggingState:
    if graph.referrers(acl, type_=config_type, via=via):
        return "enabled"
    if module_or_stack_receives(acl, graph):
        return "unknown"
    for config in graph.by_type(config_type, acl.scope):
        if isinstance(config.attributes.get(via), Unknown) and not graph.targets(config, via=via):
            return "unknown"
    return "unset"


def wafv2_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield setting("waf_logging", _waf_connected(resource, graph, "aws_wafv2_web_acl_logging_configuration",
                                                "resource_arn"))


def waf_classic_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    bodies, dynamic = tf_blocks(resource, "logging_configuration")
    if bodies:
        yield setting("waf_logging", destination_state(bodies[0].get("log_destination")),
                      ("logging_configuration", 0))
    else:
        yield setting("waf_logging", "unknown" if dynamic else "unset")


def wafv2_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[LoggingSetting]:
    yield setting("waf_logging", _waf_connected(resource, graph, "AWS::WAFv2::LoggingConfiguration", "ResourceArn"))


EXTRACTORS = [
    Extractor("s3-access-logs-tf", {"terraform": ["aws_s3_bucket"]}, [LoggingSetting], s3_bucket_terraform),
    Extractor("s3-access-logs-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [LoggingSetting],
              s3_bucket_cloudformation),
    Extractor("vpc-flow-logs-tf", {"terraform": ["aws_vpc"]}, [LoggingSetting], vpc_terraform),
    Extractor("vpc-flow-logs-cfn", {"cloudformation": ["AWS::EC2::VPC"]}, [LoggingSetting], vpc_cloudformation),
    Extractor("lb-access-logs-tf", {"terraform": ["aws_lb", "aws_alb", "aws_elb"]}, [LoggingSetting],
              lb_terraform),
    Extractor("elbv2-access-logs-cfn", {"cloudformation": ["AWS::ElasticLoadBalancingV2::LoadBalancer"]},
              [LoggingSetting], elbv2_cloudformation),
    Extractor("elb-access-logs-cfn", {"cloudformation": ["AWS::ElasticLoadBalancing::LoadBalancer"]},
              [LoggingSetting], elb_cloudformation),
    Extractor("cloudfront-access-logs-tf", {"terraform": ["aws_cloudfront_distribution"]}, [LoggingSetting],
              cloudfront_terraform),
    Extractor("cloudfront-access-logs-cfn", {"cloudformation": ["AWS::CloudFront::Distribution"]},
              [LoggingSetting], cloudfront_cloudformation),
    Extractor("apigw-access-logs-tf", {"terraform": ["aws_api_gateway_stage", "aws_apigatewayv2_stage"]},
              [LoggingSetting], apigw_stage_terraform),
    Extractor("apigw-access-logs-cfn", {"cloudformation": ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"]},
              [LoggingSetting], apigw_stage_cloudformation),
    Extractor("apigwv2-access-logs-cfn",
              {"cloudformation": ["AWS::ApiGatewayV2::Stage", "AWS::Serverless::HttpApi"]},
              [LoggingSetting], apigwv2_stage_cloudformation),
    Extractor("wafv2-logging-tf", {"terraform": ["aws_wafv2_web_acl"]}, [LoggingSetting], wafv2_terraform),
    Extractor("waf-classic-logging-tf", {"terraform": ["aws_waf_web_acl", "aws_wafregional_web_acl"]},
              [LoggingSetting], waf_classic_terraform),
    Extractor("wafv2-logging-cfn", {"cloudformation": ["AWS::WAFv2::WebACL"]}, [LoggingSetting],
              wafv2_cloudformation),
]
