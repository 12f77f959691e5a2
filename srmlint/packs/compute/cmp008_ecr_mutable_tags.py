"""CMP008: an ECR repository lets image tags be overwritten.

Anti-pattern: ``image_tag_mutability`` / ``ImageTagMutability`` unset or
``MUTABLE``.
Fix: ``IMMUTABLE`` (or ``IMMUTABLE_WITH_EXCLUSION`` for a few moving tags).
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
    'resource "aws_ecr_repository" "app" {{\n  name = "app"\n{extra}'
    '  image_scanning_configuration {{\n    scan_on_push = true\n  }}\n}}\n'
)
_CFN = (
    "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n"
    "      ImageScanningConfiguration:\n        ScanOnPush: true\n{extra}"
)


class EcrMutableTags(Rule):
    meta = RuleMeta(
        id="CMP008",
        slug="ecr-mutable-tags",
        title="ECR repository allows image tags to be overwritten",
        severity=Severity.LOW,
        layer="runtime",
        facts=(ImageRepository,),
        aws_default="Tags are mutable: pushing an image with an existing tag moves the tag to it.",
        rationale=(
            "Deployments name images by tag. With mutable tags, anyone who can push can replace the "
            "image behind a tag that is already deployed or scanned, and the next task launch runs it. "
            "Low severity: pinning images by digest gives the same guarantee."
        ),
        remediation={
            "terraform": 'Set image_tag_mutability = "IMMUTABLE" on the aws_ecr_repository.',
            "cloudformation": "Set ImageTagMutability: IMMUTABLE on the AWS::ECR::Repository.",
        },
        url="https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
        examples={
            "terraform": Example(fail=_TF.format(extra='  image_tag_mutability = "MUTABLE"\n'),
                                 pass_=_TF.format(extra='  image_tag_mutability = "IMMUTABLE"\n')),
            "cloudformation": Example(fail=_CFN.format(extra=""),
                                      pass_=_CFN.format(extra="      ImageTagMutability: IMMUTABLE\n")),
        },
        tags=("compute", "ecr", "containers", "supply-chain"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(ImageRepository):
            if fact.tag_mutability is None or fact.tag_mutability == "MUTABLE":
                how = "MUTABLE" if fact.tag_mutability == "MUTABLE" else "unset; AWS default: MUTABLE"
                path: tuple[str, ...] = ()
                if fact.tag_mutability is not None:
                    path = ("image_tag_mutability",) if resource.type == "aws_ecr_repository" \
                        else ("ImageTagMutability",)
                yield Hit(f"ECR repository '{resource.name}' allows image tags to be overwritten ({how})",
                          path=path)
