"""IAM017: IAM password policy does not require a lowercase letter.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_lowercase_characters = false`` (or unset).
Fix: Set require_lowercase_characters = true. Metadata and logic shared with IAM017-IAM020 in
:mod:`srmlint.packs.iam.password_policy`.
"""

from __future__ import annotations

from srmlint.packs.iam.password_policy import PasswordPolicyRule, character_class_meta


class PasswordLowercase(PasswordPolicyRule):
    policy_setting = "require_lowercase"
    meta = character_class_meta("IAM017", policy_setting, "password-require-lowercase")
