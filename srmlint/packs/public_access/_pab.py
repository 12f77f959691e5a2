"""Shared logic of the four S3 Block Public Access flag rules (PUB002-PUB005)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from srmlint.aws.facts import PublicAccessBlock
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, locate_fact

#: flag attribute → (Terraform name, CloudFormation name)
SPELLING = {
    "block_public_acls": ("block_public_acls", "BlockPublicAcls"),
    "block_public_policy": ("block_public_policy", "BlockPublicPolicy"),
    "ignore_public_acls": ("ignore_public_acls", "IgnorePublicAcls"),
    "restrict_public_buckets": ("restrict_public_buckets", "RestrictPublicBuckets"),
}


class PublicAccessBlockFlag(Rule):
    """A public access block that is declared and leaves ``flag`` off (an
    unstated flag is off: the API's and the provider's default)."""

    flag: ClassVar[str]

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        tf_name, cfn_name = SPELLING[self.flag]
        name = cfn_name if resource.format == "cloudformation" else tf_name
        for block in facts.of(PublicAccessBlock):
            if not block.present or getattr(block, self.flag) is not False:
                continue
            owner = ("account-level public access block" if block.scope == "account" else
                     f"public access block of access point '{resource.name}'" if block.scope == "access_point"
                     else f"public access block of '{resource.name}'")
            location = locate_fact(resource, block, graph)
            if resource.format == "cloudformation":
                location = resource.locate(*block.path, cfn_name)
            elif block.source is None:
                location = resource.locate(tf_name)
            yield Hit(f"S3 {owner} does not set {name} to true", location=location)


def examples(flag: str) -> dict[str, Example]:
    tf_name, cfn_name = SPELLING[flag]
    tf_others = "".join(f"  {t} = true\n" for t, _ in SPELLING.values() if t != tf_name)
    cfn_others = "".join(f"        {c}: true\n" for _, c in SPELLING.values() if c != cfn_name)
    return {
        "terraform": Example(
            fail=(
                'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n'
                'resource "aws_s3_bucket_public_access_block" "data" {\n  bucket = aws_s3_bucket.data.id\n'
                f"{tf_others}  {tf_name} = false\n}}\n"
            ),
            pass_=(
                'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n'
                'resource "aws_s3_bucket_public_access_block" "data" {\n  bucket = aws_s3_bucket.data.id\n'
                f"{tf_others}  {tf_name} = true\n}}\n"
            ),
        ),
        "cloudformation": Example(
            fail=(
                "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                f"      PublicAccessBlockConfiguration:\n{cfn_others}"
            ),
            pass_=(
                "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                f"      PublicAccessBlockConfiguration:\n{cfn_others}        {cfn_name}: true\n"
            ),
        ),
    }


def remediation(flag: str) -> dict[str, str]:
    tf_name, cfn_name = SPELLING[flag]
    return {
        "terraform": (
            f"Set {tf_name} = true in the aws_s3_bucket_public_access_block (or "
            "aws_s3_account_public_access_block); an omitted flag is false. On an aws_s3_access_point, "
            f"set {tf_name} = true (or drop the false) in public_access_block_configuration."
        ),
        "cloudformation": (
            f"Set {cfn_name}: true in the bucket's (or the AWS::S3::AccessPoint's) "
            "PublicAccessBlockConfiguration; on a bucket an omitted flag is false."
        ),
    }
