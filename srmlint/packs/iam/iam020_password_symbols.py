"""IAM020: iAM password policy does not require a symbol.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_symbols = false`` (or unset).
Fix: Set require_symbols = true.
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordSymbols(PasswordPolicyRule):
    policy_setting = "require_symbols"
    meta = RuleMeta(
        id="IAM020",
        slug="password-require-symbols",
        title="IAM password policy does not require a symbol",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Character classes enlarge the space a guesser must search; the CIS AWS Foundations Benchmark "
            "asks the password policy to require symbols. Defence in depth next to length."
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set require_symbols = true."
        },
        url=URL,
        examples=example("require_symbols = false", "require_symbols = true"),
        tags=("iam", "cis", "passwords"),
    )
