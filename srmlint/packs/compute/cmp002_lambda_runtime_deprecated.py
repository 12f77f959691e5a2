"""CMP002: a Lambda function on a runtime past its deprecation date.

Anti-pattern: ``runtime = "python3.8"`` (or any runtime Lambda has deprecated).
Fix: move the function to a supported runtime of the same language.
The dated table is data: ``rules/lambda_runtimes.yaml``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from functools import lru_cache

import yaml

from srmlint.aws.facts import FunctionRuntime
from srmlint.catalog import rules_dir
from srmlint.facts import FactSet
from srmlint.graph import ResourceGraph
from srmlint.model import Resource
from srmlint.responsibility import Responsibility
from srmlint.rule import Example, Hit, Rule, RuleMeta, Severity


@lru_cache(maxsize=1)
def deprecation_dates() -> Mapping[str, datetime.date]:
    """Runtime identifier → the date Lambda deprecates it (``rules/lambda_runtimes.yaml``)."""
    with open(rules_dir() / "lambda_runtimes.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: dict[str, datetime.date] = {}
    for runtime, when in (data.get("deprecated") or {}).items():
        out[str(runtime)] = when if isinstance(when, datetime.date) else datetime.date.fromisoformat(str(when))
    return out


def today() -> datetime.date:
    """The date runtimes are judged at (tests pin it)."""
    return datetime.datetime.now(datetime.UTC).date()


class LambdaRuntimeDeprecated(Rule):
    meta = RuleMeta(
        id="CMP002",
        slug="lambda-runtime-deprecated",
        title="Lambda function uses a deprecated runtime",
        severity=Severity.MEDIUM,
        layer="application",
        facts=(FunctionRuntime,),
        services=("lambda",),
        setting="platform_updates",
        rationale=(
            "AWS patches a managed Lambda runtime only while it is supported. After its "
            "deprecation date the language version, its libraries and the OS image get no more "
            "security updates, and later the function can no longer be created or updated. "
            "Moving to a newer major version is the customer's change: AWS cannot make it for "
            "you, because it may break the code."
        ),
        remediation={
            "terraform": 'Set runtime to a supported identifier (e.g. runtime = "python3.13") and test the code on it.',
            "cloudformation": "Set Runtime to a supported identifier (e.g. Runtime: python3.13) and test the code.",
        },
        url="https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        examples={
            "terraform": Example(
                fail='resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                     '  role          = "arn:aws:iam::123456789012:role/api"\n'
                     '  handler       = "app.handler"\n  runtime       = "python3.7"\n'
                     '  filename      = "api.zip"\n}\n',
                pass_='resource "aws_lambda_function" "api" {\n  function_name = "api"\n'
                      '  role          = "arn:aws:iam::123456789012:role/api"\n'
                      '  handler       = "app.handler"\n  runtime       = "python3.14"\n'
                      '  filename      = "api.zip"\n}\n',
            ),
            "cloudformation": Example(
                fail="Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                     "      Handler: app.handler\n      Runtime: nodejs14.x\n"
                     "      Role: arn:aws:iam::123456789012:role/api\n"
                     "      Code:\n        S3Bucket: artifacts\n        S3Key: api.zip\n",
                pass_="Resources:\n  Api:\n    Type: AWS::Lambda::Function\n    Properties:\n"
                      "      Handler: app.handler\n      Runtime: nodejs24.x\n"
                      "      Role: arn:aws:iam::123456789012:role/api\n"
                      "      Code:\n        S3Bucket: artifacts\n        S3Key: api.zip\n",
            ),
        },
        tags=("compute", "lambda", "runtime"),
    )

    def check(
        self, resource: Resource, facts: FactSet, responsibility: Responsibility, graph: ResourceGraph
    ) -> Iterator[Hit]:
        dates = deprecation_dates()
        now = today()
        for fact in facts.of(FunctionRuntime):
            if not isinstance(fact.runtime, str):
                continue
            deprecated = dates.get(fact.runtime.strip())
            if deprecated is not None and deprecated <= now:
                yield Hit(f"Lambda function '{resource.name}' uses runtime {fact.runtime}, deprecated "
                          f"since {deprecated.isoformat()}", path=fact.path)
