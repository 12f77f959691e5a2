"""LOG007: a load balancer without access logs.

Anti-pattern: an Application, Network or Classic Load Balancer with no
``access_logs`` block, or with it disabled (``aws_lb``'s ``enabled`` defaults
to false); ``access_logs.s3.enabled`` not ``true`` in
``LoadBalancerAttributes``; no ``AccessLoggingPolicy``. Gateway Load
Balancers (which have no access logs) are not flagged.
Fix: turn access logs on, to an S3 bucket.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class LoadBalancerAccessLogs(LoggingRule):
    kind = "lb_access_logs"
    meta = RuleMeta(
        id="LOG007",
        slug="load-balancer-access-logs-off",
        title="Load balancer has access logging turned off",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("elb",),
        setting="logging",
        rationale=(
            "A load balancer is usually the internet edge of an application; its access logs are the "
            "record of every request, client address and response. AWS keeps none unless the "
            "customer turns them on, so probing, exploitation and abuse leave no trace."
        ),
        remediation={
            "terraform": (
                "Add access_logs { bucket = aws_s3_bucket.<logs>.id, enabled = true } to the aws_lb "
                "(enabled defaults to false)."
            ),
            "cloudformation": (
                "Add LoadBalancerAttributes [{ Key: access_logs.s3.enabled, Value: 'true' }, "
                "{ Key: access_logs.s3.bucket, Value: !Ref <LogBucket> }] (Classic: AccessLoggingPolicy "
                "{ Enabled: true, S3BucketName: ... })."
            ),
        },
        url="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n'
                    "  access_logs {\n    bucket = \"lb-logs\"\n  }\n}\n"
                ),
                pass_=(
                    'resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n'
                    '  access_logs {\n    bucket  = "lb-logs"\n    enabled = true\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n"
                    "      Subnets: [subnet-1, subnet-2]\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n"
                    "      Subnets: [subnet-1, subnet-2]\n      LoadBalancerAttributes:\n"
                    "        - Key: access_logs.s3.enabled\n          Value: 'true'\n"
                    "        - Key: access_logs.s3.bucket\n          Value: lb-logs\n"
                ),
            ),
        },
        tags=("logging", "elb", "access-logs"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"Load balancer '{resource.name}' has access logging turned off"
