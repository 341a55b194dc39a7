"""The copy-quality check (:mod:`guards.copy_quality`) as a guardrails validator."""

from __future__ import annotations

from guardrails.validator_base import register_validator

from graph.contracts import Asset
from guards.copy_quality import VALIDATOR, check_copy_quality
from guards.validators import LiftoffValidator


@register_validator(name=VALIDATOR, data_type="string")
class CopyQualityValidator(LiftoffValidator):
    """No sentence twice, a subject of more than one word that is not the body, no markup, no instructions."""

    def __init__(self, asset: Asset) -> None:
        super().__init__(lambda _text: check_copy_quality(asset))
