"""IAM017: iAM password policy does not require a lowercase letter.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_lowercase_characters = false`` (or unset).
Fix: Set require_lowercase_characters = true.
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordLowercase(PasswordPolicyRule):
    policy_setting = "require_lowercase"
    meta = RuleMeta(
        id="IAM017",
        slug="password-require-lowercase",
        title="IAM password policy does not require a lowercase letter",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Character classes enlarge the space a guesser must search; the CIS AWS Foundations Benchmark "
            "asks the password policy to require lowercase letters. Defence in depth next to length."
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set require_lowercase_characters = true."
        },
        url=URL,
        examples=example("require_lowercase_characters = false", "require_lowercase_characters = true"),
        tags=("iam", "cis", "passwords"),
    )
