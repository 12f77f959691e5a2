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

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import PolicyAttachment, PolicyKind, PolicyStatement
from srmlint.aws.policy import document_statements, document_value, statements
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
        yield from _merged_document(document, kind, graph, set())
        return
    yield from statements(value, kind, path)


def _merged_document(
    document: Resource, kind: PolicyKind, graph: ResourceGraph, seen: set[str]
) -> list[PolicyStatement]:
    """A policy-document data source's statements as Terraform renders them:
    the ``source_policy_documents`` (and ``source_policy_json``) first, then
    its own ``statement`` blocks, then the ``override_policy_documents`` (and
    ``override_policy_json``); a later statement replaces an earlier one of
    the same ``sid``. A source that is not static leaves its statements
    unknown (not reported); an override that is not static might replace any
    statement that has a ``sid``, so those are dropped too."""
    seen = seen | {document.address}
    merged: list[PolicyStatement] = []

    def add(new: list[PolicyStatement]) -> None:
        for statement in new:
            if statement.sid:
                for i, old in enumerate(merged):
                    if old.sid == statement.sid:
                        merged[i] = statement
                        break
                else:
                    merged.append(statement)
            else:
                merged.append(statement)

    attributes = document.attributes
    unknown_override = False
    for keys, is_override in ((("source_policy_documents", "source_json"), False),
                              (("override_policy_documents", "override_json"), True)):
        if is_override:
            add(list(document_statements(attributes, kind, (), source=document.address)))
        for key in keys:
            for index, item in enumerate(_listed(attributes.get(key))):
                parts = _one_document(item, (key, index), kind, document, graph, seen)
                if parts is None:
                    unknown_override = unknown_override or is_override
                else:
                    add(parts)
    if unknown_override:
        merged = [m for m in merged if not m.sid]
    return merged


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, Unknown) and isinstance(value.expr, E.TupleExpr):
        return [Unknown(item) for item in value.expr.items]
    return [value]


def _one_document(
    value: Any, path: AttrPath, kind: PolicyKind, owner: Resource, graph: ResourceGraph, seen: set[str]
) -> list[PolicyStatement] | None:
    """The statements of one source/override document: another data source
    (followed through the graph) or static JSON; ``None`` when not static."""
    other = _document_source(value, owner, graph)
    if other is not None:
        return None if other.address in seen else _merged_document(other, kind, graph, seen)
    document = document_value(value)
    if not isinstance(document, dict):
        return None
    return list(statements(document, kind, path, source=owner.address))


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


# ------------------------------------------------------------------ attachments

_TF_PRINCIPAL = {"user": "user", "group": "group", "role": "role"}


def _present(value: Any) -> bool:
    """A principal list or name that is set (an Unknown counts: it names someone)."""
    return value is not None and value != "" and value != []


def attachment_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    """``aws_iam_{user,group,role}_policy_attachment`` and the exclusive
    ``aws_iam_policy_attachment`` (``users``/``groups``/``roles`` lists)."""
    attributes = resource.attributes
    if "policy_arn" not in attributes:
        return
    policy = attributes.get("policy_arn")
    if resource.type == "aws_iam_policy_attachment":
        for key, kind in (("users", "user"), ("groups", "group"), ("roles", "role")):
            if _present(attributes.get(key)):
                yield PolicyAttachment(path=("policy_arn",), source=None, principal_kind=kind, policy=policy)  # type: ignore[arg-type]
        return
    kind = resource.type.removeprefix("aws_iam_").removesuffix("_policy_attachment")
    if kind in _TF_PRINCIPAL:
        yield PolicyAttachment(path=("policy_arn",), source=None, principal_kind=kind, policy=policy)  # type: ignore[arg-type]


def inline_user_policy_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    yield PolicyAttachment(path=("user",), source=None, principal_kind="user", policy=None, inline=True)


def role_attachments_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    """``aws_iam_role.managed_policy_arns`` (deprecated in provider v5, still common)."""
    arns = resource.attributes.get("managed_policy_arns")
    if isinstance(arns, list):
        for i, arn in enumerate(arns):
            yield PolicyAttachment(path=("managed_policy_arns", i), source=None, principal_kind="role", policy=arn)


