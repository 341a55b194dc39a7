"""The ``offline`` model: a deterministic rules engine (not an LLM) behind LangChain's chat-model interface."""

from graph.models.offline.chat import DISCLOSURE, OfflineChatModel, OfflineTaskError, task_payload

__all__ = ["DISCLOSURE", "OfflineChatModel", "OfflineTaskError", "task_payload"]
