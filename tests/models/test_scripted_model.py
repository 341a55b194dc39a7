"""The scripted fake model fails a test that leaves script steps unconsumed (fixture teardown check)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from tests.fakes import ScriptedModels, ScriptExhaustedError, ScriptLeftoverError, reply


def test_a_fully_used_script_passes_the_check(scripted_model: ScriptedModels) -> None:
    model = scripted_model(reply("one"), "two")
    assert model.invoke([HumanMessage("a")]).content == "one"
    assert model.invoke([HumanMessage("b")]).content == "two"


def test_unconsumed_steps_fail_the_check() -> None:
    models = ScriptedModels()
    used = models(reply("one"))
    left = models(reply("one"), reply("two"), reply("three"), model_name="planner-fake")
    used.invoke([HumanMessage("a")])
    left.invoke([HumanMessage("a")])
    with pytest.raises(
        ScriptLeftoverError, match=r"'planner-fake' scripted for 3 calls but called 1 times: 2 step"
    ):
        models.check()


def test_one_call_too_many_fails_at_the_call() -> None:
    models = ScriptedModels()
    model = models(reply("only"))
    model.invoke([HumanMessage("a")])
    with pytest.raises(ScriptExhaustedError, match="called 2 times but scripted for 1"):
        model.invoke([HumanMessage("b")])
    models.check()


def test_plain_models_lack_native_structured_output() -> None:
    from langchain_core.language_models.chat_models import BaseChatModel

    models = ScriptedModels()
    model = models(reply("x"), plain=True)
    assert type(model).__name__ == "ScriptedChatModel"
    assert type(model).bind_tools is BaseChatModel.bind_tools
    model.invoke([HumanMessage("a")])
    models.check()
