"""CMP015: a managed broker pinned to an engine version past its end of support.

Anti-pattern: ``engine_version = "5.15.16"`` on an ActiveMQ broker (or a
RabbitMQ 3.11 broker) after the date Amazon MQ ends support for that version.
The dated table is data: ``rules/engine_versions.yaml``.
Fix: upgrade to a supported version (and keep automatic minor upgrades on).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import PlatformVersion
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.packs.compute import cmp002_lambda_runtime_deprecated as cmp002
from srmlint.packs.compute._engines import ENGINE_NAMES, numbers, table
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_NOUNS = {"aws_mq_broker": "MQ broker", "AWS::AmazonMQ::Broker": "MQ broker",
          "aws_mq_configuration": "MQ configuration", "AWS::AmazonMQ::Configuration": "MQ configuration"}

_TF = ('resource "aws_mq_broker" "orders" {{\n  broker_name        = "orders"\n  engine_type        = "ActiveMQ"\n'
       '  engine_version     = "{version}"\n  host_instance_type = "mq.m5.large"\n'
       '  auto_minor_version_upgrade = true\n\n  user {{\n    username = "app"\n'
       '    password = var.mq_password\n  }}\n}}\n')
_CFN = ("Resources:\n  Orders:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: orders\n"
        "      EngineType: ACTIVEMQ\n      EngineVersion: \"{version}\"\n      HostInstanceType: mq.m5.large\n"
        "      DeploymentMode: SINGLE_INSTANCE\n      PubliclyAccessible: false\n"
        "      AutoMinorVersionUpgrade: true\n      Users:\n        - Username: app\n"
        "          Password: '{{{{resolve:secretsmanager:mq:SecretString:password}}}}'\n")


class EngineVersionUnsupported(Rule):
    meta = RuleMeta(
        id="CMP015",
        slug="engine-version-unsupported",
        title="Managed broker runs an engine version past its end of support",
        severity=Severity.MEDIUM,
        layer="resource_configuration",
        facts=(PlatformVersion,),
        services=("mq",),
        setting="platform_updates",
        rationale=(
            "AWS runs and patches the broker hosts, but the engine version is the customer's choice "
            "and upgrading it is the customer's change. Once Amazon MQ ends support for a version it "
            "gets no more fixes, and Amazon MQ then upgrades the broker itself in a maintenance "
            "window, untested against its clients; no new broker can be created on the version."
        ),
        remediation={
            "terraform": "Set engine_version to a supported version (aws_mq_broker and aws_mq_configuration), "
                         "with auto_minor_version_upgrade = true.",
            "cloudformation": "Set EngineVersion to a supported version (AWS::AmazonMQ::Broker and "
                              "AWS::AmazonMQ::Configuration), with AutoMinorVersionUpgrade: true.",
        },
        url="https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/activemq-version-management.html",
        examples={
            # The passing examples name a version the table does not date yet (5.18 has no
            # announced end of support), so they stay valid until AWS announces one.
            "terraform": Example(fail=_TF.format(version="5.15.16"), pass_=_TF.format(version="5.18")),
            "cloudformation": Example(fail=_CFN.format(version="5.16.7"), pass_=_CFN.format(version="5.18")),
        },
        tags=("compute", "mq", "patching"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        data = table()
        now = cmp002.today()
        for fact in facts.of(PlatformVersion):
            versions = data.end_of_support.get(fact.kind)
            if not versions or not isinstance(fact.version, str):
                continue
            parts = numbers(fact.version)
            if parts is None or len(parts) < 2:
                continue
            key = f"{parts[0]}.{parts[1]}"
            name = f"{ENGINE_NAMES.get(fact.kind, fact.kind)} {fact.version}"
            noun = f"{_NOUNS.get(resource.type, 'Resource')} '{resource.name}'"
            ends = versions.get(key)
            if ends is not None:
                if ends <= now:
                    yield Hit(f"{noun} runs {name}, unsupported on Amazon MQ since {ends.isoformat()}",
                              path=fact.path)
                continue
            oldest = min(versions, key=lambda v: numbers(v) or ())
            if (parts[0], parts[1]) < (numbers(oldest) or ())[:2] and versions[oldest] <= now:
                yield Hit(f"{noun} runs {name}, older than {oldest} (unsupported on Amazon MQ since "
                          f"{versions[oldest].isoformat()})", path=fact.path)
