"""CMP011: instance metadata answers more than one network hop away.

Anti-pattern: ``http_put_response_hop_limit`` / ``HttpPutResponseHopLimit``
above 1 on an instance, launch template or launch configuration.
Fix: a hop limit of 1, so containers behind the host's bridge network cannot
fetch IMDSv2 tokens (and the instance role's credentials).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import InstanceMetadataOptions
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.compute.cmp001_imdsv1_allowed import KINDS
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity, locate_fact


class ImdsHopLimit(Rule):
    meta = RuleMeta(
        id="CMP011",
        slug="imds-hop-limit-above-one",
        title="Instance metadata reachable beyond the instance (hop limit above 1)",
        severity=Severity.LOW,
        layer="operating_system",
        facts=(InstanceMetadataOptions,),
        services=("ec2",),
        setting="imds",
        rationale=(
            "With a PUT response hop limit above 1, IMDSv2 tokens reach processes one network hop "
            "away: containers on a bridge network, or anything the instance forwards for. They can "
            "then read the instance role's credentials. Low severity: needed by some container "
            "setups that use the node's role on purpose; prefer task or pod roles."
        ),
        remediation={
            "terraform": "Set metadata_options { http_put_response_hop_limit = 1 }.",
            "cloudformation": "Set MetadataOptions.HttpPutResponseHopLimit: 1.",
        },
        url="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html",
        examples={
            "terraform": Example(
                fail='resource "aws_launch_template" "web" {\n  image_id = "ami-0123456789abcdef0"\n'
                     '  metadata_options {\n    http_tokens                 = "required"\n'
                     "    http_put_response_hop_limit = 3\n  }\n}\n",
                pass_='resource "aws_launch_template" "web" {\n  image_id = "ami-0123456789abcdef0"\n'
                      '  metadata_options {\n    http_tokens                 = "required"\n'
                      "    http_put_response_hop_limit = 1\n  }\n}\n",
            ),
            "cloudformation": Example(
                fail="Resources:\n  Web:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n"
                     "      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n"
                     "        MetadataOptions:\n          HttpTokens: required\n"
                     "          HttpPutResponseHopLimit: 3\n",
                pass_="Resources:\n  Web:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n"
                      "      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n"
                      "        MetadataOptions:\n          HttpTokens: required\n"
                      "          HttpPutResponseHopLimit: 1\n",
            ),
        },
        tags=("compute", "ec2", "imds", "containers"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        kind = KINDS.get(resource.type, "EC2 resource")
        for fact in facts.of(InstanceMetadataOptions):
            if fact.source is not None or fact.state == "disabled":
                continue  # inherited from a launch template or account default: reported there
            if isinstance(fact.hop_limit, int) and not isinstance(fact.hop_limit, bool) and fact.hop_limit > 1:
                yield Hit(f"{kind} '{resource.name}' answers instance metadata {fact.hop_limit} network hops "
                          "away (hop limit above 1)", location=locate_fact(resource, fact, graph))
