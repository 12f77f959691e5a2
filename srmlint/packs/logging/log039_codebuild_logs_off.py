"""LOG039: a CodeBuild project that sends its build logs nowhere.

Anti-pattern: ``logs_config`` / ``LogsConfig`` turns CloudWatch Logs off
(``status = "DISABLED"``) and does not turn S3 logs on. AWS's default
(CloudWatch Logs on) is secure: a project without ``logs_config`` is not
flagged.
Fix: keep CloudWatch Logs on, or turn S3 logs on.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

_TF = (
    'resource "aws_codebuild_project" "build" {\n  name         = "build"\n'
    "  service_role = aws_iam_role.build.arn\n  artifacts {\n    type = \"NO_ARTIFACTS\"\n  }\n"
    '  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n'
    '    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n'
    '  source {\n    type     = "CODECOMMIT"\n'
    '    location = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app"\n  }\n'
)
_CFN = (
    "Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n"
    "      ServiceRole: !GetAtt BuildRole.Arn\n      Artifacts:\n        Type: NO_ARTIFACTS\n"
    "      Environment:\n        ComputeType: BUILD_GENERAL1_SMALL\n        Image: aws/codebuild/standard:7.0\n"
    "        Type: LINUX_CONTAINER\n      Source:\n        Type: CODECOMMIT\n"
    "        Location: https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app\n"
)


class CodeBuildLogsOff(LoggingRule):
    kind = "codebuild_logs"
    bad_states = frozenset({"disabled"})
    meta = RuleMeta(
        id="LOG039",
        slug="codebuild-logs-off",
        title="CodeBuild project sends its build logs nowhere",
        severity=Severity.LOW,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("codebuild",),
        setting="logging",
        rationale=(
            "Build logs show what a build ran, with which dependencies and credentials, which is what "
            "an investigation of a poisoned pipeline starts from. CodeBuild sends them to CloudWatch "
            "Logs unless the project turns that off; with S3 logs also off they are kept nowhere."
        ),
        remediation={
            "terraform": (
                "Remove logs_config.cloudwatch_logs.status = \"DISABLED\", or set s3_logs { status = \"ENABLED\", "
                "location = \"<bucket>/build-logs\" }."
            ),
            "cloudformation": (
                "Remove LogsConfig.CloudWatchLogs.Status: DISABLED, or set LogsConfig.S3Logs { Status: ENABLED, "
                "Location: <bucket>/build-logs }."
            ),
        },
        url="https://docs.aws.amazon.com/codebuild/latest/userguide/change-project-console.html#change-project-console-logs",
        examples={
            "terraform": Example(
                fail=_TF + '  logs_config {\n    cloudwatch_logs {\n      status = "DISABLED"\n    }\n  }\n}\n',
                pass_=_TF + '  logs_config {\n    cloudwatch_logs {\n      status = "DISABLED"\n    }\n'
                '    s3_logs {\n      status   = "ENABLED"\n      location = "build-logs/app"\n    }\n  }\n}\n',
            ),
            "cloudformation": Example(
                fail=_CFN + "      LogsConfig:\n        CloudWatchLogs:\n          Status: DISABLED\n",
                pass_=_CFN + "      LogsConfig:\n        CloudWatchLogs:\n          Status: ENABLED\n",
            ),
        },
        tags=("logging", "codebuild", "ci-cd"),
    )

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        return f"CodeBuild project '{resource.name}' sends its build logs nowhere (CloudWatch Logs and S3 logs off)"
