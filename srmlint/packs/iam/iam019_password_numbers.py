"""IAM019: IAM password policy does not require a number.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_numbers = false`` (or unset).
Fix: Set require_numbers = true. Metadata and logic shared with IAM017-IAM020 in
:mod:`srmlint.packs.iam.password_policy`.
"""

from __future__ import annotations

from srmlint.packs.iam.password_policy import PasswordPolicyRule, character_class_meta


class PasswordNumbers(PasswordPolicyRule):
    policy_setting = "require_numbers"
    meta = character_class_meta("IAM019", policy_setting, "password-require-numbers")
