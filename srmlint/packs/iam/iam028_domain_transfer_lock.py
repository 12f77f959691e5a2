"""IAM028: a registered domain that is not locked against transfer.

Anti-pattern: ``transfer_lock = false`` on ``aws_route53domains_registered_domain``.
Fix: keep the transfer lock on; unlock only while moving the domain on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import DomainTransferLock
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = 'resource "aws_route53domains_registered_domain" "main" {{\n  domain_name   = "example.com"\n{extra}}}\n'


class DomainTransferLockDisabled(Rule):
    meta = RuleMeta(
        id="IAM028",
        slug="domain-transfer-lock-disabled",
        title="Route 53 domain is not locked against transfer",
        severity=Severity.MEDIUM,
        layer="identity_access",
        facts=(DomainTransferLock,),
        services=("route53",),
        setting="deletion_protection",
        aws_default="Route 53 Domains locks a registered domain against transfer unless the lock is removed.",
        rationale=(
            "The transfer lock (clientTransferProhibited) stops another registrar from taking the domain "
            "with a transfer request. An unlocked domain can be moved away by anyone who obtains its "
            "authorization code, taking its DNS, mail and certificates with it."
        ),
        remediation={"terraform": "Remove transfer_lock = false (the default locks) or set transfer_lock = true."},
        url="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-lock.html",
        examples={
            "terraform": Example(fail=_TF.format(extra="  transfer_lock = false\n"),
                                 pass_=_TF.format(extra="  transfer_lock = true\n")),
        },
        tags=("iam", "dns"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(DomainTransferLock):
            if fact.enabled is False:
                yield Hit(f"Route 53 domain '{resource.name}' has its transfer lock turned off", path=fact.path)
