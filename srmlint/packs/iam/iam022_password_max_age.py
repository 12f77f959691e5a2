"""IAM022: iAM password policy lets passwords live longer than 90 days.

Anti-pattern: ``aws_iam_account_password_policy`` with ``max_password_age = 365`` (or unset).
Fix: Set max_password_age = 90 (or less).
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordMaxAge(PasswordPolicyRule):
    policy_setting = "max_age"
    meta = RuleMeta(
        id="IAM022",
        slug="password-max-age",
        title="IAM password policy lets passwords live longer than 90 days",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "A password that never expires stays valid for as long as it is leaked; the CIS AWS Foundations "
            "Benchmark asks for expiry within 90 days. (NIST SP 800-63B no longer recommends forced expiry: "
            "low severity.)"
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set max_password_age = 90 (or less)."
        },
        url=URL,
        examples=example("max_password_age = 365", "max_password_age = 90"),
        tags=("iam", "cis", "passwords"),
    )
