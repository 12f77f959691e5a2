"""PUB007: database or broker is publicly accessible.

See the rule's rationale; facts: :class:`~srmlint.aws.facts.PublicExposure` of kind ``publicly_accessible``.
"""

from __future__ import annotations

from srmlint.aws.facts import PublicExposure
from srmlint.packs.public_access._exposure import ExposureRule
from srmlint.rule import Example, RuleMeta, Severity


class PubliclyAccessibleDataService(ExposureRule):
    kind = "publicly_accessible"
    message = "{type} '{name}' is publicly accessible{detail}"
    meta = RuleMeta(
        id="PUB007",
        slug="data-service-publicly-accessible",
        title="Database or broker is publicly accessible",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(PublicExposure,),
        services=("rds", "redshift", "dms", "neptune", "mq", "msk"),
        setting="public_access",
        rationale=(
            "A publicly accessible database, data warehouse, replication instance or message broker gets a "
            "public DNS name and address; only its security group stands between it and the internet, and its"
            " endpoint invites credential stuffing and exploits. Network placement is the customer's choice: "
            "keep data stores private and reach them from inside the VPC."
        ),
        remediation={
            "terraform": (
                'Set publicly_accessible = false (aws_db_instance, aws_rds_cluster_instance, '
                'aws_redshift_cluster, aws_dms_replication_instance, aws_mq_broker, ...); for MSK set '
                'public_access type = "DISABLED".'
            ),
            "cloudformation": (
                'Set PubliclyAccessible: false (AWS::RDS::DBInstance, AWS::Redshift::Cluster, '
                'AWS::DMS::ReplicationInstance, AWS::AmazonMQ::Broker); for MSK set PublicAccess Type '
                'DISABLED.'
            ),
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = '
                    '"db.t3.micro"\n  publicly_accessible = true\n}\n'
                ),
                pass_=(
                    'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = '
                    '"db.t3.micro"\n  publicly_accessible = false\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: '
                    'postgres\n      PubliclyAccessible: true\n'
                ),
                pass_=(
                    'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: '
                    'postgres\n      PubliclyAccessible: false\n'
                ),
            ),
        },
        tags=("public-access", "database"),
    )
