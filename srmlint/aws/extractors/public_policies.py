"""Resource policies (who outside the account may use a resource) → :class:`PolicyStatement`
facts with ``kind="resource"``.

Terraform: S3 bucket policies (``aws_s3_bucket_policy`` and the legacy
``policy`` of ``aws_s3_bucket``), SQS queue and SNS topic policies (split and
inline), ECR repository policies, Glacier vault access policies, KMS key
policies, Secrets Manager secret policies, as JSON text, heredoc,
``jsonencode(...)`` or a ``data "aws_iam_policy_document"`` reached through the
graph; ``aws_lambda_permission`` as the one statement it adds. CloudFormation:
``AWS::S3::BucketPolicy``, ``AWS::SQS::QueuePolicy``, ``AWS::SNS::TopicPolicy``,
``AWS::ECR::Repository`` (``RepositoryPolicyText``), ``AWS::KMS::Key``
(``KeyPolicy``), ``AWS::SecretsManager::ResourcePolicy``, ``AWS::Lambda::Permission``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint import expr as E
from srmlint.aws.facts import PolicyStatement
from srmlint.aws.policy import document_statements, statements
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

POLICY_DOCUMENT = "aws_iam_policy_document"

#: Terraform type → attribute holding its resource policy.
TF_POLICIES = {
    "aws_s3_bucket_policy": "policy",
    "aws_s3_bucket": "policy",
    "aws_sqs_queue_policy": "policy",
    "aws_sqs_queue": "policy",
    "aws_sns_topic_policy": "policy",
    "aws_sns_topic": "policy",
    "aws_ecr_repository_policy": "policy",
    "aws_glacier_vault": "access_policy",
    "aws_kms_key": "policy",
    "aws_kms_key_policy": "policy",
    "aws_secretsmanager_secret_policy": "policy",
    "aws_secretsmanager_secret": "policy",
}

#: CloudFormation type → property holding its resource policy.
CFN_POLICIES = {
    "AWS::S3::BucketPolicy": "PolicyDocument",
    "AWS::SQS::QueuePolicy": "PolicyDocument",
    "AWS::SNS::TopicPolicy": "PolicyDocument",
    "AWS::ECR::Repository": "RepositoryPolicyText",
    "AWS::KMS::Key": "KeyPolicy",
    "AWS::SecretsManager::ResourcePolicy": "ResourcePolicy",
}


def _document_source(value: Any, resource: Resource, graph: ResourceGraph) -> Resource | None:
    if not isinstance(value, Unknown) or not isinstance(value.expr, E.Traversal):
        return None
    traversal = value.expr
    names = traversal.attr_names()
    if traversal.root != "data" or len(names) < 2 or names[0] != POLICY_DOCUMENT:
        return None
    return graph.get(resource.scope, f"data.{names[0]}.{names[1]}")


def resource_policy_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    key = TF_POLICIES[resource.type]
    value = resource.attributes.get(key)
    if value is None:
        return
    document = _document_source(value, resource, graph)
    if document is not None:
        yield from document_statements(document.attributes, "resource", (), source=document.address)
    else:
        yield from statements(value, "resource", (key,))


def resource_policy_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    key = CFN_POLICIES[resource.type]
    value = resource.attributes.get(key)
    if value is not None:
        yield from statements(value, "resource", (key,))


def _permission(resource: Resource, keys: dict[str, str]) -> Iterator[PolicyStatement]:
    """A Lambda permission as the statement it adds to the function's policy."""
    a = resource.attributes
    principal = a.get(keys["principal"])
    if principal is None:
        return
    conditions: dict[str, dict[str, Any]] = {}
    for key, (operator, name) in (("source_arn", ("ArnLike", "AWS:SourceArn")),
                                  ("source_account", ("StringEquals", "AWS:SourceAccount")),
                                  ("org", ("StringEquals", "aws:PrincipalOrgID")),
                                  ("url_auth", ("StringEquals", "lambda:FunctionUrlAuthType"))):
        value = a.get(keys[key])
        if value is not None:
            conditions.setdefault(operator, {})[name] = value
    action = a.get(keys["action"])
    yield PolicyStatement(
        path=(keys["principal"],), source=None, kind="resource", effect="Allow",
        actions=(action,) if isinstance(action, str | Unknown) else None,
        not_actions=None, resources=None, not_resources=None,
        principals=_principal(principal),
        conditions=conditions or None,
    )


def _principal(value: Any) -> Any:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, str) and value.endswith(".amazonaws.com"):
        return {"Service": (value,)}
    return {"AWS": (value if isinstance(value, str) else Unknown(None, repr(value)),)}


TF_PERMISSION = {"principal": "principal", "source_arn": "source_arn", "source_account": "source_account",
                 "org": "principal_org_id", "url_auth": "function_url_auth_type", "action": "action"}
CFN_PERMISSION = {"principal": "Principal", "source_arn": "SourceArn", "source_account": "SourceAccount",
                  "org": "PrincipalOrgID", "url_auth": "FunctionUrlAuthType", "action": "Action"}


def lambda_permission_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    yield from _permission(resource, TF_PERMISSION)


def lambda_permission_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PolicyStatement]:
    yield from _permission(resource, CFN_PERMISSION)


EXTRACTORS = [
    Extractor("resource-policy-tf", {"terraform": sorted(TF_POLICIES)}, [PolicyStatement],
              resource_policy_terraform),
    Extractor("resource-policy-cfn", {"cloudformation": sorted(CFN_POLICIES)}, [PolicyStatement],
              resource_policy_cloudformation),
    Extractor("lambda-permission-tf", {"terraform": ["aws_lambda_permission"]}, [PolicyStatement],
              lambda_permission_terraform),
    Extractor("lambda-permission-cfn", {"cloudformation": ["AWS::Lambda::Permission"]}, [PolicyStatement],
              lambda_permission_cloudformation),
]
