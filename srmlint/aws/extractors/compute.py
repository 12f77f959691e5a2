"""Compute hardening facts: instance metadata (IMDS) options, Lambda runtimes,
ECS container privileges, and automatic platform / engine updates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import (
    AutomaticUpdates,
    ContainerDefinition,
    FunctionRuntime,
    ImdsState,
    InstanceMetadataOptions,
)
from srmlint.aws.policy import document_value
from srmlint.aws.values import as_bool, as_int, blocks, dynamic_block
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------------ IMDS

TF_LAUNCH_TEMPLATE = "aws_launch_template"
CFN_LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"
TF_ACCOUNT_DEFAULTS = "aws_ec2_instance_metadata_defaults"


def _imds_state(tokens: Any, endpoint: Any) -> ImdsState:
    if isinstance(endpoint, str) and endpoint.strip().lower() == "disabled":
        return "disabled"
    if isinstance(tokens, Unknown):
        return "unknown"
    if isinstance(tokens, str) and tokens.strip() and tokens.strip().lower() != "no-preference":
        value = tokens.strip().lower()
        if value == "required":
            # An unknown endpoint cannot make required tokens any weaker.
            return "required"
        if value == "optional":
            return "unknown" if isinstance(endpoint, Unknown) else "optional"
        return "unknown"
    if isinstance(endpoint, Unknown):
        return "unknown"
    return "unset"


def _options(body: Any, tokens_key: str, endpoint_key: str, hop_key: str, path: AttrPath,
             source: str | None) -> InstanceMetadataOptions | None:
    """The fact for one metadata-options block (``None`` when there is none)."""
    if isinstance(body, Unknown):
        return InstanceMetadataOptions(path=path, source=source, state="unknown")
    found = blocks(body)
    if not found:
        return None
    options = found[0]
    if tokens_key in options:
        # Terraform nested blocks are lists of bodies; CloudFormation's is a mapping.
        path = (*path, 0, tokens_key) if isinstance(body, list) else (*path, tokens_key)
    return InstanceMetadataOptions(
        path=path, source=source,
        state=_imds_state(options.get(tokens_key), options.get(endpoint_key)),
        hop_limit=as_int(options.get(hop_key)),
    )


def _tf_options(attributes: Mapping[str, Any], source: str | None) -> InstanceMetadataOptions | None:
    if dynamic_block(attributes, "metadata_options"):
        return InstanceMetadataOptions(path=("dynamic",), source=source, state="unknown")
    return _options(attributes.get("metadata_options"), "http_tokens", "http_endpoint",
                    "http_put_response_hop_limit", ("metadata_options",), source)


def _tf_account_default(resource: Resource, graph: ResourceGraph) -> InstanceMetadataOptions | None:
    """``aws_ec2_instance_metadata_defaults`` in the same module: the region's
    default for instances that set nothing themselves."""
    for defaults in graph.by_type(TF_ACCOUNT_DEFAULTS, resource.scope):
        tokens = defaults.attributes.get("http_tokens")
        endpoint = defaults.attributes.get("http_endpoint")
        state = _imds_state(tokens, endpoint)
        if state != "unset":
            return InstanceMetadataOptions(path=("http_tokens",), source=defaults.address, state=state)
    return None


def _tf_launch_template_of(resource: Resource, graph: ResourceGraph) -> tuple[list[Resource], bool]:
    """The launch templates an instance's ``launch_template`` block points at,
    and whether it names one the graph cannot follow (a literal id or name)."""
    if dynamic_block(resource.attributes, "launch_template"):
        return [], True
    if not blocks(resource.attributes.get("launch_template")):
        return [], False
    targets = [t for t in graph.targets(resource, via="launch_template") if t.type == TF_LAUNCH_TEMPLATE]
    return targets, not targets


def _tf_own_or_default(resource: Resource, graph: ResourceGraph,
                       own: InstanceMetadataOptions | None) -> InstanceMetadataOptions:
    account = _tf_account_default(resource, graph)
    return account or own or InstanceMetadataOptions(path=(), source=None, state="unset")


def ec2_instance_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[InstanceMetadataOptions]:
    own = _tf_options(resource.attributes, None)
    if own is not None and own.state != "unset":
        yield own
        return
    templates, unresolved = _tf_launch_template_of(resource, graph)
    if unresolved:
        yield InstanceMetadataOptions(path=("launch_template",), source=None, state="unknown")
        return
    inherited = [f for t in templates if (f := _tf_options(t.attributes, t.address)) is not None
                 and f.state != "unset"]
    if inherited:
        yield from inherited
        return
    if templates:
        # The template says nothing either: the account default, or the
        # template carries the finding (the fact names it as its source).
        account = _tf_account_default(resource, graph)
        yield account or InstanceMetadataOptions(path=(), source=templates[0].address, state="unset")
        return
    yield _tf_own_or_default(resource, graph, own)


def launch_template_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[InstanceMetadataOptions]:
    own = _tf_options(resource.attributes, None)
    if own is not None and own.state != "unset":
        yield own
        return
    yield _tf_own_or_default(resource, graph, own)


def _cfn_options(attributes: Any, path: AttrPath, source: str | None) -> InstanceMetadataOptions | None:
    if isinstance(attributes, Unknown):
        return InstanceMetadataOptions(path=path, source=source, state="unknown")
    if not isinstance(attributes, Mapping):
        return None
    return _options(attributes.get("MetadataOptions"), "HttpTokens", "HttpEndpoint",
                    "HttpPutResponseHopLimit", (*path, "MetadataOptions"), source)


def launch_template_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[InstanceMetadataOptions]:
    fact = _cfn_options(resource.attributes.get("LaunchTemplateData"), ("LaunchTemplateData",), None)
    yield fact if fact is not None else InstanceMetadataOptions(path=(), source=None, state="unset")


def launch_configuration_cloudformation(resource: Resource,
                                        graph: ResourceGraph) -> Iterator[InstanceMetadataOptions]:
    fact = _cfn_options(resource.attributes, (), None)
    yield fact if fact is not None else InstanceMetadataOptions(path=(), source=None, state="unset")


def ec2_instance_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[InstanceMetadataOptions]:
    """``AWS::EC2::Instance`` has no MetadataOptions: IMDS is set through the
    launch template it names (``LaunchTemplate.LaunchTemplateId`` or ``Name``)."""
    spec = resource.attributes.get("LaunchTemplate")
    if spec is None:
        yield InstanceMetadataOptions(path=(), source=None, state="unset")
        return
    templates = [t for t in graph.targets(resource, via="LaunchTemplate") if t.type == CFN_LAUNCH_TEMPLATE]
    if not templates:
        # A literal id or name, a parameter, an import: not statically known.
        yield InstanceMetadataOptions(path=("LaunchTemplate",), source=None, state="unknown")
        return
    for template in templates:
        data = template.attributes.get("LaunchTemplateData")
        fact = _cfn_options(data, ("LaunchTemplateData",), template.address)
        yield fact if fact is not None else InstanceMetadataOptions(
            path=("LaunchTemplate",), source=None, state="unset")


# ---------------------------------------------------------------- Lambda

def _runtime(resource: Resource, key: str, package_key: str) -> Iterator[FunctionRuntime]:
    package = resource.attributes.get(package_key)
    if isinstance(package, str) and package.lower() == "image":
        return
    runtime = resource.attributes.get(key)
    if isinstance(runtime, str | Unknown) and runtime != "":
        yield FunctionRuntime(path=(key,), source=None, runtime=runtime)


def lambda_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[FunctionRuntime]:
    return _runtime(resource, "runtime", "package_type")


def lambda_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[FunctionRuntime]:
    return _runtime(resource, "Runtime", "PackageType")


# ------------------------------------------------------------------- ECS

def container_facts(value: Any, path: AttrPath) -> Iterator[ContainerDefinition]:
    """Facts of each container definition in a list: shared by ECS (here) and
    Batch (compute_extra), whose job definitions use the same shape."""
    if isinstance(value, Unknown):
        return
    for i, container in enumerate(value if isinstance(value, list) else []):
        if not isinstance(container, Mapping):
            continue
        # Terraform's container_definitions is ECS's JSON (camelCase);
        # CloudFormation spells the same keys in PascalCase.
        name = container.get("name", container.get("Name"))
        privileged = container.get("privileged", container.get("Privileged"))
        readonly = container.get("readonlyRootFilesystem", container.get("ReadonlyRootFilesystem"))
        yield ContainerDefinition(
            path=(*path, i) if path else path, source=None,
            name=name if isinstance(name, str | Unknown) else None,
            privileged=as_bool(privileged), readonly_root_fs=as_bool(readonly),
        )


def ecs_task_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    raw = resource.attributes.get("container_definitions")
    if raw is None:
        return
    # A JSON string or jsonencode(...): positions inside it are not tracked.
    data = document_value(raw)
    for fact in container_facts(data, ()):
        yield ContainerDefinition(path=("container_definitions",), source=None, name=fact.name,
                                  privileged=fact.privileged, readonly_root_fs=fact.readonly_root_fs)


def ecs_task_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    yield from container_facts(resource.attributes.get("ContainerDefinitions"), ("ContainerDefinitions",))


# ------------------------------------------------------ automatic updates

def _minor_version(resource: Resource, key: str) -> Iterator[AutomaticUpdates]:
    value = resource.attributes.get(key)
    yield AutomaticUpdates(path=(key,) if value is not None else (), source=None, kind="minor_version",
                           enabled=as_bool(value), default=True)


def rds_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[AutomaticUpdates]:
    return _minor_version(resource, "auto_minor_version_upgrade")


def rds_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[AutomaticUpdates]:
    return _minor_version(resource, "AutoMinorVersionUpgrade")


MANAGED_ACTIONS = "aws:elasticbeanstalk:managedactions"


def _beanstalk(resource: Resource, list_key: str, ns_key: str, name_key: str,
               value_key: str, template_key: str) -> Iterator[AutomaticUpdates]:
    settings = resource.attributes.get(list_key)
    if isinstance(settings, Unknown) or dynamic_block(resource.attributes, list_key):
        yield AutomaticUpdates(path=(list_key,), source=None, kind="platform", enabled=Unknown(None, list_key),
                               default=False)
        return
    unknown_entry = False
    for i, setting in enumerate(blocks(settings)):
        namespace, name = setting.get(ns_key), setting.get(name_key)
        if isinstance(namespace, Unknown) or isinstance(name, Unknown):
            unknown_entry = True
            continue
        if namespace == MANAGED_ACTIONS and name == "ManagedActionsEnabled":
            yield AutomaticUpdates(path=(list_key, i, value_key), source=None, kind="platform",
                                   enabled=as_bool(setting.get(value_key)), default=False)
            return
    # A saved configuration template may turn them on where this resource is silent.
    template = resource.attributes.get(template_key)
    if unknown_entry or template is not None:
        yield AutomaticUpdates(path=(), source=None, kind="platform",
                               enabled=Unknown(None, template_key if template is not None else list_key),
                               default=False)
        return
    yield AutomaticUpdates(path=(), source=None, kind="platform", enabled=None, default=False)


def beanstalk_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[AutomaticUpdates]:
    return _beanstalk(resource, "setting", "namespace", "name", "value", "template_name")


def beanstalk_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[AutomaticUpdates]:
    return _beanstalk(resource, "OptionSettings", "Namespace", "OptionName", "Value", "TemplateName")


EXTRACTORS = [
    Extractor("ec2-instance-imds-tf", {"terraform": ["aws_instance"]}, [InstanceMetadataOptions],
              ec2_instance_terraform),
    Extractor("ec2-launch-template-imds-tf", {"terraform": ["aws_launch_template", "aws_launch_configuration"]},
              [InstanceMetadataOptions], launch_template_terraform),
    Extractor("ec2-instance-imds-cfn", {"cloudformation": ["AWS::EC2::Instance"]}, [InstanceMetadataOptions],
              ec2_instance_cloudformation),
    Extractor("ec2-launch-template-imds-cfn", {"cloudformation": ["AWS::EC2::LaunchTemplate"]},
              [InstanceMetadataOptions], launch_template_cloudformation),
    Extractor("ec2-launch-configuration-imds-cfn", {"cloudformation": ["AWS::AutoScaling::LaunchConfiguration"]},
              [InstanceMetadataOptions], launch_configuration_cloudformation),
    Extractor("lambda-runtime-tf", {"terraform": ["aws_lambda_function"]}, [FunctionRuntime], lambda_terraform),
    Extractor("lambda-runtime-cfn", {"cloudformation": ["AWS::Lambda::Function", "AWS::Serverless::Function"]},
              [FunctionRuntime], lambda_cloudformation),
    Extractor("ecs-containers-tf", {"terraform": ["aws_ecs_task_definition"]}, [ContainerDefinition],
              ecs_task_terraform),
    Extractor("ecs-containers-cfn", {"cloudformation": ["AWS::ECS::TaskDefinition"]}, [ContainerDefinition],
              ecs_task_cloudformation),
    Extractor("rds-minor-upgrades-tf",
              {"terraform": ["aws_db_instance", "aws_rds_cluster_instance"]},
              [AutomaticUpdates], rds_terraform),
    Extractor("rds-minor-upgrades-cfn", {"cloudformation": ["AWS::RDS::DBInstance"]},
              [AutomaticUpdates], rds_cloudformation),
    Extractor("beanstalk-managed-updates-tf", {"terraform": ["aws_elastic_beanstalk_environment"]},
              [AutomaticUpdates], beanstalk_terraform),
    Extractor("beanstalk-managed-updates-cfn", {"cloudformation": ["AWS::ElasticBeanstalk::Environment"]},
              [AutomaticUpdates], beanstalk_cloudformation),
]
