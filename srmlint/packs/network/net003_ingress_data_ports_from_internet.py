"""NET003: database, cache or search ports open to the internet.

Anti-pattern: ingress from ``0.0.0.0/0``, ``::/0`` (or a public block wider
than the threshold) on 3306, 5432, 1433, 1521, 27017, 6379, 11211, 9200,
5601 and the like, alone, in a range, or as protocol -1.
Fix: admit only the application tier's security group.
"""

from __future__ import annotations

from srmlint.aws.facts import IngressRule
from srmlint.packs.network._ports import SensitivePortsFromInternet
from srmlint.packs.network.cidr import DATA_PORTS, WIDE_PREFIX_OPTIONS
from srmlint.rule import Example, RuleMeta, Severity


class IngressDataPortsFromInternet(SensitivePortsFromInternet):
    ports = DATA_PORTS
    what = "database/cache"
    meta = RuleMeta(
        id="NET003",
        slug="ingress-data-ports-from-internet",
        title="Security group allows database or cache ports from the internet",
        severity=Severity.HIGH,
        layer="network_configuration",
        facts=(IngressRule,),
        setting="network_ingress",
        rationale=(
            "Databases, caches and search engines (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, "
            "Redis, Memcached, Elasticsearch/Kibana) reachable from 0.0.0.0/0 or ::/0 are found by "
            "internet-wide scans and attacked directly; many ship without authentication, and "
            "Memcached over UDP is abused for amplification. Security-group rules are the "
            "customer's: only the application tier should reach the data tier."
        ),
        remediation={
            "terraform": (
                "Replace cidr_blocks = [\"0.0.0.0/0\"] with security_groups (or "
                "referenced_security_group_id) naming the application's security group."
            ),
            "cloudformation": (
                "Replace CidrIp: 0.0.0.0/0 with SourceSecurityGroupId naming the application's "
                "security group."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_vpc_security_group_ingress_rule" "db" {\n'
                    '  security_group_id = "sg-123"\n  ip_protocol = "tcp"\n  from_port = 5432\n'
                    '  to_port = 5432\n  cidr_ipv6 = "::/0"\n}\n'
                ),
                pass_=(
                    'resource "aws_vpc_security_group_ingress_rule" "db" {\n'
                    '  security_group_id = "sg-123"\n  ip_protocol = "tcp"\n  from_port = 5432\n'
                    '  to_port = 5432\n  referenced_security_group_id = "sg-app"\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Cache:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
                    "      GroupId: sg-123\n      IpProtocol: tcp\n      FromPort: 6379\n"
                    "      ToPort: 6379\n      CidrIp: 0.0.0.0/0\n"
                ),
                pass_=(
                    "Resources:\n  Cache:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
                    "      GroupId: sg-123\n      IpProtocol: tcp\n      FromPort: 6379\n"
                    "      ToPort: 6379\n      SourceSecurityGroupId: sg-app\n"
                ),
            ),
        },
        tags=("network", "security-group", "database"),
        options=WIDE_PREFIX_OPTIONS,
    )
