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

    return [Imdsv1Allowed(), LambdaRuntimeDeprecated(), EcsPrivilegedContainer(), BeanstalkManagedUpdatesOff(),
            RdsMinorUpgradesOff()]
