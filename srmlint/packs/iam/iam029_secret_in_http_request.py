"""IAM029: a Terraform ``http`` data source that sends a secret.

Anti-pattern: ``data "http"`` whose URL, headers or body interpolate a
SecureString parameter, a Secrets Manager secret, a generated password or key.
Fix: do not send secrets from Terraform; let the service read them itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import SecretInRequest
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

_PARAMETER = (
    'resource "aws_ssm_parameter" "db_password" {\n  name  = "db_password"\n  type  = "SecureString"\n'
    "  value = var.db_password\n}\n"
)

_WHERE = {"url": "URL", "request_headers": "request headers", "request_body": "request body"}


class SecretInHttpRequest(Rule):
    meta = RuleMeta(
        id="IAM029",
        slug="secret-sent-in-http-request",
        title="HTTP data source sends a secret out of AWS",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(SecretInRequest,),
        rationale=(
            "Terraform reads an http data source at every plan, from wherever it runs: a secret in its URL, "
            "headers or body is sent to that server (and to its logs, proxies and Terraform's debug output) "
            "on each run. The secret is out of IAM's and KMS's control from then on."
        ),
        aws_default="Secrets in SecureString parameters and Secrets Manager stay in AWS unless a template sends them.",
        remediation={
            "terraform": (
                "Do not put secret values in an http data source; let the receiving service fetch the secret "
                "with its own IAM permissions."
            ),
        },
        url="https://registry.terraform.io/providers/hashicorp/http/latest/docs/data-sources/http",
        examples={
            "terraform": Example(
                fail=_PARAMETER + 'data "http" "check" {\n'
                '  url = "https://status.example.com/?p=${aws_ssm_parameter.db_password.value}"\n}\n',
                pass_=_PARAMETER + 'data "http" "check" {\n  url = "https://status.example.com/"\n}\n',
            ),
        },
        tags=("iam", "secrets", "exfiltration"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(SecretInRequest):
            sender = (fact.source or "").removeprefix("data.http.")
            where = _WHERE.get(fact.where, fact.where)
            yield Hit(f"HTTP data source '{sender}' sends the secret {fact.secret} in its {where}",
                      location=locate_fact(resource, fact, graph))
