"""The ``build_segment`` tool the Data agent binds: a segment definition in, counts out, never a row."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.tools import StructuredTool, ToolException
from pydantic import ValidationError

from graph.contracts import SegmentDefinition, TargetList
from tools.crm.dictionary import dictionary_for_prompt
from tools.crm.errors import SegmentError, describe_validation_error
from tools.crm.segments import build_segment
from tools.crm.store import CRMStore

TOOL_NAME = "build_segment"


def tool_description() -> str:
    """Describe the tool and the filterable fields of the data dictionary for the model."""
    lines = [
        "Build a target list for one channel and its regions from the CRM and return counts only "
        "(eligible, holdout, by_region, consent_basis, excluded per reason). Consent for the channel per "
        "region, suppressions (legal hold, unsubscribed, bounced), the frequency cap and a control holdout "
        "are applied automatically; do not filter for them. Filters are AND-ed; an empty list means everyone "
        "eligible. Fields (type; operators; values):",
    ]
    for spec in dictionary_for_prompt():
        values = spec.get("values")
        span = f"; values {', '.join(values)}" if values else ""
        if "min" in spec or "max" in spec:
            span = f"; range {spec.get('min', '')}..{spec.get('max', '')}"
        lines.append(
            f"- {spec['field']} ({spec['type']}; {', '.join(spec['ops'])}{span}): {spec['description']}"
        )
    lines.append("in/not_in take a non-empty list; between takes [low, high]; dates are YYYY-MM-DD or '-Nd'.")
    return "\n".join(lines)


def make_segment_tool(
    store: CRMStore, *, campaign_id: str, seed: int, as_of: date | None = None
) -> StructuredTool:
    """Return the ``build_segment`` tool bound to one store and campaign.

    The tool's argument schema is :class:`~graph.contracts.SegmentDefinition`. It returns the
    :class:`~graph.contracts.TargetList` as JSON (the message content) and as the tool artifact. A bad
    definition comes back to the model as an error message naming the problem, so it can correct it.

    Args:
        store: The CRM store.
        campaign_id: Campaign the lists belong to (keys the holdout draw with ``seed``).
        seed: Campaign seed.
        as_of: Day caps and relative dates count from (UTC today by default).
    """

    def run(**kwargs: Any) -> tuple[str, TargetList]:
        try:
            definition = SegmentDefinition.model_validate(kwargs)
        except ValidationError as exc:
            raise ToolException(f"invalid segment definition: {describe_validation_error(exc)}") from exc
        try:
            target = build_segment(store, definition, campaign_id=campaign_id, seed=seed, as_of=as_of)
        except SegmentError as exc:
            raise ToolException(f"invalid segment definition: {exc}") from exc
        return target.model_dump_json(), target

    return StructuredTool.from_function(
        func=run,
        name=TOOL_NAME,
        description=tool_description(),
        args_schema=SegmentDefinition,
        response_format="content_and_artifact",
        handle_tool_error=True,
        handle_validation_error=lambda exc: f"invalid segment definition: {describe_validation_error(exc)}",
    )
