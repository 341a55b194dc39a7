"""Versioned prompts: ``prompts/<agent>/<version>.yaml`` loaded, hashed and rendered to messages."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage


class PromptError(ValueError):
    """A prompt file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Prompt:
    """One agent's prompt at one version."""

    agent: str
    version: str
    hash: str
    tasks: dict[str, dict[str, str]]

    @property
    def ref(self) -> str:
        """'agent@version#hash8', the id recorded on assets, events and eval results."""
        return f"{self.agent}@{self.version}#{self.hash[:8]}"

    def render(self, task: str, payload: dict[str, Any]) -> list[BaseMessage]:
        """Return [system, user] messages for ``task`` with the payload appended as a ```json block."""
        try:
            spec = self.tasks[task]
        except KeyError:
            raise PromptError(f"prompt {self.agent}@{self.version} has no task {task!r}") from None
        body = json.dumps(payload, indent=1, default=str, ensure_ascii=False)
        return [
            SystemMessage(content=spec["system"].strip()),
            HumanMessage(content=f"{spec['user'].strip()}\n\nTask payload:\n```json\n{body}\n```"),
        ]


def _version_key(path: Path) -> tuple[int, str]:
    m = re.fullmatch(r"v(\d+)(.*)", path.stem)
    return (int(m.group(1)), m.group(2)) if m else (-1, path.stem)


def available_versions(agent: str, prompts_dir: Path) -> list[str]:
    """Return the versions of an agent's prompt, oldest first."""
    return [p.stem for p in sorted((prompts_dir / agent).glob("*.yaml"), key=_version_key)]


@lru_cache(maxsize=64)
def _load(path: Path, mtime: float) -> Prompt:
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise PromptError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("tasks"), dict):
        raise PromptError(f"{path}: expected a mapping with 'tasks'")
    for name, spec in data["tasks"].items():
        if not isinstance(spec, dict) or not {"system", "user"} <= spec.keys():
            raise PromptError(f"{path}: task {name!r} needs 'system' and 'user'")
    version = str(data.get("version") or path.stem)
    if version != path.stem:
        raise PromptError(f"{path}: version {version!r} does not match the file name")
    return Prompt(
        str(data.get("agent") or path.parent.name), version, hashlib.sha256(raw).hexdigest(), data["tasks"]
    )


def load_prompt(agent: str, version: str | None, prompts_dir: Path) -> Prompt:
    """Load an agent's prompt (newest version unless ``version`` is given).

    Raises:
        PromptError: when the agent or version does not exist, or the file is malformed.
    """
    versions = available_versions(agent, prompts_dir)
    if not versions:
        raise PromptError(f"no prompts for agent {agent!r} in {prompts_dir}")
    chosen = version or versions[-1]
    if chosen not in versions:
        raise PromptError(f"prompt {agent}@{chosen} not found (have: {', '.join(versions)})")
    path = prompts_dir / agent / f"{chosen}.yaml"
    return _load(path, path.stat().st_mtime)
