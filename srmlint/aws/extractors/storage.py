"""Encryption at rest of S3 buckets and EBS volumes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import EncryptionAtRest, EncryptionState
from srmlint.aws.values import as_bool, blocks, dynamic_block, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

S3_ENCRYPTION_CONFIG = "aws_s3_bucket_server_side_encryption_configuration"


def _sse_state(algorithm: Any, key: Any) -> EncryptionState:
    if isinstance(algorithm, Unknown):
        return "unknown"
    if not isinstance(algorithm, str) or not algorithm:
        return "unset"
    if algorithm.startswith("aws:kms") and is_set(key):
        return "customer_key"
    return "aws_managed_key"


def _tf_sse_rules(body: Mapping[str, Any], path: AttrPath) -> Iterator[EncryptionAtRest]:
    if dynamic_block(body, "rule"):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
    for i, rule in enumerate(blocks(body.get("rule"))):
        if dynamic_block(rule, "apply_server_side_encryption_by_default"):
            yield EncryptionAtRest(path=(*path, "rule", i), source=None, state="unknown")
        for j, default in enumerate(blocks(rule.get("apply_server_side_encryption_by_default"))):
            algorithm = default.get("sse_algorithm")
            key = default.get("kms_master_key_id")
            yield EncryptionAtRest(
                path=(*path, "rule", i, "apply_server_side_encryption_by_default", j),
                source=None,
                state=_sse_state(algorithm, key),
                key=key,
                algorithm=algorithm,
            )


def _bucket_names_match(config: Resource, bucket: Resource) -> bool:
    """A configuration naming the bucket by its literal name, not by reference."""
    name = bucket.attributes.get("bucket")
    return isinstance(name, str) and config.attributes.get("bucket") == name


def s3_bucket_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    facts: list[EncryptionAtRest] = []
    if dynamic_block(resource.attributes, "server_side_encryption_configuration"):
        facts.append(EncryptionAtRest(path=(), source=None, state="unknown"))
    for i, body in enumerate(blocks(resource.attributes.get("server_side_encryption_configuration"))):
        facts.extend(_tf_sse_rules(body, ("server_side_encryption_configuration", i)))
    # AWS provider v4+: a separate resource whose `bucket` points at this one.
    connected = graph.referrers(resource, type_=S3_ENCRYPTION_CONFIG, via="bucket")
    connected += [
        r for r in graph.by_type(S3_ENCRYPTION_CONFIG, resource.scope)
        if r not in connected and _bucket_names_match(r, resource)
    ]
    for config in connected:
        for fact in _tf_sse_rules(config.attributes, ()):
            facts.append(EncryptionAtRest(
                path=fact.path, source=config.address, state=fact.state, key=fact.key, algorithm=fact.algorithm,
            ))
    if not facts:
        facts.append(EncryptionAtRest(path=(), source=None, state="unset"))
    yield from facts


def s3_bucket_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    encryption = resource.attributes.get("BucketEncryption")
    if isinstance(encryption, Unknown):
        yield EncryptionAtRest(path=("BucketEncryption",), source=None, state="unknown")
        return
    found = False
    if isinstance(encryption, Mapping):
        config = encryption.get("ServerSideEncryptionConfiguration")
        if isinstance(config, Unknown):
            yield EncryptionAtRest(path=("BucketEncryption",), source=None, state="unknown")
            return
        for i, rule in enumerate(blocks(config)):
            default = rule.get("ServerSideEncryptionByDefault")
            if isinstance(default, Unknown):
                found = True
                yield EncryptionAtRest(path=("BucketEncryption",), source=None, state="unknown")
                continue
            if not isinstance(default, Mapping):
                continue
            algorithm = default.get("SSEAlgorithm")
            key = default.get("KMSMasterKeyID")
            found = True
            yield EncryptionAtRest(
                path=("BucketEncryption", "ServerSideEncryptionConfiguration", i, "ServerSideEncryptionByDefault"),
                source=None,
                state=_sse_state(algorithm, key),
                key=key,
                algorithm=algorithm,
            )
    if not found:
        yield EncryptionAtRest(path=("BucketEncryption",) if encryption is not None else (), source=None,
                               state="unset")


def _volume_state(encrypted: Any, key: Any) -> EncryptionState:
    flag = as_bool(encrypted)
    if isinstance(flag, Unknown):
        return "unknown"
    if flag is None:
        # A KMS key without the flag: the template clearly asks for encryption
        # (the API requires the flag with a key), so it is not "unencrypted".
        return "customer_key" if is_set(key) else "unset"
    if flag is False:
        return "disabled"
    return "customer_key" if is_set(key) else "aws_managed_key"


def _volume(resource: Resource, encrypted_key: str, kms_key: str) -> Iterator[EncryptionAtRest]:
    encrypted = resource.attributes.get(encrypted_key)
    key = resource.attributes.get(kms_key)
    yield EncryptionAtRest(
        path=(encrypted_key,) if encrypted is not None else (),
        source=None,
        state=_volume_state(encrypted, key),
        key=key,
    )


def ebs_volume_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    return _volume(resource, "encrypted", "kms_key_id")


def ebs_volume_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    return _volume(resource, "Encrypted", "KmsKeyId")


EXTRACTORS = [
    Extractor("s3-bucket-encryption-tf", {"terraform": ["aws_s3_bucket"]}, [EncryptionAtRest],
              s3_bucket_terraform),
    Extractor("s3-bucket-encryption-cfn", {"cloudformation": ["AWS::S3::Bucket"]}, [EncryptionAtRest],
              s3_bucket_cloudformation),
    Extractor("ebs-volume-encryption-tf", {"terraform": ["aws_ebs_volume"]}, [EncryptionAtRest],
              ebs_volume_terraform),
    Extractor("ebs-volume-encryption-cfn", {"cloudformation": ["AWS::EC2::Volume"]}, [EncryptionAtRest],
              ebs_volume_cloudformation),
]
