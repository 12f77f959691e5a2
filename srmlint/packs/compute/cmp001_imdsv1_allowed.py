"""CMP001: an EC2 instance, launch template or launch configuration (or a
SageMaker notebook instance) that answers IMDSv1.

Anti-pattern: ``http_tokens = "optional"`` (``HttpTokens: optional``), or no
metadata options at all, so the metadata service answers unauthenticated
IMDSv1 requests and an SSRF bug in any process on the instance can read the
instance role's credentials.
Fix: require session tokens (IMDSv2), or turn the endpoint off. A SageMaker
notebook instance answers IMDSv1 unless its minimum IMDS version is 2.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import InstanceMetadataOptions
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact

KINDS = {
    "aws_instance": "EC2 instance",
    "AWS::EC2::Instance": "EC2 instance",
    "aws_launch_template": "Launch template",
    "AWS::EC2::LaunchTemplate": "Launch template",
    "aws_launch_configuration": "Launch configuration",
    "AWS::AutoScaling::LaunchConfiguration": "Launch configuration",
    "aws_sagemaker_notebook_instance": "SageMaker notebook instance",
    "AWS::SageMaker::NotebookInstance": "SageMaker notebook instance",
}
NOTEBOOKS = ("aws_sagemaker_notebook_instance", "AWS::SageMaker::NotebookInstance")
LAUNCH_TEMPLATES = ("aws_launch_template", "AWS::EC2::LaunchTemplate")


class Imdsv1Allowed(Rule):
    meta = RuleMeta(
        id="CMP001",
        slug="imdsv1-allowed",
        title="EC2 instance metadata service answers IMDSv1 (session tokens not required)",
        severity=Severity.HIGH,
        layer="operating_system",
        facts=(InstanceMetadataOptions,),
        services=("ec2", "sagemaker"),
        setting="imds",
        rationale=(
            "On EC2 the guest and how it reaches the instance metadata service are the "
            "customer's. IMDSv1 answers any plain HTTP GET from the instance, so a server-side "
            "request forgery or an open proxy hands out the instance role's temporary "
            "credentials. IMDSv2 requires a session token obtained with a PUT and a hop limit, "
            "which such requests cannot produce. Unless the AMI or the account default says "
            "otherwise, instances answer both versions; SageMaker notebook instances answer IMDSv1 "
            "unless their minimum IMDS version is set to 2."
        ),
        remediation={
            "terraform": (
                'Add metadata_options { http_tokens = "required" } to the aws_instance, '
                "aws_launch_template or aws_launch_configuration (or http_endpoint = \"disabled\" "
                "when nothing on the instance needs the metadata service). On "
                "aws_sagemaker_notebook_instance: instance_metadata_service_configuration "
                '{ minimum_instance_metadata_service_version = "2" }.'
            ),
            "cloudformation": (
                "Set MetadataOptions: { HttpTokens: required } in the launch template's "
                "LaunchTemplateData (or the launch configuration); an AWS::EC2::Instance has no "
                "metadata options of its own, so give it a LaunchTemplate that sets them. On "
                "AWS::SageMaker::NotebookInstance: InstanceMetadataServiceConfiguration: "
                '{ MinimumInstanceMetadataServiceVersion: "2" }.'
            ),
        },
        url="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
        examples={
            "terraform": Example(
                fail='resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n'
                     '  instance_type = "t3.micro"\n}\n',
                pass_='resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n'
                      '  instance_type = "t3.micro"\n  metadata_options {\n'
                      '    http_tokens = "required"\n  }\n}\n',
            ),
            "cloudformation": Example(
                fail="Resources:\n  Web:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n"
                     "      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n"
                     "        MetadataOptions:\n          HttpTokens: optional\n",
                pass_="Resources:\n  Web:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n"
                      "      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n"
                      "        MetadataOptions:\n          HttpTokens: required\n",
            ),
        },
        tags=("compute", "ec2", "sagemaker", "imds"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        kind = KINDS.get(resource.type, "EC2 resource")
        for fact in facts.of(InstanceMetadataOptions):
            if fact.state not in ("optional", "unset"):
                continue
            other = graph.get(resource.scope, fact.source) if fact.source else None
            if other is not None and other.type in LAUNCH_TEMPLATES:
                # The launch template it inherits from carries the finding.
                continue
            if other is not None:
                yield Hit(f"{kind} '{resource.name}' allows IMDSv1: the account default "
                          f"'{other.address}' sets http_tokens to optional",
                          location=locate_fact(resource, fact, graph))
            elif resource.type in NOTEBOOKS:
                detail = ("the minimum IMDS version is 1" if fact.state == "optional"
                          else "no minimum IMDS version is set, so SageMaker's default, 1, applies")
                yield Hit(f"{kind} '{resource.name}' allows IMDSv1 ({detail})", path=fact.path)
            elif fact.state == "optional":
                yield Hit(f"{kind} '{resource.name}' allows IMDSv1 (session tokens are optional)", path=fact.path)
            elif resource.type == "AWS::EC2::Instance":
                yield Hit(f"{kind} '{resource.name}' does not require IMDSv2: no launch template sets "
                          "MetadataOptions.HttpTokens to required", path=fact.path)
            else:
                yield Hit(f"{kind} '{resource.name}' does not require IMDSv2 (session tokens are not "
                          "required, so IMDSv1 is answered)", path=fact.path)
