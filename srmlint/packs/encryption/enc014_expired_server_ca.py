"""ENC014: a database that presents a TLS server certificate of an expired CA.

Anti-pattern: ``ca_cert_identifier = "rds-ca-2019"`` (``CACertificateIdentifier:
rds-ca-2019``): that CA expired on 2024-08-22 (rds-ca-2015 on 2020-03-05).
Clients that verify the server certificate then fail to connect, and the
usual workaround, turning verification off, lets anyone on the path pose as
the database.
Fix: ``rds-ca-rsa2048-g1`` (RDS's default), ``rds-ca-rsa4096-g1`` or
``rds-ca-ecc384-g1``, with clients trusting the new CA bundle.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.extractors.encryption_channels import EXPIRED_CAS
from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = ('resource "aws_db_instance" "app" {{\n  identifier         = "app"\n  engine             = "mysql"\n'
       '  instance_class     = "db.t3.micro"\n  allocated_storage  = 20\n  username           = "app"\n'
       '  manage_master_user_password = true\n  storage_encrypted  = true\n'
       '  ca_cert_identifier = "{ca}"\n}}\n')
_CFN = ("Resources:\n  App:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n"
        "      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      MasterUsername: app\n"
        "      ManageMasterUserPassword: true\n      StorageEncrypted: true\n      CACertificateIdentifier: {ca}\n")


class ExpiredServerCa(Rule):
    meta = RuleMeta(
        id="ENC014",
        slug="expired-server-ca",
        title="Database presents a TLS certificate signed by an expired CA",
        severity=Severity.MEDIUM,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("rds", "docdb"),
        setting="encryption_in_transit",
        rationale=(
            "Which certificate authority signs a database's server certificate is the customer's "
            "choice. The rds-ca-2015 and rds-ca-2019 CAs have expired: clients that verify the "
            "server certificate cannot connect, and the common way out, turning verification off, "
            "leaves the TLS connection open to anyone who can pose as the database."
        ),
        remediation={
            "terraform": "ca_cert_identifier = \"rds-ca-rsa2048-g1\" (or rds-ca-rsa4096-g1 / rds-ca-ecc384-g1; "
                         "ca_certificate_identifier on aws_rds_cluster), or leave it unset for RDS's default, "
                         "and give clients the current CA bundle.",
            "cloudformation": "CACertificateIdentifier: rds-ca-rsa2048-g1 (or rds-ca-rsa4096-g1 / rds-ca-ecc384-g1), "
                              "or leave it unset for RDS's default, and give clients the current CA bundle.",
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation.html",
        examples={
            "terraform": Example(fail=_TF.format(ca="rds-ca-2019"), pass_=_TF.format(ca="rds-ca-rsa2048-g1")),
            "cloudformation": Example(fail=_CFN.format(ca="rds-ca-2015"), pass_=_CFN.format(ca="rds-ca-rsa4096-g1")),
        },
        tags=("encryption", "in-transit", "tls", "certificates"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            if fact.aspect == "server_certificate" and fact.state == "weak":
                expired = EXPIRED_CAS.get(str(fact.value))
                when = f", which expired on {expired.isoformat()}" if expired else ", which has expired"
                yield Hit(f"{subject(resource)} presents a server certificate of CA {fact.value}{when}",
                          path=fact.path)