def sso_attachment_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    if "managed_policy_arn" in resource.attributes:
        yield PolicyAttachment(path=("managed_policy_arn",), source=None, principal_kind="permission_set",
                               policy=resource.attributes.get("managed_policy_arn"))


_CFN_PRINCIPAL = {"AWS::IAM::User": "user", "AWS::IAM::Group": "group", "AWS::IAM::Role": "role"}


def principal_attachments_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    """``ManagedPolicyArns`` of roles, users and groups; a user's inline ``Policies``."""
    kind = _CFN_PRINCIPAL[resource.type]
    arns = resource.attributes.get("ManagedPolicyArns")
    if isinstance(arns, list):
        for i, arn in enumerate(arns):
            yield PolicyAttachment(path=("ManagedPolicyArns", i), source=None, principal_kind=kind, policy=arn)  # type: ignore[arg-type]
    if kind == "user" and _present(resource.attributes.get("Policies")):
        yield PolicyAttachment(path=("Policies",), source=None, principal_kind="user", policy=None, inline=True)


def policy_attachments_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyAttachment]:
    """``Users`` of ``AWS::IAM::Policy`` (inline) and ``AWS::IAM::ManagedPolicy``."""
    if _present(resource.attributes.get("Users")):
        inline = resource.type == "AWS::IAM::Policy"
        policy = None if inline else Unknown(None, resource.name)
        yield PolicyAttachment(path=("Users",), source=None, principal_kind="user", policy=policy, inline=inline)


# ------------------------------------------------------------------ SAM


def sam_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement | PolicyAttachment]:
    """SAM ``Policies`` of a function or state machine: an AWS managed policy
    name or ARN, an inline policy document, or a list of those and of SAM
    policy templates (``{S3ReadPolicy: {BucketName: b}}``, scoped by design
    and not read here). They all go to the execution role SAM creates."""
    policies = resource.attributes.get("Policies")
    if policies is None or isinstance(policies, Unknown):
        return
    listed = policies if isinstance(policies, list) else [policies]
    for i, item in enumerate(listed):
        path: AttrPath = ("Policies", i) if isinstance(policies, list) else ("Policies",)
        if isinstance(item, str) or (isinstance(item, Unknown) and not isinstance(policies, Mapping)):
            yield PolicyAttachment(path=path, source=None, principal_kind="function", policy=item)
        elif isinstance(item, Mapping) and "Statement" in item:
            yield from statements(item, "identity", path)


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
    Extractor(
        "iam-attachment-tf",
        {"terraform": ["aws_iam_policy_attachment", "aws_iam_user_policy_attachment",
                       "aws_iam_group_policy_attachment", "aws_iam_role_policy_attachment"]},
        [PolicyAttachment],
        attachment_terraform,
    ),
    Extractor("iam-user-policy-tf", {"terraform": ["aws_iam_user_policy"]}, [PolicyAttachment],
              inline_user_policy_terraform),
    Extractor("iam-role-attachments-tf", {"terraform": ["aws_iam_role"]}, [PolicyAttachment],
              role_attachments_terraform),
    Extractor("sso-attachment-tf", {"terraform": ["aws_ssoadmin_managed_policy_attachment"]}, [PolicyAttachment],
              sso_attachment_terraform),
    Extractor(
        "iam-principal-attachments-cfn",
        {"cloudformation": ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]},
        [PolicyAttachment],
        principal_attachments_cloudformation,
    ),
    Extractor(
        "iam-policy-attachments-cfn",
        {"cloudformation": ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]},
        [PolicyAttachment],
        policy_attachments_cloudformation,
    ),
    Extractor(
        "sam-policies-cfn",
        {"cloudformation": ["AWS::Serverless::Function", "AWS::Serverless::StateMachine"]},
        [PolicyStatement, PolicyAttachment],
        sam_cloudformation,
    ),
]
