"""Compute hardening of managed platforms: SageMaker notebook instances (IMDS
version, root access), CodeBuild build containers in privileged mode, Lambda
code signing, and the Kubernetes version an EKS cluster pins."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from srmlint.aws.facts import (
    CodeSigning,
    ContainerDefinition,
    ImdsState,
    InstanceMetadataOptions,
    PlatformVersion,
    RootAccess,
)
from srmlint.aws.values import as_bool, blocks, dynamic_block
from srmlint.extract import Extractor
from srmlint.graph import ResourceGraph
from srmlint.model import AttrPath, Resource, Unknown

# ------------------------------------------------------------ SageMaker notebooks


def _imds_version(value: Any) -> ImdsState:
    """``MinimumInstanceMetadataServiceVersion``: "2" requires IMDSv2, "1"
    answers IMDSv1 too (also SageMaker's default when unset)."""
    if value is None:
        return "unset"
    if isinstance(value, Unknown):
        return "unknown"
    text = str(value).strip()
    if text == "2":
        return "required"
    if text == "1":
        return "optional"
    return "unknown"


def _root_access(value: Any) -> bool | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    text = str(value).strip().lower()
    if text in ("enabled", "disabled"):
        return text == "enabled"
    return Unknown(None, repr(value))


def notebook_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[InstanceMetadataOptions | RootAccess]:
    a = resource.attributes
    key = "instance_metadata_service_configuration"
    if isinstance(a.get(key), Unknown) or dynamic_block(a, key):
        yield InstanceMetadataOptions(path=(key,), source=None, state="unknown")
    else:
        found = blocks(a.get(key))
        value = found[0].get("minimum_instance_metadata_service_version") if found else None
        path: AttrPath = (key, 0, "minimum_instance_metadata_service_version") if value is not None else ()
        yield InstanceMetadataOptions(path=path, source=None, state=_imds_version(value))
    root = a.get("root_access")
    yield RootAccess(path=("root_access",) if root is not None else (), source=None, enabled=_root_access(root))


def notebook_cloudformation(resource: Resource,
                            graph: ResourceGraph) -> Iterator[InstanceMetadataOptions | RootAccess]:
    a = resource.attributes
    key = "InstanceMetadataServiceConfiguration"
    config = a.get(key)
    if isinstance(config, Unknown):
        yield InstanceMetadataOptions(path=(key,), source=None, state="unknown")
    else:
        value = config.get("MinimumInstanceMetadataServiceVersion") if isinstance(config, Mapping) else None
        path: AttrPath = (key, "MinimumInstanceMetadataServiceVersion") if value is not None else ()
        yield InstanceMetadataOptions(path=path, source=None, state=_imds_version(value))
    root = a.get("RootAccess")
    yield RootAccess(path=("RootAccess",) if root is not None else (), source=None, enabled=_root_access(root))


# ------------------------------------------------------------ CodeBuild


def codebuild_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    a = resource.attributes
    if dynamic_block(a, "environment"):
        return
    for i, env in enumerate(blocks(a.get("environment"))):
        value = env.get("privileged_mode")
        if value is not None:
            yield ContainerDefinition(path=("environment", i, "privileged_mode"), source=None, name=None,
                                      privileged=as_bool(value))


def codebuild_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[ContainerDefinition]:
    env = resource.attributes.get("Environment")
    if isinstance(env, Mapping) and env.get("PrivilegedMode") is not None:
        yield ContainerDefinition(path=("Environment", "PrivilegedMode"), source=None, name=None,
                                  privileged=as_bool(env.get("PrivilegedMode")))


# ------------------------------------------------------------ Lambda code signing


def _code_signing(resource: Resource, key: str, package_key: str, image_key: str) -> Iterator[CodeSigning]:
    a = resource.attributes
    package = a.get(package_key)
    if isinstance(package, Unknown) or (isinstance(package, str) and package.strip().lower() == "image"):
        return  # a container image (or not known): code signing applies to .zip packages only
    if package is None and a.get(image_key) is not None:
        return
    config = a.get(key)
    yield CodeSigning(path=(key,) if config is not None else (), source=None, config=config)


def lambda_signing_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[CodeSigning]:
    return _code_signing(resource, "code_signing_config_arn", "package_type", "image_uri")


def lambda_signing_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[CodeSigning]:
    code = resource.attributes.get("Code")
    if isinstance(code, Mapping) and code.get("ImageUri") is not None:
        return
    if resource.attributes.get("ImageUri") is not None:  # SAM
        return
    yield from _code_signing(resource, "CodeSigningConfigArn", "PackageType", "ImageUri")


# ------------------------------------------------------------ EKS Kubernetes version


def _version(value: Any) -> str | Unknown | None:
    if value is None or isinstance(value, Unknown):
        return value
    if isinstance(value, bool):
        return Unknown(None, repr(value))
    # An unquoted YAML 1.30 reads as the float 1.3: a version no table lists, so never flagged.
    return str(value).strip()


def eks_version_terraform(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    version = _version(resource.attributes.get("version"))
    if version is not None:
        yield PlatformVersion(path=("version",), source=None, kind="kubernetes", version=version)


def eks_version_cloudformation(resource: Resource, graph: ResourceGraph) -> Iterator[PlatformVersion]:
    version = _version(resource.attributes.get("Version"))
    if version is not None:
        yield PlatformVersion(path=("Version",), source=None, kind="kubernetes", version=version)


EXTRACTORS = [
    Extractor("sagemaker-notebook-tf", {"terraform": ["aws_sagemaker_notebook_instance"]},
              [InstanceMetadataOptions, RootAccess], notebook_terraform),
    Extractor("sagemaker-notebook-cfn", {"cloudformation": ["AWS::SageMaker::NotebookInstance"]},
              [InstanceMetadataOptions, RootAccess], notebook_cloudformation),
    Extractor("codebuild-privileged-tf", {"terraform": ["aws_codebuild_project"]}, [ContainerDefinition],
              codebuild_terraform),
    Extractor("codebuild-privileged-cfn", {"cloudformation": ["AWS::CodeBuild::Project"]}, [ContainerDefinition],
              codebuild_cloudformation),
    Extractor("lambda-code-signing-tf", {"terraform": ["aws_lambda_function"]}, [CodeSigning],
              lambda_signing_terraform),
    Extractor("lambda-code-signing-cfn", {"cloudformation": ["AWS::Lambda::Function", "AWS::Serverless::Function"]},
              [CodeSigning], lambda_signing_cloudformation),
    Extractor("eks-version-tf", {"terraform": ["aws_eks_cluster"]}, [PlatformVersion], eks_version_terraform),
    Extractor("eks-version-cfn", {"cloudformation": ["AWS::EKS::Cluster"]}, [PlatformVersion],
              eks_version_cloudformation),
]
