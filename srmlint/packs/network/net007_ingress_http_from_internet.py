"""NET007: plain HTTP (port 80) open to the internet.

Anti-pattern: ingress from ``0.0.0.0/0``, ``::/0`` (or a public block wider
than the threshold) on TCP port 80, alone or in a range (every port from the
internet is NET001's; a range that also opens an administration or data port
is reported by NET002 / NET003 alone).
Fix: serve HTTPS on 443; keep port 80 only on a load balancer that redirects
to HTTPS, or restrict it to known clients.
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import IngressRule
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.network._ports import SensitivePortsFromInternet
from srmlint.packs.network.cidr import ADMIN_PORTS, DATA_PORTS, WIDE_PREFIX_OPTIONS, ports_opened
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, RuleMeta, Severity

_REPORTED_ELSEWHERE = {**ADMIN_PORTS, **DATA_PORTS}
HTTP_PORTS: dict[int, tuple[str, str]] = {80: ("HTTP", "tcp")}


class IngressHttpFromInternet(SensitivePortsFromInternet):
    ports = HTTP_PORTS
    what = "unencrypted web"
    meta = RuleMeta(
        id="NET007",
        slug="ingress-http-from-internet",
        title="Security group allows plain HTTP (port 80) from the internet",
        severity=Severity.LOW,
        layer="network_configuration",
        facts=(IngressRule,),
        setting="network_ingress",
        rationale=(
            "Security-group rules are the customer's. Port 80 open to 0.0.0.0/0 or ::/0 invites "
            "clients to talk to the service unencrypted, and on an instance it exposes whatever web "
            "server listens there. Low severity: a public load balancer that only redirects HTTP to "
            "HTTPS is a common, acceptable use; suppress the finding there."
        ),
        remediation={
            "terraform": (
                "Serve HTTPS on 443 and drop the port-80 rule, or keep it only on a load balancer "
                "whose port-80 listener redirects to HTTPS; otherwise narrow cidr_blocks / cidr_ipv4."
            ),
            "cloudformation": (
                "Serve HTTPS on 443 and drop the port-80 ingress, or keep it only on a load balancer "
                "whose port-80 listener redirects to HTTPS; otherwise narrow CidrIp / CidrIpv6."
            ),
        },
        url="https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
        examples={
            "terraform": Example(
                fail=(
                    'resource "aws_security_group" "web" {\n  name = "web"\n  ingress {\n'
                    '    protocol    = "tcp"\n    from_port   = 80\n    to_port     = 80\n'
                    '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
                pass_=(
                    'resource "aws_security_group" "web" {\n  name = "web"\n  ingress {\n'
                    '    protocol    = "tcp"\n    from_port   = 443\n    to_port     = 443\n'
                    '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                ),
            ),
            "cloudformation": Example(
                fail=(
                    "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: web\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n"
                    "          CidrIpv6: ::/0\n"
                ),
                pass_=(
                    "Resources:\n  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
                    "      GroupDescription: web\n      SecurityGroupIngress:\n"
                    "        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n"
                    "          CidrIpv6: ::/0\n"
                ),
            ),
        },
        tags=("network", "security-group", "http"),
        options=WIDE_PREFIX_OPTIONS,
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        # One finding per rule: a range that also opens SSH, RDP or a database is NET002's / NET003's.
        noisy = {id(r) for r in facts.of(IngressRule)
                 if ports_opened(r.protocol, r.from_port, r.to_port, _REPORTED_ELSEWHERE)}
        kept = FactSet(r for r in facts if not (isinstance(r, IngressRule) and id(r) in noisy))
        yield from super().check(resource, kept, responsibility, graph)
