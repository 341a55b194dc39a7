"""Autonomy dial parsing, prompt versioning and the state reducers."""

from pathlib import Path

import pytest

from graph.models.prompts import PromptError, available_versions, load_prompt
from graph.review.autonomy import Autonomy, AutonomyError
from graph.runtime.settings import ConfigError, Settings
from graph.state import add_usage, merge_by_key


def test_autonomy_most_specific_rule_wins() -> None:
    dial = Autonomy.parse("default=assisted,sms=manual,email:EU=manual,segment:lapsed=auto")
    assert dial.level("sms", "US") == "manual"
    assert dial.level("email", "EU") == "manual"
    assert dial.level("email", "US") == "assisted"
    assert dial.level("email", "US", "lapsed") == "auto"
    assert Autonomy.parse(dial.to_spec()) == dial


@pytest.mark.parametrize("spec", ["sms=yolo", "fax=manual", "segment=manual"])
def test_autonomy_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(AutonomyError):
        Autonomy.parse(spec)


def test_prompt_versions_are_recorded_and_selectable(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    for v in ("v1", "v2", "v10"):
        (tmp_path / "content" / f"{v}.yaml").write_text(
            f"agent: content\nversion: {v}\ntasks:\n  draft:\n    system: s{v}\n    user: u\n"
        )
    assert available_versions("content", tmp_path) == ["v1", "v2", "v10"]
    newest = load_prompt("content", None, tmp_path)
    assert newest.version == "v10" and newest.ref.startswith("content@v10#")
    older = load_prompt("content", "v1", tmp_path)
    assert older.hash != newest.hash
    messages = older.render("draft", {"x": 1})
    assert messages[0].content == "sv1" and '"x": 1' in messages[1].content
    with pytest.raises(PromptError, match="not found"):
        load_prompt("content", "v3", tmp_path)


def test_shipped_prompts_load() -> None:
    for agent in ("planner", "content", "data"):
        assert load_prompt(agent, None, Settings().prompts_dir).tasks


def test_settings_prompt_and_agent_overrides() -> None:
    s = Settings.from_env(
        {
            "LIFTOFF_PROMPTS": "content=v2,planner=v1",
            "LIFTOFF_AGENTS": "planner,content,governance,orchestrator,analytics",
            "LIFTOFF_MODEL_CONTENT": "openai:gpt-4o-mini",
        }
    )
    assert s.prompt_versions == {"content": "v2", "planner": "v1"}
    assert "data" not in s.agents
    assert s.model_for("content") == "openai:gpt-4o-mini" and s.model_for("planner") == "offline"
    with pytest.raises(ConfigError, match="LIFTOFF_AGENTS: unknown agents"):
        Settings.from_env({"LIFTOFF_AGENTS": "planner,wizard"})
    assert Settings.from_env({"LIFTOFF_AGENTS": "minimum,optimizer"}).agents == (
        "planner",
        "content",
        "governance",
        "orchestrator",
        "optimizer",
        "analytics",
    )
    with pytest.raises(ConfigError, match="LIFTOFF_MAX_REVISIONS"):
        Settings.from_env({"LIFTOFF_MAX_REVISIONS": "two"})


def test_reducers() -> None:
    merged = merge_by_key({"a": {"version": 2, "x": 1}}, {"a": {"version": 1, "x": 0}, "b": {"version": 1}})
    assert merged == {"a": {"version": 2, "x": 1}, "b": {"version": 1}}
    usage = add_usage(
        {"planner": {"calls": 1, "input_tokens": 5, "paths": {"native": 1}}},
        {"planner": {"calls": 2, "output_tokens": 3, "paths": {"native": 1, "json_repair": 1}}},
    )
    assert usage["planner"]["calls"] == 3 and usage["planner"]["paths"] == {"native": 2, "json_repair": 1}
