"""Network exposure (``NET``): firewall configuration is the customer's on every service."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.network.net001_ingress_all_ports_from_internet import IngressAllPortsFromInternet
    from srmlint.packs.network.net002_ingress_admin_ports_from_internet import IngressAdminPortsFromInternet
    from srmlint.packs.network.net003_ingress_data_ports_from_internet import IngressDataPortsFromInternet
    from srmlint.packs.network.net004_unrestricted_egress import UnrestrictedEgress
    from srmlint.packs.network.net005_default_security_group_rules import DefaultSecurityGroupRules
    from srmlint.packs.network.net006_nacl_ingress_from_internet import NaclIngressFromInternet
    from srmlint.packs.network.net007_ingress_http_from_internet import IngressHttpFromInternet
    from srmlint.packs.network.net008_alb_keeps_invalid_headers import AlbKeepsInvalidHeaders
    from srmlint.packs.network.net009_lb_desync_monitor_mode import LbDesyncMonitorMode
    from srmlint.packs.network.net010_eks_node_group_ssh_open import EksNodeGroupSshOpen
    from srmlint.packs.network.net011_waf_web_acl_without_rules import WafWebAclWithoutRules

    return [
        IngressAllPortsFromInternet(),
        IngressAdminPortsFromInternet(),
        IngressDataPortsFromInternet(),
        UnrestrictedEgress(),
        DefaultSecurityGroupRules(),
        NaclIngressFromInternet(),
        IngressHttpFromInternet(),
        AlbKeepsInvalidHeaders(),
        LbDesyncMonitorMode(),
        EksNodeGroupSshOpen(),
        WafWebAclWithoutRules(),
    ]
