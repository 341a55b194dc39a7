"""The ``build_segment`` LangChain tool: schema the model sees, counts out, errors back to the model."""

from __future__ import annotations

import json
from datetime import date

from langchain_core.messages import ToolMessage

from graph.contracts import SegmentDefinition, TargetList
from tools.crm.agent_tool import make_segment_tool
from tools.crm.segments import build_segment

AS_OF = date(2026, 1, 15)


def test_tool_schema_and_description(crm_store) -> None:
    tool = make_segment_tool(crm_store, campaign_id="agent", seed=3, as_of=AS_OF)
    assert tool.name == "build_segment" and tool.args_schema is SegmentDefinition
    schema = tool.tool_call_schema.model_json_schema()
    assert schema["properties"]["channel"]["description"] == "Channel whose consent applies."
    for field in ("lifecycle_stage", "company_size", "consent_basis", "interests"):
        assert f"- {field} (" in tool.description
    assert "- email (" not in tool.description and "- phone (" not in tool.description


def test_tool_returns_counts_only_and_matches_the_builder(crm_store) -> None:
    tool = make_segment_tool(crm_store, campaign_id="agent", seed=3, as_of=AS_OF)
    args = {
        "channel": "email",
        "regions": ["US"],
        "filters": [{"field": "lead_score", "op": "gte", "value": 40}],
    }
    content = tool.invoke(args)
    data = json.loads(content)
    direct = build_segment(
        crm_store, SegmentDefinition.model_validate(args), campaign_id="agent", seed=3, as_of=AS_OF
    )
    assert TargetList.model_validate(data) == direct
    assert "@" not in content and "+1" not in content  # no address ever reaches the model
    message = tool.invoke({"type": "tool_call", "id": "call-1", "name": "build_segment", "args": args})
    assert isinstance(message, ToolMessage) and message.artifact == direct and message.status == "success"


def test_bad_definitions_come_back_as_messages(crm_store) -> None:
    tool = make_segment_tool(crm_store, campaign_id="agent", seed=3, as_of=AS_OF)
    bad_filter = tool.invoke(
        {
            "type": "tool_call",
            "id": "c1",
            "name": "build_segment",
            "args": {
                "channel": "email",
                "regions": ["EU"],
                "filters": [{"field": "industry", "op": "gt", "value": "retail"}],
            },
        }
    )
    assert bad_filter.status == "error"
    assert "operator 'gt' is not allowed on 'industry'" in bad_filter.content
    bad_schema = tool.invoke({"channel": "carrier_pigeon", "regions": ["EU"]})
    assert bad_schema.startswith("invalid segment definition: channel:")
