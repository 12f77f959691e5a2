"""LOG032: an ACM public certificate that opts out of Certificate
Transparency logging.

Anti-pattern: ``options { certificate_transparency_logging_preference =
"DISABLED" }`` / ``CertificateTransparencyLoggingPreference: DISABLED``.
Private-CA and imported certificates are not concerned. AWS's default
(``ENABLED``) is secure: leaving it out is not a finding.
Fix: leave the preference out or set it to ``ENABLED``.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = 'resource "aws_acm_certificate" "web" {\n  domain_name       = "example.com"\n  validation_method = "DNS"\n'
_CFN = (
    "Resources:\n  Web:\n    Type: AWS::CertificateManager::Certificate\n    Properties:\n"
    "      DomainName: example.com\n      ValidationMethod: DNS\n"
)


class AcmCertificateTransparency(LoggingRule):
    kind = "certificate_transparency"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG032",
        slug="acm-certificate-transparency-off",
        title="ACM certificate opts out of Certificate Transparency logging",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("acm",),
        setting="logging",
        rationale=(
            "Certificate Transparency logs are public, append-only records of every certificate a CA "
            "issues; domain owners monitor them to catch certificates issued for their domains without "
            "their consent. Opting out hides the certificate from that monitoring, and browsers reject "
            "publicly trusted certificates missing from CT logs. ACM logs them unless told not to."
        ),
        remediation={
            "terraform": "Remove options.certificate_transparency_logging_preference or set it to \"ENABLED\".",
            "cloudformation": "Remove CertificateTransparencyLoggingPreference or set it to ENABLED.",
        },
        url="https://docs.aws.amazon.com/acm/latest/userguide/acm-bestpractices.html#best-practices-transparency",
        examples={
            "terraform": Example(
                fail=_TF + '  options {\n    certificate_transparency_logging_preference = "DISABLED"\n  }\n}\n',
                pass_=_TF + '  options {\n    certificate_transparency_logging_preference = "ENABLED"\n  }\n}\n',
            ),
            "cloudformation": Example(
                fail=_CFN + "      CertificateTransparencyLoggingPreference: DISABLED\n",
                pass_=_CFN + "      CertificateTransparencyLoggingPreference: ENABLED\n",
            ),
        },
        tags=("logging", "acm", "certificate-transparency", "tls"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"ACM certificate '{resource.name}' opts out of Certificate Transparency logging"
