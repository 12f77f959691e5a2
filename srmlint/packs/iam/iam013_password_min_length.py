"""IAM013: iAM password policy allows passwords shorter than 14 characters.

Anti-pattern: ``aws_iam_account_password_policy`` with ``minimum_password_length = 8`` (or unset).
Fix: Set minimum_password_length = 14 (or more).
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordMinLength(PasswordPolicyRule):
    policy_setting = "minimum_length"
    meta = RuleMeta(
        id="IAM013",
        slug="password-minimum-length",
        title="IAM password policy allows passwords shorter than 14 characters",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Length is what makes a password resist guessing and cracking; AWS's default minimum is 8. The "
            "CIS AWS Foundations Benchmark asks for 14 or more."
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set minimum_password_length = 14 (or more)."
        },
        url=URL,
        examples=example("minimum_password_length = 8", "minimum_password_length = 14"),
        tags=("iam", "cis", "passwords"),
    )
