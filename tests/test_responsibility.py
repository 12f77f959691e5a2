"""The model in code holds the seeds' layer table and per-service splits."""

from __future__ import annotations

import dataclasses

import pytest

from srmlint.responsibility import (
    ALWAYS_AWS,
    ALWAYS_CUSTOMER,
    LAYERS,
    MODEL_ORDER,
    MODEL_TITLES,
    MODELS,
    STACK,
    Owner,
    Responsibility,
)

C, A, S = Owner.CUSTOMER, Owner.AWS, Owner.SHARED

#: The seeds' layer table (Application, Data, Runtime, Middleware, OS,
#: Virtualization, Server, Storage, Networking) for the cloud columns, with
#: the seeds' refinement that data is the customer's everywhere.
SEEDS = {
    #                 app data runtime middleware OS virt server storage networking
    "infrastructure": (C, C, C, C, C, A, A, A, A),   # IaaS
    "platform":       (C, C, A, A, A, A, A, A, A),   # PaaS
    "software":       (A, C, A, A, A, A, A, A, A),   # SaaS
    "function":       (C, C, A, A, A, A, A, A, A),   # FaaS
}
SEED_LAYERS = ("application", "data", "runtime", "middleware", "operating_system", "virtualization", "host",
               "storage_hardware", "physical_network")


@pytest.mark.parametrize("model", sorted(SEEDS))
def test_the_seeds_layer_table(model: str) -> None:
    assert tuple(MODELS[model][layer] for layer in SEED_LAYERS) == SEEDS[model]


def test_every_model_gives_every_layer_an_owner() -> None:
    for model, owners in MODELS.items():
        assert list(owners) == list(LAYERS), model
        assert set(MODEL_TITLES) == set(MODELS) == set(MODEL_ORDER)


def test_always_the_customers_whatever_the_service() -> None:
    # Seeds: data, IAM, client/server-side encryption, network traffic
    # protection, firewall and resource configuration.
    for owners in MODELS.values():
        for layer in ("data", "identity_access", "encryption", "network_traffic", "network_configuration",
                      "resource_configuration"):
            assert owners[layer] is C
        for layer in ALWAYS_CUSTOMER:
            assert owners[layer] is C
        for layer in ALWAYS_AWS:
            assert owners[layer] is A


def test_os_moves_with_the_service() -> None:
    assert MODELS["infrastructure"]["operating_system"] is C
    assert MODELS["container"]["operating_system"] is C  # EC2 worker nodes (the catalog hands Fargate to AWS)
    assert MODELS["function"]["operating_system"] is A
    assert MODELS["abstracted"]["operating_system"] is A
    assert MODELS["container"]["middleware"] is S  # AWS runs the control plane, the node agents are yours


def test_more_managed_means_fewer_customer_layers() -> None:
    def mine(model: str) -> int:
        return sum(MODELS[model][layer] is not A for layer in STACK)

    order = ["infrastructure", "container", "platform", "abstracted"]
    assert [mine(m) for m in order] == sorted((mine(m) for m in order), reverse=True)
    assert mine("infrastructure") > mine("function") > mine("abstracted")


def test_model_tables_cannot_be_changed_by_accident() -> None:
    with pytest.raises(TypeError):
        MODELS["function"]["operating_system"] = C  # type: ignore[index]


def test_responsibility_is_frozen_and_reports_layers_in_stack_order() -> None:
    r = Responsibility(service="X", service_model="function", owners=MODELS["function"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.service = "Y"  # type: ignore[misc]
    assert r.layers_of(C)[0] == "data"
    assert "operating_system" in r.layers_of(A)
    assert r.classified
