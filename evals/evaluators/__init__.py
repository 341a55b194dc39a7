"""Typed evaluators: each looks at one case outcome and returns named checks, counts and scores."""

from evals.evaluators.base import CampaignOutcome, Evaluation, Evaluator

__all__ = ["CampaignOutcome", "Evaluation", "Evaluator"]
