"""CMP006: automatic engine version upgrades turned off on ElastiCache, DMS,
Amazon MQ or Redshift.

Anti-pattern: ``auto_minor_version_upgrade = false`` /
``AutoMinorVersionUpgrade: false`` (ElastiCache, DMS replication instances,
MQ brokers) or ``allow_version_upgrade = false`` / ``AllowVersionUpgrade:
false`` (Redshift). Only an explicit ``false`` is reported, and on Terraform an MQ broker
on a patch version (``5.15.9``) that leaves ``auto_minor_version_upgrade`` unset: the
provider then sends false, where the API's default is true.
Fix: let AWS apply engine upgrades in the maintenance window.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import AutomaticUpdates
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_KIND = {
    "aws_elasticache_cluster": "ElastiCache cluster",
    "aws_elasticache_replication_group": "ElastiCache replication group",
    "AWS::ElastiCache::CacheCluster": "ElastiCache cluster",
    "AWS::ElastiCache::ReplicationGroup": "ElastiCache replication group",
    "aws_dms_replication_instance": "DMS replication instance",
    "AWS::DMS::ReplicationInstance": "DMS replication instance",
    "aws_mq_broker": "Amazon MQ broker", "AWS::AmazonMQ::Broker": "Amazon MQ broker",
    "aws_redshift_cluster": "Redshift cluster", "AWS::Redshift::Cluster": "Redshift cluster",
}

_TF = (
    'resource "aws_dms_replication_instance" "migrate" {{\n  replication_instance_id    = "migrate"\n'
    '  replication_instance_class = "dms.t3.medium"\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Migrate:\n    Type: AWS::DMS::ReplicationInstance\n    Properties:\n"
    "      ReplicationInstanceClass: dms.t3.medium\n{extra}"
)


class EngineMinorUpgradesOff(Rule):
    meta = RuleMeta(
        id="CMP006",
        slug="engine-auto-upgrade-off",
        title="ElastiCache, DMS, MQ or Redshift engine upgrades turned off",
        severity=Severity.MEDIUM,
        layer="middleware",
        facts=(AutomaticUpdates,),
        services=("elasticache", "dms", "mq", "redshift"),
        setting="platform_updates",
        rationale=(
            "On these managed services AWS patches the engine by applying new versions in the "
            "maintenance window, unless the customer turns that off. Then the engine's security fixes "
            "wait until someone upgrades by hand: patching becomes the customer's job."
        ),
        remediation={
            "terraform": (
                "Remove auto_minor_version_upgrade = false (allow_version_upgrade = false on Redshift) "
                "or set it to true."
            ),
            "cloudformation": (
                "Remove AutoMinorVersionUpgrade: false (AllowVersionUpgrade: false on Redshift) or set it to true."
            ),
        },
        url="https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.html",
        examples={
            "terraform": Example(fail=_TF.format(extra="  auto_minor_version_upgrade = false\n"),
                                 pass_=_TF.format(extra="  auto_minor_version_upgrade = true\n")),
            "cloudformation": Example(fail=_CFN.format(extra="      AutoMinorVersionUpgrade: false\n"),
                                      pass_=_CFN.format(extra="      AutoMinorVersionUpgrade: true\n")),
        },
        tags=("compute", "patching", "elasticache", "dms", "mq", "redshift"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(AutomaticUpdates):
            if fact.kind != "minor_version":
                continue
            what = _KIND.get(resource.type, "Resource")
            if fact.enabled is False:
                yield Hit(f"{what} '{resource.name}' has automatic engine version upgrades turned off",
                          path=fact.path)
            elif fact.enabled is None and not fact.default:
                yield Hit(f"{what} '{resource.name}' has automatic engine version upgrades turned off "
                          "(auto_minor_version_upgrade is unset: the Terraform provider's default is false)",
                          path=fact.path)
