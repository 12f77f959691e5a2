"""LOG013: an EKS cluster without control-plane audit logging.

Anti-pattern: ``enabled_cluster_log_types`` / ``Logging.ClusterLogging.EnabledTypes``
unset, or without ``audit`` or ``authenticator``.
Fix: enable the control-plane log types, at least audit and authenticator.
"""

from __future__ import annotations

from srmlint.aws.facts import LoggingSetting
from srmlint.model import Resource
from srmlint.packs.logging.base import LoggingRule
from srmlint.rule import Example, RuleMeta, Severity

#: The log types that record who did what to the cluster.
REQUIRED = ("audit", "authenticator")


class EksControlPlaneLogging(LoggingRule):
    kind = "eks_control_plane_logs"
    meta = RuleMeta(
        id="LOG013",
        slug="eks-control-plane-audit-logs-off",
        title="EKS cluster does not log control-plane audit and authenticator events",
        severity=Severity.MEDIUM,
        layer="logging_monitoring",
        facts=(LoggingSetting,),
        services=("eks",),
        setting="logging",
        rationale=(
            "AWS runs the Kubernetes control plane, but its logs are off unless the customer enables "
            "them. The audit log records every request to the Kubernetes API and the authenticator "
            "log maps them to IAM identities: without both, nobody can tell who changed the cluster."
        ),
        remediation={
            "terraform": (
                "Set enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", "
                "\"scheduler\"] (at least audit and authenticator) on the aws_eks_cluster."
            ),
            "cloudformation": (
                "Set Logging.ClusterLogging.EnabledTypes to [{Type: api}, {Type: audit}, {Type: authenticator}, "
                "{Type: controllerManager}, {Type: scheduler}] (at least audit and authenticator)."
            ),
        },
        url="https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = aws_iam_role.eks.arn\n'
                    '  enabled_cluster_log_types = ["api"]\n}\n'
                ),
                pass_=(
                    'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = aws_iam_role.eks.arn\n'
                    '  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n"
                    "      RoleArn: !GetAtt EksRole.Arn\n"
                ),
                pass_=(
                    "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n"
                    "      RoleArn: !GetAtt EksRole.Arn\n      Logging:\n        ClusterLogging:\n"
                    "          EnabledTypes:\n            - Type: audit\n            - Type: authenticator\n"
                ),
            ),
        },
        tags=("logging", "eks", "kubernetes", "audit"),
    )

    def flags(self, resource: Resource, fact: LoggingSetting) -> bool:
        return fact.state in self.bad_states or any(t not in fact.detail for t in REQUIRED)

    def message(self, resource: Resource, fact: LoggingSetting) -> str:
        if not fact.detail:
            return f"EKS cluster '{resource.name}' has control-plane logging turned off"
        missing = ", ".join(t for t in REQUIRED if t not in fact.detail)
        return f"EKS cluster '{resource.name}' does not log control-plane {missing} events"
