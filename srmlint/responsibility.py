"""The shared responsibility model: service models, layers and who owns each.

AWS secures *the cloud*; the customer secures what is *in* it, and the split
moves with the service: the more managed the service, the more layers AWS
owns. This table is the seeds' layer table (IaaS/PaaS/SaaS plus FaaS) in code,
so that it is reviewed and tested like code rather than drifting in data; the
catalog (``rules/catalog.yaml``) only places each resource type in a model and
overrides single layers where a type (or a resource's settings) differs from
its model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Owner(StrEnum):
    CUSTOMER = "customer"
    AWS = "aws"
    SHARED = "shared"


#: Layers from the top of the stack (what the customer always owns) to the
#: bottom (what AWS always owns), with the words a report shows for each.
LAYERS: dict[str, str] = {
    "data": "data",
    "application": "application code",
    "identity_access": "identity and access",
    "resource_configuration": "resource configuration",
    "encryption": "data encryption",
    "network_configuration": "network configuration",
    "network_traffic": "network traffic protection",
    "logging_monitoring": "logging and monitoring",
    "runtime": "runtime",
    "middleware": "middleware",
    "operating_system": "operating system",
    "virtualization": "virtualization",
    "host": "host and server",
    "storage_hardware": "storage hardware",
    "physical_network": "physical network",
    "facilities": "facilities",
}

#: The layers the customer owns whatever the service (the seeds: data, IAM,
#: client- and server-side encryption, network traffic protection, firewall
#: and resource configuration).
ALWAYS_CUSTOMER: frozenset[str] = frozenset(
    {"data", "identity_access", "resource_configuration", "encryption",
     "network_configuration", "network_traffic", "logging_monitoring"}
)
#: The layers AWS owns whatever the service: the cloud itself.
ALWAYS_AWS: frozenset[str] = frozenset(
    {"virtualization", "host", "storage_hardware", "physical_network", "facilities"}
)
#: The layers whose owner moves with the service model: what a report must
#: show per resource, since the others are the same everywhere.
STACK: tuple[str, ...] = ("application", "runtime", "middleware", "operating_system")


def _model(customer: tuple[str, ...], shared: tuple[str, ...] = ()) -> Mapping[str, Owner]:
    owners = {layer: Owner.CUSTOMER for layer in ALWAYS_CUSTOMER}
    owners.update({layer: Owner.AWS for layer in ALWAYS_AWS})
    for layer in STACK:
        if layer in customer:
            owners[layer] = Owner.CUSTOMER
        elif layer in shared:
            owners[layer] = Owner.SHARED
        else:
            owners[layer] = Owner.AWS
    return MappingProxyType({layer: owners[layer] for layer in LAYERS})


#: Owner of every layer per service model.
MODELS: Mapping[str, Mapping[str, Owner]] = MappingProxyType({
    # EC2, bare metal: the guest OS and everything installed on it, the
    # container runtime included, is the customer's to configure and patch.
    "infrastructure": _model(STACK),
    # ECS/EKS on EC2 worker nodes (EC2 is the default launch type): the
    # customer builds the containers, runs the container runtime and patches
    # the nodes; the orchestrator is shared (AWS runs the control plane, the
    # agents on the nodes are the customer's). The catalog hands the OS and
    # container runtime to AWS for Fargate and for EKS's control plane.
    "container": _model(("application", "runtime", "operating_system"), shared=("middleware",)),
    # Elastic Beanstalk, RDS, ElastiCache...: the customer brings code (or a
    # schema) and configures the service; the platform patches runtime,
    # middleware and OS (Beanstalk only with managed updates: catalog).
    "platform": _model(("application",)),
    # Lambda: the customer owns code, libraries, configuration, IAM; AWS
    # patches the runtime (supported runtimes), the OS and the hosts.
    "function": _model(("application",)),
    # S3, DynamoDB, SQS, SNS...: AWS operates everything below the API.
    "abstracted": _model(()),
    # WorkDocs and the like: the customer owns content, sharing and access.
    "software": _model(()),
    # Customer-configured controls (IAM, security groups, KMS keys, trails):
    # they exist only as the customer's configuration of AWS's machinery.
    "control": _model(()),
})

MODEL_TITLES: dict[str, str] = {
    "infrastructure": "infrastructure service",
    "container": "container service",
    "platform": "platform service",
    "function": "function service",
    "abstracted": "abstracted service",
    "software": "software service",
    "control": "customer-configured control",
}

#: What each kind of customer-configured control governs (a catalog entry of
#: model ``control`` names one), so a report can group IAM apart from VPCs.
CONTROL_KINDS: dict[str, str] = {
    "identity": "identity and access",
    "network": "network",
    "key_management": "key management",
    "governance": "governance, logging and monitoring",
}

#: Order in which reports list models: most customer-owned layers first.
MODEL_ORDER: tuple[str, ...] = (
    "infrastructure", "container", "platform", "function", "abstracted", "software", "control",
)


@dataclass(frozen=True)
class Responsibility:
    """Where one resource stands in the model.

    ``owners`` is the model's table with the catalog's overrides applied;
    ``notes`` say why a resource differs from its model (a Fargate launch
    type) or why it could not be classified, so a report never shows an
    owner without its reason.
    """

    service: str | None
    service_model: str | None
    service_id: str | None = None
    owners: Mapping[str, Owner] = field(default_factory=dict, compare=False)
    #: What AWS does when a customer-owned setting is left unset, by setting key.
    aws_defaults: Mapping[str, str] = field(default_factory=dict, compare=False)
    note: str | None = None
    #: For model ``control``: which kind (a key of :data:`CONTROL_KINDS`).
    control: str | None = None

    @property
    def classified(self) -> bool:
        return self.service_model is not None

    def layers_of(self, owner: Owner) -> list[str]:
        return [layer for layer in LAYERS if self.owners.get(layer) is owner]

    def owner_of(self, layer: str) -> Owner:
        return self.owners.get(layer, Owner.CUSTOMER)


UNCLASSIFIED = Responsibility(service=None, service_model=None, note="resource type not in the catalog")


def unclassified(note: str) -> Responsibility:
    """An AWS resource srmlint cannot place, with the reason a user can act on."""
    return Responsibility(service=None, service_model=None, note=note)
