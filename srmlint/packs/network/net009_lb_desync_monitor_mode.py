"""NET009: a load balancer's HTTP desync mitigation is set to ``monitor``.

Anti-pattern: ``desync_mitigation_mode = "monitor"`` /
``routing.http.desync_mitigation_mode: monitor``, which forwards requests that
may be smuggled. The AWS default, ``defensive``, is not reported.
Fix: use ``defensive`` (or ``strictest``).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import HttpRequestHandling
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class LbDesyncMonitorMode(Rule):
    meta = RuleMeta(
        id="NET009",
        slug="lb-desync-mitigation-monitor",
        title="Load balancer only monitors HTTP desync (request smuggling)",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(HttpRequestHandling,),
        services=("elb",),
        setting="http_request_handling",
        rationale=(
            "HTTP desync mitigation decides whether ambiguous requests, the raw material of request "
            "smuggling, reach the targets. AWS's default (defensive) blocks the dangerous ones; the "
            "customer can weaken it to monitor, which forwards everything. Low severity: it is a "
            "deliberate downgrade of a secure default."
        ),
        remediation={
            "terraform": 'Set desync_mitigation_mode = "defensive" (or "strictest"), or remove it.',
            "cloudformation": (
                "Set LoadBalancerAttributes routing.http.desync_mitigation_mode to defensive (or strictest), "
                "or remove it."
            ),
        },
        url="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n'
                    '  drop_invalid_header_fields = true\n  desync_mitigation_mode     = "monitor"\n}\n'
                ),
                pass_=(
                    'resource "aws_lb" "web" {\n  name    = "web"\n  subnets = var.subnets\n'
                    '  drop_invalid_header_fields = true\n  desync_mitigation_mode     = "strictest"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
                    "    Properties:\n      Subnets: [subnet-1, subnet-2]\n      LoadBalancerAttributes:\n"
                    "        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: 'true'\n"
                    "        - Key: routing.http.desync_mitigation_mode\n          Value: monitor\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
                    "    Properties:\n      Subnets: [subnet-1, subnet-2]\n      LoadBalancerAttributes:\n"
                    "        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: 'true'\n"
                    "        - Key: routing.http.desync_mitigation_mode\n          Value: defensive\n"
                ),
            ),
        },
        tags=("network", "load-balancer", "http"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(HttpRequestHandling):
            if fact.desync_mode == "monitor":
                yield Hit(
                    f"Load balancer '{resource.name}' has HTTP desync mitigation in monitor mode "
                    "(ambiguous, possibly smuggled requests are forwarded)",
                    path=fact.path,
                )
