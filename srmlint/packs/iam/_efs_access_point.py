"""Examples shared by the EFS access point rules (IAM025, IAM026)."""

from __future__ import annotations

from srmlint.rule import Example

TF_HEAD = 'resource "aws_efs_access_point" "app" {\n  file_system_id = aws_efs_file_system.shared.id\n'
CFN_HEAD = "Resources:\n  App:\n    Type: AWS::EFS::AccessPoint\n    Properties:\n      FileSystemId: !Ref Shared\n"
TF_ROOT = '  root_directory {\n    path = "/app"\n  }\n'
TF_USER = "  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n"
CFN_ROOT = "      RootDirectory:\n        Path: /app\n"
CFN_USER = '      PosixUser:\n        Uid: "1000"\n        Gid: "1000"\n'


def examples(tf_fail: str, tf_pass: str, cfn_fail: str, cfn_pass: str) -> dict[str, Example]:
    return {
        "terraform": Example(fail=TF_HEAD + tf_fail + "}\n", pass_=TF_HEAD + tf_pass + "}\n"),
        "cloudformation": Example(fail=CFN_HEAD + cfn_fail, pass_=CFN_HEAD + cfn_pass),
    }

URL = "https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html"
