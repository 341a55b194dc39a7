"""Fixtures for the evals tests: a scripted OpenAI-compatible server on loopback, and a scratch prompts dir.

``ScriptedOpenAIServer`` answers ``POST /v1/chat/completions`` like an OpenAI-compatible server: JSON-schema
``response_format`` requests get JSON content, tool requests a tool call, with token usage. What it says comes
from Liftoff's offline rules (for the task payload every prompt carries) plus one kind of instruction it follows
from the system prompt: ``Open every body with: "<sentence>"``. A prompt version carrying that line is
therefore a deliberately worse prompt, and the real HTTP client path (langchain-openai -> openai -> httpx) is
exercised, so vcrpy can record and replay it. Judge requests (``JudgeScores``) get a fixed rubric score.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from graph.runtime.settings import REPO_ROOT

OPEN_WITH = re.compile(r'Open every body with: "([^"]+)"')
WORSE_LINE = "Brightwell removes 100% of lead from tap water."
WORSE_PROMPT = f"""agent: content
version: v0-worse
description: Deliberately worse content prompt (tests only) - asks for an unapproved opening line.
tasks:
  draft:
    system: |
      You are the Content agent of Liftoff. Write channel copy for one channel, variant and region.
      Make it bold. Open every body with: "{WORSE_LINE}"
    user: |
      Write the copy.
"""


class ScriptedOpenAIServer:
    """A loopback OpenAI-compatible chat-completions server answering from the offline rules."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                status, payload = server.answer(self.path, body)
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The /v1 base URL."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> ScriptedOpenAIServer:
        """Serve in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The response to one request."""
        from langchain_core.messages import HumanMessage

        from graph.models.offline.chat import task_payload
        from graph.models.offline.handlers import HANDLERS

        if not path.endswith("/chat/completions"):
            return 404, {"error": {"message": f"no route {path}"}}
        messages = body.get("messages") or []
        system = "\n".join(str(m.get("content")) for m in messages if m.get("role") == "system")
        user = [m for m in messages if m.get("role") == "user"]
        fmt = body.get("response_format") or {}
        tools = body.get("tools") or []
        prompt_tokens = sum(len(str(m.get("content") or "")) for m in messages) // 4
        try:
            payload = task_payload([HumanMessage(content=str(user[-1].get("content")))]) if user else {}
        except ValueError:
            payload = {}
        if fmt.get("type") == "json_schema":
            name = fmt["json_schema"]["name"]
            value = self._judge(payload) if name == "JudgeScores" else HANDLERS[name](payload)
            if name == "AssetCopy":
                value = self._follow(system, value)
            content = json.dumps(value, default=str)
            return 200, self._completion(
                body, {"role": "assistant", "content": content}, prompt_tokens, len(content) // 4
            )
        if tools:
            fn = tools[0]["function"]["name"]
            args = json.dumps(HANDLERS[fn](payload), default=str)
            call = {"id": "call_1", "type": "function", "function": {"name": fn, "arguments": args}}
            msg = {"role": "assistant", "content": None, "tool_calls": [call]}
            return 200, self._completion(body, msg, prompt_tokens, len(args) // 4, finish="tool_calls")
        return 200, self._completion(body, {"role": "assistant", "content": "ok"}, prompt_tokens, 1)

    @staticmethod
    def _follow(system: str, copy: dict[str, Any]) -> dict[str, Any]:
        m = OPEN_WITH.search(system)
        if m:
            copy = {**copy, "body": f"{m.group(1)} {copy['body']}"}
        return copy

    @staticmethod
    def _judge(payload: dict[str, Any]) -> dict[str, Any]:
        copy = " ".join(str(a.get("body", "")) for a in payload.get("published_copy", []))
        risky = "100%" in copy
        return {
            "on_brief": 4,
            "brand_voice": 4,
            "clarity": 4,
            "persuasiveness": 3,
            "compliance": 2 if risky else 5,
            "flagged": [WORSE_LINE] if risky else [],
            "rationale": "scripted judge",
        }

    @staticmethod
    def _completion(
        body: dict[str, Any], message: dict[str, Any], prompt: int, completion: int, finish: str = "stop"
    ) -> dict[str, Any]:
        return {
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": 1764000000,
            "model": body.get("model", "scripted-1"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }


@pytest.fixture
def scripted_server() -> Iterator[ScriptedOpenAIServer]:
    """A running scripted server (stopped after the test)."""
    server = ScriptedOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def prompts_dir(tmp_path: Path) -> Path:
    """A scratch copy of the repository's prompts plus the deliberately worse ``content@v0-worse``."""
    target = tmp_path / "prompts"
    shutil.copytree(REPO_ROOT / "prompts", target)
    (target / "content" / "v0-worse.yaml").write_text(WORSE_PROMPT, encoding="utf-8")
    return target


@pytest.fixture
def prices_file(tmp_path: Path) -> Path:
    """A price table pricing the scripted model (so cost estimates are exercised)."""
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  scripted-1: {input: 1.0, output: 2.0}\n  offline: {input: 0, output: 0}\n",
        encoding="utf-8",
    )
    return path
