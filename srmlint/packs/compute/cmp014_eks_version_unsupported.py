"""CMP014: an EKS cluster pinned to a Kubernetes version past its end of
standard support.

Anti-pattern: ``version = "1.25"`` (``Version: "1.25"``) after the date EKS
ends standard support for it. The dated table is data:
``rules/eks_versions.yaml``.
Fix: upgrade the cluster, one minor version at a time, with its node groups
and add-ons.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from functools import lru_cache

import yaml

from srmlint.aws.facts import PlatformVersion
from srmlint.catalog import rules_dir
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.compute import cmp002_lambda_runtime_deprecated as cmp002
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


def _date(value: object) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def support_dates() -> Mapping[str, tuple[datetime.date, datetime.date]]:
    """Kubernetes minor version → (end of standard support, end of extended support)."""
    with open(rules_dir() / "eks_versions.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: dict[str, tuple[datetime.date, datetime.date]] = {}
    for version, when in (data.get("versions") or {}).items():
        out[str(version)] = (_date(when["standard"]), _date(when["extended"]))
    return out


_TF = (
    'resource "aws_eks_cluster" "main" {{\n  name     = "main"\n'
    '  role_arn = "arn:aws:iam::123456789012:role/eks"\n{version}'
    "  vpc_config {{\n    subnet_ids = [\"subnet-1\", \"subnet-2\"]\n  }}\n}}\n"
)
_CFN = (
    "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n"
    "      RoleArn: arn:aws:iam::123456789012:role/eks\n{version}"
    "      ResourcesVpcConfig:\n        SubnetIds: [subnet-1, subnet-2]\n"
)


class EksVersionUnsupported(Rule):
    meta = RuleMeta(
        id="CMP014",
        slug="eks-version-unsupported",
        title="EKS cluster runs a Kubernetes version past its end of standard support",
        severity=Severity.MEDIUM,
        layer="resource_configuration",
        facts=(PlatformVersion,),
        services=("eks",),
        setting="platform_updates",
        rationale=(
            "AWS runs and patches the EKS control plane, but the Kubernetes version is the "
            "customer's choice and upgrading it is the customer's change. Once a version leaves "
            "standard support the Kubernetes project no longer fixes it; EKS backports fixes only "
            "under paid extended support, and when that ends too the version gets no fixes at all "
            "until EKS upgrades the cluster itself, untested against its workloads."
        ),
        remediation={
            "terraform": "Set version to a Kubernetes version in standard support (upgrade one minor version at "
                         "a time, node groups and add-ons included).",
            "cloudformation": "Set Version to a Kubernetes version in standard support (upgrade one minor version "
                              "at a time, node groups and add-ons included).",
        },
        url="https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
        examples={
            # The passing examples pin no version (EKS then creates the cluster on its current
            # default), so they stay valid whatever the date.
            "terraform": Example(fail=_TF.format(version='  version  = "1.25"\n'), pass_=_TF.format(version="")),
            "cloudformation": Example(fail=_CFN.format(version='      Version: "1.24"\n'),
                                      pass_=_CFN.format(version="")),
        },
        tags=("compute", "eks", "kubernetes", "patching"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        dates = support_dates()
        now = cmp002.today()
        for fact in facts.of(PlatformVersion):
            if fact.kind != "kubernetes" or not isinstance(fact.version, str):
                continue
            ends = dates.get(fact.version)
            if ends is None or ends[0] > now:
                continue
            standard, extended = ends
            if extended <= now:
                yield Hit(f"EKS cluster '{resource.name}' runs Kubernetes {fact.version}, unsupported since "
                          f"{extended.isoformat()}: it gets no more fixes", path=fact.path)
            else:
                yield Hit(f"EKS cluster '{resource.name}' runs Kubernetes {fact.version}, past its end of "
                          f"standard support ({standard.isoformat()}): only paid extended support patches it, "
                          f"until {extended.isoformat()}", path=fact.path)
