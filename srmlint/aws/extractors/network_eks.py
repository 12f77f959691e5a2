"""SSH remote access to EKS managed node groups (``remote_access`` /
``RemoteAccess``): without source security groups, EKS opens port 22 of the
nodes to ``0.0.0.0/0``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import NodeGroupRemoteAccess
from srmlint.aws.values import blocks, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown


def _fact(body: Mapping[str, Any] | Unknown, path: AttrPath, key: str, groups_key: str) -> NodeGroupRemoteAccess:
    if isinstance(body, Unknown):
        return NodeGroupRemoteAccess(path=path, source=None, ssh_key=body, source_groups=body)
    groups = body.get(groups_key)
    return NodeGroupRemoteAccess(
        path=path, source=None, ssh_key=body.get(key),
        source_groups=groups if isinstance(groups, Unknown) else tuple(items(groups)),
    )


def node_group_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NodeGroupRemoteAccess]:
    value = resource.attributes.get("remote_access")
    if isinstance(value, Unknown):
        yield _fact(value, ("remote_access",), "", "")
        return
    for i, body in enumerate(blocks(value)):
        yield _fact(body, ("remote_access", i), "ec2_ssh_key", "source_security_group_ids")
    if any(isinstance(d, Mapping) and "remote_access" in d for d in blocks(resource.attributes.get("dynamic"))):
        dynamic = Unknown(None, "dynamic remote_access")
        yield _fact(dynamic, ("dynamic",), "", "")


def node_group_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NodeGroupRemoteAccess]:
    value = resource.attributes.get("RemoteAccess")
    if isinstance(value, Unknown | Mapping):
        yield _fact(value, ("RemoteAccess",), "Ec2SshKey", "SourceSecurityGroups")


EXTRACTORS = [
    Extractor("eks-node-group-remote-access-tf", {"terraform": ["aws_eks_node_group"]}, [NodeGroupRemoteAccess],
              node_group_terraform),
    Extractor("eks-node-group-remote-access-cfn", {"cloudformation": ["AWS::EKS::Nodegroup"]},
              [NodeGroupRemoteAccess], node_group_cloudformation),
]
