"""CMP004: an Elastic Beanstalk environment without managed platform updates.

Anti-pattern: no ``aws:elasticbeanstalk:managedactions`` /
``ManagedActionsEnabled`` option, or ``false``: through the API
(CloudFormation, Terraform) managed updates are off, so the OS, web server and
language runtime stay unpatched unless the customer updates the platform.
Fix: turn managed platform updates on (with a maintenance window).
"""

from __future__ import annotations

from collections.abc import Iterator

from srmlint.aws.facts import AutomaticUpdates
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity

_TF_ENV = (
    'resource "aws_elastic_beanstalk_environment" "web" {{\n  name        = "web"\n'
    '  application = "web"\n  solution_stack_name = "64bit Amazon Linux 2023 v6.1.0 running Node.js 20"\n'
    "{extra}}}\n"
)
_CFN_ENV = (
    "Resources:\n  Web:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n"
    "      ApplicationName: web\n"
    "      SolutionStackName: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20\n{extra}"
)
_TF_ON = (
    '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n'
    '    name      = "ManagedActionsEnabled"\n    value     = "true"\n  }\n'
    '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n'
    '    name      = "PreferredStartTime"\n    value     = "Sun:02:00"\n  }\n'
    '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions:platformupdate"\n'
    '    name      = "UpdateLevel"\n    value     = "minor"\n  }\n'
)
_CFN_ON = (
    "      OptionSettings:\n"
    "        - Namespace: aws:elasticbeanstalk:managedactions\n"
    "          OptionName: ManagedActionsEnabled\n          Value: \"true\"\n"
    "        - Namespace: aws:elasticbeanstalk:managedactions\n"
    "          OptionName: PreferredStartTime\n          Value: \"Sun:02:00\"\n"
    "        - Namespace: aws:elasticbeanstalk:managedactions:platformupdate\n"
    "          OptionName: UpdateLevel\n          Value: minor\n"
)


class BeanstalkManagedUpdatesOff(Rule):
    meta = RuleMeta(
        id="CMP004",
        slug="beanstalk-managed-updates-off",
        title="Elastic Beanstalk environment has managed platform updates off",
        severity=Severity.MEDIUM,
        layer="operating_system",
        facts=(AutomaticUpdates,),
        services=("elasticbeanstalk",),
        setting="platform_updates",
        rationale=(
            "Elastic Beanstalk patches the OS, web server and language runtime of an environment "
            "only when managed platform updates are on. Environments created through the API, "
            "CloudFormation or Terraform have them off unless ManagedActionsEnabled is set, and "
            "then patching those layers is the customer's job."
        ),
        remediation={
            "terraform": (
                'Add setting { namespace = "aws:elasticbeanstalk:managedactions", name = '
                '"ManagedActionsEnabled", value = "true" } with a PreferredStartTime setting and '
                "aws:elasticbeanstalk:managedactions:platformupdate UpdateLevel."
            ),
            "cloudformation": (
                "Add OptionSettings entries aws:elasticbeanstalk:managedactions ManagedActionsEnabled: "
                "\"true\" and PreferredStartTime, and aws:elasticbeanstalk:managedactions:platformupdate "
                "UpdateLevel."
            ),
        },
        url="https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environment-platform-update-managed.html",
        examples={
            "terraform": Example(fail=_TF_ENV.format(extra=""), pass_=_TF_ENV.format(extra=_TF_ON)),
            "cloudformation": Example(fail=_CFN_ENV.format(extra=""), pass_=_CFN_ENV.format(extra=_CFN_ON)),
        },
        tags=("compute", "elasticbeanstalk", "patching"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        for fact in facts.of(AutomaticUpdates):
            if fact.kind != "platform":
                continue
            if fact.enabled is False:
                yield Hit(f"Elastic Beanstalk environment '{resource.name}' turns managed platform "
                          "updates off", path=fact.path)
            elif fact.enabled is None:
                yield Hit(f"Elastic Beanstalk environment '{resource.name}' does not enable managed "
                          "platform updates (off by default through the API)", path=fact.path)
