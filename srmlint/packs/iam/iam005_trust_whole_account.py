"""IAM005: a role trust policy that trusts a whole AWS account without a condition.

Anti-pattern: ``Principal: {AWS: "123456789012"}`` or
``arn:aws:iam::123456789012:root`` in an Allow of the trust policy, with no
``sts:ExternalId``, ``aws:PrincipalArn``, ``aws:PrincipalOrgID`` or MFA
condition: every user and role of that account that is allowed
``sts:AssumeRole`` can become this role.
Fix: trust the specific roles that need it, or add such a condition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import condition_keys, granted, principal_values
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

_ACCOUNT = re.compile(r"^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$")
#: Condition keys that narrow who in the trusted account may assume the role (lower case).
NARROWING_KEYS = frozenset({
    "sts:externalid", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
    "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:userid", "aws:username",
    "aws:sourceidentity", "sts:sourceidentity", "aws:principaltype", "sts:rolesessionname",
    "aws:sourcearn", "aws:sourceaccount",
})
NARROWING_PREFIXES = ("aws:principaltag/",)


class TrustWholeAccount(Rule):
    meta = RuleMeta(
        id="IAM005",
        slug="role-trusts-whole-account",
        title="Role trust policy trusts a whole AWS account without a condition",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Trusting an account ('123456789012' or its ':root' ARN) delegates the decision to "
            "that account's IAM administrators: any of its users and roles given sts:AssumeRole "
            "on '*' -- now or later -- can become this role. For a third party this is the confused-"
            "deputy problem sts:ExternalId exists for; inside an organization, name the roles "
            "that need access or require aws:PrincipalArn / aws:PrincipalOrgID / MFA."
        ),
        remediation={
            "terraform": (
                "In assume_role_policy, replace the account principal with the role ARNs that "
                "need the role, or add a condition on sts:ExternalId (third parties), "
                "aws:PrincipalArn or aws:PrincipalOrgID."
            ),
            "cloudformation": (
                "In AssumeRolePolicyDocument, replace the account principal with the role ARNs "
                "that need the role, or add a Condition on sts:ExternalId (third parties), "
                "aws:PrincipalArn or aws:PrincipalOrgID."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role" "audit" {\n  assume_role_policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n'
                    '      Action    = "sts:AssumeRole"\n'
                    '      Principal = { AWS = "arn:aws:iam::444455556666:root" }\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_role" "audit" {\n  assume_role_policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n'
                    '      Action    = "sts:AssumeRole"\n'
                    '      Principal = { AWS = "arn:aws:iam::444455556666:root" }\n'
                    '      Condition = { StringEquals = { "sts:ExternalId" = "a1b2c3-audit" } }\n'
                    "    }]\n  })\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Audit:\n    Type: AWS::IAM::Role\n    Properties:\n"
                    "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Principal: {AWS: '444455556666'}\n"
                    "            Action: sts:AssumeRole\n"
                ),
                pass_=(
                    "Resources:\n  Audit:\n    Type: AWS::IAM::Role\n    Properties:\n"
                    "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n"
                    "            Principal: {AWS: 'arn:aws:iam::444455556666:role/auditor'}\n"
                    "            Action: sts:AssumeRole\n"
                ),
            ),
        },
        tags=("iam", "trust-policy"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if statement.kind != "trust" or statement.effect != "Allow":
                continue
            if not granted(statement, ("sts:AssumeRole",)):
                continue
            aws = principal_values(statement, "AWS") or ()
            accounts = [p.strip() for p in aws if isinstance(p, str) and _ACCOUNT.match(p.strip())]
            if not accounts:
                continue
            keys = condition_keys(statement)
            if keys is None or any(k in NARROWING_KEYS or k.startswith(NARROWING_PREFIXES) for k in keys):
                continue
            yield Hit(
                f"Role '{resource.name}' trusts every principal of account {_account_id(accounts[0])} "
                "without an ExternalId, principal, organization or MFA condition",
                location=locate_fact(resource, statement, graph),
            )


def _account_id(principal: str) -> str:
    return principal.split(":")[4] if principal.startswith("arn:") else principal
