"""What the app's sidebar shows for the model picker and the autonomy dial (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.models.offline import DISCLOSURE
from graph.review.autonomy import LEVELS, Autonomy


@dataclass(frozen=True)
class DialView:
    """The autonomy dial as the sidebar edits it.

    Attributes:
        levels: The levels, least to most autonomous.
        default: The default level (the dial's first rule).
        scoped: The per-channel/region/segment rules after the default, as a spec (``sms=manual,...``).
    """

    levels: tuple[str, ...]
    default: str
    scoped: str


def autonomy_dial(spec: str) -> DialView:
    """The dial of an autonomy spec, split into its default level and its scoped rules.

    Raises:
        AutonomyError: on a spec that does not parse.
    """
    dial = Autonomy.parse(spec)
    return DialView(tuple(LEVELS), dial.rules[0].level, ",".join(dial.to_spec().split(",")[1:]))


def engine_note(engine: str) -> str:
    """The note shown under the model picker: the offline engine's disclosure, nothing for a real model."""
    return DISCLOSURE if engine == "offline" else ""
