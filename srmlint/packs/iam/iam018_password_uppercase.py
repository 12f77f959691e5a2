"""IAM018: IAM password policy does not require an uppercase letter.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_uppercase_characters = false`` (or unset).
Fix: Set require_uppercase_characters = true. Metadata and logic shared with IAM017-IAM020 in
:mod:`srmlint.packs.iam.password_policy`.
"""

from __future__ import annotations

from srmlint.packs.iam.password_policy import PasswordPolicyRule, character_class_meta


class PasswordUppercase(PasswordPolicyRule):
    policy_setting = "require_uppercase"
    meta = character_class_meta("IAM018", policy_setting, "password-require-uppercase")
