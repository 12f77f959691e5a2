"""IAM019: iAM password policy does not require a number.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_numbers = false`` (or unset).
Fix: Set require_numbers = true.
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordNumbers(PasswordPolicyRule):
    policy_setting = "require_numbers"
    meta = RuleMeta(
        id="IAM019",
        slug="password-require-numbers",
        title="IAM password policy does not require a number",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Character classes enlarge the space a guesser must search; the CIS AWS Foundations Benchmark "
            "asks the password policy to require numbers. Defence in depth next to length."
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set require_numbers = true."
        },
        url=URL,
        examples=example("require_numbers = false", "require_numbers = true"),
        tags=("iam", "cis", "passwords"),
    )
