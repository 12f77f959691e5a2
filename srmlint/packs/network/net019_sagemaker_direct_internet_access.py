"""NET019: a SageMaker notebook instance in a VPC keeps direct internet access.

Anti-pattern: ``direct_internet_access`` unset or ``"Enabled"`` (the
default) on a notebook with a ``subnet_id``. Fix: ``"Disabled"``, with VPC
endpoints or a NAT gateway for what the notebook must reach. Notebooks not in
a VPC at all are NET016's.
"""

from __future__ import annotations

from srmlint.aws.facts import NetworkSwitch
from srmlint.facts import FactSet
from srmlint.model import Resource
from srmlint.packs.network._placement import not_in_vpc
from srmlint.packs.network._switch import SwitchRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_sagemaker_notebook_instance" "nb" {{\n  name = "nb"\n  instance_type = "ml.t3.medium"\n'
    '  role_arn = "arn:aws:iam::111122223333:role/nb"\n  subnet_id = "subnet-123"\n'
    '  security_groups = ["sg-123"]\n{access}}}\n'
)
_CFN = (
    "Resources:\n  Notebook:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n"
    "      InstanceType: ml.t3.medium\n      RoleArn: arn:aws:iam::111122223333:role/nb\n"
    "      SubnetId: subnet-123\n      SecurityGroupIds: [sg-123]\n{access}"
)


class SageMakerDirectInternetAccess(SwitchRule):
    kind = "direct_internet_access"
    unset = ("SageMaker notebook instance '{name}' has direct internet access "
             "(direct_internet_access is unset; AWS's default is Enabled)")
    stated = "SageMaker notebook instance '{name}' has direct internet access enabled"
    meta = RuleMeta(
        id="NET019",
        slug="sagemaker-direct-internet-access",
        title="SageMaker notebook instance has direct internet access",
        severity=Severity.MEDIUM,
        layer="network_configuration",
        facts=(NetworkSwitch,),
        services=("sagemaker",),
        setting="network_egress",
        rationale=(
            "With direct internet access (SageMaker's default), a notebook instance gets a second network "
            "interface in SageMaker's network with a route to the internet, even when it is placed in the "
            "customer's VPC: code run in the notebook can download packages and upload data past the VPC's "
            "security groups, network ACLs and flow logs. Turning it off is the customer's choice."
        ),
        remediation={
            "terraform": (
                "Set direct_internet_access = \"Disabled\" and give the subnet VPC endpoints (or a NAT gateway) "
                "for what the notebook must reach."
            ),
            "cloudformation": (
                "Set DirectInternetAccess: Disabled and give the subnet VPC endpoints (or a NAT gateway) for "
                "what the notebook must reach."
            ),
        },
        url="https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
        examples={
            "terraform": Example(
                fail=_TF.format(access=""),
                pass_=_TF.format(access='  direct_internet_access = "Disabled"\n'),
            ),
            "cloudformation": Example(
                fail=_CFN.format(access="      DirectInternetAccess: Enabled\n"),
                pass_=_CFN.format(access="      DirectInternetAccess: Disabled\n"),
            ),
        },
        tags=("network", "sagemaker", "egress"),
    )

    def applies(self, resource: Resource, facts: FactSet) -> bool:
        return not not_in_vpc(facts)  # outside a VPC: NET016
