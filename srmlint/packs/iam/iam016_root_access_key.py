"""IAM016: an access key for a user named ``root``.

Anti-pattern: ``aws_iam_access_key`` / ``AWS::IAM::AccessKey`` for the user
``root``. The account root user cannot be given keys by a template (keys of the
real root user are created in the console); a template creating keys for an
IAM user called ``root`` is either a mistake or an attempt to look like one.
Fix: give the workload a role; no keys for root.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import AccessKey
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


class RootAccessKey(Rule):
    meta = RuleMeta(
        id="IAM016",
        slug="root-access-key",
        title="Access key created for a user named root",
        severity=Severity.HIGH,
        layer="identity_access",
        facts=(AccessKey,),
        services=("iam",),
        setting="credentials",
        aws_default="The root user has no access keys unless someone creates them.",
        rationale=(
            "The root user has unrestricted access to the account and cannot be limited by IAM "
            "policies; the CIS AWS Foundations Benchmark asks that it have no access keys. A "
            "template that creates long-lived keys for a user named 'root' mimics exactly that and "
            "confuses reviews and alerts that look for root key usage."
        ),
        remediation={
            "terraform": "Remove the aws_iam_access_key; give workloads an IAM role (and people SSO).",
            "cloudformation": "Remove the AWS::IAM::AccessKey; give workloads an IAM role (and people SSO).",
        },
        url="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
        examples={
            "terraform": Example(
                fail='resource "aws_iam_access_key" "key" {\n  user = "root"\n}\n',
                pass_='resource "aws_iam_access_key" "key" {\n  user = "ci-deployer"\n}\n',
            ),
            "cloudformation": Example(
                fail="Resources:\n  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: root\n",
                pass_=(
                    "Resources:\n  Key:\n    Type: AWS::IAM::AccessKey\n    Properties:\n"
                    "      UserName: ci-deployer\n"
                ),
            ),
        },
        tags=("iam", "cis", "root"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for key in facts.of(AccessKey):
            if isinstance(key.user, str) and key.user.strip().lower() == "root":
                yield Hit(f"Access key '{resource.name}' is created for a user named root", path=key.path)
