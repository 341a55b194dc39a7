"""Settings read once from the environment at the edge (CLI, app, server) and passed down."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.contracts.common import CHANNELS
from graph.models.resilience import CallPolicy, PolicyError

AGENTS: tuple[str, ...] = (
    "planner",
    "content",
    "data",
    "governance",
    "orchestrator",
    "optimizer",
    "analytics",
)
"""Every agent of the graph, in pipeline order."""

REQUIRED_AGENTS = ("planner", "content", "governance", "orchestrator", "analytics")
"""The minimum agent set; Data and Optimizer are optional (``LIFTOFF_AGENTS``)."""

AGENT_SETS: dict[str, tuple[str, ...]] = {"minimum": REQUIRED_AGENTS, "all": AGENTS}
"""Named agent sets ``--agents`` accepts besides a comma-separated list."""


def agent_set(spec: str | Sequence[str] | None, default: Sequence[str] = AGENTS) -> tuple[str, ...]:
    """Resolve an agent-set setting ('minimum', 'minimum,optimizer', 'all', 'planner,content,...' or a list).

    Returns:
        The agents in pipeline order.

    Raises:
        ValueError: on an unknown agent, or a set without every required agent.
    """
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        names: Sequence[str] = default
    else:  # a named set may be extended: 'minimum,optimizer'
        items = [a.strip() for a in spec.split(",")] if isinstance(spec, str) else list(spec)
        names = [n for a in items if a for n in AGENT_SETS.get(a, (a,))]
    unknown = sorted(set(names) - set(AGENTS))
    if unknown:
        raise ValueError(
            f"unknown agents: {', '.join(unknown)} (known: {', '.join(AGENTS)}; or {' / '.join(AGENT_SETS)})"
        )
    missing = sorted(set(REQUIRED_AGENTS) - set(names))
    if missing:
        raise ValueError(
            f"the agent set needs {', '.join(missing)} (the minimum set is {', '.join(REQUIRED_AGENTS)})"
        )
    return tuple(a for a in AGENTS if a in names)


REPO_ROOT = Path(__file__).resolve().parents[2]
"""Repository root (where brand_library/, prompts/ and examples/ live)."""


class ConfigError(ValueError):
    """A setting is invalid; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable, resolved once.

    Attributes:
        home: State directory; every store lives under it unless configured elsewhere.
        model: Default model spec ('offline', 'provider:model', or a model name with openai_base_url).
        agent_models: Per-agent model overrides.
        openai_base_url: Base URL of an OpenAI-compatible server, if any.
        brand: Default brand slug.
        brand_library_dir: Directory holding brand libraries (slugs are looked up here, then in
            ``home/brands`` where brands added from the app live).
        library_max_bytes: Size limit of one brand-library file (brand.yaml, claims.yaml) and of a segment file.
        chroma_host: Chroma server host; None means an embedded PersistentClient under home.
        chroma_port: Chroma server port.
        embeddings: 'local' (all-MiniLM-L6-v2 shipped on PyPI) or 'openai:<model>'.
        approvers: Identities allowed to approve; empty means the local user is the approver.
        max_revisions: Bound on governance -> content revision rounds.
        approval_threshold: Budget change (fraction of a channel's budget) above which a human approves.
        prompt_versions: Per-agent prompt version overrides ('agent=version').
        prompts_dir: Directory of versioned prompts (``<agent>/<version>.yaml``); a scratch copy lets prompt
            engineers try versions without touching the repository.
        check_date: Date claims are checked against (YYYY-MM-DD); None means today.
        autonomy: Autonomy dial spec, e.g. 'assisted' or 'default=assisted,sms=manual,email:EU=manual'.
        launch_days: Simulated days the launch run optimizes before its first scorecard.
        seed: Seed of the sandbox simulation and holdout draws.
        crm_contacts: Size of the synthetic CRM dataset seeded on first use.
        agents: Agents that run for a campaign (Planner, Content, Governance, Orchestrator, Analytics required).
        connectors: Connector spec per channel ('sandbox', 'smtp://...', 'webhook+https://...'); missing = sandbox.
        retention_days: Age in days after which PII-bearing records are purged (``liftoff retention purge``).
        model_policy: Per-call timeout, per-run deadline, retries and breaker of model calls
            (``LIFTOFF_MODEL_TIMEOUT``, ``LIFTOFF_MODEL_DEADLINE``, ``LIFTOFF_MODEL_ATTEMPTS``, ...).
        database_url: ``LIFTOFF_DATABASE_URL`` (``postgresql://...``): every piece of shared state (checkpoints,
            campaign registry, event log, ledger, outbox, programs, kill-switch, lifecycle, locks, list exports,
            CRM lists) lives on this PostgreSQL instead of files under ``home``; None keeps the embedded files.
        server_url: ``LIFTOFF_SERVER_URL``: the CLI, app and scheduler drive campaigns on this LangGraph server.
        max_campaign_budget: Organisation-wide ceiling on one campaign's budget, in USD (a brief above it is
            asked about, never planned).
        optimizer_max_step: Largest budget move of one channel in one optimizer cycle (fraction of its budget);
            a human may approve more by editing the change.
        optimizer_min_arm_spend: Money each channel must have spent before the optimizer moves any budget.
    """

    home: Path = field(default_factory=lambda: Path(".liftoff").resolve())
    model: str = "offline"
    agent_models: Mapping[str, str] = field(default_factory=dict)
    openai_base_url: str | None = None
    brand: str = "brightwell"
    brand_library_dir: Path = REPO_ROOT / "brand_library"
    library_max_bytes: int = 2 * 1024 * 1024
    chroma_host: str | None = None
    chroma_port: int = 8000
    embeddings: str = "local"
    approvers: tuple[str, ...] = ()
    max_revisions: int = 2
    approval_threshold: float = 0.2
    prompt_versions: Mapping[str, str] = field(default_factory=dict)
    prompts_dir: Path = REPO_ROOT / "prompts"
    check_date: str | None = None
    autonomy: str = "assisted"
    launch_days: int = 3
    seed: int = 7
    crm_contacts: int = 100_000
    agents: tuple[str, ...] = AGENTS
    connectors: Mapping[str, str] = field(default_factory=dict)
    retention_days: int = 90
    model_policy: CallPolicy = field(default_factory=CallPolicy)
    database_url: str | None = None
    server_url: str | None = None
    max_campaign_budget: float = 10_000_000.0
    optimizer_max_step: float = 0.30
    optimizer_min_arm_spend: float = 50.0

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, base_dir: Path | None = None, **overrides: object
    ) -> Settings:
        """Build settings from environment variables, then apply explicit overrides.

        Args:
            env: Mapping to read (defaults to ``os.environ``).
            base_dir: Directory a relative ``LIFTOFF_HOME`` is taken from, joined without touching the file
                system (a server's event loop must not block on ``os.getcwd``); None: the working directory.
            **overrides: Field values that win over the environment (e.g. from CLI flags).

        Raises:
            ConfigError: when a variable has an invalid value.
        """
        env = os.environ if env is None else env
        agent_models = {
            a: env[f"LIFTOFF_MODEL_{a.upper()}"] for a in AGENTS if env.get(f"LIFTOFF_MODEL_{a.upper()}")
        }
        values: dict[str, object] = {
            "home": _home(env.get("LIFTOFF_HOME", ".liftoff"), base_dir),
            "model": env.get("LIFTOFF_MODEL", "offline").strip() or "offline",
            "agent_models": agent_models,
            "openai_base_url": env.get("OPENAI_BASE_URL") or None,
            "brand": env.get("LIFTOFF_BRAND", "brightwell"),
            "brand_library_dir": Path(
                env.get("LIFTOFF_BRAND_LIBRARY", str(REPO_ROOT / "brand_library"))
            ).expanduser(),
            "library_max_bytes": _int(env, "LIFTOFF_LIBRARY_MAX_BYTES", 2 * 1024 * 1024),
            "chroma_host": env.get("CHROMA_HOST") or None,
            "chroma_port": _int(env, "CHROMA_PORT", 8000),
            "embeddings": env.get("LIFTOFF_EMBEDDINGS", "local"),
            "approvers": tuple(a.strip() for a in env.get("LIFTOFF_APPROVERS", "").split(",") if a.strip()),
            "max_revisions": _int(env, "LIFTOFF_MAX_REVISIONS", 2),
            "approval_threshold": _float(env, "LIFTOFF_APPROVAL_THRESHOLD", 0.2),
            "prompt_versions": parse_prompt_versions(env.get("LIFTOFF_PROMPTS", "")),
            "prompts_dir": Path(env.get("LIFTOFF_PROMPTS_DIR", str(REPO_ROOT / "prompts"))),
            "check_date": env.get("LIFTOFF_CHECK_DATE") or None,
            "autonomy": env.get("LIFTOFF_AUTONOMY", "assisted"),
            "launch_days": _int(env, "LIFTOFF_LAUNCH_DAYS", 3),
            "seed": _int(env, "LIFTOFF_SEED", 7),
            "crm_contacts": _int(env, "LIFTOFF_CRM_CONTACTS", 100_000),
            "agents": _agents(env.get("LIFTOFF_AGENTS", "")),
            "connectors": {
                ch: env[f"LIFTOFF_CONNECTOR_{ch.upper()}"].strip()
                for ch in CHANNELS
                if env.get(f"LIFTOFF_CONNECTOR_{ch.upper()}", "").strip()
            },
            "retention_days": _int(env, "LIFTOFF_RETENTION_DAYS", 90),
            "model_policy": _policy(env),
            "database_url": _database_url(env.get("LIFTOFF_DATABASE_URL", "")),
            "server_url": _server_url(env.get("LIFTOFF_SERVER_URL", "")),
            "max_campaign_budget": _float(env, "LIFTOFF_MAX_CAMPAIGN_BUDGET", 10_000_000.0),
            "optimizer_max_step": _float(env, "LIFTOFF_OPTIMIZER_MAX_STEP", 0.30),
            "optimizer_min_arm_spend": _float(env, "LIFTOFF_OPTIMIZER_MIN_ARM_SPEND", 50.0),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if float(values["max_campaign_budget"]) <= 0:  # type: ignore[arg-type]
            raise ConfigError(
                f"LIFTOFF_MAX_CAMPAIGN_BUDGET must be a positive amount in USD, got "
                f"{values['max_campaign_budget']!r}"
            )
        return cls(**values)  # type: ignore[arg-type]

    def with_overrides(self, **values: object) -> Settings:
        """A copy with some fields replaced, checked like the environment (for a run's JSON context).

        Raises:
            ConfigError: on an unknown field or an invalid value.
        """
        known = {f.name: f for f in dataclasses.fields(self)}
        out: dict[str, object] = {}
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            current = getattr(self, name)
            if name == "agents":
                try:
                    out[name] = agent_set(value if isinstance(value, str | list | tuple) else str(value))
                except ValueError as exc:
                    raise ConfigError(f"agents: {exc}") from None
            elif (
                isinstance(current, bool)
                or not isinstance(current, int | float | str)
                and current is not None
            ):
                raise ConfigError(f"setting {name!r} cannot be set per run")
            elif isinstance(current, int | float):
                try:
                    out[name] = type(current)(value)  # type: ignore[call-overload,arg-type]
                except (TypeError, ValueError):
                    raise ConfigError(f"{name} must be a {type(current).__name__}, got {value!r}") from None
            else:
                if not isinstance(value, str):
                    raise ConfigError(f"{name} must be a string, got {value!r}")
                out[name] = value
        return dataclasses.replace(self, **out)  # type: ignore[arg-type]

    def model_for(self, agent: str) -> str:
        """Return the model spec an agent uses (its override, else the default)."""
        return self.agent_models.get(agent, self.model)

    def store(self, name: str) -> Path | str:
        """Where a shared store lives: the database URL when one is set, else its file under the state directory.

        ``name`` is the store's embedded file name (``events.db``, ``ledger.db``, ``locks``, ...).
        """
        return self.database_url if self.database_url else self.path(name)

    def path(self, name: str) -> Path:
        """Return a path under the state directory, creating the directory."""
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home / name


def _policy(env: Mapping[str, str]) -> CallPolicy:
    try:
        return CallPolicy.from_env(env)
    except PolicyError as exc:
        raise ConfigError(str(exc)) from None


def _home(raw: str, base_dir: Path | None) -> Path:
    home = Path(raw).expanduser()
    if base_dir is None:
        return home.resolve()
    return home if home.is_absolute() else Path(os.path.normpath(base_dir / home))


def server_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings of a LangGraph server process: its environment, a relative home taken from the repository root.

    Pure (no file-system call), so it may run in the server's event loop.
    """
    return Settings.from_env(env, base_dir=REPO_ROOT)


def _database_url(raw: str) -> str | None:
    url = raw.strip()
    if not url:
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError(
            f"LIFTOFF_DATABASE_URL must be a postgresql:// URL, got {url.split('://')[0]!r}://..."
        )
    return url


def _server_url(raw: str) -> str | None:
    url = raw.strip().rstrip("/")
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"LIFTOFF_SERVER_URL must be an http(s):// URL, got {url!r}")
    return url


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be an integer, got {raw!r}") from exc


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a number, got {raw!r}") from exc


def _agents(raw: str) -> tuple[str, ...]:
    try:
        return agent_set(raw)
    except ValueError as exc:
        raise ConfigError(f"LIFTOFF_AGENTS: {exc}") from None


def parse_prompt_versions(raw: str) -> dict[str, str]:
    """Parse 'agent=version,agent2=version2' (a bare 'version' applies to every agent)."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if "=" in part:
            agent, version = (s.strip() for s in part.split("=", 1))
            if agent not in AGENTS and agent != "judge":
                raise ConfigError(f"LIFTOFF_PROMPTS names unknown agent {agent!r}")
            out[agent] = version
        else:
            out.update({a: part for a in AGENTS})
    return out
