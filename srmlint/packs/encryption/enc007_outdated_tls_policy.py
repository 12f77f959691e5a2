"""ENC007: a TLS endpoint that still accepts TLS 1.0 or 1.1.

Anti-pattern: an ELB security policy, CloudFront minimum protocol version,
API Gateway domain security policy, OpenSearch or CloudSearch TLS policy or classic ELB
SSL negotiation policy (reference policy or Protocol-TLSv1/TLSv1.1/SSLv3
attributes) that allows protocol versions older than TLS 1.2.
Fix: a policy whose minimum is TLS 1.2 (ELBSecurityPolicy-TLS13-1-2-2021-06,
TLSv1.2_2021, TLS_1_2, Policy-Min-TLS-1-2-2019-07 or newer).
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


class OutdatedTlsPolicy(Rule):
    meta = RuleMeta(
        id="ENC007",
        slug="outdated-tls-policy",
        title="TLS endpoint accepts protocol versions older than TLS 1.2",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("elb", "cloudfront", "apigateway", "opensearch", "cloudsearch"),
        setting="encryption_in_transit",
        rationale=(
            "Which TLS versions and ciphers an endpoint accepts is the customer's choice. TLS 1.0 "
            "and 1.1 are deprecated (RFC 8996): they rely on weak hashes and ciphers and are open to "
            "downgrade attacks. A client that still negotiates them exposes its traffic; a policy "
            "with TLS 1.2 as the minimum closes that door."
        ),
        remediation={
            "terraform": (
                "aws_lb_listener: ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"; CloudFront: "
                "viewer_certificate { minimum_protocol_version = \"TLSv1.2_2021\" } (with a custom "
                "certificate); API Gateway domain: security_policy = \"TLS_1_2\"; OpenSearch: "
                "domain_endpoint_options { tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" } (CloudSearch: "
                "endpoint_options { tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" })."
            ),
            "cloudformation": (
                "Listener: SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06; CloudFront: ViewerCertificate "
                "{MinimumProtocolVersion: TLSv1.2_2021}; API Gateway domain: SecurityPolicy: TLS_1_2; "
                "OpenSearch: DomainEndpointOptions {TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}."
            ),
        },
        url="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
        examples={
            "terraform": Example(
                fail=('resource "aws_api_gateway_domain_name" "api" {\n  domain_name     = "api.example.com"\n'
                      '  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1"\n'
                      '  security_policy = "TLS_1_0"\n}\n'),
                pass_=('resource "aws_api_gateway_domain_name" "api" {\n  domain_name     = "api.example.com"\n'
                       '  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1"\n'
                       '  security_policy = "TLS_1_2"\n}\n'),
            ),
            "cloudformation": Example(
                fail=("Resources:\n  Api:\n    Type: AWS::ApiGateway::DomainName\n    Properties:\n"
                      "      DomainName: api.example.com\n"
                      "      CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/1\n"
                      "      SecurityPolicy: TLS_1_0\n"),
                pass_=("Resources:\n  Api:\n    Type: AWS::ApiGateway::DomainName\n    Properties:\n"
                       "      DomainName: api.example.com\n"
                       "      CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/1\n"
                       "      SecurityPolicy: TLS_1_2\n"),
            ),
        },
        tags=("encryption", "in-transit", "tls"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            if fact.aspect == "tls_policy" and fact.state == "weak":
                yield Hit(f"{subject(resource)} accepts TLS older than 1.2 (policy {fact.value})", path=fact.path)
