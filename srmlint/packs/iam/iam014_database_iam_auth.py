"""IAM014: a database that does not accept IAM database authentication.

Anti-pattern: an RDS MySQL/PostgreSQL instance, an Aurora cluster or a Neptune
cluster without ``iam_database_authentication_enabled`` /
``EnableIAMDatabaseAuthentication`` / ``IamAuthEnabled``.
Fix: turn it on, and let applications connect with IAM tokens.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import DatabaseIamAuth
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

#: Engines with IAM database authentication on every version RDS offers.
#: (MariaDB gained it only in 10.6, so it is not judged without the version.)
IAM_AUTH_ENGINES = ("mysql", "postgres", "aurora", "aurora-mysql", "aurora-postgresql", "neptune")


class DatabaseIamAuthDisabled(Rule):
    meta = RuleMeta(
        id="IAM014",
        slug="database-iam-authentication-disabled",
        title="Database does not accept IAM database authentication",
        severity=Severity.LOW,
        layer="identity_access",
        facts=(DatabaseIamAuth,),
        services=("rds", "neptune"),
        setting="iam_database_auth",
        aws_default="IAM database authentication is off unless enabled; only database passwords are accepted.",
        rationale=(
            "With IAM database authentication, applications connect with short-lived tokens issued "
            "to their IAM role instead of long-lived passwords kept in configuration, and access is "
            "granted and revoked in IAM (rds-db:connect). Without it every client holds a static "
            "password. Defence in depth: the database still requires a password, so severity is low."
        ),
        remediation={
            "terraform": "Set iam_database_authentication_enabled = true on the instance or cluster.",
            "cloudformation": (
                "Set EnableIAMDatabaseAuthentication: true (RDS) or IamAuthEnabled: true (Neptune)."
            ),
        },
        url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_db_instance" "app" {\n  engine         = "postgres"\n'
                    '  instance_class = "db.t3.micro"\n}\n'
                ),
                pass_=(
                    'resource "aws_db_instance" "app" {\n  engine         = "postgres"\n'
                    '  instance_class = "db.t3.micro"\n  iam_database_authentication_enabled = true\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  App:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                    "      Engine: mysql\n      DBInstanceClass: db.t3.micro\n"
                ),
                pass_=(
                    "Resources:\n  App:\n    Type: AWS::RDS::DBInstance\n    Properties:\n"
                    "      Engine: mysql\n      DBInstanceClass: db.t3.micro\n"
                    "      EnableIAMDatabaseAuthentication: true\n"
                ),
            ),
        },
        tags=("iam", "database"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(DatabaseIamAuth):
            if fact.enabled is not None and fact.enabled is not False:
                continue
            if not isinstance(fact.engine, str) or fact.engine not in IAM_AUTH_ENGINES:
                continue
            state = "turned off" if fact.enabled is False else "not enabled"
            path = fact.path if fact.enabled is False else ()
            yield Hit(f"Database '{resource.name}' ({fact.engine}) has IAM database authentication {state}", path=path)
