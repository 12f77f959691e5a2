"""NET020: a SageMaker model runs without network isolation.

Anti-pattern: ``enable_network_isolation`` unset or false. Fix: true, for
models whose containers need no network calls of their own.
"""

from __future__ import annotations

from srmlint.aws.facts import NetworkSwitch
from srmlint.packs.network._switch import SwitchRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_sagemaker_model" "m" {{\n  name = "m"\n'
    '  execution_role_arn = "arn:aws:iam::111122223333:role/m"\n  primary_container {{\n'
    '    image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1"\n  }}\n{isolation}}}\n'
)
_CFN = (
    "Resources:\n  Model:\n    Type: AWS::SageMaker::Model\n    Properties:\n"
    "      ExecutionRoleArn: arn:aws:iam::111122223333:role/m\n      PrimaryContainer:\n"
    "        Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/m:1\n{isolation}"
)


class SageMakerModelNetworkIsolation(SwitchRule):
    kind = "network_isolation"
    unset = "SageMaker model '{name}' does not enable network isolation (AWS's default is off)"
    stated = "SageMaker model '{name}' has network isolation turned off"
    meta = RuleMeta(
        id="NET020",
        slug="sagemaker-model-network-isolation",
        title="SageMaker model runs without network isolation",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(NetworkSwitch,),
        services=("sagemaker",),
        setting="network_egress",
        rationale=(
            "A model container runs the customer's (or a third party's) code against inference data. "
            "Without network isolation it can make outbound network calls, so a compromised or malicious "
            "model image can send that data anywhere it can reach. Isolation is off unless the customer "
            "turns it on. Low severity: a defence in depth for containers that need no network of their own."
        ),
        remediation={
            "terraform": "Set enable_network_isolation = true (the model is replaced).",
            "cloudformation": "Set EnableNetworkIsolation: true (the model is replaced).",
        },
        url="https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
        examples={
            "terraform": Example(
                fail=_TF.format(isolation=""),
                pass_=_TF.format(isolation="  enable_network_isolation = true\n"),
            ),
            "cloudformation": Example(
                fail=_CFN.format(isolation="      EnableNetworkIsolation: false\n"),
                pass_=_CFN.format(isolation="      EnableNetworkIsolation: true\n"),
            ),
        },
        tags=("network", "sagemaker", "egress"),
    )
