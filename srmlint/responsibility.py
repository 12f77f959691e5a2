"""The shared responsibility model: service models, layers and who owns each.

AWS secures *the cloud*; the customer secures what is *in* it, and the split
moves with the service: the more managed the service, the more layers AWS
owns. This table is the seeds' layer table (IaaS/PaaS/SaaS plus FaaS) in code;
the catalog (``rules/catalog.yaml``) places each resource type in a model and
may override single layers where a type differs from its model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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

_STACK = ("application", "runtime", "middleware", "operating_system")


def _model(customer_stack: tuple[str, ...], shared: tuple[str, ...] = ()) -> dict[str, Owner]:
    owners = {layer: Owner.CUSTOMER for layer in ALWAYS_CUSTOMER}
    owners.update({layer: Owner.AWS for layer in ALWAYS_AWS})
    for layer in _STACK:
        if layer in customer_stack:
            owners[layer] = Owner.CUSTOMER
        elif layer in shared:
            owners[layer] = Owner.SHARED
        else:
            owners[layer] = Owner.AWS
    return owners


#: Owner of every layer per service model.
MODELS: dict[str, dict[str, Owner]] = {
    # EC2, bare metal: the guest OS and everything on it is the customer's.
    "infrastructure": _model(_STACK),
    # ECS/EKS on EC2 nodes: the customer configures containers and owns the
    # worker nodes; AWS runs the control plane (catalog overrides for Fargate).
    "container": _model(("application", "runtime", "middleware"), shared=("operating_system",)),
    # Elastic Beanstalk and the like: managed platform updates patch the
    # platform; the customer uploads code and configures the service.
    "platform": _model(("application",), shared=("runtime", "middleware")),
    # Lambda: the customer owns code, libraries, configuration, IAM; AWS
    # patches the runtime, the OS and the hosts.
    "function": _model(("application",)),
    # S3, DynamoDB, SQS, SNS, KMS...: AWS operates everything below the API.
    "abstracted": _model(()),
    # WorkDocs and the like: the customer owns content, sharing and access.
    "software": _model(()),
    # Customer-configured controls (IAM, security groups, KMS keys, trails):
    # they exist only as the customer's configuration of AWS's machinery.
    "control": _model(()),
}

MODEL_TITLES: dict[str, str] = {
    "infrastructure": "infrastructure service",
    "container": "container service",
    "platform": "platform service",
    "function": "function service",
    "abstracted": "abstracted service",
    "software": "software service",
    "control": "customer-configured control",
}


@dataclass(frozen=True)
class Responsibility:
    """Where one resource stands in the model."""

    service: str | None
    service_model: str | None
    service_id: str | None = None
    owners: dict[str, Owner] = field(default_factory=dict, compare=False)
    #: What AWS does when a customer-owned setting is left unset, by setting key.
    aws_defaults: dict[str, str] = field(default_factory=dict, compare=False)
    note: str | None = None

    @property
    def classified(self) -> bool:
        return self.service_model is not None

    def layers_of(self, owner: Owner) -> list[str]:
        return [layer for layer in LAYERS if self.owners.get(layer) is owner]

    def owner_of(self, layer: str) -> Owner:
        return self.owners.get(layer, Owner.CUSTOMER)


UNCLASSIFIED = Responsibility(service=None, service_model=None, note="resource type not in the catalog")
