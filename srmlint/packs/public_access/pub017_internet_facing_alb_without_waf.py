"""PUB017: internet-facing Application Load Balancer has no WAF web ACL.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``lb_without_waf``.
Low severity: defence in depth; the listeners and security groups decide who reaches the targets.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class InternetFacingAlbWithoutWaf(ExposureRule):
    kind = "lb_without_waf"
    message = ("Load balancer '{name}' is internet-facing and no WAF web ACL is associated with it in this "
               "template")
    meta = RuleMeta(
        id="PUB017",
        slug="internet-facing-alb-without-waf",
        title="Internet-facing Application Load Balancer has no WAF web ACL",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("elb",),
        setting="public_access",
        rationale=(
            "An internet-facing Application Load Balancer (the default scheme) passes every request from the "
            "internet to its targets. A WAF web ACL filters common exploits, bots and floods before they "
            "reach the application; deciding to put one in front is the customer's. Low severity: defence "
            "in depth, and a web ACL may also be attached outside the template (Firewall Manager). Network "
            "and gateway load balancers, which WAF cannot protect, are not reported."
        ),
        remediation={
            "terraform": (
                "Associate a web ACL with aws_wafv2_web_acl_association (resource_arn = the load balancer's "
                "arn), or set internal = true if the load balancer need not be reachable from the internet."
            ),
            "cloudformation": (
                "Associate a web ACL with AWS::WAFv2::WebACLAssociation (ResourceArn: !Ref the load "
                "balancer), or set Scheme: internal if it need not be reachable from the internet."
            ),
        },
        url="https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html",
        examples={
            "terraform": Example(
                fail='resource "aws_lb" "web" {\n  internal = false\n  load_balancer_type = "application"\n}\n',
                pass_=(
                    'resource "aws_lb" "web" {\n  internal = false\n  load_balancer_type = "application"\n}\n'
                    'resource "aws_wafv2_web_acl_association" "web" {\n  resource_arn = aws_lb.web.arn\n'
                    '  web_acl_arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/abc"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n"
                    "      Scheme: internet-facing\n      Subnets: [subnet-1, subnet-2]\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n"
                    "      Scheme: internet-facing\n      Subnets: [subnet-1, subnet-2]\n"
                    "  WebAcl:\n    Type: AWS::WAFv2::WebACLAssociation\n    Properties:\n"
                    "      ResourceArn: !Ref Web\n"
                    "      WebACLArn: arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/abc\n"
                ),
            ),
        },
        tags=("public-access", "elb", "waf"),
    )
