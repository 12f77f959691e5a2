"""Compute hardening (``CMP``): the guest OS and runtime the customer owns on
infrastructure, container and function services."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.compute.cmp001_imdsv1_allowed import Imdsv1Allowed
    from srmlint.packs.compute.cmp002_lambda_runtime_deprecated import LambdaRuntimeDeprecated
    from srmlint.packs.compute.cmp003_ecs_privileged_container import EcsPrivilegedContainer
    from srmlint.packs.compute.cmp004_beanstalk_managed_updates_off import BeanstalkManagedUpdatesOff
    from srmlint.packs.compute.cmp005_rds_minor_upgrades_off import RdsMinorUpgradesOff
    from srmlint.packs.compute.cmp006_engine_minor_upgrades_off import EngineMinorUpgradesOff
    from srmlint.packs.compute.cmp007_ecr_scan_on_push_off import EcrScanOnPushOff
    from srmlint.packs.compute.cmp008_ecr_mutable_tags import EcrMutableTags
    from srmlint.packs.compute.cmp009_ecs_writable_root_fs import EcsWritableRootFs
    from srmlint.packs.compute.cmp010_ecs_host_namespaces import EcsHostNamespaces
    from srmlint.packs.compute.cmp011_imds_hop_limit import ImdsHopLimit
    from srmlint.packs.compute.cmp012_notebook_root_access import NotebookRootAccess
    from srmlint.packs.compute.cmp013_lambda_code_signing_off import LambdaCodeSigningOff
    from srmlint.packs.compute.cmp014_eks_version_unsupported import EksVersionUnsupported
    from srmlint.packs.compute.cmp015_engine_version_unsupported import EngineVersionUnsupported
    from srmlint.packs.compute.cmp016_engine_version_vulnerable import EngineVersionVulnerable

    return [Imdsv1Allowed(), LambdaRuntimeDeprecated(), EcsPrivilegedContainer(), BeanstalkManagedUpdatesOff(),
            RdsMinorUpgradesOff(), EngineMinorUpgradesOff(), EcrScanOnPushOff(), EcrMutableTags(),
            EcsWritableRootFs(), EcsHostNamespaces(), ImdsHopLimit(), NotebookRootAccess(),
            LambdaCodeSigningOff(), EksVersionUnsupported(), EngineVersionUnsupported(),
            EngineVersionVulnerable()]
