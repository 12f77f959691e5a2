"""IAM020: IAM password policy does not require a symbol.

Anti-pattern: ``aws_iam_account_password_policy`` with ``require_symbols = false`` (or unset).
Fix: Set require_symbols = true. Metadata and logic shared with IAM017-IAM020 in
:mod:`srmlint.packs.iam.password_policy`.
"""

from __future__ import annotations

from srmlint.packs.iam.password_policy import PasswordPolicyRule, character_class_meta


class PasswordSymbols(PasswordPolicyRule):
    policy_setting = "require_symbols"
    meta = character_class_meta("IAM020", policy_setting, "password-require-symbols")
