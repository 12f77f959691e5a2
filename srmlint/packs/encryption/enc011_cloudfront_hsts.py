"""ENC011: a CloudFront response headers policy that does not make browsers
stick to HTTPS.

Anti-pattern: an ``aws_cloudfront_response_headers_policy`` /
``AWS::CloudFront::ResponseHeadersPolicy`` with no Strict-Transport-Security
header, or one whose max-age is under a year.
Fix: ``security_headers_config { strict_transport_security { ... } }`` with
``access_control_max_age_sec >= 31536000`` and ``override = true``.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.extractors.encryption_services import HSTS_MIN_AGE
from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF_PASS = (
    'resource "aws_cloudfront_response_headers_policy" "web" {\n  name = "web"\n\n'
    "  security_headers_config {\n    strict_transport_security {\n"
    "      access_control_max_age_sec = 31536000\n      include_subdomains         = true\n"
    "      override                   = true\n    }\n  }\n}\n"
)
_CFN_PASS = (
    "Resources:\n  Web:\n    Type: AWS::CloudFront::ResponseHeadersPolicy\n    Properties:\n"
    "      ResponseHeadersPolicyConfig:\n        Name: web\n        SecurityHeadersConfig:\n"
    "          StrictTransportSecurity:\n            AccessControlMaxAgeSec: 31536000\n"
    "            IncludeSubdomains: true\n            Override: true\n"
)


class CloudFrontHsts(Rule):
    meta = RuleMeta(
        id="ENC011",
        slug="cloudfront-hsts-missing",
        title="CloudFront response headers policy does not enforce HTTPS in browsers (HSTS)",
        severity=Severity.LOW,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("cloudfront",),
        setting="encryption_in_transit",
        rationale=(
            "Redirecting HTTP to HTTPS still lets the first request of every visit go out in clear text, "
            "where an attacker on the network can answer it instead (SSL stripping). The "
            "Strict-Transport-Security header makes browsers use HTTPS for the site on their own, for "
            "max-age seconds. A response headers policy is where CloudFront adds it; one that sets "
            "security headers but not HSTS, or HSTS for less than a year, leaves that window open. "
            "Defence in depth on top of the viewer protocol policy: low severity."
        ),
        remediation={
            "terraform": (
                "In the aws_cloudfront_response_headers_policy add security_headers_config "
                "{ strict_transport_security { access_control_max_age_sec = 31536000, include_subdomains "
                "= true, override = true } } and attach the policy to the cache behaviours "
                "(response_headers_policy_id)."
            ),
            "cloudformation": (
                "In ResponseHeadersPolicyConfig add SecurityHeadersConfig: {StrictTransportSecurity: "
                "{AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true}} and attach "
                "the policy to the cache behaviours (ResponseHeadersPolicyId)."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
            "understanding-response-headers-policies.html#understanding-response-headers-policies-security",
        examples={
            "terraform": Example(
                fail=('resource "aws_cloudfront_response_headers_policy" "web" {\n  name = "web"\n\n'
                      "  security_headers_config {\n    content_type_options {\n      override = true\n"
                      "    }\n  }\n}\n"),
                pass_=_TF_PASS,
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Web:\n    Type: AWS::CloudFront::ResponseHeadersPolicy\n    Properties:\n"
                      "      ResponseHeadersPolicyConfig:\n        Name: web\n        SecurityHeadersConfig:\n"
                      "          ContentTypeOptions:\n            Override: true\n"),
                pass_=_CFN_PASS,
            ),
        },
        tags=("encryption", "in-transit", "cloudfront", "hsts"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            if fact.aspect != "hsts":
                continue
            if fact.state == "unset":
                yield Hit(f"{subject(resource)} adds no Strict-Transport-Security header", path=fact.path)
            elif fact.state == "weak":
                yield Hit(f"{subject(resource)} sets Strict-Transport-Security for only {fact.value} seconds "
                          f"(under a year, {HSTS_MIN_AGE})", path=fact.path)
