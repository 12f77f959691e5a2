"""NET012: a network ACL admits every port from the internet.

Anti-pattern: an inbound ``allow`` entry from ``0.0.0.0/0`` or ``::/0`` with
protocol ``-1``/``all`` (AWS ignores the ports then) or TCP/UDP over every
port, not narrowed by a lower-numbered deny from the internet in the same
ACL (NET006 judges those). Fix: allow only the ports the subnet serves (and ephemeral ports for
return traffic), from where it needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import NetworkAclRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network.cidr import is_internet
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


def all_ports(entry: NetworkAclRule) -> bool:
    """Protocol -1 (ports ignored), or TCP/UDP from port 0/1 to 65535."""
    if entry.protocol == "-1":
        return True
    if entry.protocol not in ("tcp", "udp"):
        return False
    lo, hi = entry.from_port, entry.to_port
    return isinstance(lo, int) and isinstance(hi, int) and lo <= 1 and hi >= 65535


def admits_all(entry: NetworkAclRule, entries: list[NetworkAclRule]) -> bool:
    """An inbound allow of every port from the internet that no lower-numbered
    inbound deny from the internet in the same ACL narrows (NET006 then judges
    the ports the entry still admits)."""
    if not (entry.egress is False and entry.action == "allow" and is_internet(entry.cidr) and all_ports(entry)):
        return False
    number = entry.rule_number
    return not any(
        other.egress is False and other.action == "deny" and is_internet(other.cidr)
        and (not isinstance(number, int) or not isinstance(other.rule_number, int) or other.rule_number < number)
        for other in entries
    )


class NaclAllTrafficFromInternet(Rule):
    meta = RuleMeta(
        id="NET012",
        slug="nacl-all-traffic-from-internet",
        title="Network ACL allows all ports from the internet",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(NetworkAclRule,),
        setting="network_ingress",
        rationale=(
            "Network ACLs are the customer's stateless subnet firewall, the layer that still holds when a "
            "security group is opened by mistake. An inbound entry that allows every protocol or every port "
            "from 0.0.0.0/0 or ::/0 leaves the subnet to its security groups alone. Protocol -1 (all) allows "
            "all traffic whatever the port range says."
        ),
        remediation={
            "terraform": (
                "Replace protocol = \"-1\"/\"all\" with \"tcp\" or \"udp\" and the ports the subnet serves "
                "(plus 1024-65535 for return traffic), or narrow cidr_block to the networks that need access."
            ),
            "cloudformation": (
                "Replace Protocol: -1 with 6 (TCP) or 17 (UDP) and a PortRange of the ports the subnet serves "
                "(plus 1024-65535 for return traffic), or narrow CidrBlock to the networks that need access."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_network_acl_rule" "all" {\n  network_acl_id = "acl-123"\n'
                    '  rule_number = 100\n  egress = false\n  protocol = "-1"\n  rule_action = "allow"\n'
                    '  cidr_block = "0.0.0.0/0"\n}\n'
                ),
                pass_=(
                    'resource "aws_network_acl_rule" "https" {\n  network_acl_id = "acl-123"\n'
                    '  rule_number = 100\n  egress = false\n  protocol = "tcp"\n  rule_action = "allow"\n'
                    '  cidr_block = "0.0.0.0/0"\n  from_port = 443\n  to_port = 443\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  All:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n"
                    "      NetworkAclId: acl-123\n      RuleNumber: 100\n      Protocol: -1\n"
                    "      RuleAction: allow\n      Egress: false\n      Ipv6CidrBlock: ::/0\n"
                ),
                pass_=(
                    "Resources:\n  All:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n"
                    "      NetworkAclId: acl-123\n      RuleNumber: 100\n      Protocol: -1\n"
                    "      RuleAction: allow\n      Egress: false\n      CidrBlock: 10.0.0.0/16\n"
                ),
            ),
        },
        tags=("network", "nacl"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        entries = facts.of(NetworkAclRule)
        for entry in entries:
            if not admits_all(entry, entries):
                continue
            what = "all protocols and ports" if entry.protocol == "-1" else f"all {entry.protocol} ports"
            yield Hit(
                f"Network ACL entry in '{resource.name}' allows ingress from {entry.cidr} on {what}",
                location=locate_fact(resource, entry, graph),
            )
