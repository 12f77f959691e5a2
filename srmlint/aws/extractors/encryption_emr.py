"""Encryption in an EMR security configuration (a JSON document): at rest
(EMRFS data in S3, local disks) and in transit between nodes.

Facts point inside the document (``configuration``/``SecurityConfiguration``
then the JSON keys); a finding is located at the document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import key_state
from srmlint.aws.facts import EncryptionAtRest, EncryptionInTransit
from srmlint.aws.values import as_bool, is_set
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

Facts = Iterator[EncryptionAtRest | EncryptionInTransit]

ENC = "EncryptionConfiguration"
AT_REST = "AtRestEncryptionConfiguration"


def _document(value: Any) -> Mapping[str, Any] | Unknown | None:
    if isinstance(value, Unknown):
        return value
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, Mapping) else None


def _security_configuration(doc: Mapping[str, Any], base: AttrPath) -> Facts:
    config = doc.get(ENC)
    if isinstance(config, Unknown):
        yield EncryptionAtRest(path=(*base, ENC), source=None, state="unknown")
        return
    if not isinstance(config, Mapping):
        config = {}
    here = (*base, ENC)
    transit = as_bool(config.get("EnableInTransitEncryption"))
    if isinstance(transit, Unknown):
        yield EncryptionInTransit(path=(*here, "EnableInTransitEncryption"), source=None, aspect="cluster_nodes",
                                  state="unknown")
    else:
        yield EncryptionInTransit(path=(*here, "EnableInTransitEncryption"), source=None, aspect="cluster_nodes",
                                  state="enabled" if transit else ("disabled" if transit is False else "unset"),
                                  value=transit)
    at_rest = as_bool(config.get("EnableAtRestEncryption"))
    if isinstance(at_rest, Unknown):
        yield EncryptionAtRest(path=(*here, "EnableAtRestEncryption"), source=None, state="unknown")
        return
    if not at_rest:
        yield EncryptionAtRest(path=(*here, "EnableAtRestEncryption"), source=None,
                               state="disabled" if at_rest is False else "unset")
        return
    options = config.get(AT_REST)
    if isinstance(options, Unknown):
        yield EncryptionAtRest(path=(*here, AT_REST), source=None, state="unknown")
        return
    if not isinstance(options, Mapping):
        options = {}
    # EMRFS data in S3
    s3 = options.get("S3EncryptionConfiguration")
    s3_path = (*here, AT_REST, "S3EncryptionConfiguration")
    if isinstance(s3, Mapping):
        mode, key = s3.get("EncryptionMode"), s3.get("AwsKmsKey")
        if isinstance(mode, Unknown):
            yield EncryptionAtRest(path=s3_path, source=None, state="unknown")
        elif isinstance(mode, str) and mode.upper() == "SSE-S3":
            yield EncryptionAtRest(path=s3_path, source=None, state="aws_managed_key", algorithm=mode)
        elif isinstance(mode, str) and mode:
            yield EncryptionAtRest(path=s3_path, source=None,
                                   state=key_state(key) if is_set(key) else "customer_key", key=key, algorithm=mode)
    # local disks (instance store and attached EBS volumes, with LUKS) and EBS root volumes
    local = options.get("LocalDiskEncryptionConfiguration")
    local_path = (*here, AT_REST, "LocalDiskEncryptionConfiguration")
    if isinstance(local, Unknown):
        yield EncryptionAtRest(path=local_path, source=None, state="unknown")
    elif not isinstance(local, Mapping):
        yield EncryptionAtRest(path=local_path, source=None, state="unset")
    else:
        key = local.get("AwsKmsKey")
        # (LUKS covers instance store and attached EBS volumes; EnableEbsEncryption
        # adds the EBS root volume: defence in depth, not reported)
        yield EncryptionAtRest(path=local_path, source=None, state=key_state(key) if is_set(key) else "customer_key",
                               key=key)


def emr_security_configuration_tf(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _emr(resource.attributes.get("configuration"), ("configuration",))


def emr_security_configuration_cfn(resource: Resource, graph: ResourceGraph) -> Facts:
    yield from _emr(resource.attributes.get("SecurityConfiguration"), ("SecurityConfiguration",))


def _emr(value: Any, base: AttrPath) -> Facts:
    doc = _document(value)
    if isinstance(doc, Unknown):
        yield EncryptionAtRest(path=base, source=None, state="unknown")
        yield EncryptionInTransit(path=base, source=None, aspect="cluster_nodes", state="unknown")
    elif doc is not None:
        yield from _security_configuration(doc, base)


EXTRACTORS = [
    Extractor("emr-security-configuration-tf", {"terraform": ["aws_emr_security_configuration"]},
              [EncryptionAtRest, EncryptionInTransit], emr_security_configuration_tf),
    Extractor("emr-security-configuration-cfn", {"cloudformation": ["AWS::EMR::SecurityConfiguration"]},
              [EncryptionAtRest, EncryptionInTransit], emr_security_configuration_cfn),
]
