"""PUB018: CloudFront distribution sends its root URL to an S3 origin with no default root object.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``default_root_object``
(:mod:`srmlint.aws.extractors.public_access_cloudfront`).
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_cloudfront_distribution" "site" {{\n  enabled = true\n{root}'
    '  origin {{\n    origin_id   = "site"\n    domain_name = aws_s3_bucket.site.bucket_regional_domain_name\n'
    '    origin_access_control_id = aws_cloudfront_origin_access_control.site.id\n  }}\n'
    '  default_cache_behavior {{\n    target_origin_id       = "site"\n    viewer_protocol_policy = "https-only"\n'
    '    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n'
    '    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"\n  }}\n'
    '  restrictions {{\n    geo_restriction {{\n      restriction_type = "none"\n    }}\n  }}\n'
    '  viewer_certificate {{\n    cloudfront_default_certificate = true\n  }}\n}}\n'
)
_CFN = (
    "Resources:\n  Site:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n      DistributionConfig:\n"
    "        Enabled: true\n{root}        Origins:\n          - Id: site\n"
    "            DomainName: !GetAtt Bucket.RegionalDomainName\n            S3OriginConfig: {{}}\n"
    "        DefaultCacheBehavior:\n          TargetOriginId: site\n          ViewerProtocolPolicy: https-only\n"
    "          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n"
    "  Bucket:\n    Type: AWS::S3::Bucket\n"
)


class CloudFrontDefaultRootObject(ExposureRule):
    kind = "default_root_object"
    message = ("CloudFront distribution '{name}' has no default root object: a request for its root URL goes "
               "to the S3 origin, which lists the bucket's objects if CloudFront may list them")
    meta = RuleMeta(
        id="PUB018",
        slug="cloudfront-default-root-object",
        title="CloudFront distribution with an S3 origin has no default root object",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("cloudfront",),
        setting="public_access",
        rationale=(
            "Without a default root object, CloudFront forwards a request for the distribution's root URL "
            "('/') to the origin. An S3 REST origin answers it with a listing of the bucket whenever the "
            "identity CloudFront uses (origin access control or identity, or anonymous access) may list it, "
            "so the names of every object are shown to anyone. AWS recommends a default root object to avoid "
            "exposing the contents of a distribution (Security Hub CloudFront.1). What the distribution "
            "serves is the customer's configuration. The bucket policy is the first line (no s3:ListBucket for "
            "CloudFront means an error instead of a listing), so this is defence in depth: low severity. Only "
            "S3 REST origins are judged: a load balancer, an API or an S3 website endpoint answers '/' itself."
        ),
        remediation={
            "terraform": 'Set default_root_object = "index.html" (the object to serve for "/") on '
                         "aws_cloudfront_distribution.",
            "cloudformation": "Set DistributionConfig.DefaultRootObject: index.html (the object to serve for "
                              "'/') on AWS::CloudFront::Distribution.",
        },
        url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html",
        examples={
            "terraform": Example(fail=_TF.format(root=""),
                                 pass_=_TF.format(root='  default_root_object = "index.html"\n')),
            "cloudformation": Example(fail=_CFN.format(root=""),
                                      pass_=_CFN.format(root="        DefaultRootObject: index.html\n")),
        },
        tags=("public-access", "cloudfront", "s3"),
    )
