"""Registers the built-in readers. ``.tf.json`` is claimed before generic JSON."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.parsers import Parser


@hookimpl
def srmlint_parsers() -> list[Parser]:
    from srmlint.parsers.cloudformation import CloudFormationParser
    from srmlint.parsers.terraform import TerraformParser
    from srmlint.parsers.tfjson import TerraformJsonParser

    return [TerraformJsonParser(), TerraformParser(), CloudFormationParser()]
