"""IAM policy statements from every place an identity policy is written.

Terraform: ``policy`` of ``aws_iam_policy`` / ``_role_policy`` /
``_user_policy`` / ``_group_policy``, the role's ``inline_policy`` blocks and
an SSO permission set's ``inline_policy``,
as JSON text, heredoc, ``jsonencode(...)`` or a reference to a
``data "aws_iam_policy_document"`` reached through the graph; the role's
``assume_role_policy`` as a trust policy. CloudFormation: ``PolicyDocument``
of ``AWS::IAM::Policy`` / ``ManagedPolicy``, ``Policies`` of roles, users and
groups, a role's ``AssumeRolePolicyDocument``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import PolicyKind, PolicyStatement
from srmlint.aws.policy import document_statements, statements
from srmlint.aws.values import blocks
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

POLICY_DOCUMENT = "aws_iam_policy_document"


def _document_source(value: Any, resource: Resource, graph: ResourceGraph) -> Resource | None:
    """The policy-document data source ``value`` refers to (``data.x.y.json``)."""
    if not isinstance(value, Unknown) or not isinstance(value.expr, E.Traversal):
        return None
    traversal = value.expr
    names = traversal.attr_names()
    if traversal.root != "data" or len(names) < 2 or names[0] != POLICY_DOCUMENT:
        return None
    return graph.get(resource.scope, f"data.{names[0]}.{names[1]}")


def _tf_policy(
    value: Any, path: AttrPath, kind: PolicyKind, resource: Resource, graph: ResourceGraph
) -> Iterator[PolicyStatement]:
    document = _document_source(value, resource, graph)
    if document is not None:
        yield from document_statements(document.attributes, kind, (), source=document.address)
        return
    yield from statements(value, kind, path)


def policy_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    yield from _tf_policy(resource.attributes.get("policy"), ("policy",), "identity", resource, graph)


def sso_permission_set_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    """IAM Identity Center permission sets grant their inline policy to every
    user and group assigned to them, in every account they are provisioned to."""
    yield from _tf_policy(resource.attributes.get("inline_policy"), ("inline_policy",), "identity", resource, graph)


def role_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    for i, inline in enumerate(blocks(resource.attributes.get("inline_policy"))):
        yield from _tf_policy(inline.get("policy"), ("inline_policy", i, "policy"), "identity", resource, graph)
    trust = resource.attributes.get("assume_role_policy")
    yield from _tf_policy(trust, ("assume_role_policy",), "trust", resource, graph)


def policy_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    yield from statements(resource.attributes.get("PolicyDocument"), "identity", ("PolicyDocument",))


def principal_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    """Roles, users and groups: inline ``Policies`` (and a role's trust policy)."""
    policies = resource.attributes.get("Policies")
    for i, policy in enumerate(blocks(policies) if isinstance(policies, list) else []):
        yield from statements(policy.get("PolicyDocument"), "identity", ("Policies", i, "PolicyDocument"))
    trust = resource.attributes.get("AssumeRolePolicyDocument")
    if trust is not None:
        yield from statements(trust, "trust", ("AssumeRolePolicyDocument",))


EXTRACTORS = [
    Extractor(
        "iam-policy-tf",
        {"terraform": ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]},
        [PolicyStatement],
        policy_terraform,
    ),
    Extractor("iam-role-tf", {"terraform": ["aws_iam_role"]}, [PolicyStatement], role_terraform),
    Extractor("sso-permission-set-tf", {"terraform": ["aws_ssoadmin_permission_set_inline_policy"]},
              [PolicyStatement], sso_permission_set_terraform),
    Extractor(
        "iam-policy-cfn",
        {"cloudformation": ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]},
        [PolicyStatement],
        policy_cloudformation,
    ),
    Extractor(
        "iam-principal-cfn",
        {"cloudformation": ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]},
        [PolicyStatement],
        principal_cloudformation,
    ),
]
