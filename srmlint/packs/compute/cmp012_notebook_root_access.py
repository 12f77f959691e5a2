"""CMP012: a SageMaker notebook instance gives its users root access.

Anti-pattern: no ``root_access`` (``RootAccess``) or ``"Enabled"``: SageMaker's
default lets every user of the notebook become root on the instance.
Fix: ``root_access = "Disabled"`` (lifecycle configurations still run as root).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import RootAccess
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF = (
    'resource "aws_sagemaker_notebook_instance" "lab" {{\n  name          = "lab"\n'
    '  role_arn      = "arn:aws:iam::123456789012:role/lab"\n  instance_type = "ml.t3.medium"\n{extra}}}\n'
)
_CFN = (
    "Resources:\n  Lab:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
    "      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::123456789012:role/lab\n{extra}"
)


class NotebookRootAccess(Rule):
    meta = RuleMeta(
        id="CMP012",
        slug="notebook-root-access",
        title="SageMaker notebook instance gives its users root access",
        severity=Severity.MEDIUM,
        layer="operating_system",
        facts=(RootAccess,),
        services=("sagemaker",),
        setting="root_access",
        rationale=(
            "A notebook instance runs on an image AWS maintains, but what its users do on it is the "
            "customer's. With root access (SageMaker's default) any notebook user can change the OS, "
            "install or replace packages, turn off the protections the image ships with and tamper "
            "with what other users of the instance run. Without it, users work as an unprivileged "
            "user and only the lifecycle configuration the administrator wrote runs as root."
        ),
        remediation={
            "terraform": 'Set root_access = "Disabled" (install what users need in a lifecycle configuration).',
            "cloudformation": "Set RootAccess: Disabled (install what users need in a lifecycle configuration).",
        },
        url="https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html",
        examples={
            "terraform": Example(fail=_TF.format(extra=""),
                                 pass_=_TF.format(extra='  root_access   = "Disabled"\n')),
            "cloudformation": Example(fail=_CFN.format(extra="      RootAccess: Enabled\n"),
                                      pass_=_CFN.format(extra="      RootAccess: Disabled\n")),
        },
        tags=("compute", "sagemaker"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(RootAccess):
            if fact.enabled is True:
                yield Hit(f"SageMaker notebook instance '{resource.name}' gives its users root access",
                          path=fact.path)
            elif fact.enabled is None:
                yield Hit(f"SageMaker notebook instance '{resource.name}' gives its users root access "
                          "(root_access is unset: SageMaker's default is Enabled)", path=fact.path)
