"""ENC006: an endpoint that serves clients over plain HTTP.

Anti-pattern: a load balancer listener on HTTP that forwards traffic instead of
redirecting to HTTPS, a CloudFront cache behaviour with viewer protocol policy
``allow-all``, an OpenSearch/Elasticsearch or CloudSearch domain that does not
enforce HTTPS, a Transfer Family server that offers plain FTP.
Fix: HTTPS listeners (HTTP only to redirect), ``redirect-to-https`` or
``https-only``, ``enforce_https = true``, SFTP or FTPS instead of FTP.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

MESSAGES = {
    "listener": ("{s} accepts plain HTTP without redirecting to HTTPS",
                 "{s} accepts plain HTTP without redirecting to HTTPS (protocol defaults to HTTP)"),
    "viewer": ("{s} lets viewers use plain HTTP (viewer protocol policy allow-all)", None),
    "https_only": ("{s} does not enforce HTTPS (enforce HTTPS is off)",
                   "{s} does not enforce HTTPS (enforce HTTPS is not turned on)"),
    "file_transfer": ("{s} offers plain FTP: credentials and files cross the network in clear text", None),
}


class PlaintextHttp(Rule):
    meta = RuleMeta(
        id="ENC006",
        slug="plaintext-http-endpoint",
        title="Endpoint serves clients over plain HTTP",
        severity=Severity.HIGH,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("elb", "cloudfront", "opensearch", "cloudsearch", "transfer"),
        setting="encryption_in_transit",
        rationale=(
            "Protecting network traffic is the customer's side of the shared responsibility model. "
            "An endpoint that answers plain HTTP sends requests, responses, cookies and credentials "
            "in clear text across networks the customer does not control, where they can be read and "
            "altered. HTTP should only redirect to HTTPS."
        ),
        remediation={
            "terraform": (
                "aws_lb_listener: protocol = \"HTTPS\" with certificate_arn and ssl_policy, or keep HTTP "
                "with default_action { type = \"redirect\" redirect { protocol = \"HTTPS\" port = \"443\" "
                "status_code = \"HTTP_301\" } }; aws_elb: lb_protocol = \"https\"; CloudFront: "
                "viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\"); OpenSearch: "
                "domain_endpoint_options { enforce_https = true }; CloudSearch: endpoint_options "
                "{ enforce_https = true }; aws_transfer_server: protocols without \"FTP\" (SFTP, FTPS)."
            ),
            "cloudformation": (
                "AWS::ElasticLoadBalancingV2::Listener: Protocol: HTTPS with Certificates and SslPolicy, "
                "or keep HTTP with DefaultActions [{Type: redirect, RedirectConfig: {Protocol: HTTPS, "
                "Port: '443', StatusCode: HTTP_301}}]; classic ELB: Protocol: HTTPS; CloudFront: "
                "ViewerProtocolPolicy: redirect-to-https; OpenSearch: DomainEndpointOptions: "
                "{EnforceHTTPS: true}; AWS::Transfer::Server: Protocols without FTP (SFTP, FTPS)."
            ),
        },
        url="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
        examples={
            "terraform": Example(
                fail=('resource "aws_lb_listener" "web" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:'
                      'eu-west-1:123456789012:loadbalancer/app/web/1"\n  port              = 80\n'
                      '  protocol          = "HTTP"\n  default_action {\n    type             = "forward"\n'
                      '    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:'
                      'targetgroup/web/1"\n  }\n}\n'),
                pass_=('resource "aws_lb_listener" "web" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:'
                       'eu-west-1:123456789012:loadbalancer/app/web/1"\n  port              = 80\n'
                       '  protocol          = "HTTP"\n  default_action {\n    type = "redirect"\n'
                       '    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n'
                       '      status_code = "HTTP_301"\n    }\n  }\n}\n'),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n"
                      "      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
                      "loadbalancer/app/web/1\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n"
                      "        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:"
                      "eu-west-1:123456789012:targetgroup/web/1\n"),
                pass_=("Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n"
                       "      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
                       "loadbalancer/app/web/1\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n"
                       "        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n"
                       "            Port: '443'\n            StatusCode: HTTP_301\n"),
            ),
        },
        tags=("encryption", "in-transit", "tls"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            templates = MESSAGES.get(fact.aspect)
            if templates is None:
                continue
            stated, unset = templates
            if fact.state == "disabled" and fact.path:
                if fact.aspect == "listener" and fact.path[0] in ("listener", "Listeners"):
                    stated = "{s} has a plain HTTP listener (a classic load balancer cannot redirect to HTTPS)"
                yield Hit(stated.format(s=subject(resource)), path=fact.path)
            elif (fact.state == "disabled" or (fact.state == "unset" and not fact.default_secure)) and unset:
                yield Hit(unset.format(s=subject(resource)), path=fact.path)
