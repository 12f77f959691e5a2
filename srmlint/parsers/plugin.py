"""Registers the built-in readers. ``.tf.json`` is claimed before generic JSON,
and the plan reader before the CloudFormation reader: it claims ``.json`` and
reads a file as a plan only when its content is one, handing the rest on."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.parsers import Parser


@hookimpl
def srmlint_parsers() -> list[Parser]:
    from srmlint.parsers.cloudformation import CloudFormationParser
    from srmlint.parsers.terraform import TerraformParser
    from srmlint.parsers.tfjson import TerraformJsonParser
    from srmlint.parsers.tfplan import TerraformPlanParser

    return [TerraformJsonParser(), TerraformParser(), TerraformPlanParser(), CloudFormationParser()]
