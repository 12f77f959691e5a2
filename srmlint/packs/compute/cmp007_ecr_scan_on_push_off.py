"""CMP007: an ECR repository does not scan images on push.

Anti-pattern: no ``image_scanning_configuration { scan_on_push = true }`` /
``ImageScanningConfiguration.ScanOnPush: true``, and no registry-level
scanning configuration in the template.
Fix: scan on push (or configure registry scanning, basic or enhanced).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import ImageRepository
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_ecr_repository" "app" {{\n  name                 = "app"\n'
    '  image_tag_mutability = "IMMUTABLE"\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n"
    "      ImageTagMutability: IMMUTABLE\n{extra}"
)


class EcrScanOnPushOff(Rule):
    meta = RuleMeta(
        id="CMP007",
        slug="ecr-scan-on-push-off",
        title="ECR repository does not scan images on push",
        severity=Severity.LOW,
        layer="runtime",
        facts=(ImageRepository,),
        aws_default="Images are not scanned on push unless scan on push or registry scanning is configured.",
        rationale=(
            "What runs in a container image (its OS packages and libraries) is the customer's to "
            "patch. ECR can report known vulnerabilities in each pushed image, but only when the "
            "customer turns scanning on. Low severity: scanning finds problems, it fixes none."
        ),
        remediation={
            "terraform": (
                "Add image_scanning_configuration { scan_on_push = true }, or configure "
                "aws_ecr_registry_scanning_configuration for the registry."
            ),
            "cloudformation": (
                "Set ImageScanningConfiguration: { ScanOnPush: true }, or configure "
                "AWS::ECR::RegistryScanningConfiguration for the registry."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
        examples={
            "terraform": Example(
                fail=_TF.format(extra=""),
                pass_=_TF.format(extra="  image_scanning_configuration {\n    scan_on_push = true\n  }\n"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(extra="      ImageScanningConfiguration:\n        ScanOnPush: false\n"),
                pass_=_CFN.format(extra="      ImageScanningConfiguration:\n        ScanOnPush: true\n"),
            ),
        },
        tags=("compute", "ecr", "containers", "vulnerabilities"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(ImageRepository):
            if fact.registry_scanning or fact.scan_on_push not in (None, False):
                continue
            how = "turned off" if fact.scan_on_push is False else "not enabled"
            yield Hit(f"ECR repository '{resource.name}' does not scan images on push ({how})", path=fact.path)
