"""Encryption of channels that are not a data store's storage:

- Session Manager sessions (the ``Standard_Stream`` session preferences
  document's ``kmsKeyId``) and ECS Exec sessions (an ECS cluster's
  ``execute_command_configuration`` ``kms_key_id``): an ``EncryptionAtRest``
  about the choice of a customer-managed KMS key on top of TLS
  (``aws_managed_key`` when none is named: TLS only, with keys AWS manages;
  ENC004 reports it). Only produced where sessions are configured.
- SES configuration sets: whether outgoing mail requires TLS
  (``EncryptionInTransit`` aspect ``email_delivery``; AWS's default
  ``Optional`` delivers in plaintext when the receiving server offers no TLS).
- RDS and DocumentDB instances: the CA of the server certificate they present
  (``EncryptionInTransit`` aspect ``server_certificate``, ``weak`` for a CA
  that has expired; unset: RDS's current default CA, not judged).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.extractors.encryption_common import key_state
from srmlint.aws.extractors.logging_extra import _document
from srmlint.aws.facts import EncryptionAtRest, EncryptionInTransit, TransitState
from srmlint.aws.values import blocks, is_set
from srmlint.evaluate import partial_value
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------------ sessions


def _session_key(key: Any, path: AttrPath) -> EncryptionAtRest:
    if isinstance(key, Unknown):
        return EncryptionAtRest(path=path, source=None, state="unknown", key=key)
    if not is_set(key):
        # TLS only, with session keys AWS manages: encrypted, the customer key is what is missing
        return EncryptionAtRest(path=path, source=None, state="aws_managed_key")
    return EncryptionAtRest(path=path, source=None, state=key_state(key), key=key)


def _ssm_session(doc_type: Any, content: Any, fmt: Any, path: AttrPath) -> Iterator[EncryptionAtRest]:
    if doc_type != "Session":
        return
    data = _document(content, fmt)
    if isinstance(data, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
        return
    if data is None or data.get("sessionType") != "Standard_Stream":
        return  # only the Standard_Stream document holds the session preferences
    inputs = data.get("inputs")
    if isinstance(inputs, Unknown):
        yield EncryptionAtRest(path=path, source=None, state="unknown")
        return
    yield _session_key(inputs.get("kmsKeyId") if isinstance(inputs, Mapping) else None, path)


def ssm_session_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    a = resource.attributes
    yield from _ssm_session(a.get("document_type"), partial_value(a.get("content")), a.get("document_format"),
                            ("content",))


def ssm_session_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    a = resource.attributes
    yield from _ssm_session(a.get("DocumentType"), a.get("Content"), a.get("DocumentFormat"), ("Content",))


def ecs_exec_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    configuration = resource.attributes.get("configuration")
    if isinstance(configuration, Unknown):
        yield EncryptionAtRest(path=("configuration",), source=None, state="unknown")
        return
    for i, body in enumerate(blocks(configuration)):
        commands = body.get("execute_command_configuration")
        if isinstance(commands, Unknown):
            yield EncryptionAtRest(path=("configuration", i), source=None, state="unknown")
            continue
        for j, command in enumerate(blocks(commands)):
            here: AttrPath = ("configuration", i, "execute_command_configuration", j)
            key = command.get("kms_key_id")
            yield _session_key(key, (*here, "kms_key_id") if key is not None else here)


def ecs_exec_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionAtRest]:
    configuration = resource.attributes.get("Configuration")
    if isinstance(configuration, Unknown):
        yield EncryptionAtRest(path=("Configuration",), source=None, state="unknown")
        return
    command = configuration.get("ExecuteCommandConfiguration") if isinstance(configuration, Mapping) else None
    if isinstance(command, Unknown):
        yield EncryptionAtRest(path=("Configuration", "ExecuteCommandConfiguration"), source=None, state="unknown")
    elif isinstance(command, Mapping):
        here: AttrPath = ("Configuration", "ExecuteCommandConfiguration")
        key = command.get("KmsKeyId")
        yield _session_key(key, (*here, "KmsKeyId") if key is not None else here)


# ------------------------------------------------------------------ SES


def _tls_policy(value: Any, path: AttrPath, parent: AttrPath) -> EncryptionInTransit:
    if value is None:
        return EncryptionInTransit(path=parent, source=None, aspect="email_delivery", state="unset")
    if isinstance(value, str) and value.strip().lower() in ("require", "optional"):
        state: TransitState = "enabled" if value.strip().lower() == "require" else "disabled"
        return EncryptionInTransit(path=path, source=None, aspect="email_delivery", state=state, value=value)
    return EncryptionInTransit(path=path, source=None, aspect="email_delivery", state="unknown", value=value)


def ses_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    options = resource.attributes.get("delivery_options")
    if isinstance(options, Unknown):
        yield EncryptionInTransit(path=("delivery_options",), source=None, aspect="email_delivery", state="unknown")
        return
    found = blocks(options)
    if not found:
        yield _tls_policy(None, (), ())
        return
    yield _tls_policy(found[0].get("tls_policy"), ("delivery_options", 0, "tls_policy"), ("delivery_options", 0))


def ses_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    options = resource.attributes.get("DeliveryOptions")
    if isinstance(options, Unknown):
        yield EncryptionInTransit(path=("DeliveryOptions",), source=None, aspect="email_delivery", state="unknown")
    elif isinstance(options, Mapping):
        yield _tls_policy(options.get("TlsPolicy"), ("DeliveryOptions", "TlsPolicy"), ("DeliveryOptions",))
    else:
        yield _tls_policy(None, (), ())


# ------------------------------------------------------------------ database server certificates

#: CAs of RDS/DocumentDB server certificates that have expired, with the date.
#: Source: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html
EXPIRED_CAS: dict[str, datetime.date] = {
    "rds-ca-2015": datetime.date(2020, 3, 5),
    "rds-ca-2019": datetime.date(2024, 8, 22),
}


def _ca(value: Any, path: AttrPath) -> Iterator[EncryptionInTransit]:
    if value is None:
        return  # RDS's current default CA (rds-ca-rsa2048-g1)
    if isinstance(value, Unknown):
        yield EncryptionInTransit(path=path, source=None, aspect="server_certificate", state="unknown", value=value)
        return
    name = str(value).strip().lower()
    state: TransitState = "weak" if name in EXPIRED_CAS else "enabled"
    yield EncryptionInTransit(path=path, source=None, aspect="server_certificate", state=state, value=name)


def db_ca_tf(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    for key in ("ca_cert_identifier", "ca_certificate_identifier"):
        if key in resource.attributes:
            yield from _ca(resource.attributes[key], (key,))


def db_ca_cfn(resource: Resource, graph: ResourceGraph) -> Iterator[EncryptionInTransit]:
    yield from _ca(resource.attributes.get("CACertificateIdentifier"), ("CACertificateIdentifier",))


EXTRACTORS = [
    Extractor("ssm-session-key-tf", {"terraform": ["aws_ssm_document"]}, [EncryptionAtRest], ssm_session_tf),
    Extractor("ssm-session-key-cfn", {"cloudformation": ["AWS::SSM::Document"]}, [EncryptionAtRest], ssm_session_cfn),
    Extractor("ecs-exec-key-tf", {"terraform": ["aws_ecs_cluster"]}, [EncryptionAtRest], ecs_exec_tf),
    Extractor("ecs-exec-key-cfn", {"cloudformation": ["AWS::ECS::Cluster"]}, [EncryptionAtRest], ecs_exec_cfn),
    Extractor("ses-tls-tf", {"terraform": ["aws_ses_configuration_set", "aws_sesv2_configuration_set"]},
              [EncryptionInTransit], ses_tf),
    Extractor("ses-tls-cfn", {"cloudformation": ["AWS::SES::ConfigurationSet"]}, [EncryptionInTransit], ses_cfn),
    Extractor("db-ca-tf", {"terraform": ["aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance",
                                         "aws_docdb_cluster_instance"]}, [EncryptionInTransit], db_ca_tf),
    Extractor("db-ca-cfn", {"cloudformation": ["AWS::RDS::DBInstance", "AWS::DocDB::DBInstance"]},
              [EncryptionInTransit], db_ca_cfn),
]
