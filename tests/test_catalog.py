"""The responsibility catalog: data that loads, conditions that move owners,
and bad types that become unclassified with a note instead of a crash."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from srmlint.catalog import Catalog, CatalogError, rules_dir
from srmlint.engine import Engine
from srmlint.matrix import SETTING_TITLES
from srmlint.model import Location, Resource, Unknown
from srmlint.responsibility import Owner, Responsibility
from tests.conftest import ScanFiles

CATALOG = rules_dir() / "catalog.yaml"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load([CATALOG])


def resource(format_: str, type_: object, attributes: Mapping[str, object] | None = None) -> Resource:
    return Resource(format=format_, type=type_, name="r", address="r",  # type: ignore[arg-type]
                    attributes=attributes or {}, location=Location("t", 1, 1), scope="t")


def owners_of(result: Responsibility | None, *layers: str) -> tuple[Owner, ...]:
    assert result is not None
    return tuple(result.owner_of(layer) for layer in layers)


# ------------------------------------------------------------------ the data

def test_every_entry_is_well_formed(catalog: Catalog) -> None:
    ids = [s.id for s in catalog.services]
    assert len(ids) == len(set(ids))
    for service in catalog.services:
        assert (service.control is not None) == (service.model == "control"), service.id
        for setting in service.aws_defaults:
            assert setting in SETTING_TITLES, f"{service.id}: unknown setting {setting}"


def test_no_type_is_claimed_twice() -> None:
    with open(CATALOG, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    seen: dict[tuple[str, str], str] = {}
    for entry in data["services"]:
        for fmt in ("terraform", "cloudformation"):
            for pattern in entry.get(fmt) or ():
                assert (fmt, pattern) not in seen, f"{pattern} in {seen.get((fmt, pattern))} and {entry['id']}"
                seen[(fmt, pattern)] = entry["id"]


def test_rules_find_the_aws_default_of_their_setting(engine: Engine) -> None:
    for rule in engine.rules:
        meta = rule.meta
        for service_id in meta.services:
            service = next(s for s in engine.catalog.services if s.id == service_id)
            assert meta.setting in service.aws_defaults, (meta.id, service_id)


@pytest.mark.parametrize(("format_", "type_", "service", "model"), [
    ("terraform", "aws_instance", "ec2", "infrastructure"),
    ("cloudformation", "AWS::EC2::Instance", "ec2", "infrastructure"),
    ("terraform", "aws_ec2_instance_connect_endpoint", "vpc", "control"),
    ("terraform", "aws_eip", "vpc", "control"),
    ("cloudformation", "AWS::EC2::KeyPair", "iam", "control"),
    ("terraform", "aws_lambda_function", "lambda", "function"),
    ("cloudformation", "AWS::Serverless::Function", "lambda", "function"),
    ("terraform", "aws_s3_bucket", "s3", "abstracted"),
    ("cloudformation", "AWS::S3Express::DirectoryBucket", "s3", "abstracted"),
    ("terraform", "aws_cloudwatch_event_rule", "eventbridge", "abstracted"),
    ("terraform", "aws_cloudwatch_log_group", "cloudwatch", "control"),
    ("terraform", "aws_route53_record", "route53", "abstracted"),
    ("terraform", "aws_route", "vpc", "control"),
    ("terraform", "aws_opensearchserverless_collection", "opensearch_serverless", "abstracted"),
    ("terraform", "aws_opensearch_domain", "opensearch", "platform"),
    ("cloudformation", "AWS::CloudFormation::CustomResource", "custom_resource", "function"),
    ("cloudformation", "Custom::Anything", "custom_resource", "function"),
    ("terraform", "aws_qbusiness_application", "qbusiness", "software"),
])
def test_both_formats_map_to_one_entry(catalog: Catalog, format_: str, type_: str, service: str,
                                       model: str) -> None:
    result = catalog.classify(format_, type_)
    assert result is not None and (result.service_id, result.service_model) == (service, model)


# ---------------------------------------------------------------- bad types

@pytest.mark.parametrize(("format_", "type_"), [
    ("terraform", "random_id"), ("terraform", "azurerm_storage_account"), ("terraform", "null_resource"),
    ("cloudformation", "Boto3::S3::Bucket"), ("cloudformation", "MongoDB::Atlas::Cluster"),
])
def test_other_providers_are_not_aws(catalog: Catalog, format_: str, type_: str) -> None:
    assert catalog.classify(format_, type_) is None


@pytest.mark.parametrize(("format_", "type_", "words"), [
    ("cloudformation", {"Fn::Rain::Module": "x"}, "not a string"),
    ("cloudformation", None, "not a string"),
    ("terraform", 42, "not a string"),
    ("cloudformation", "aws::s3::bucket", "case-sensitive"),
    ("cloudformation", "AWS::S3::bucket", "AWS::S3::"),
    ("terraform", "AWS_S3_Bucket", "did you mean 'aws_s3_bucket'"),
    ("terraform", "aws_S3_bucket", "did you mean 'aws_s3_bucket'"),
    ("cloudformation", "AWS::Nope::Thing", "no responsibility catalog entry for the service AWS::Nope::"),
    ("terraform", "aws_nope_thing", "aws_nope_"),
    ("cloudformation", "AWS::", "not a well-formed type name"),
    ("cloudformation", "AWS::S3::Bucket::Extra", "not a well-formed type name"),
    ("terraform", "aws_", "not a well-formed type name"),
    ("terraform", "aws_s3_bucket ", "not a well-formed type name"),
])
def test_bad_types_are_unclassified_with_a_note(catalog: Catalog, format_: str, type_: object,
                                                words: str) -> None:
    result = catalog.classify_resource(resource(format_, type_))
    assert result is not None and not result.classified
    assert result.note and words in result.note


def test_a_typo_in_case_is_counted_unclassified_by_a_scan(scan_files: ScanFiles) -> None:
    result = scan_files({"t.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n"
                                   "    Type: aws::s3::Bucket\n",
                         "main.tf": 'resource "AWS_S3_BUCKET" "b" {}\n'})
    assert result.unclassified == 2


# --------------------------------------------------------------- conditions

LAYERS3 = ("operating_system", "runtime", "middleware")


@pytest.mark.parametrize(("files", "address", "expected"), [
    ({"main.tf": 'resource "aws_ecs_service" "s" {\n  launch_type = "FARGATE"\n}\n'},
     "aws_ecs_service.s", (Owner.AWS,) * 3),
    ({"main.tf": 'resource "aws_ecs_service" "s" {\n  launch_type = "EC2"\n}\n'},
     "aws_ecs_service.s", (Owner.CUSTOMER, Owner.CUSTOMER, Owner.SHARED)),
    ({"main.tf": 'resource "aws_ecs_service" "s" {\n  capacity_provider_strategy {\n'
                 '    capacity_provider = "FARGATE_SPOT"\n  }\n}\n'},
     "aws_ecs_service.s", (Owner.AWS,) * 3),
    ({"main.tf": 'resource "aws_ecs_task_definition" "t" {\n  requires_compatibilities = ["FARGATE"]\n}\n'},
     "aws_ecs_task_definition.t", (Owner.AWS,) * 3),
    ({"t.yaml": "Resources:\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n"},
     "S", (Owner.AWS,) * 3),
    ({"t.yaml": "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
                "      RequiresCompatibilities: [EC2]\n"},
     "T", (Owner.CUSTOMER, Owner.CUSTOMER, Owner.SHARED)),
    ({"main.tf": 'resource "aws_eks_cluster" "c" {\n  name = "c"\n}\n'},
     "aws_eks_cluster.c", (Owner.AWS,) * 3),
    ({"main.tf": 'resource "aws_eks_node_group" "n" {\n  cluster_name = "c"\n}\n'},
     "aws_eks_node_group.n", (Owner.CUSTOMER,) * 3),
    ({"t.yaml": "Resources:\n  F:\n    Type: AWS::EKS::FargateProfile\n"}, "F", (Owner.AWS,) * 3),
    ({"main.tf": 'resource "aws_batch_compute_environment" "b" {\n  compute_resources {\n'
                 '    type = "FARGATE"\n  }\n}\n'},
     "aws_batch_compute_environment.b", (Owner.AWS,) * 3),
])
def test_owners_follow_the_resources_configuration(scan_files: ScanFiles, files: dict[str, str], address: str,
                                                   expected: tuple[Owner, ...]) -> None:
    result = scan_files(files)
    tagged = next(t for t in result.resources if t.resource.address == address)
    assert owners_of(tagged.responsibility, *LAYERS3) == expected
    if expected == (Owner.AWS,) * 3 or "node_group" in address:
        assert tagged.responsibility is not None and tagged.responsibility.note


BEANSTALK_TF = (
    'resource "aws_elastic_beanstalk_environment" "e" {\n  name = "e"\n'
    '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n'
    '    name      = "ManagedActionsEnabled"\n    value     = %s\n  }\n'
    '  setting {\n    namespace = "aws:autoscaling:launchconfiguration"\n'
    '    name      = "ManagedActionsEnabled"\n    value     = "true"\n  }\n}\n'
)
BEANSTALK_CFN = (
    "Resources:\n  E:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n      OptionSettings:\n"
    "        - Namespace: aws:elasticbeanstalk:managedactions\n          OptionName: ManagedActionsEnabled\n"
    "          Value: %s\n"
)


@pytest.mark.parametrize(("files", "address", "owner"), [
    ({"main.tf": BEANSTALK_TF % '"true"'}, "aws_elastic_beanstalk_environment.e", Owner.AWS),
    ({"main.tf": BEANSTALK_TF % '"false"'}, "aws_elastic_beanstalk_environment.e", Owner.CUSTOMER),
    ({"main.tf": BEANSTALK_TF % "var.managed"}, "aws_elastic_beanstalk_environment.e", Owner.CUSTOMER),
    ({"t.yaml": BEANSTALK_CFN % "'true'"}, "E", Owner.AWS),
    ({"t.yaml": BEANSTALK_CFN % "true"}, "E", Owner.AWS),
    ({"t.yaml": BEANSTALK_CFN % "false"}, "E", Owner.CUSTOMER),
    ({"t.yaml": "Resources:\n  E:\n    Type: AWS::ElasticBeanstalk::Environment\n"}, "E", Owner.CUSTOMER),
])
def test_beanstalk_managed_updates_decide_who_patches(scan_files: ScanFiles, files: dict[str, str],
                                                      address: str, owner: Owner) -> None:
    # The second TF `setting` has the right name in another namespace: the
    # filter must match both keys of one item, not keys of different items.
    result = scan_files(files)
    tagged = next(t for t in result.resources if t.resource.address == address)
    assert owners_of(tagged.responsibility, *LAYERS3) == (owner,) * 3


def test_an_unknown_value_keeps_the_model_and_says_so(catalog: Catalog) -> None:
    r = catalog.classify_resource(resource("terraform", "aws_ecs_service",
                                           {"launch_type": Unknown(None, "var.launch_type")}))
    assert owners_of(r, "operating_system") == (Owner.CUSTOMER,)
    assert r is not None and r.note and "not statically known" in r.note


@pytest.mark.parametrize(("type_", "attributes", "layer", "owner"), [
    ("aws_lambda_function", {"package_type": "Image"}, "runtime", Owner.CUSTOMER),
    ("aws_lambda_function", {"package_type": "Zip"}, "runtime", Owner.AWS),
    ("aws_lambda_function", {}, "runtime", Owner.AWS),
    ("aws_db_instance", {"engine": "custom-oracle-ee"}, "operating_system", Owner.CUSTOMER),
    ("aws_db_instance", {"engine": "postgres"}, "operating_system", Owner.AWS),
    ("aws_db_instance", {"auto_minor_version_upgrade": False}, "middleware", Owner.CUSTOMER),
    ("aws_db_instance", {"auto_minor_version_upgrade": True}, "middleware", Owner.AWS),
    ("aws_bedrockagentcore_agent_runtime", {}, "application", Owner.CUSTOMER),
    ("aws_bedrockagent_agent", {}, "application", Owner.AWS),
    # Odd attribute shapes never crash a condition.
    ("aws_ecs_service", {"launch_type": ["FARGATE"]}, "operating_system", Owner.AWS),
    ("aws_ecs_service", {"launch_type": {"x": 1}}, "operating_system", Owner.CUSTOMER),
    ("aws_ecs_service", {"capacity_provider_strategy": "FARGATE"}, "operating_system", Owner.CUSTOMER),
])
def test_conditions_on_attributes(catalog: Catalog, type_: str, attributes: dict[str, object], layer: str,
                                  owner: Owner) -> None:
    assert owners_of(catalog.classify_resource(resource("terraform", type_, attributes)), layer) == (owner,)


def test_conditions_do_not_leak_into_the_types_cached_answer(catalog: Catalog) -> None:
    catalog.classify_resource(resource("terraform", "aws_ecs_service", {"launch_type": "FARGATE"}))
    assert owners_of(catalog.classify("terraform", "aws_ecs_service"), "operating_system") == (Owner.CUSTOMER,)


@pytest.mark.parametrize(("entry", "message"), [
    ({"id": "x", "model": "cloudy"}, "unknown model"),
    ({"id": "x", "model": "abstracted", "owners": {"kernel": "aws"}}, "unknown layer"),
    ({"id": "x", "model": "abstracted", "owners": {"runtime": "nobody"}}, "unknown owner"),
    ({"id": "x", "model": "abstracted", "control": "network"}, "control kind"),
    ({"id": "x", "model": "abstracted", "when": [{"attribute": "a", "owners": {"runtime": "aws"}, "note": "n"}]},
     "exactly one of"),
    ({"id": "x", "model": "abstracted", "when": [{"attribute": "a", "equals": 1, "note": "n"}]},
     "change at least one owner"),
    ({"id": "x", "model": "abstracted", "when": [{"attribute": "a", "equals": 1, "owners": {"runtime": "aws"}}]},
     "needs a note"),
    ({"id": "x", "model": "abstracted", "when": [{"atribute": "a"}]}, "unknown condition keys"),
    ({"model": "abstracted"}, "malformed"),
])
def test_malformed_entries_are_catalog_errors(entry: dict[str, object], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        Catalog([{"services": [entry]}])


def test_the_catalog_loads_with_one_c_yaml_load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[object] = []
    real = yaml.load

    def counting(stream: object, Loader: object) -> object:
        calls.append(Loader)
        return real(stream, Loader=Loader)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml, "load", counting)
    Catalog.load([CATALOG])
    assert calls == [getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
