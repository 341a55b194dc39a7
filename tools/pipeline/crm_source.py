"""What the pipeline reads from the CRM store: contacts (for accounts) and a list's treated members (for reach).

Read-only queries through :meth:`tools.crm.store.CRMStore.session`, the store's lock-holding accessor; nothing
personal is read (ids, region, firmographics and the surname an account is named after).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.pipeline.seed import ContactColumns


def source_key(crm: Any) -> str:
    """Key of the CRM's synthetic data (seed, size, as_of): the pipeline reseeds when it changes.

    Raises:
        ValueError: when the CRM holds no contacts.
    """
    meta = crm.meta()
    if crm.is_empty():
        raise ValueError(f"the CRM store {crm.path} holds no contacts; seed it first (liftoff data seed)")
    return f"crm:{meta.get('seed')}:{meta.get('contacts')}:{meta.get('as_of')}"


def read_contacts(crm: Any) -> ContactColumns:
    """Every contact's id, region, industry, company size, lifecycle stage and surname, by contact id."""
    with crm.session() as db:
        rows = db.execute(
            "SELECT contact_id, region, industry, company_size, lifecycle_stage, last_name"
            " FROM contacts ORDER BY contact_id"
        ).fetchall()
    cols = list(zip(*rows, strict=True)) if rows else [()] * 6
    return ContactColumns(
        np.asarray(cols[0], dtype=np.int64), *(np.asarray(c, dtype=object) for c in cols[1:])
    )


def treated_members(crm: Any, list_id: str) -> list[tuple[int, str]]:
    """(contact id, region) of a list's non-holdout members: the people its programs reach."""
    with crm.session() as db:
        rows = db.execute(
            "SELECT contact_id, region FROM list_members WHERE list_id = ? AND holdout = 0"
            " ORDER BY contact_id",
            [list_id],
        ).fetchall()
    return [(int(c), str(r)) for c, r in rows]
