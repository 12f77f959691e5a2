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
    from srmlint.packs.network.net012_nacl_all_traffic_from_internet import NaclAllTrafficFromInternet
    from srmlint.packs.network.net013_cloudfront_without_waf import CloudFrontWithoutWaf
    from srmlint.packs.network.net014_waf_log4shell_not_blocked import WafLog4ShellNotBlocked
    from srmlint.packs.network.net015_waf_rule_without_action import WafRuleWithoutAction
    from srmlint.packs.network.net016_service_endpoint_outside_vpc import ServiceEndpointOutsideVpc
    from srmlint.packs.network.net017_redshift_without_subnet_group import RedshiftWithoutSubnetGroup
    from srmlint.packs.network.net018_opensearch_default_security_group import OpenSearchDefaultSecurityGroup
    from srmlint.packs.network.net019_sagemaker_direct_internet_access import SageMakerDirectInternetAccess
    from srmlint.packs.network.net020_sagemaker_model_network_isolation import SageMakerModelNetworkIsolation
    from srmlint.packs.network.net021_auto_accept_connections import AutoAcceptConnections
    from srmlint.packs.network.net022_redshift_enhanced_vpc_routing import RedshiftEnhancedVpcRouting
    from srmlint.packs.network.net023_ec2_classic_security_group import Ec2ClassicSecurityGroup
    from srmlint.packs.network.net024_default_vpc_in_use import DefaultVpcInUse

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
        NaclAllTrafficFromInternet(),
        CloudFrontWithoutWaf(),
        WafLog4ShellNotBlocked(),
        WafRuleWithoutAction(),
        ServiceEndpointOutsideVpc(),
        RedshiftWithoutSubnetGroup(),
        OpenSearchDefaultSecurityGroup(),
        SageMakerDirectInternetAccess(),
        SageMakerModelNetworkIsolation(),
        AutoAcceptConnections(),
        RedshiftEnhancedVpcRouting(),
        Ec2ClassicSecurityGroup(),
        DefaultVpcInUse(),
    ]
