"""Encryption at rest of S3 objects declared in Terraform (``aws_s3_object``,
``aws_s3_bucket_object``, ``aws_s3_object_copy``), followed through the graph.

An object that names a KMS key (``kms_key_id``) or an algorithm
(``server_side_encryption``) is judged by it. One that names neither is
encrypted with its bucket's default encryption (for a copy: the destination
bucket's; S3 User Guide, "Setting default server-side encryption behavior for
Amazon S3 buckets"): the fact then follows the bucket when it is declared in
the scan (by reference or by literal name) and its default encryption is
statically known: SSE-S3 or no configuration (SSE-S3 since January 2023)
gives ``aws_managed_key``; a KMS key gives ``customer_key``. When the bucket
is not in the scan or its encryption is not static, no fact: the object's key
is not known.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srmlint.aws.extractors.encryption_common import key_state
from srmlint.aws.extractors.storage import s3_bucket_terraform
from srmlint.aws.facts import EncryptionAtRest
from srmlint.aws.values import is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import Resource, Unknown

OBJECT_TYPES = ("aws_s3_object", "aws_s3_bucket_object", "aws_s3_object_copy")


def _bucket(resource: Resource, graph: ResourceGraph) -> Resource | None:
    buckets = [r for r in graph.targets(resource, via="bucket") if r.type == "aws_s3_bucket"]
    if not buckets:
        name = resource.attributes.get("bucket")
        if isinstance(name, str) and name:
            buckets = [r for r in graph.by_type("aws_s3_bucket", resource.scope) if r.attributes.get("bucket") == name]
    return buckets[0] if len(buckets) == 1 else None


def _from_bucket(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    bucket = _bucket(resource, graph)
    if bucket is None:
        return  # the bucket, and so the object's key, is not known
    states = {fact.state for fact in s3_bucket_terraform(bucket, graph)}
    if "unknown" in states or "disabled" in states:
        return
    if "customer_key" in states:
        yield EncryptionAtRest(path=("bucket",), source=None, state="customer_key")
    else:  # SSE-S3 stated, or no configuration (SSE-S3 by default)
        yield EncryptionAtRest(path=("bucket",), source=None, state="aws_managed_key", algorithm="AES256")


def s3_object_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    a = resource.attributes
    key: Any = a.get("kms_key_id")
    algorithm: Any = a.get("server_side_encryption")
    if isinstance(key, Unknown) or isinstance(algorithm, Unknown):
        yield EncryptionAtRest(path=("kms_key_id",) if isinstance(key, Unknown) else ("server_side_encryption",),
                               source=None, state="unknown")
    elif is_set(key):
        yield EncryptionAtRest(path=("kms_key_id",), source=None, state=key_state(key), key=key, algorithm=algorithm)
    elif is_set(algorithm):
        # AES256 (SSE-S3), or aws:kms / aws:kms:dsse without a key: the aws/s3 AWS-managed key
        yield EncryptionAtRest(path=("server_side_encryption",), source=None, state="aws_managed_key",
                               algorithm=algorithm)
    else:
        yield from _from_bucket(resource, graph)


EXTRACTORS = [
    Extractor("s3-object-encryption-tf", {"terraform": list(OBJECT_TYPES)}, [EncryptionAtRest], s3_object_tf),
]
