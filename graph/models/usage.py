"""Per-agent LLM usage: calls, tokens and estimated cost, from LangChain callbacks.

Attach one ``UsageTracker`` to a run (``config={"callbacks": [tracker]}``); every chat-model call
under it is attributed to an agent taken from the run metadata (``metadata["agent"]``), a tag
``agent:<name>``, or LangGraph's ``langgraph_node``, in that order.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGeneration, LLMResult

DEFAULT_PRICES = Path(__file__).with_name("prices.yaml")
UNKNOWN_AGENT = "unknown"


@dataclass(frozen=True)
class Price:
    """USD per one million input and output tokens."""

    input: float
    output: float


@functools.lru_cache(maxsize=16)
def _load_prices(source: Path, mtime_ns: int) -> PriceTable:
    """One parse per price file version: a tracker is built for every model call."""
    return PriceTable.parse(source)


@dataclass(frozen=True)
class PriceTable:
    """Model name -> price, matched exactly or by the longest listed prefix.

    Attributes:
        prices: Price per model key.
        as_of: Date the prices were copied (informative).
    """

    prices: dict[str, Price]
    as_of: str = ""

    @classmethod
    def load(cls, path: str | Path | None = None) -> PriceTable:
        """Load a price table from YAML (default: the bundled ``prices.yaml``).

        Raises:
            ValueError: when the file is missing or malformed (the message names the file and key).
        """
        source = Path(path) if path else DEFAULT_PRICES
        try:
            return _load_prices(source.resolve(), source.stat().st_mtime_ns)
        except OSError as exc:
            raise ValueError(f"price table {source} cannot be read: {exc.strerror or exc}") from exc

    @classmethod
    def parse(cls, source: Path) -> PriceTable:
        """Read and validate one price file (uncached; :meth:`load` caches by file and mtime)."""
        try:
            data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ValueError(f"price table {source} cannot be read: {exc.strerror or exc}") from exc
        except yaml.YAMLError as exc:
            raise ValueError(f"price table {source} is not valid YAML: {exc}") from exc
        models = data.get("models") if isinstance(data, dict) else None
        if not isinstance(models, dict):
            raise ValueError(f"price table {source} has no 'models' mapping")
        prices: dict[str, Price] = {}
        for name, entry in models.items():
            try:
                price = Price(input=float(entry["input"]), output=float(entry["output"]))
            except (TypeError, KeyError, ValueError) as exc:
                raise ValueError(
                    f"price table {source}: model {name!r} needs numeric 'input' and 'output'"
                ) from exc
            if price.input < 0 or price.output < 0:
                raise ValueError(f"price table {source}: model {name!r} has a negative price")
            prices[str(name).lower()] = price
        return cls(prices=prices, as_of=str(data.get("as_of", "")))

    def lookup(self, model: str | None) -> Price | None:
        """Return the price of a model name (provider prefix ignored), or None when unlisted."""
        if not model:
            return None
        name = (
            model.lower().split(":", 1)[-1]
            if ":" in model and not model.lower().startswith("ft:")
            else model.lower()
        )
        name = name.rsplit("/", 1)[-1]
        if name in self.prices:
            return self.prices[name]
        best = max((k for k in self.prices if name.startswith(k)), key=len, default=None)
        return self.prices[best] if best else None


@dataclass
class _Counter:
    calls: int = 0
    errors: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    models: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "errors": self.errors,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost_usd": round(self.cost_usd, 6),
            "models": sorted(self.models),
        }


class UsageTracker(BaseCallbackHandler):
    """Thread-safe LangChain callback counting LLM calls, tokens and cost per agent.

    Args:
        prices: A ``PriceTable``, a path to a price YAML, or None for the bundled table.
    """

    raise_error = False

    def __init__(self, prices: PriceTable | str | Path | None = None) -> None:
        super().__init__()
        self.prices = prices if isinstance(prices, PriceTable) else PriceTable.load(prices)
        self._lock = threading.Lock()
        self._runs: dict[UUID, tuple[str, str | None]] = {}
        self._agents: dict[str, _Counter] = {}
        self._unpriced: set[str] = set()

    # -- callbacks -------------------------------------------------------------------------------
    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """Remember which agent and model a chat-model run belongs to."""
        self._start(run_id, tags, metadata)

    def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """Remember which agent and model a completion-model run belongs to."""
        self._start(run_id, tags, metadata)

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        """Count one call and its tokens."""
        input_tokens, output_tokens, reported_model = _usage(response)
        with self._lock:
            agent, model = self._runs.pop(run_id, (UNKNOWN_AGENT, None))
            model = model or reported_model
            counter = self._agents.setdefault(agent, _Counter())
            counter.calls += 1
            counter.input_tokens += input_tokens
            counter.output_tokens += output_tokens
            if model:
                counter.models.add(model)
                price = self.prices.lookup(model)
                if price is None:
                    self._unpriced.add(model)
                else:
                    counter.cost_usd += (
                        input_tokens * price.input + output_tokens * price.output
                    ) / 1_000_000

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        """Count a failed call (no tokens)."""
        with self._lock:
            agent, model = self._runs.pop(run_id, (UNKNOWN_AGENT, None))
            counter = self._agents.setdefault(agent, _Counter())
            counter.errors += 1
            if model:
                counter.models.add(model)

    # -- reading ---------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Return {agent: {calls, errors, input_tokens, output_tokens, cost_usd, models}}."""
        with self._lock:
            return {agent: c.as_dict() for agent, c in sorted(self._agents.items())}

    def totals(self) -> dict[str, Any]:
        """Return the sums over agents plus ``unpriced_models`` (models counted at cost 0)."""
        with self._lock:
            counters = list(self._agents.values())
            unpriced = sorted(self._unpriced)
        return {
            "calls": sum(c.calls for c in counters),
            "errors": sum(c.errors for c in counters),
            "input_tokens": sum(c.input_tokens for c in counters),
            "output_tokens": sum(c.output_tokens for c in counters),
            "cost_usd": round(sum(c.cost_usd for c in counters), 6),
            "unpriced_models": unpriced,
        }

    def reset(self) -> None:
        """Forget every count."""
        with self._lock:
            self._runs.clear()
            self._agents.clear()
            self._unpriced.clear()

    def _start(self, run_id: UUID, tags: list[str] | None, metadata: dict[str, Any] | None) -> None:
        meta = metadata or {}
        agent = (
            meta.get("agent")
            or next((t.split(":", 1)[1] for t in tags or [] if t.startswith("agent:")), None)
            or meta.get("langgraph_node")
            or UNKNOWN_AGENT
        )
        model = meta.get("ls_model_name")
        with self._lock:
            self._runs[run_id] = (str(agent), str(model) if model else None)


def _usage(response: LLMResult) -> tuple[int, int, str | None]:
    """Return (input tokens, output tokens, model name) of a result, from usage_metadata or llm_output."""
    input_tokens = output_tokens = 0
    model: str | None = None
    found = False
    for generations in response.generations:
        for gen in generations:
            if isinstance(gen, ChatGeneration):
                usage = getattr(gen.message, "usage_metadata", None)
                if usage:
                    input_tokens += int(usage.get("input_tokens", 0) or 0)
                    output_tokens += int(usage.get("output_tokens", 0) or 0)
                    found = True
                meta = getattr(gen.message, "response_metadata", None) or {}
                model = model or meta.get("model_name") or meta.get("model")
    llm_output = response.llm_output or {}
    if not found:
        token_usage = llm_output.get("token_usage") or llm_output.get("usage") or {}
        input_tokens = int(token_usage.get("prompt_tokens", token_usage.get("input_tokens", 0)) or 0)
        output_tokens = int(token_usage.get("completion_tokens", token_usage.get("output_tokens", 0)) or 0)
    model = model or llm_output.get("model_name")
    return input_tokens, output_tokens, model
