"""Record and replay model traffic per case as vcrpy cassettes.

``--record`` stores each case run's HTTP traffic in ``<cassettes>/<cohort>/<suite>/<case>.r<k>.yaml``, where the
cohort names the model and the prompt versions; ``--replay`` serves the same requests from those files with
vcrpy's record mode ``none``: no network, no key, and a request that is not in the cassette raises instead of
going live. A missing cassette is an error before any case runs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from evals.results import write_atomic

Mode = Literal["live", "record", "replay"]
DEFAULT_CASSETTES = Path(__file__).resolve().parent / "cassettes"
SENSITIVE_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "x-goog-api-key",
    "anthropic-api-key",
)
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body")
KEEP_REQUEST_HEADERS = frozenset({"content-type", "accept"})
REPLAY_KEY = "replay-no-key"
"""Dummy API key set during replay for providers whose client insists on one (never sent anywhere)."""


class ReplayError(ValueError):
    """Cassettes are missing or do not belong to this run; the message names the path and the fix."""


def slug(text: str) -> str:
    """File-name-safe form of a model spec or version."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "x"


def cohort_name(model: str, models: dict[str, str], prompts: dict[str, str]) -> str:
    """Directory name of a cohort: the default model, per-agent overrides and the prompt versions."""
    overrides = sorted((a, m) for a, m in models.items() if m != model)
    versions = sorted((agent, ref.split("@", 1)[1].split("#", 1)[0]) for agent, ref in prompts.items())
    parts = [slug(model), *(f"{a}={slug(m)}" for a, m in overrides)]
    return "__".join(["+".join(parts), ".".join(f"{a}-{slug(v)}" for a, v in versions) or "default"])


@dataclass
class Cassettes:
    """The cassettes of one cohort.

    Attributes:
        root: The cohort directory.
        mode: live, record or replay.
    """

    root: Path
    mode: Mode

    def path(self, suite: str, case_id: str, repeat: int) -> Path:
        """Cassette file of one case run."""
        return self.root / slug(suite) / f"{slug(case_id)}.r{repeat}.yaml"

    def manifest_path(self) -> Path:
        """Where the cohort's manifest (model, base URL, prompt refs) lives."""
        return self.root / "manifest.json"

    def write_manifest(self, facts: dict[str, Any]) -> None:
        """Record what the cassettes were recorded with."""
        data = {**facts, "recorded_at": datetime.now(UTC).isoformat(timespec="seconds")}
        write_atomic(self.manifest_path(), json.dumps(data, indent=1, sort_keys=True))

    def read_manifest(self) -> dict[str, Any]:
        """Read the cohort's manifest.

        Raises:
            ReplayError: when the cohort was never recorded.
        """
        path = self.manifest_path()
        if not path.is_file():
            others = (
                sorted(p.name for p in self.root.parent.iterdir() if p.is_dir())
                if self.root.parent.is_dir()
                else []
            )
            hint = f" (recorded cohorts: {', '.join(others)})" if others else ""
            raise ReplayError(f"no recorded cohort at {self.root}{hint}: record it with --record")
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ReplayError(f"cassette manifest {path} cannot be read: {exc}") from None
        return data

    def check_replayable(self, prompts: dict[str, str], wanted: list[tuple[str, str, int]]) -> dict[str, Any]:
        """Check every cassette exists and the prompts are the recorded ones; return the manifest.

        Raises:
            ReplayError: naming the missing cassettes or the prompt whose content changed.
        """
        manifest = self.read_manifest()
        recorded = manifest.get("prompts") or {}
        changed = [
            f"{a}: recorded {recorded[a]}, now {ref}"
            for a, ref in sorted(prompts.items())
            if a in recorded and recorded[a] != ref
        ]
        if changed:
            raise ReplayError(
                "prompt content changed since the cassettes were recorded ("
                + "; ".join(changed)
                + "): re-record with --record"
            )
        missing = [self.path(s, c, r) for s, c, r in wanted if not self.path(s, c, r).is_file()]
        if missing:
            shown = ", ".join(str(p) for p in missing[:5]) + (
                f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            )
            raise ReplayError(
                f"replay: {len(missing)} cassette(s) missing: {shown}; record them with --record"
            )
        return manifest

    @contextmanager
    def use(self, suite: str, case_id: str, repeat: int) -> Iterator[Any]:
        """Record or replay one case run's HTTP traffic; yields the vcrpy cassette (None in live mode)."""
        if self.mode == "live":
            yield None
            return
        import vcr  # lazy: dev-only dependency

        path = self.path(suite, case_id, repeat)
        if self.mode == "record":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)  # re-record from scratch
        recorder = vcr.VCR(
            record_mode="all" if self.mode == "record" else "none",
            match_on=MATCH_ON,
            filter_headers=list(SENSITIVE_HEADERS),
            decode_compressed_response=True,
            before_record_request=_scrub_request,
        )
        with recorder.use_cassette(str(path)) as cassette:
            yield cassette


def describe_request(request: Any) -> str:
    """A short label of a recorded request: method, path and the schema or tool it asked for."""
    label = f"{request.method} {request.path}"
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, TypeError):
        return label
    if not isinstance(body, dict):
        return label
    fmt = (body.get("response_format") or {}).get("json_schema") or {}
    tools = [t.get("function", {}).get("name") for t in body.get("tools") or []]
    what = fmt.get("name") or ",".join(filter(None, tools)) or "text"
    return f"{label} [{what}]"


def _scrub_request(request: Any) -> Any:
    """Keep only content headers in cassettes: no keys, no client fingerprints (x-stainless-*)."""
    for name in list(request.headers):
        if name.lower() not in KEEP_REQUEST_HEADERS:
            del request.headers[name]
    return request


@contextmanager
def replay_environment(provider_key_env: str | None) -> Iterator[None]:
    """During replay, give the provider client a dummy key (clients refuse to start without one)."""
    if not provider_key_env or os.environ.get(provider_key_env):
        yield
        return
    os.environ[provider_key_env] = REPLAY_KEY
    try:
        yield
    finally:
        if os.environ.get(provider_key_env) == REPLAY_KEY:
            del os.environ[provider_key_env]
