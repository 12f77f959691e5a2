"""ENC015: a Transfer Family server whose security policy still accepts SHA-1
based SSH algorithms.

Anti-pattern: ``security_policy_name`` (``SecurityPolicyName``) unset, which
is ``TransferSecurityPolicy-2018-11`` in Terraform and CloudFormation, or set
to one of the older policies that allow the ``ssh-rsa`` (RSA with SHA-1)
host-key signature and, for 2018-11, the ``diffie-hellman-group14-sha1`` key
exchange (table and source in srmlint/aws/extractors/encryption_policies.py).
Fix: ``TransferSecurityPolicy-2024-01`` or newer (FIPS endpoints:
``TransferSecurityPolicy-FIPS-2024-05`` or newer).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.extractors.encryption_policies import TRANSFER_DEFAULT_POLICY, sha1_algorithms
from srmlint.aws.facts import EncryptionInTransit
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = ('resource "aws_transfer_server" "sftp" {{\n  endpoint_type          = "VPC"\n'
       '  identity_provider_type = "SERVICE_MANAGED"\n  protocols              = ["SFTP"]\n{policy}}}\n')
_CFN = ("Resources:\n  Sftp:\n    Type: AWS::Transfer::Server\n    Properties:\n      EndpointType: VPC\n"
        "      IdentityProviderType: SERVICE_MANAGED\n      Protocols: [SFTP]\n{policy}")


class Sha1SshPolicy(Rule):
    meta = RuleMeta(
        id="ENC015",
        slug="sha1-ssh-security-policy",
        title="Transfer Family server accepts SHA-1 based SSH algorithms",
        severity=Severity.LOW,
        layer="encryption",
        facts=(EncryptionInTransit,),
        services=("transfer",),
        setting="encryption_in_transit",
        rationale=(
            "The security policy decides which key exchanges, host-key signatures, MACs and ciphers "
            "the server negotiates: the customer's choice. TransferSecurityPolicy-2018-11 still offers "
            "the SHA-1 key exchange diffie-hellman-group14-sha1, and it and several 2020-2024 policies "
            "the ssh-rsa host-key signature (RSA with SHA-1), which OpenSSH has disabled by default "
            "since 8.8 because SHA-1 collisions are practical. A client that negotiates them gets "
            "weaker guarantees than the server could give. The session is still encrypted, hence low "
            "severity; AWS recommends moving servers to its latest policy."
        ),
        remediation={
            "terraform": "security_policy_name = \"TransferSecurityPolicy-2024-01\" (or newer; FIPS endpoints: "
                         "\"TransferSecurityPolicy-FIPS-2024-05\" or newer), after checking that clients support "
                         "SHA-2 algorithms.",
            "cloudformation": "SecurityPolicyName: TransferSecurityPolicy-2024-01 (or newer; FIPS endpoints: "
                              "TransferSecurityPolicy-FIPS-2024-05 or newer), after checking that clients support "
                              "SHA-2 algorithms.",
        },
        url="https://docs.aws.amazon.com/transfer/latest/userguide/security-policies.html",
        examples={
            "terraform": Example(
                fail=_TF.format(policy='  security_policy_name   = "TransferSecurityPolicy-2018-11"\n'),
                pass_=_TF.format(policy='  security_policy_name   = "TransferSecurityPolicy-2024-01"\n'),
            ),
            "cloudformation": Example(
                fail=_CFN.format(policy=""),
                pass_=_CFN.format(policy="      SecurityPolicyName: TransferSecurityPolicy-2024-01\n"),
            ),
        },
        tags=("encryption", "in-transit", "ssh"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(EncryptionInTransit):
            if fact.aspect != "algorithm_policy" or fact.state != "weak":
                continue
            policy = str(fact.value)
            default = policy.endswith("(default)")
            accepts = sha1_algorithms(TRANSFER_DEFAULT_POLICY if default else policy)
            named = (f"no security policy, so {TRANSFER_DEFAULT_POLICY}" if default
                     else f"security policy {policy}")
            yield Hit(f"{subject(resource)} uses {named}, which accepts {accepts}", path=fact.path)
