"""Fuzzing the whole pipeline (issue 13): generated documents and mutated real
templates go through discovery, the readers, the graph, every extractor and
rule, every reporter and the matrix; see :mod:`tests.fuzz.harness` for the
invariant.

Default suite: a bounded, derandomized run. Long run (>= 10,000 cases, new
random seeds each time)::

    SRMLINT_FUZZ=long python -m pytest -p no:cacheprovider tests/fuzz --hypothesis-show-statistics

``SRMLINT_FUZZ_EXAMPLES`` sets the cases per test (default 2500 in the long run).
A failure prints the falsifying example and a ``@reproduce_failure`` blob.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.fuzz.harness import LONG, check_scan, fuzz_settings
from tests.fuzz.strategies import (
    cloudformation_documents,
    corpus_files,
    mutated,
    rule_examples,
    terraform_documents,
    terraform_json_documents,
)

REAL = CORPUS / "real"
#: Bounded run: small files only, so each case stays in milliseconds.
CORPUS_FILES = corpus_files(REAL, 2_000_000 if LONG else 24_000) if REAL.is_dir() else []


@fuzz_settings(bounded=150)
@given(terraform_documents())
def test_generated_terraform(document: bytes) -> None:
    check_scan({"main.tf": document})


@fuzz_settings(bounded=150)
@given(cloudformation_documents())
def test_generated_cloudformation(document: tuple[str, bytes]) -> None:
    name, data = document
    check_scan({name: data})


@fuzz_settings(bounded=80)
@given(terraform_json_documents())
def test_generated_terraform_json(document: bytes) -> None:
    check_scan({"main.tf.json": document})


@fuzz_settings(bounded=150)
@given(st.sampled_from(rule_examples()).flatmap(lambda ex: st.tuples(st.just(ex[0]), mutated(ex[1]))))
def test_mutated_rule_examples(example: tuple[str, bytes]) -> None:
    name, data = example
    check_scan({name: data})


@pytest.mark.skipif(not CORPUS_FILES, reason=f"third-party corpus absent: {REAL}")
@fuzz_settings(bounded=150)
@given(st.sampled_from(CORPUS_FILES or [Path()]).flatmap(lambda p: st.tuples(st.just(p), mutated(p.read_bytes()))))
def test_mutated_corpus(case: tuple[Path, bytes]) -> None:
    path, data = case
    suffix = ".tf.json" if path.name.endswith(".tf.json") else path.suffix
    check_scan({"file" + suffix: data})


@fuzz_settings(bounded=25)
@given(terraform_documents(), cloudformation_documents(), st.sampled_from(rule_examples()).flatmap(
    lambda ex: st.tuples(st.just(ex[0]), mutated(ex[1]))))
def test_cli_exit_codes_on_a_mixed_tree(tf: bytes, cfn: tuple[str, bytes], bad: tuple[str, bytes]) -> None:
    """Several files of both formats in one run: the CLI exits 0 or 1, never 2."""
    check_scan({"a/main.tf": tf, f"b/{cfn[0]}": cfn[1], f"c/{bad[0]}": bad[1]}, cli=True)
