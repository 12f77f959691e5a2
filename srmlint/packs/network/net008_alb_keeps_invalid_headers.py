"""NET008: an Application Load Balancer passes invalid HTTP header fields on.

Anti-pattern: ``drop_invalid_header_fields`` unset or false /
``routing.http.drop_invalid_header_fields.enabled`` not ``true``.
Fix: turn it on so header names that are not valid HTTP never reach the targets.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import HttpRequestHandling
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class AlbKeepsInvalidHeaders(Rule):
    meta = RuleMeta(
        id="NET008",
        slug="alb-invalid-headers-not-dropped",
        title="Application Load Balancer does not drop invalid HTTP header fields",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(HttpRequestHandling,),
        services=("elb",),
        setting="http_request_handling",
        rationale=(
            "How the load balancer treats malformed requests is the customer's configuration. By "
            "default an Application Load Balancer forwards header fields whose names are not valid "
            "HTTP, which back ends may parse differently (request smuggling, header injection). "
            "Dropping them is defence in depth, hence low severity."
        ),
        remediation={
            "terraform": "Set drop_invalid_header_fields = true on the aws_lb / aws_alb.",
            "cloudformation": (
                "Add LoadBalancerAttributes { Key: routing.http.drop_invalid_header_fields.enabled, "
                "Value: 'true' }."
            ),
        },
        url="https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4",
        examples={
            "terraform": Example(
                fail='resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n}\n',
                pass_=(
                    'resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n'
                    "  drop_invalid_header_fields = true\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
                    "    Properties:\n      Subnets: [subnet-1, subnet-2]\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
                    "    Properties:\n      Subnets: [subnet-1, subnet-2]\n      LoadBalancerAttributes:\n"
                    "        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: 'true'\n"
                ),
            ),
        },
        tags=("network", "load-balancer", "http"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(HttpRequestHandling):
            if not fact.has_header_setting or fact.drop_invalid_headers not in (None, False):
                continue
            state = "turned off" if fact.drop_invalid_headers is False else "not turned on; AWS default: off"
            yield Hit(
                f"Load balancer '{resource.name}' forwards invalid HTTP header fields ({state})",
                path=fact.path,
            )
