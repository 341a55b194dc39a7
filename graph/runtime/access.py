"""Who is using the app and what they may do: approvals, launches, budget changes and the kill-switch.

Identity comes from the identity provider when Streamlit's ``st.login`` is configured (``st.user``), else
from a trusted proxy header, else it is the local OS user. With ``LIFTOFF_APPROVERS`` set only listed
identities are approvers; without it the local user is. The graph enforces the same rule on resume.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

IDENTITY_CLAIMS = ("email", "preferred_username", "name", "sub")
"""Claims of ``st.user`` tried in order for the approver identity."""


@dataclass(frozen=True)
class Access:
    """The current user and their rights.

    Attributes:
        identity: Who acts (recorded on every decision), or None when sign-in is required first.
        source: 'login' (identity provider), 'header' (trusted proxy header) or 'local' (OS user).
        can_approve: True when the identity may approve, launch, change budgets and use the kill-switch.
        needs_login: True when an identity provider is configured and the user has not signed in.
        reason: Why the user cannot approve ('' when they can).
    """

    identity: str | None
    source: str
    can_approve: bool
    needs_login: bool = False
    reason: str = ""


def local_user() -> str:
    """The OS user running the app (the CLI's default approver too), or 'local'."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):
        return "local"


def resolve_access(user: Mapping[str, Any], approvers: tuple[str, ...], local: str) -> Access:
    """Decide identity and rights from ``st.user``'s content, the approver list and the local user.

    Args:
        user: ``st.user`` as a dict (has ``is_logged_in`` only when an identity provider is configured).
        approvers: ``Settings.approvers`` (empty: whoever runs the app locally approves).
        local: The local OS user.
    """
    if "is_logged_in" in user:
        if not user.get("is_logged_in"):
            return Access(None, "login", False, needs_login=True, reason="sign in to review and approve")
        identity = next((str(user[c]) for c in IDENTITY_CLAIMS if user.get(c)), None)
        source = "login"
    else:
        identity = next((str(user[c]) for c in IDENTITY_CLAIMS if user.get(c)), None)
        source = "header" if identity else "local"
        identity = identity or local
    if identity is None:
        return Access(None, source, False, reason="the identity provider gave no email or name")
    if approvers and identity not in approvers:
        return Access(identity, source, False, reason=f"{identity} is not in LIFTOFF_APPROVERS")
    return Access(identity, source, True)
