"""NET013: a CloudFront distribution has no WAF web ACL.

Anti-pattern: ``aws_cloudfront_distribution`` without ``web_acl_id`` /
``DistributionConfig.WebACLId``. Fix: associate a WAF web ACL (scope
CLOUDFRONT) with at least AWS's managed baseline rule groups.
"""

from __future__ import annotations

from srmlint.aws.facts import NetworkSwitch
from srmlint.packs.network._switch import SwitchRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_cloudfront_distribution" "site" {{\n  enabled = true\n{acl}'
    '  origin {{\n    domain_name = "example.com"\n    origin_id = "site"\n  }}\n'
    '  default_cache_behavior {{\n    target_origin_id = "site"\n'
    '    viewer_protocol_policy = "redirect-to-https"\n  }}\n}}\n'
)
_CFN = (
    "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
    "      DistributionConfig:\n        Enabled: true\n{acl}"
    "        Origins:\n          - DomainName: example.com\n            Id: site\n"
    "        DefaultCacheBehavior:\n          TargetOriginId: site\n"
    "          ViewerProtocolPolicy: redirect-to-https\n"
)


class CloudFrontWithoutWaf(SwitchRule):
    kind = "waf"
    unset = "CloudFront distribution '{name}' has no WAF web ACL"
    stated = unset
    meta = RuleMeta(
        id="NET013",
        slug="cloudfront-without-waf",
        title="CloudFront distribution has no WAF web ACL",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(NetworkSwitch,),
        services=("cloudfront",),
        setting="network_ingress",
        rationale=(
            "A CloudFront distribution is an internet-facing entry point to the customer's application. AWS "
            "runs the edge and its DDoS protection (Shield Standard); filtering application-layer requests "
            "(injection, known bad inputs, bots, rate limits) is the customer's, with a WAF web ACL. Without "
            "one every request reaches the origin. Low severity: a defence in depth that AWS does not enable "
            "by default."
        ),
        remediation={
            "terraform": (
                "Create an aws_wafv2_web_acl with scope = \"CLOUDFRONT\" (in us-east-1) and set web_acl_id "
                "to its arn."
            ),
            "cloudformation": (
                "Create an AWS::WAFv2::WebACL with Scope: CLOUDFRONT (in us-east-1) and set "
                "DistributionConfig.WebACLId to its Arn."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html",
        examples={
            "terraform": Example(
                fail=_TF.format(acl=""),
                pass_=_TF.format(acl='  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/1"\n'),
            ),
            "cloudformation": Example(
                fail=_CFN.format(acl=""),
                pass_=_CFN.format(acl="        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/1\n"),
            ),
        },
        tags=("network", "waf", "cloudfront"),
    )
