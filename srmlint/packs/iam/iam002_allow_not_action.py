"""IAM002: an Allow statement written with NotAction, NotResource or NotPrincipal.

Anti-pattern: ``Effect: Allow`` with ``NotAction: iam:*`` (everything except
IAM), ``NotResource: arn:...:secret`` (every resource except one) or, in a
resource or trust policy, ``NotPrincipal`` (everyone except the ones listed).
Fix: list what is allowed; keep NotAction/NotResource/NotPrincipal for Deny statements.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from srmlint.aws.facts import PolicyStatement
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


def _names(values: object) -> str:
    if not isinstance(values, tuple):
        return "…"
    return ", ".join(v if isinstance(v, str) else "…" for v in values) or "nothing"


def _principal_names(principals: object) -> str:
    if isinstance(principals, str):
        return principals
    if isinstance(principals, Mapping):
        names = [v for ids in principals.values() for v in (ids if isinstance(ids, list | tuple) else (ids,))]
        return ", ".join(v if isinstance(v, str) else "…" for v in names) or "nothing"
    return "…"


class AllowNotActionNotResource(Rule):
    meta = RuleMeta(
        id="IAM002",
        slug="allow-with-not-action-or-not-resource",
        title="Policy allows with NotAction, NotResource or NotPrincipal",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "An Allow with NotAction grants every action except the ones listed -- including "
            "every action of every service AWS adds later; an Allow with NotResource grants on "
            "every resource except the ones listed. Either turns a short exclusion list into a "
            "near-administrator grant. An Allow with NotPrincipal (resource and trust policies) "
            "admits everyone -- anonymous callers included -- except the principals listed. "
            "NotAction, NotResource and NotPrincipal belong in Deny statements."
        ),
        remediation={
            "terraform": (
                "Replace not_actions / NotAction in the Allow statement with the actions the "
                "workload calls, not_resources / NotResource with the ARNs it needs, and "
                "not_principals / NotPrincipal with principals blocks naming who is allowed; express "
                "exclusions as a separate Deny statement."
            ),
            "cloudformation": (
                "Replace NotAction in the Allow statement with the actions the workload calls, "
                "NotResource with the ARNs it needs, and NotPrincipal with a Principal naming who "
                "is allowed; express exclusions as a separate Deny statement."
            ),
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
        examples={
            "terraform": Example(
                fail=(
                    'data "aws_iam_policy_document" "power" {\n  statement {\n'
                    '    not_actions = ["iam:*"]\n    resources   = ["*"]\n  }\n}\n'
                    'resource "aws_iam_policy" "power" {\n'
                    "  policy = data.aws_iam_policy_document.power.json\n}\n"
                ),
                pass_=(
                    'data "aws_iam_policy_document" "guard" {\n  statement {\n    effect      = "Deny"\n'
                    '    not_actions = ["s3:GetObject"]\n    resources   = ["*"]\n  }\n}\n'
                    'resource "aws_iam_policy" "guard" {\n'
                    "  policy = data.aws_iam_policy_document.guard.json\n}\n"
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Power:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            NotAction: 'iam:*'\n            Resource: '*'\n"
                ),
                pass_=(
                    "Resources:\n  Guard:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Deny\n            NotAction: 's3:GetObject'\n"
                    "            Resource: '*'\n"
                ),
            ),
        },
        tags=("iam", "least-privilege"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            if statement.effect != "Allow":
                continue
            problems = []
            if statement.not_actions is not None and statement.kind != "trust":
                problems.append(f"every action except {_names(statement.not_actions)}")
            if statement.not_resources is not None and statement.kind != "trust":
                problems.append(f"on every resource except {_names(statement.not_resources)}")
            if statement.not_principals is not None and statement.kind != "identity":
                problems.append(f"to every principal except {_principal_names(statement.not_principals)}")
            if not problems:
                continue
            kind = {"resource": "Resource policy", "trust": "Trust policy"}.get(statement.kind, "IAM policy")
            written = " and ".join(
                name for name, value in (("NotAction", statement.not_actions),
                                         ("NotResource", statement.not_resources),
                                         ("NotPrincipal", statement.not_principals))
                if value is not None and (name != "NotPrincipal" or statement.kind != "identity")
                and (name == "NotPrincipal" or statement.kind != "trust")
            )
            yield Hit(
                f"{kind} in '{resource.name}' allows {' '.join(problems)} (Allow with {written})",
                location=locate_fact(resource, statement, graph),
            )
