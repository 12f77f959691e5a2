"""IAM004: a role trust policy that lets anyone assume the role.

Anti-pattern: ``Principal: "*"`` (or ``AWS: "*"``) in an Allow of the trust
policy with no condition that narrows it to an organization, account or
principal; a GitHub Actions OIDC trust with no ``sub`` condition pinning the
repository owner (any repository on GitHub can then assume the role).
Fix: name the trusted principals; pin ``token.actions.githubusercontent.com:sub``
to ``repo:<owner>/<repo>:...``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import condition_keys, condition_values, granted, principal_values
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Condition keys that narrow ``Principal: "*"`` to known callers (lower case).
NARROWING_KEYS = frozenset({
    "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
    "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid",
    "aws:principalservicename",
})
ASSUME = ("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML")
GITHUB = "token.actions.githubusercontent.com"
#: The GitHub OIDC subject claim key, also in its ``<host>/<org>:sub`` form.
_SUB_KEY = re.compile(r"^token\.actions\.githubusercontent\.com(/[^:]*)?:sub$", re.IGNORECASE)
#: A subject that pins the repository owner: GitHub's default ``repo:<owner>/...``,
#: or a customised subject that starts with the owner's or the repository's id
#: or name. Claims anyone can choose (``workflow``, ``environment``...) do not.
_PINNED_SUB = re.compile(
    r"^(repo:[^*?/:]+/|repository_owner(_id)?:[^*?:]+(:|$)|repository(_id)?:[^*?:]+(:|$))",
    re.IGNORECASE,
)


def _github_sub_problem(statement: PolicyStatement) -> str | None:
    """Why a GitHub OIDC trust statement admits any repository, or None."""
    keys = condition_keys(statement)
    if keys is None:
        return None
    subs = [k for k in keys if _SUB_KEY.match(k)]
    if not subs:
        if any(k.startswith(GITHUB) and not k.endswith(":aud") for k in keys):
            return None  # another claim is tested: not judged here
        return "has no token.actions.githubusercontent.com:sub condition"
    values = []
    for key in subs:
        found = condition_values(statement, key)
        if found is None:
            return None
        values.extend(found)
    if not all(isinstance(v, str) for v in values):
        return None
    loose = [v for v in values if not _PINNED_SUB.match(v.strip())]
    if loose:
        return f"accepts subject {loose[0]!r}, which does not pin a repository owner"
    return None


class TrustAnyone(Rule):
    meta = RuleMeta(
        id="IAM004",
        slug="role-assumable-by-anyone",
        title="Role trust policy lets anyone assume the role",
        severity=Severity.CRITICAL,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "A role's trust policy decides who may become the role. Principal '*' without a "
            "condition naming an organization, account or principal lets any AWS account in the "
            "world assume it; a GitHub Actions OIDC trust whose 'sub' condition is missing or does "
            "not pin a repository owner lets a workflow in anyone's repository assume it. Either "
            "hands the role's permissions to strangers."
        ),
        remediation={
            "terraform": (
                "In assume_role_policy, name the trusted principals (account, role or service "
                "ARNs) or add a condition on aws:PrincipalOrgID / aws:PrincipalArn; for GitHub "
                "Actions add a StringLike condition on token.actions.githubusercontent.com:sub "
                "with \"repo:<owner>/<repo>:*\"."
            ),
            "cloudformation": (
                "In AssumeRolePolicyDocument, name the trusted principals (account, role or "
                "service ARNs) or add a Condition on aws:PrincipalOrgID / aws:PrincipalArn; for "
                "GitHub Actions add a StringLike condition on "
                "token.actions.githubusercontent.com:sub with 'repo:<owner>/<repo>:*'."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n'
                    '      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = {\n'
                    '        Federated = "arn:aws:iam::111122223333:oidc-provider/'
                    'token.actions.githubusercontent.com"\n'
                    "      }\n    }]\n  })\n}\n"
                ),
                pass_=(
                    'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({\n'
                    '    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n'
                    '      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = {\n'
                    '        Federated = "arn:aws:iam::111122223333:oidc-provider/'
                    'token.actions.githubusercontent.com"\n'
                    "      }\n      Condition = {\n        StringLike = {\n"
                    '          "token.actions.githubusercontent.com:sub" = "repo:my-org/my-repo:*"\n'
                    "        }\n      }\n    }]\n  })\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Shared:\n    Type: AWS::IAM::Role\n    Properties:\n"
                    "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Principal: {AWS: '*'}\n"
                    "            Action: sts:AssumeRole\n"
                ),
                pass_=(
                    "Resources:\n  Shared:\n    Type: AWS::IAM::Role\n    Properties:\n"
                    "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Principal: {AWS: '*'}\n"
                    "            Action: sts:AssumeRole\n            Condition:\n"
                    "              StringEquals: {aws:PrincipalOrgID: o-a1b2c3d4e5}\n"
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
            if not granted(statement, ASSUME) and statement.actions is not None:
                continue
            aws = principal_values(statement, "AWS") or ()
            if any(isinstance(p, str) and p.strip() == "*" for p in aws):
                keys = condition_keys(statement)
                if keys is not None and not keys & NARROWING_KEYS:
                    yield Hit(
                        f"Role '{resource.name}' can be assumed by any AWS principal (Principal '*' "
                        "without an organization, account or principal condition)",
                        location=locate_fact(resource, statement, graph),
                    )
                    continue
            federated = principal_values(statement, "Federated") or ()
            if any(isinstance(p, str) and GITHUB in p.lower() for p in federated):
                problem = _github_sub_problem(statement)
                if problem is not None:
                    yield Hit(
                        f"Role '{resource.name}' can be assumed from any GitHub repository: its "
                        f"GitHub Actions OIDC trust {problem}",
                        location=locate_fact(resource, statement, graph),
                    )
