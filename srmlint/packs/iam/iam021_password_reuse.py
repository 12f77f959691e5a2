"""IAM021: iAM password policy allows password reuse.

Anti-pattern: ``aws_iam_account_password_policy`` with ``password_reuse_prevention = 3`` (or unset).
Fix: Set password_reuse_prevention = 24.
"""

from __future__ import annotations

from srmlint.aws.facts import PasswordPolicy
from srmlint.packs.iam.password_policy import AWS_DEFAULT, URL, PasswordPolicyRule, example
from srmlint.rule import RuleMeta, Severity


class PasswordReuse(PasswordPolicyRule):
    policy_setting = "reuse_prevention"
    meta = RuleMeta(
        id="IAM021",
        slug="password-reuse-prevention",
        title="IAM password policy allows password reuse",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Without reuse prevention a user can put back a password that has leaked or been rotated out; "
            "the CIS AWS Foundations Benchmark asks to remember the last 24."
        ),
        remediation={
            "terraform": "In aws_iam_account_password_policy, set password_reuse_prevention = 24."
        },
        url=URL,
        examples=example("password_reuse_prevention = 3", "password_reuse_prevention = 24"),
        tags=("iam", "cis", "passwords"),
    )
