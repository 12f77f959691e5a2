"""LOG006: a VPC with no flow log.

Anti-pattern: an ``aws_vpc`` / ``AWS::EC2::VPC`` that no ``aws_flow_log`` /
``AWS::EC2::FlowLog`` of the same module or template points at (through the
graph). A VPC handed to a module or nested stack, or a flow log whose target
is not statically known, is not flagged.
Fix: add a flow log for the VPC.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity


class VpcFlowLogs(LoggingRule):
    kind = "vpc_flow_logs"
    meta = RuleMeta(
        id="LOG006",
        slug="vpc-flow-logs-missing",
        title="VPC has no flow log",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("vpc",),
        setting="logging",
        rationale=(
            "Flow logs are the only record of which addresses talked to which, on which ports, "
            "inside a VPC and across its edge. AWS captures nothing unless the customer creates a "
            "flow log, so without one a compromise or an exfiltration leaves no network trace."
        ),
        remediation={
            "terraform": (
                "Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type = \"ALL\" and a "
                "log_destination (CloudWatch log group or S3 bucket)."
            ),
            "cloudformation": (
                "Add an AWS::EC2::FlowLog with ResourceId: !Ref <Vpc>, ResourceType: VPC, "
                "TrafficType: ALL and a log destination."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
        examples={
            "terraform": Example(
                fail='resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
                pass_=(
                    'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\n'
                    'resource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc.main.id\n'
                    '  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow.arn\n'
                    '  iam_role_arn    = aws_iam_role.flow.arn\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail="Resources:\n  Main:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n",
                pass_=(
                    "Resources:\n  Main:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n"
                    "  MainFlowLog:\n    Type: AWS::EC2::FlowLog\n    Properties:\n"
                    "      ResourceId: !Ref Main\n      ResourceType: VPC\n      TrafficType: ALL\n"
                    "      LogDestinationType: s3\n      LogDestination: arn:aws:s3:::flow-logs\n"
                ),
            ),
        },
        tags=("logging", "vpc", "flow-logs", "network"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"VPC '{resource.name}' has no flow log"
