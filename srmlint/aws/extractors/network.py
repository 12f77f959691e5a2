"""Security-group ingress and egress, and network ACL entries, from every way
they can be declared.

Inline ``ingress``/``egress`` blocks (also inside ``dynamic``), standalone
``aws_security_group_rule``, ``aws_vpc_security_group_ingress_rule`` and
``_egress_rule``; CloudFormation inline ``SecurityGroupIngress`` /
``SecurityGroupEgress`` and standalone ``AWS::EC2::SecurityGroupIngress`` /
``Egress``. Network ACLs: inline ``ingress``/``egress`` of ``aws_network_acl``
and ``aws_default_network_acl``, ``aws_network_acl_rule``,
``AWS::EC2::NetworkAclEntry``. Each fact belongs to the resource that
declares the rule, where a finding is actionable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from srmlint.aws.facts import EgressRule, IngressRule, NetworkAclRule
from srmlint.aws.values import as_bool, as_int, blocks, items
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


def _rules(body: Mapping[str, Any], path: AttrPath, spelling: Spelling,
           fact: type[IngressRule] | type[EgressRule] = IngressRule) -> Iterator[Any]:
    proto = normalise_protocol(body.get(spelling.protocol))
    lo = as_int(body.get(spelling.from_port))
    hi = as_int(body.get(spelling.to_port))

    def make(kind: Any, cidr: Any = None, group: str | None = None) -> Any:
        return fact(path=path, source=None, source_kind=kind, cidr=cidr, protocol=proto,
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
_CFN_EGRESS = Spelling("CidrIp", "CidrIpv6", "IpProtocol", "FromPort", "ToPort",
                       ("DestinationSecurityGroupId",), ("DestinationPrefixListId",))


def _tf_inline(resource: Resource, block: str, fact: type[IngressRule] | type[EgressRule]) -> Iterator[Any]:
    for i, body in enumerate(blocks(resource.attributes.get(block))):
        yield from _rules(body, (block, i), _TF_INLINE, fact)
    for i, dynamic in enumerate(blocks(resource.attributes.get("dynamic"))):
        for j, content in enumerate(blocks(dynamic.get(block, {}).get("content")
                                           if isinstance(dynamic.get(block), Mapping) else None)):
            yield from _rules(content, ("dynamic", i, block, "content", j), _TF_INLINE, fact)


def security_group_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[IngressRule]:
    yield from _tf_inline(resource, "ingress", IngressRule)


def security_group_egress_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[EgressRule]:
    yield from _tf_inline(resource, "egress", EgressRule)


def security_group_egress_rule_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[EgressRule]:
    if resource.attributes.get("type") != "egress":
        return
    yield from _rules(resource.attributes, (), _TF_INLINE, EgressRule)


def vpc_egress_rule_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[EgressRule]:
    yield from _rules(resource.attributes, (), _TF_VPC_RULE, EgressRule)


def security_group_egress_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[EgressRule]:
    egress = resource.attributes.get("SecurityGroupEgress")
    for i, body in enumerate(blocks(egress) if isinstance(egress, list) else []):
        yield from _rules(body, ("SecurityGroupEgress", i), _CFN_EGRESS, EgressRule)


def security_group_egress_rule_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[EgressRule]:
    yield from _rules(resource.attributes, (), _CFN_EGRESS, EgressRule)


def _action(value: Any) -> str | Unknown:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, str):
        return value.strip().lower()
    return Unknown(None, repr(value))


def _acl_entries(body: Mapping[str, Any], path: AttrPath, egress: bool | Unknown, action: Any,
                 number: Any, lo: Any, hi: Any, cidr4: Any, cidr6: Any) -> Iterator[NetworkAclRule]:
    for cidr in (cidr4, cidr6):
        if cidr is None or cidr == "":
            continue
        yield NetworkAclRule(
            path=path, source=None, egress=egress, action=_action(action),
            cidr=cidr if isinstance(cidr, str | Unknown) else Unknown(None, repr(cidr)),
            protocol=normalise_protocol(body.get("protocol", body.get("Protocol"))),
            from_port=as_int(lo), to_port=as_int(hi), rule_number=as_int(number),
        )


def network_acl_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkAclRule]:
    for direction in ("ingress", "egress"):
        for i, body in enumerate(blocks(resource.attributes.get(direction))):
            yield from _acl_entries(body, (direction, i), direction == "egress", body.get("action"),
                                    body.get("rule_no"), body.get("from_port"), body.get("to_port"),
                                    body.get("cidr_block"), body.get("ipv6_cidr_block"))


def network_acl_rule_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkAclRule]:
    a = resource.attributes
    egress = as_bool(a.get("egress", False))
    yield from _acl_entries(a, (), egress if egress is not None else False, a.get("rule_action"),
                            a.get("rule_number"), a.get("from_port"), a.get("to_port"),
                            a.get("cidr_block"), a.get("ipv6_cidr_block"))


def network_acl_entry_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[NetworkAclRule]:
    a = resource.attributes
    egress = as_bool(a.get("Egress", False))
    ports = a.get("PortRange")
    lo: Any
    hi: Any
    if isinstance(ports, Unknown):
        lo = hi = ports
    elif isinstance(ports, Mapping):
        lo, hi = ports.get("From"), ports.get("To")
    else:
        lo = hi = None
    yield from _acl_entries(a, (), egress if egress is not None else False, a.get("RuleAction"),
                            a.get("RuleNumber"), lo, hi, a.get("CidrBlock"), a.get("Ipv6CidrBlock"))


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
    Extractor("sg-egress-inline-tf", {"terraform": ["aws_security_group", "aws_default_security_group"]},
              [EgressRule], security_group_egress_terraform),
    Extractor("sg-egress-rule-tf", {"terraform": ["aws_security_group_rule"]}, [EgressRule],
              security_group_egress_rule_terraform),
    Extractor("sg-egress-vpc-rule-tf", {"terraform": ["aws_vpc_security_group_egress_rule"]}, [EgressRule],
              vpc_egress_rule_terraform),
    Extractor("sg-egress-inline-cfn", {"cloudformation": ["AWS::EC2::SecurityGroup"]}, [EgressRule],
              security_group_egress_cloudformation),
    Extractor("sg-egress-rule-cfn", {"cloudformation": ["AWS::EC2::SecurityGroupEgress"]}, [EgressRule],
              security_group_egress_rule_cloudformation),
    Extractor("nacl-inline-tf", {"terraform": ["aws_network_acl", "aws_default_network_acl"]}, [NetworkAclRule],
              network_acl_terraform),
    Extractor("nacl-rule-tf", {"terraform": ["aws_network_acl_rule"]}, [NetworkAclRule],
              network_acl_rule_terraform),
    Extractor("nacl-entry-cfn", {"cloudformation": ["AWS::EC2::NetworkAclEntry"]}, [NetworkAclRule],
              network_acl_entry_cloudformation),
]
