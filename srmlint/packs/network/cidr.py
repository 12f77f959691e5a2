"""CIDR and port arithmetic shared by the network rules."""

from __future__ import annotations

import ipaddress
from typing import Any

from srmlint.aws.facts import IngressRule
from srmlint.model import Unknown


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
