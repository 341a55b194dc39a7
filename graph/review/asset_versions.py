"""Every version of every asset, kept: who wrote it, a diff between two versions, and restore.

The campaign state keeps only the latest asset under ``assets``; ``asset_versions`` keeps each version that
governance checked (``{asset id: {"<version>": asset dict + "author"}}``), so an edit is never lost and a
reviewer can compare and restore. A restore creates a NEW version with the old text (history is append-only)
and it is checked by governance like any other version.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.review.decisions import EDITABLE_FIELDS


def merge_versions(
    left: dict[str, dict[str, Any]] | None, right: dict[str, dict[str, Any]] | None
) -> dict[str, dict[str, Any]]:
    """Reducer: union of versions per asset; a version once recorded is never overwritten."""
    out = {aid: dict(v) for aid, v in (left or {}).items()}
    for aid, versions in (right or {}).items():
        mine = out.setdefault(aid, {})
        for version, asset in versions.items():
            mine.setdefault(str(version), asset)
    return out


def version_entry(asset: Mapping[str, Any], author: str) -> dict[str, dict[str, Any]]:
    """The ``asset_versions`` update recording one asset version and who wrote it."""
    return {str(asset["id"]): {str(asset["version"]): {**dict(asset), "author": author}}}


def author_of(asset: Mapping[str, Any], human_edits: Mapping[str, Any] | None) -> str:
    """Who wrote this version: the reviewer who edited or restored it, else the model that drafted it."""
    mark = (human_edits or {}).get(str(asset["id"])) or {}
    if mark.get("version") == asset.get("version"):
        return str(mark.get("approver") or "reviewer")
    return f"content ({asset.get('model', 'model')})"


def edit_comes_back(who: str) -> str:
    """The note on a finding against a reviewer's own version: it goes back to them, never to Content."""
    return f"this is {who}'s edit: it comes back to the reviewer with the findings, unchanged"


@dataclass(frozen=True)
class VersionView:
    """One asset version as a reviewer sees it in the history."""

    version: int
    author: str
    fields: dict[str, str]
    notes: list[str]


def history(versions: Mapping[str, Mapping[str, Any]], asset_id: str) -> list[VersionView]:
    """Every recorded version of an asset, oldest first."""
    out = []
    for key, asset in sorted((versions.get(asset_id) or {}).items(), key=lambda kv: int(kv[0])):
        out.append(
            VersionView(
                int(key),
                str(asset.get("author", "")),
                {f: str(asset[f]) for f in EDITABLE_FIELDS if asset.get(f)},
                [str(n) for n in asset.get("revision_notes") or []],
            )
        )
    return out


def diff_lines(old: Mapping[str, str], new: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """Word-level diff of two versions' fields as ``(field, op, text)`` with op in ``' '``, ``'-'``, ``'+'``."""
    out: list[tuple[str, str, str]] = []
    for name in EDITABLE_FIELDS:
        a, b = str(old.get(name) or ""), str(new.get(name) or "")
        if a == b:
            continue
        wa, wb = a.split(), b.split()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
            if tag == "equal":
                out.append((name, " ", " ".join(wa[i1:i2])))
                continue
            if i2 > i1:
                out.append((name, "-", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append((name, "+", " ".join(wb[j1:j2])))
    return out


def restored_fields(versions: Mapping[str, Mapping[str, Any]], asset_id: str, version: int) -> dict[str, str]:
    """The text fields of an earlier version, for a restore.

    Raises:
        KeyError: the version was never recorded.
    """
    asset = (versions.get(asset_id) or {}).get(str(version))
    if asset is None:
        known = ", ".join(sorted((versions.get(asset_id) or {}), key=int)) or "none"
        raise KeyError(f"asset {asset_id} has no version {version} (recorded: {known})")
    return {f: str(asset.get(f) or "") for f in EDITABLE_FIELDS if asset.get(f) is not None}
