"""UsageTracker: calls, tokens and cost per agent, thread-safe."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from fakes import ScriptedChatModel, reply
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, Generation, LLMResult

from graph.models.usage import PriceTable, UsageTracker


def _result(input_tokens: int, output_tokens: int, model: str | None = None) -> LLMResult:
    message = AIMessage(
        content="ok",
        usage_metadata={
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens,
        },
        response_metadata={"model_name": model} if model else {},
    )
    return LLMResult(generations=[[ChatGeneration(message=message)]])


def _call(
    tracker: UsageTracker,
    *,
    metadata: dict[str, str] | None = None,
    tags: list[str] | None = None,
    tokens: tuple[int, int] = (10, 5),
    model: str | None = None,
) -> None:
    run_id = uuid.uuid4()
    tracker.on_chat_model_start({}, [[]], run_id=run_id, tags=tags, metadata=metadata)
    tracker.on_llm_end(_result(*tokens, model=model), run_id=run_id)


def test_counts_per_agent_through_real_callbacks() -> None:
    tracker = UsageTracker()
    model = ScriptedChatModel(
        script=[reply("a", usage=(120, 30)), reply("b", usage=(80, 10)), reply("c", usage=(5, 5))],
        model_name="gpt-4o-mini",
    )
    model.invoke("x", config={"callbacks": [tracker], "metadata": {"agent": "planner"}})
    model.invoke("y", config={"callbacks": [tracker], "tags": ["agent:content"]})
    model.invoke("z", config={"callbacks": [tracker], "metadata": {"langgraph_node": "analytics"}})
    snap = tracker.snapshot()
    assert set(snap) == {"planner", "content", "analytics"}
    assert snap["planner"] == {
        "calls": 1,
        "errors": 0,
        "input_tokens": 120,
        "output_tokens": 30,
        "cost_usd": pytest.approx((120 * 0.15 + 30 * 0.60) / 1e6),
        "models": ["gpt-4o-mini"],
    }
    totals = tracker.totals()
    assert (totals["calls"], totals["input_tokens"], totals["output_tokens"]) == (3, 205, 45)
    assert totals["unpriced_models"] == []


def test_agent_precedence_and_unknown() -> None:
    tracker = UsageTracker()
    _call(tracker, metadata={"agent": "data", "langgraph_node": "content"}, tags=["agent:governance"])
    _call(tracker, metadata={"langgraph_node": "content"}, tags=["agent:governance"])
    _call(tracker)
    assert {a: s["calls"] for a, s in tracker.snapshot().items()} == {
        "data": 1,
        "governance": 1,
        "unknown": 1,
    }


def test_token_usage_from_llm_output_when_no_usage_metadata() -> None:
    tracker = UsageTracker()
    run_id = uuid.uuid4()
    tracker.on_llm_start(
        {}, ["prompt"], run_id=run_id, metadata={"agent": "judge", "ls_model_name": "gpt-4o"}
    )
    tracker.on_llm_end(
        LLMResult(
            generations=[[Generation(text="t")]],
            llm_output={"token_usage": {"prompt_tokens": 1000, "completion_tokens": 100}},
        ),
        run_id=run_id,
    )
    judge = tracker.snapshot()["judge"]
    assert (judge["input_tokens"], judge["output_tokens"]) == (1000, 100)
    assert judge["cost_usd"] == pytest.approx((1000 * 2.5 + 100 * 10.0) / 1e6)


def test_errors_are_counted_separately() -> None:
    tracker = UsageTracker()
    model = ScriptedChatModel(script=[ConnectionRefusedError("down")])
    with pytest.raises(ConnectionRefusedError):
        model.invoke("x", config={"callbacks": [tracker], "metadata": {"agent": "optimizer"}})
    assert tracker.snapshot()["optimizer"]["errors"] == 1
    assert tracker.totals()["calls"] == 0


def test_price_lookup_prefix_provider_and_unpriced() -> None:
    table = PriceTable.load()
    assert table.lookup("gpt-4o-mini-2024-07-18") == table.lookup("gpt-4o-mini")
    assert table.lookup("gpt-4o-2024-08-06") == table.lookup("gpt-4o") != table.lookup("gpt-4o-mini")
    assert table.lookup("openai:gpt-4.1-nano") is not None
    assert table.lookup("models/gemini-2.5-pro") is not None
    assert table.lookup("smollm2-135m-instruct") is None and table.lookup(None) is None
    tracker = UsageTracker(prices=table)
    _call(tracker, metadata={"agent": "content", "ls_model_name": "smollm2"}, tokens=(1000, 1000))
    assert tracker.totals()["unpriced_models"] == ["smollm2"] and tracker.totals()["cost_usd"] == 0


def test_price_table_override_file(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("as_of: '2030-01'\nmodels:\n  my-model: {input: 1.0, output: 2.0}\n", encoding="utf-8")
    tracker = UsageTracker(prices=path)
    _call(tracker, metadata={"agent": "planner", "ls_model_name": "my-model"}, tokens=(500_000, 250_000))
    assert tracker.totals()["cost_usd"] == pytest.approx(1.0)
    assert tracker.prices.as_of == "2030-01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot be read"),
        ("models: [1, 2", "is not valid YAML"),
        ("as_of: x\n", "has no 'models' mapping"),
        ("models:\n  m: {input: cheap, output: 1}\n", "model 'm' needs numeric 'input' and 'output'"),
        ("models:\n  m: {input: 1}\n", "model 'm' needs numeric"),
        ("models:\n  m: {input: -1, output: 1}\n", "model 'm' has a negative price"),
    ],
)
def test_bad_price_files_are_named(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "p.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        PriceTable.load(path)
    assert str(path) in str(info.value)


def test_thread_safe_counting() -> None:
    tracker = UsageTracker()
    agents = ["planner", "content", "data", "governance"]

    def worker(agent: str) -> None:
        for _ in range(250):
            _call(tracker, metadata={"agent": agent, "ls_model_name": "gpt-4o-mini"}, tokens=(3, 2))

    threads = [threading.Thread(target=worker, args=(a,)) for a in agents for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    snap = tracker.snapshot()
    assert all(snap[a]["calls"] == 500 and snap[a]["input_tokens"] == 1500 for a in agents)
    assert tracker.totals()["calls"] == 2000
    tracker.reset()
    assert tracker.snapshot() == {} and tracker.totals()["calls"] == 0
