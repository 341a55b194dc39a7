"""Tie a result to its program: by program id, or by the tracking link a web-analytics export carries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tools.channels.request import parse_slot
from tools.channels.store import ProgramRecord, ProgramStore
from tools.ingest.results import ProgramRef, ResultIn
from tools.tracking import parse_tracking_url

ATTRIBUTABLE = ("published", "scheduled", "cancelled")
"""Program states that can have results (a cancelled program may still report what it did before)."""


class UnknownProgram(ValueError):
    """A result names no program Liftoff published (or a link that carries no Liftoff ids)."""


class ProgramDirectory:
    """Program id -> :class:`ProgramRef`, loaded once from the program store (a few rows per campaign)."""

    def __init__(self, refs: Mapping[str, ProgramRef]) -> None:
        """Wrap a ready mapping (see :meth:`from_store`)."""
        self._refs = dict(refs)

    @classmethod
    def from_records(cls, records: Iterable[ProgramRecord]) -> ProgramDirectory:
        """Index program records that can have results."""
        refs = {}
        for r in records:
            if r.state in ATTRIBUTABLE:
                refs[r.program_id] = ProgramRef(
                    program_id=r.program_id,
                    campaign_id=r.campaign_id,
                    trace_id=r.trace_id,
                    channel=r.channel,
                    region=r.region,
                    variant=r.variant,
                    start=parse_slot(r.slot).date(),
                    audience=r.audience,
                )
        return cls(refs)

    @classmethod
    def from_store(cls, store: ProgramStore) -> ProgramDirectory:
        """Index every program of the store."""
        return cls.from_records(store.by_campaign())

    def get(self, program_id: str) -> ProgramRef | None:
        """The program, or None."""
        return self._refs.get(program_id)

    def campaigns(self) -> set[str]:
        """Campaigns that have programs."""
        return {r.campaign_id for r in self._refs.values()}

    def resolve(self, result: ResultIn) -> tuple[ProgramRef, str | None]:
        """Return the result's program and the variant its link names (None: the program's own).

        Raises:
            UnknownProgram: when the program id is unknown, or the link carries no program id, or names a
                campaign the program does not belong to.
        """
        if result.program_id:
            ref = self._refs.get(result.program_id)
            if ref is None:
                raise UnknownProgram(
                    f"unknown program_id {result.program_id!r} (no published program has it)"
                )
            return ref, None
        ids = parse_tracking_url(result.url or "")
        if ids is None:
            raise UnknownProgram(
                f"url carries no Liftoff tracking ids (lo_c/lo_p): {(result.url or '')[:120]!r}"
            )
        if not ids.program_id:
            raise UnknownProgram(
                f"url names campaign {ids.campaign_id!r} but no program (lo_p): cannot attribute"
            )
        ref = self._refs.get(ids.program_id)
        if ref is None:
            raise UnknownProgram(f"url names unknown program {ids.program_id!r}")
        if ref.campaign_id != ids.campaign_id:
            raise UnknownProgram(
                f"url names program {ids.program_id!r} under campaign {ids.campaign_id!r}, but it"
                f" belongs to {ref.campaign_id!r}"
            )
        return ref, ids.variant
