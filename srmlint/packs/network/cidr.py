"""CIDR and port arithmetic shared by the network rules."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from srmlint.aws.facts import IngressRule
from srmlint.model import Unknown
from srmlint.rule import Rule, RuleOption


def is_internet(cidr: Any) -> bool:
    """``0.0.0.0/0``, ``::/0`` and every other spelling of the whole address space."""
    if not isinstance(cidr, str):
        return False
    try:
        return ipaddress.ip_network(cidr.strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def covers_all_ports(rule: IngressRule) -> bool | None:
    """Whether the rule opens every port of its protocol (``None``: not known).

    Protocol ``-1`` is all traffic whatever the ports say; TCP or UDP open
    from port 0 (or 1) to 65535 is every port of that protocol.
    """
    if isinstance(rule.protocol, Unknown):
        return None
    if rule.protocol == "-1":
        return True
    if rule.protocol not in ("tcp", "udp"):
        return False
    lo, hi = rule.from_port, rule.to_port
    if isinstance(lo, Unknown) or isinstance(hi, Unknown):
        return None
    if lo is None or hi is None:
        return False
    # AWS reads -1 as "all" for the port bounds, as for the protocol.
    return (lo <= 1 or lo == -1) and (hi >= 65535 or hi == -1)


#: A CIDR with a prefix shorter than this (IPv4 / IPv6) that is not wholly
#: private address space is treated like the internet: ``0.0.0.0/1`` is half
#: of it. The rules that use it take the options below from the configuration.
WIDE_PREFIX = {4: 8, 6: 16}

#: ``[tool.srmlint.options]`` of the rules that judge "from the internet".
WIDE_PREFIX_OPTIONS = (
    RuleOption("wide-cidr-prefix-ipv4", WIDE_PREFIX[4],
               "a public IPv4 block with a prefix shorter than this counts as the internet (0: only 0.0.0.0/0)"),
    RuleOption("wide-cidr-prefix-ipv6", WIDE_PREFIX[6],
               "a public IPv6 block with a prefix shorter than this counts as the internet (0: only ::/0)"),
)


def wide_prefix(rule: Rule) -> dict[int, int]:
    """The thresholds a rule was configured with."""
    return {4: int(rule.option("wide-cidr-prefix-ipv4")), 6: int(rule.option("wide-cidr-prefix-ipv6"))}

#: Remote administration: SSH and RDP.
ADMIN_PORTS: dict[int, tuple[str, str]] = {22: ("SSH", "tcp"), 3389: ("RDP", "tcp udp")}

#: Databases, caches and search engines that must never face the internet.
DATA_PORTS: dict[int, tuple[str, str]] = {
    1433: ("SQL Server", "tcp"),
    1434: ("SQL Server browser", "tcp udp"),
    1521: ("Oracle", "tcp"),
    2483: ("Oracle", "tcp"),
    3306: ("MySQL", "tcp"),
    5432: ("PostgreSQL", "tcp"),
    5601: ("Kibana", "tcp"),
    5984: ("CouchDB", "tcp"),
    6379: ("Redis", "tcp"),
    7000: ("Cassandra", "tcp"),
    9042: ("Cassandra", "tcp"),
    9200: ("Elasticsearch", "tcp"),
    9300: ("Elasticsearch", "tcp"),
    11211: ("Memcached", "tcp udp"),
    27017: ("MongoDB", "tcp"),
    27018: ("MongoDB", "tcp"),
}


def network(cidr: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if not isinstance(cidr, str):
        return None
    try:
        return ipaddress.ip_network(cidr.strip(), strict=False)
    except ValueError:
        return None


def is_open(cidr: Any, wide: Mapping[int, int] = WIDE_PREFIX) -> bool:
    """The internet, or a public block wider than ``wide`` (:data:`WIDE_PREFIX`)."""
    net = network(cidr)
    if net is None:
        return False
    if net.prefixlen == 0:
        return True
    return net.prefixlen < wide[net.version] and not net.is_private


def port_range(protocol: Any, lo: Any, hi: Any) -> tuple[int, int] | None:
    """The port range a rule opens for TCP/UDP/all (``None``: unknown, or no ports)."""
    if isinstance(protocol, Unknown):
        return None
    if protocol == "-1":
        return (0, 65535)
    if protocol not in ("tcp", "udp"):
        return None
    if isinstance(lo, Unknown) or isinstance(hi, Unknown):
        return None
    if lo is None and hi is None:
        return None
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    if not isinstance(lo, int) or not isinstance(hi, int):
        return None
    lo = 0 if lo == -1 else lo
    hi = 65535 if hi == -1 else hi
    return (lo, hi) if lo <= hi else None


def ports_opened(protocol: Any, lo: Any, hi: Any, ports: dict[int, tuple[str, str]]) -> list[int]:
    """Which of ``ports`` (for their protocols) a rule's protocol and range open."""
    span = port_range(protocol, lo, hi)
    if span is None:
        return []
    return [p for p, (_, protos) in sorted(ports.items())
            if span[0] <= p <= span[1] and (protocol == "-1" or protocol in protos.split())]


def describe_ports(protocol: Any, lo: Any, hi: Any) -> str:
    if protocol == "-1":
        return "all protocols and ports"
    span = port_range(protocol, lo, hi)
    if span is None:
        return f"{protocol}"
    return f"{protocol} port {span[0]}" if span[0] == span[1] else f"{protocol} ports {span[0]}-{span[1]}"


def names(ports: list[int], table: dict[int, tuple[str, str]]) -> str:
    return ", ".join(f"{p} ({table[p][0]})" for p in ports)
