"""NET006: a network ACL admits the internet on SSH, RDP or FTP.

Anti-pattern: an inbound ``allow`` entry from ``0.0.0.0/0`` / ``::/0`` (or a
public block wider than the threshold) on all traffic or on a range including
22, 3389, 20 or 21, not preceded by a lower-numbered deny of that port in the same ACL.
Entries that admit every port from ``0.0.0.0/0`` / ``::/0`` are NET012's.
Fix: allow only the ports the subnet serves, from where it needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import NetworkAclRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network.cidr import (
    ADMIN_PORTS,
    WIDE_PREFIX_OPTIONS,
    describe_ports,
    is_internet,
    is_open,
    names,
    ports_opened,
    wide_prefix,
)
from srmlint.packs.network.net012_nacl_all_traffic_from_internet import admits_all
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

#: Remote administration and FTP (control 21, active-mode data 20): cleartext
#: logins no subnet should take from the internet.
NACL_PORTS: dict[int, tuple[str, str]] = {**ADMIN_PORTS, 20: ("FTP data", "tcp"), 21: ("FTP", "tcp")}


class NaclIngressFromInternet(Rule):
    meta = RuleMeta(
        id="NET006",
        slug="nacl-ingress-from-internet",
        title="Network ACL allows SSH, RDP or FTP from the internet",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(NetworkAclRule,),
        setting="network_ingress",
        rationale=(
            "Network ACLs are the subnet-level firewall the customer writes, a second line behind "
            "security groups. An entry that admits the internet on SSH (22), RDP (3389) or FTP (20, 21), "
            "alone, in a range or as all traffic, leaves only the security groups between those services and "
            "the internet."
        ),
        remediation={
            "terraform": (
                "Narrow the entry (ingress block or aws_network_acl_rule) to the ports the subnet "
                "serves, or its cidr_block to the networks that need them; add a lower-numbered "
                "deny entry for 20-22 and 3389 from 0.0.0.0/0."
            ),
            "cloudformation": (
                "Narrow the AWS::EC2::NetworkAclEntry's Protocol/PortRange to the ports the subnet "
                "serves, or its CidrBlock to the networks that need them."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_network_acl_rule" "ssh" {\n  network_acl_id = "acl-123"\n'
                    '  rule_number = 100\n  egress = false\n  protocol = "tcp"\n  rule_action = "allow"\n'
                    '  cidr_block = "0.0.0.0/0"\n  from_port = 22\n  to_port = 22\n}\n'
                ),
                pass_=(
                    'resource "aws_network_acl_rule" "https" {\n  network_acl_id = "acl-123"\n'
                    '  rule_number = 100\n  egress = false\n  protocol = "tcp"\n  rule_action = "allow"\n'
                    '  cidr_block = "0.0.0.0/0"\n  from_port = 443\n  to_port = 443\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Rdp:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n"
                    "      NetworkAclId: acl-123\n      RuleNumber: 100\n      Protocol: 6\n"
                    "      PortRange:\n        From: 3000\n        To: 4000\n"
                    "      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n"
                ),
                pass_=(
                    "Resources:\n  All:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n"
                    "      NetworkAclId: acl-123\n      RuleNumber: 100\n      Protocol: -1\n"
                    "      RuleAction: allow\n      CidrBlock: 10.0.0.0/16\n"
                ),
            ),
        },
        tags=("network", "nacl", "ssh", "rdp"),
        options=WIDE_PREFIX_OPTIONS,
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        entries = facts.of(NetworkAclRule)
        for entry in entries:
            if entry.egress is not False or entry.action != "allow" or not is_open(entry.cidr, wide_prefix(self)):
                continue
            if admits_all(entry, entries):
                continue  # NET012
            opened = ports_opened(entry.protocol, entry.from_port, entry.to_port, NACL_PORTS)
            # Entries are evaluated by rule number: a lower-numbered deny of the
            # same traffic in the same ACL wins.
            opened = [p for p in opened if not _denied_before(entry, p, entries)]
            if not opened:
                continue
            yield Hit(
                f"Network ACL entry in '{resource.name}' allows ingress from {entry.cidr} on "
                f"{describe_ports(entry.protocol, entry.from_port, entry.to_port)} "
                f"(including {names(opened, NACL_PORTS)})",
                location=locate_fact(resource, entry, graph),
            )


def _denied_before(allow: NetworkAclRule, port: int, entries: list[NetworkAclRule]) -> bool:
    number = allow.rule_number
    if not isinstance(number, int):
        return False
    for deny in entries:
        if (deny.egress is not False or deny.action != "deny" or not isinstance(deny.rule_number, int)
                or deny.rule_number >= number or not is_internet(deny.cidr)):
            continue
        if port in ports_opened(deny.protocol, deny.from_port, deny.to_port, {port: NACL_PORTS[port]}):
            return True
    return False
