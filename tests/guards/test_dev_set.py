"""Quality gate: precision and recall of 'unsupported' on the labelled sets (offline, no LLM)."""

from __future__ import annotations

import pytest

from evals.bench.bench_guards import evaluate_dataset
from graph.runtime.settings import REPO_ROOT


@pytest.mark.parametrize("name", ["claims_dev.yaml", "claims_holdout.yaml"])
def test_precision_and_recall_of_unsupported(name: str) -> None:
    score = evaluate_dataset(REPO_ROOT / "evals" / "datasets" / name)
    assert score.cases >= (100 if name == "claims_dev.yaml" else 40)
    assert score.precision >= 0.95 and score.recall >= 0.95, score.errors
    assert score.false_block_rate <= 0.05, score.errors
    assert score.citation_misses == [], score.citation_misses


def test_dev_set_covers_every_rule() -> None:
    import yaml

    doc = yaml.safe_load((REPO_ROOT / "evals" / "datasets" / "claims_dev.yaml").read_text())
    rules = {c["rule"] for c in doc["cases"]}
    assert {
        "paraphrase",
        "weaker",
        "inflated_number",
        "changed_unit",
        "changed_qualifier",
        "changed_rate",
        "changed_condition",
        "wrong_target",
        "region_rule",
        "added_attribute",
        "product_swap",
        "wrong_region",
        "expired",
        "superlative",
        "guarantee",
        "health",
        "environmental",
        "price",
        "availability",
        "no_claim",
        "disclaimer",
        "multi_claim",
    } <= rules
    labels = [c["label"] for c in doc["cases"]]
    assert labels.count("supported") >= 50 and labels.count("no_claim") >= 15
