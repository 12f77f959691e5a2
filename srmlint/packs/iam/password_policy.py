"""Shared logic of the password-policy rules (IAM013, IAM017-IAM022): one rule
per setting, as the CIS AWS Foundations Benchmark lists them, so each can be
accepted on its own."""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PasswordPolicy
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

AWS_DEFAULT = (
    "Without a password policy (or a setting of it), IAM accepts passwords of 8 characters or more "
    "with no character requirements, no expiry and unlimited reuse."
)
URL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html"


def example(bad: str, good: str) -> dict[str, Example]:
    head = 'resource "aws_iam_account_password_policy" "strict" {\n'
    return {"terraform": Example(fail=f"{head}  {bad}\n}}\n", pass_=f"{head}  {good}\n}}\n")}


#: The character-class settings (IAM017-IAM020): PasswordPolicy field ->
#: (Terraform attribute, one character in words, the class in the plural).
CHARACTER_CLASSES = {
    "require_lowercase": ("require_lowercase_characters", "a lowercase letter", "lowercase letters"),
    "require_uppercase": ("require_uppercase_characters", "an uppercase letter", "uppercase letters"),
    "require_numbers": ("require_numbers", "a number", "numbers"),
    "require_symbols": ("require_symbols", "a symbol", "symbols"),
}


def character_class_meta(rule_id: str, setting: str, slug: str) -> RuleMeta:
    """The metadata of the rule on one character-class setting (IAM017-IAM020):
    they differ only in the class they ask for."""
    attribute, one, plural = CHARACTER_CLASSES[setting]
    return RuleMeta(
        id=rule_id,
        slug=slug,
        title=f"IAM password policy does not require {one}",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(PasswordPolicy,),
        services=("iam",),
        setting="iam_password_policy",
        aws_default=AWS_DEFAULT,
        rationale=(
            "Console passwords of IAM users are the customer's identity controls. "
            "Character classes enlarge the space a guesser must search; the CIS AWS Foundations Benchmark "
            f"asks the password policy to require {plural}. Defence in depth next to length."
        ),
        remediation={"terraform": f"In aws_iam_account_password_policy, set {attribute} = true."},
        url=URL,
        examples=example(f"{attribute} = false", f"{attribute} = true"),
        tags=("iam", "cis", "passwords"),
    )


def _flag(value: object) -> str | None:
    if value is None:
        return "is not required (unset)"
    return "is not required" if value is False else None


def problem(policy: PasswordPolicy, setting: str) -> tuple[str, str] | None:
    """(message tail, attribute) when ``setting`` is weak; None when fine or not known."""
    if setting == "minimum_length":
        n = policy.minimum_length
        if n is None:
            return "allows passwords of 8 characters (minimum length unset; CIS asks for 14)", ""
        if isinstance(n, int) and n < 14:
            return f"allows passwords of {n} characters (CIS asks for 14 or more)", "minimum_password_length"
        return None
    if setting == "reuse_prevention":
        n = policy.reuse_prevention
        if n is None:
            return "allows password reuse (password_reuse_prevention unset; CIS asks for 24)", ""
        if isinstance(n, int) and n < 24:
            return f"prevents reuse of only the last {n} passwords (CIS asks for 24)", "password_reuse_prevention"
        return None
    if setting == "max_age":
        n = policy.max_age
        if n is None or (isinstance(n, int) and n <= 0):
            return "lets passwords live forever (max_password_age unset; CIS asks for 90 days or less)", ""
        if isinstance(n, int) and n > 90:
            return f"lets passwords live {n} days (CIS asks for 90 or less)", "max_password_age"
        return None
    attribute, words, _ = CHARACTER_CLASSES[setting]
    value = getattr(policy, setting)
    state = _flag(value)
    if state is None:
        return None
    return f"does not require {words} ({attribute} {'unset' if value is None else 'false'})", (
        attribute if value is not None else "")


class PasswordPolicyRule(Rule):
    """A rule on one setting of the account password policy."""

    policy_setting = ""

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for policy in facts.of(PasswordPolicy):
            found = problem(policy, self.policy_setting)
            if found is not None:
                message, attribute = found
                yield Hit(f"Password policy '{resource.name}' {message}", path=(attribute,) if attribute else ())
