"""Network exposure (``NET``): firewall configuration is the customer's on every service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.network.net001_ingress_all_ports_from_internet import IngressAllPortsFromInternet

    return [IngressAllPortsFromInternet()]
