"""Security-group ingress, from every way a rule can be declared.

Inline ``ingress`` blocks (also inside ``dynamic "ingress"``), standalone
``aws_security_group_rule`` and ``aws_vpc_security_group_ingress_rule``;
CloudFormation inline ``SecurityGroupIngress`` and standalone
``AWS::EC2::SecurityGroupIngress``. Each fact belongs to the resource that
declares the rule, where a finding is actionable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from srmlint.aws.facts import IngressRule
from srmlint.aws.values import as_int, blocks, items
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

_PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1", "-1": "-1"}


def normalise_protocol(value: Any) -> str | Unknown:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, bool) or value is None:
        return Unknown(None, repr(value))
    text = str(value).strip().lower()
    return _PROTOCOL_NAMES.get(text, text)


@dataclass(frozen=True)
class Spelling:
    """How one way of declaring an ingress rule names its fields."""

    cidr4: str
    cidr6: str
    protocol: str
    from_port: str
    to_port: str
    groups: tuple[str, ...]
    prefix_lists: tuple[str, ...]
    self_key: str | None = None


def _rules(body: Mapping[str, Any], path: AttrPath, spelling: Spelling) -> Iterator[IngressRule]:
    proto = normalise_protocol(body.get(spelling.protocol))
    lo = as_int(body.get(spelling.from_port))
    hi = as_int(body.get(spelling.to_port))

    def make(kind: Any, cidr: Any = None, group: str | None = None) -> IngressRule:
        return IngressRule(path=path, source=None, source_kind=kind, cidr=cidr, protocol=proto,
                           from_port=lo, to_port=hi, security_group=group)

    for key in (spelling.cidr4, spelling.cidr6):
        value = body.get(key)
        if isinstance(value, Unknown):
            yield make("cidr", value)
            continue
        for cidr in items(value):
            yield make("cidr", cidr if isinstance(cidr, str | Unknown) else Unknown(None, repr(cidr)))
    for key in spelling.groups:
        for group in items(body.get(key)):
            yield make("security_group", group=group if isinstance(group, str) else None)
    for key in spelling.prefix_lists:
        for _ in items(body.get(key)):
            yield make("prefix_list")
    if spelling.self_key and body.get(spelling.self_key) is True:
        yield make("self")


_TF_INLINE = Spelling("cidr_blocks", "ipv6_cidr_blocks", "protocol", "from_port", "to_port",
                      ("security_groups",), ("prefix_list_ids",), "self")
_TF_VPC_RULE = Spelling("cidr_ipv4", "cidr_ipv6", "ip_protocol", "from_port", "to_port",
                        ("referenced_security_group_id",), ("prefix_list_id",))
_CFN = Spelling("CidrIp", "CidrIpv6", "IpProtocol", "FromPort", "ToPort",
                ("SourceSecurityGroupId", "SourceSecurityGroupName"), ("SourcePrefixListId",))


def security_group_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    for i, body in enumerate(blocks(resource.attributes.get("ingress"))):
        yield from _rules(body, ("ingress", i), _TF_INLINE)
    for i, dynamic in enumerate(blocks(resource.attributes.get("dynamic"))):
        for j, content in enumerate(blocks(dynamic.get("ingress", {}).get("content")
                                           if isinstance(dynamic.get("ingress"), Mapping) else None)):
            yield from _rules(content, ("dynamic", i, "ingress", "content", j), _TF_INLINE)


def security_group_rule_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    if resource.attributes.get("type") != "ingress":
        return
    yield from _rules(resource.attributes, (), _TF_INLINE)


def vpc_ingress_rule_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    yield from _rules(resource.attributes, (), _TF_VPC_RULE)


def security_group_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    ingress = resource.attributes.get("SecurityGroupIngress")
    for i, body in enumerate(blocks(ingress) if isinstance(ingress, list) else []):
        yield from _rules(body, ("SecurityGroupIngress", i), _CFN)


def security_group_ingress_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    yield from _rules(resource.attributes, (), _CFN)


EXTRACTORS = [
    Extractor("sg-ingress-inline-tf", {"terraform": ["aws_security_group", "aws_default_security_group"]},
              [IngressRule], security_group_terraform),
    Extractor("sg-ingress-rule-tf", {"terraform": ["aws_security_group_rule"]}, [IngressRule],
              security_group_rule_terraform),
    Extractor("sg-ingress-vpc-rule-tf", {"terraform": ["aws_vpc_security_group_ingress_rule"]}, [IngressRule],
              vpc_ingress_rule_terraform),
    Extractor("sg-ingress-inline-cfn", {"cloudformation": ["AWS::EC2::SecurityGroup"]}, [IngressRule],
              security_group_cloudformation),
    Extractor("sg-ingress-rule-cfn", {"cloudformation": ["AWS::EC2::SecurityGroupIngress"]}, [IngressRule],
              security_group_ingress_cloudformation),
]
