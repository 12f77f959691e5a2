"""IAM003: an identity policy that grants privilege-escalation actions on every resource.

Anti-pattern: ``Effect: Allow`` with ``iam:PassRole``, ``iam:CreatePolicyVersion``,
``iam:AttachRolePolicy``, ``iam:PutRolePolicy``, ``sts:AssumeRole``... (or a
wildcard that matches them, such as ``iam:Pass*`` or ``iam:*Policy``) on
``Resource: "*"``.
Fix: scope them to the roles and policies the workload must manage, or
constrain them with conditions (``iam:PassedToService``, ``iam:PolicyARN``,
``iam:PermissionsBoundary``, resource tags).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import action_matches, all_resources, condition_keys, granted
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.iam.iam001_wildcard_action_all_resources import wildcard_actions
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Actions that let a principal raise its own privileges when granted on every
#: resource: Rhino Security Labs, "AWS IAM Privilege Escalation -- Methods and
#: Mitigation" (the 21 methods; also Bishop Fox's iam-vulnerable), reduced to
#: the actions that are each sufficient on their own, plus iam:PassRole and
#: sts:AssumeRole, which the combined methods all need.
ESCALATION_ACTIONS: tuple[str, ...] = (
    "iam:AddUserToGroup",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreatePolicyVersion",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:PassRole",
    "iam:PutGroupPolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy",
    "iam:PutUserPermissionsBoundary",
    "iam:PutUserPolicy",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateLoginProfile",
    "lambda:UpdateFunctionCode",
    "sts:AssumeRole",
)

#: Condition keys that narrow these actions to particular roles, policies or
#: services (lower case). A statement testing one of them is not reported.
RESTRICTING_KEYS = frozenset({
    "iam:passedtoservice", "iam:associatedresourcearn", "iam:policyarn", "iam:permissionsboundary",
    "iam:awsservicename", "aws:principalorgid",
})
RESTRICTING_PREFIXES = ("aws:resourcetag/", "iam:resourcetag/")


def restricted(statement: PolicyStatement) -> bool | None:
    keys = condition_keys(statement)
    if keys is None:
        return None
    return any(k in RESTRICTING_KEYS or k.startswith(RESTRICTING_PREFIXES) for k in keys)


class PrivilegeEscalation(Rule):
    meta = RuleMeta(
        id="IAM003",
        slug="privilege-escalation-on-all-resources",
        title="IAM policy grants privilege-escalation actions on all resources",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(PolicyStatement,),
        setting="iam_permissions",
        rationale=(
            "Some IAM actions let whoever holds them give themselves more: create a new default "
            "version of a policy they are attached to, attach AdministratorAccess to their own "
            "role, write an inline policy, reset another user's password or create their access "
            "keys, pass any role (an admin role included) to a Lambda function or EC2 instance they "
            "create, or assume any role. Granted on Resource '*', each of them is administrator "
            "access one API call away."
        ),
        remediation={
            "terraform": (
                "Scope these actions in resources to the ARNs the workload must manage "
                "(aws_iam_role.<name>.arn), or add a condition that pins them down "
                "(iam:PassedToService for iam:PassRole, iam:PolicyARN for attachments, "
                "iam:PermissionsBoundary for role creation)."
            ),
            "cloudformation": (
                "Scope these actions in Resource to the ARNs the workload must manage "
                "(!GetAtt Role.Arn), or add a Condition that pins them down "
                "(iam:PassedToService for iam:PassRole, iam:PolicyARN for attachments, "
                "iam:PermissionsBoundary for role creation)."
            ),
        },
        url="https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_iam_role_policy" "deployer" {\n  role = "deployer"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["lambda:CreateFunction", "iam:PassRole"]\n'
                    '      Resource = "*"\n    }]\n  })\n}\n'
                ),
                pass_=(
                    'resource "aws_iam_role_policy" "deployer" {\n  role = "deployer"\n'
                    "  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n"
                    '      Effect   = "Allow"\n      Action   = ["iam:PassRole"]\n'
                    '      Resource = "arn:aws:iam::111122223333:role/app-function"\n    }]\n  })\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Deployer:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: ['iam:CreatePolicyVersion']\n"
                    "            Resource: '*'\n"
                ),
                pass_=(
                    "Resources:\n  Deployer:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
                    "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                    "          - Effect: Allow\n            Action: iam:PassRole\n            Resource: '*'\n"
                    "            Condition:\n              StringEquals:\n"
                    "                iam:PassedToService: lambda.amazonaws.com\n"
                ),
            ),
        },
        tags=("iam", "least-privilege", "privilege-escalation"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for statement in facts.of(PolicyStatement):
            # NotAction / NotResource statements are IAM002's; trust and
            # resource policies grant to others, not to this identity.
            if (statement.kind != "identity" or statement.effect != "Allow" or statement.actions is None
                    or not all_resources(statement)):
                continue
            found = granted(statement, ESCALATION_ACTIONS)
            if not found or restricted(statement) is not False:
                continue
            # What IAM001 already reports ("*", "iam:*" on "*") adds nothing here.
            broad = wildcard_actions(statement)
            assert isinstance(statement.actions, tuple)
            narrow = [a for a in statement.actions if isinstance(a, str) and a.strip() not in broad]
            found = [f for f in found if any(action_matches(a, f) for a in narrow)]
            if not found:
                continue
            yield Hit(
                f"IAM policy in '{resource.name}' allows privilege escalation on all resources: "
                + ", ".join(found),
                location=locate_fact(resource, statement, graph),
            )
