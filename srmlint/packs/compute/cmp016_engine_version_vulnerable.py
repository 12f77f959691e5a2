"""CMP016: a database pinned to an engine minor version that an AWS security
bulletin names as affected.

Anti-pattern: ``engine = "postgres"``, ``engine_version = "13.2"``: RDS for
PostgreSQL minor versions up to 13.2 (and Aurora PostgreSQL up to 11.8) carry
the ``log_fdw`` local file read of AWS-2022-004. The table of bulletins is
data: ``rules/engine_versions.yaml``.
Fix: a later minor version of the same major version (or a newer major).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PlatformVersion
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.compute._engines import ENGINE_NAMES, numbers, table
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_NOUNS = {"aws_db_instance": "RDS instance", "AWS::RDS::DBInstance": "RDS instance",
          "aws_rds_cluster": "RDS cluster", "AWS::RDS::DBCluster": "RDS cluster",
          "aws_rds_cluster_instance": "RDS cluster instance"}

_TF = ('resource "aws_db_instance" "app" {{\n  identifier        = "app"\n  engine            = "postgres"\n'
       '  engine_version    = "{version}"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n'
       '  username          = "app"\n  manage_master_user_password = true\n  storage_encrypted = true\n}}\n')
_CFN = ("Resources:\n  App:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n"
        "      EngineVersion: \"{version}\"\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n"
        "      MasterUsername: app\n      ManageMasterUserPassword: true\n      StorageEncrypted: true\n")


class EngineVersionVulnerable(Rule):
    meta = RuleMeta(
        id="CMP016",
        slug="engine-version-vulnerable",
        title="Database engine minor version is named affected by an AWS security bulletin",
        severity=Severity.MEDIUM,
        layer="resource_configuration",
        facts=(PlatformVersion,),
        services=("rds",),
        setting="platform_updates",
        rationale=(
            "AWS patches the database engine only by releasing new minor versions; which minor "
            "version a database runs is the customer's choice. A template that pins a minor version "
            "an AWS security bulletin names as affected (AWS-2022-004: the log_fdw extension of RDS "
            "and Aurora PostgreSQL let a database user read files of the host and credentials of an "
            "AWS internal service) deploys, or keeps, a known-vulnerable engine."
        ),
        remediation={
            "terraform": "Set engine_version to a minor version after the affected ones (RDS for PostgreSQL "
                         "13.3, 12.7, 11.12, 10.17, 9.6.22 or later; Aurora PostgreSQL 11.9, 10.14 or later).",
            "cloudformation": "Set EngineVersion to a minor version after the affected ones (RDS for PostgreSQL "
                              "13.3, 12.7, 11.12, 10.17, 9.6.22 or later; Aurora PostgreSQL 11.9, 10.14 or "
                              "later).",
        },
        url="https://aws.amazon.com/security/security-bulletins/AWS-2022-004/",
        examples={
            "terraform": Example(fail=_TF.format(version="13.2"), pass_=_TF.format(version="16.4")),
            "cloudformation": Example(fail=_CFN.format(version="12.6"), pass_=_CFN.format(version="16.4")),
        },
        tags=("compute", "rds", "patching", "vulnerability"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(PlatformVersion):
            if not isinstance(fact.version, str):
                continue
            parts = numbers(fact.version)
            if parts is None:
                continue
            for bulletin in table().bulletins:
                majors = bulletin.engines.get(fact.kind)
                if not majors:
                    continue
                # PostgreSQL before 10 numbers its major versions 9.6 and its minors 9.6.N
                major, minor = (f"{parts[0]}.{parts[1]}", parts[2:3]) if parts[0] < 10 else (
                    str(parts[0]), parts[1:2])
                last = majors.get(major)
                if last is None or not minor or minor[0] > last:
                    continue
                noun = f"{_NOUNS.get(resource.type, 'Database')} '{resource.name}'"
                yield Hit(f"{noun} pins {ENGINE_NAMES.get(fact.kind, fact.kind)} {fact.version}, named affected "
                          f"by AWS security bulletin {bulletin.id}: {bulletin.what}", path=fact.path)
                break
