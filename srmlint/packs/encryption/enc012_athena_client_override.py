"""ENC012: an Athena workgroup that lets clients override its settings,
result encryption included.

Anti-pattern: ``enforce_workgroup_configuration = false`` /
``EnforceWorkGroupConfiguration: false``: each query may then choose its own
result location and encryption, whatever the workgroup says.
Fix: leave the setting unset (true) or set it to true.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import ClientOverride
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.encryption._common import subject
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = ('resource "aws_athena_workgroup" "analytics" {{\n  name = "analytics"\n\n  configuration {{\n'
       "    enforce_workgroup_configuration = {flag}\n\n    result_configuration {{\n"
       '      output_location = "s3://analytics-results/"\n\n      encryption_configuration {{\n'
       '        encryption_option = "SSE_KMS"\n        kms_key_arn       = "arn:aws:kms:eu-west-1:123456789012:'
       'key/1234abcd-12ab-34cd-56ef-1234567890ab"\n      }}\n    }}\n  }}\n}}\n')
_CFN = ("Resources:\n  Analytics:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: analytics\n"
        "      WorkGroupConfiguration:\n        EnforceWorkGroupConfiguration: {flag}\n"
        "        ResultConfiguration:\n          OutputLocation: s3://analytics-results/\n"
        "          EncryptionConfiguration:\n            EncryptionOption: SSE_KMS\n"
        "            KmsKey: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n")


class AthenaClientOverride(Rule):
    meta = RuleMeta(
        id="ENC012",
        slug="athena-client-override",
        title="Athena workgroup lets clients override its result encryption",
        severity=Severity.LOW,
        layer="encryption",
        facts=(ClientOverride,),
        services=("athena",),
        setting="encryption_at_rest",
        rationale=(
            "A workgroup's result configuration (where query results go and how they are encrypted) "
            "binds its users only while the workgroup enforces it. Turned off, every client's own "
            "settings win: a query can write its results without the workgroup's KMS key, or to a "
            "bucket of its choosing. S3 still encrypts new objects with SSE-S3, so this weakens the "
            "key choice and the control over where results land rather than exposing them: low severity."
        ),
        remediation={
            "terraform": "Remove enforce_workgroup_configuration = false from the configuration block (it "
                         "defaults to true) or set it to true.",
            "cloudformation": "Remove EnforceWorkGroupConfiguration: false from WorkGroupConfiguration (the "
                              "workgroup then enforces it) or set it to true.",
        },
        url="https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html",
        examples={
            "terraform": Example(fail=_TF.format(flag="false"), pass_=_TF.format(flag="true")),
            "cloudformation": Example(fail=_CFN.format(flag="false"), pass_=_CFN.format(flag="true")),
        },
        tags=("encryption", "athena"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(ClientOverride):
            if fact.enforced is False:
                yield Hit(f"{subject(resource)} lets clients override its {fact.what} "
                          "(the workgroup configuration is not enforced)", path=fact.path)
