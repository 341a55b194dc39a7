"""Export a built list for its channel: a CSV with only the fields that channel needs, written exactly once.

This is the only way personal data leaves the store. The kill-switch is checked here, inside the tool,
for the channel and every region exported; the holdout never leaves; the file is written to a temporary
name and renamed, so a crash leaves either no file or a whole one, and a repeat returns the same file.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from graph.contracts import Channel, Region, TargetList
from graph.contracts.ids import event_id
from tools.crm.errors import ExportError
from tools.crm.export_store import ExportStore, StoredExport
from tools.crm.store import CRMStore
from tools.events import EventLog
from tools.killswitch import KillSwitch, KillSwitchEngaged

EXPORT_FIELDS: dict[Channel, tuple[str, ...]] = {
    "email": ("email", "first_name", "language"),
    "sms": ("phone", "language"),
    "paid_social": ("email_sha256",),
    "paid_search": ("email_sha256",),
    "display": ("email_sha256",),
}
"""CSV columns per channel. Paid channels get SHA-256 of the trimmed, lower-cased email (audience matching)."""

_SOURCE_COLUMNS: dict[Channel, tuple[str, ...]] = {
    "email": ("c.email", "c.first_name", "c.language"),
    "sms": ("c.phone", "c.language"),
    "paid_social": ("c.email",),
    "paid_search": ("c.email",),
    "display": ("c.email",),
}

_BATCH = 20_000


@dataclass(frozen=True)
class ExportResult:
    """One exported list file.

    Attributes:
        path: The CSV file.
        rows: Contacts in it (holdout excluded).
        fields: Its columns.
        created: False when the file already existed and was returned as is.
        list_id: The list exported.
        channel: Channel the fields were chosen for.
        regions: Region partitions in the file.
        duplicates: Members left out because an earlier row had the same address (one message per address).
    """

    path: Path
    rows: int
    fields: tuple[str, ...]
    created: bool
    list_id: str
    channel: Channel
    regions: tuple[Region, ...]
    duplicates: int = 0


def export_path(out_dir: Path, target_list: TargetList, region: Region | None = None) -> Path:
    """Return the file an export of a list (one region or all) is written to."""
    return Path(out_dir) / f"{target_list.id}-{target_list.segment.channel}-{region or 'all'}.csv"


def export_list(
    store: CRMStore,
    target_list: TargetList,
    *,
    out_dir: Path,
    kill_switch: KillSwitch,
    events: EventLog | None = None,
    trace_id: str | None = None,
    region: Region | None = None,
    shared: ExportStore | None = None,
) -> ExportResult:
    """Write the non-holdout members of a list as a CSV for its channel, once (one row per address).

    Args:
        store: The store the list was built on.
        target_list: The list (from :func:`tools.crm.segments.build_segment`).
        out_dir: Directory of export files.
        kill_switch: Checked for the channel and each exported region before anything is written.
        events: Event log for ``data.list_exported`` / ``data.list_export_refused`` (payloads hold no PII).
        trace_id: Trace of the campaign (defaults to the list's campaign id).
        region: Export only this region's partition (default: every region of the list).
        shared: The shared database's export table (``LIFTOFF_DATABASE_URL``): the export is written there once
            and ``out_dir`` holds this worker's local copy.

    Raises:
        KillSwitchEngaged: when a kill-switch covers the channel or an exported region.
        ExportError: when the list was not built on this store or the region is not one of its regions.
    """
    channel = target_list.segment.channel
    stored = store.get_list(target_list.id)
    if stored is None:
        raise ExportError(
            f"list {target_list.id} was not built on the CRM store {store.path}; build it first"
        )
    regions: tuple[Region, ...] = tuple(dict.fromkeys(target_list.segment.regions))
    if region is not None:
        if region not in regions:
            raise ExportError(
                f"region {region!r} is not in list {target_list.id} (regions: {', '.join(regions)})"
            )
        regions = (region,)
    campaign_id = stored.campaign_id or target_list.id
    trace = trace_id or campaign_id
    for r in regions:
        reason = kill_switch.check(channel, r)
        if reason:
            if events is not None:
                events.emit(
                    "data.list_export_refused",
                    trace_id=trace,
                    campaign_id=campaign_id,
                    source="data",
                    payload={"list_id": target_list.id, "channel": channel, "region": r, "reason": reason},
                )
            raise KillSwitchEngaged(f"export of list {target_list.id} to {channel} in {r} refused: {reason}")

    path = export_path(out_dir, target_list, region)
    fields = EXPORT_FIELDS[channel]
    saved = shared.get(path.name) if shared is not None else None
    if saved is not None:  # exported before, by this worker or another: reuse it (and keep a local copy)
        if not path.exists():
            _materialize(path, saved.content)
        rows, created = saved.rows, False
    elif path.exists():
        with path.open("rb") as fh:
            rows, created = sum(1 for _ in fh) - 1, False
    else:
        rows, created = _write(store, target_list.id, channel, regions, path), True
    if shared is not None and saved is None:
        won = shared.put(StoredExport(path.name, target_list.id, channel, regions, rows, path.read_bytes()))
        if won.content != path.read_bytes():  # another worker stored it first: theirs is the export
            _materialize(path, won.content)
            rows, created = won.rows, False
    duplicates = _member_count(store, target_list.id, regions) - rows
    if events is not None:
        events.emit(
            "data.list_exported",
            trace_id=trace,
            campaign_id=campaign_id,
            source="data",
            event_id=event_id("data.list_exported", path.name),
            payload={
                "list_id": target_list.id,
                "channel": channel,
                "regions": list(regions),
                "rows": rows,
                "duplicates": duplicates,
                "fields": list(fields),
                "path": str(path),
            },
        )
    return ExportResult(path, rows, fields, created, target_list.id, channel, regions, duplicates)


def _materialize(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def _member_sql(regions: tuple[Region, ...]) -> str:
    return (
        " FROM list_members m JOIN contacts c ON c.contact_id = m.contact_id"
        f" WHERE m.list_id = ? AND m.holdout = 0 AND m.region IN ({', '.join('?' * len(regions))})"
    )


def _member_count(store: CRMStore, list_id: str, regions: tuple[Region, ...]) -> int:
    with store.session() as db:
        return int(db.execute("SELECT COUNT(*)" + _member_sql(regions), [list_id, *regions]).fetchone()[0])


def _write(store: CRMStore, list_id: str, channel: Channel, regions: tuple[Region, ...], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    hashed = EXPORT_FIELDS[channel] == ("email_sha256",)
    seen: set[str] = set()
    rows = 0
    try:
        with store.session() as db, tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(EXPORT_FIELDS[channel])
            cursor = db.execute(
                f"SELECT {', '.join(_SOURCE_COLUMNS[channel])}"
                + _member_sql(regions)
                + " ORDER BY m.contact_id",
                [list_id, *regions],
            )
            while batch := cursor.fetchmany(_BATCH):
                if hashed:
                    batch = [(hashlib.sha256(r[0].strip().lower().encode()).hexdigest(),) for r in batch]
                fresh = []
                for row in batch:
                    key = row[0].strip().lower()
                    if key not in seen:
                        seen.add(key)
                        fresh.append(row)
                writer.writerows(fresh)
                rows += len(fresh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return rows
