"""The prompt of the JSON path: a field list, an example shape and the JSON schema of a pydantic model.

Large models only need the schema; small ones copy the schema itself back unless they see the
shape of the answer, so the instruction leads with a field list and an example object.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

PLACEHOLDER = "..."
"""String placeholder of the example shape; a reply still holding it is sent back."""


def json_instruction(schema: type[BaseModel]) -> str:
    """Return the prompt suffix asking for a JSON object that validates against ``schema``.

    Args:
        schema: The pydantic model of the answer.

    Returns:
        Instruction text: fields (type, required, description), an example shape, the JSON schema.
    """
    js = schema.model_json_schema()
    defs = js.get("$defs", {})
    required = set(js.get("required", []))
    lines = []
    example: dict[str, Any] = {}
    for name, prop in js.get("properties", {}).items():
        kind = _describe(prop, defs)
        need = "required" if name in required else "optional"
        desc = prop.get("description", "")
        lines.append(f'- "{name}" ({need}, {kind}){": " + desc if desc else ""}')
        example[name] = _placeholder(prop, defs)
    schema_json = json.dumps(js, separators=(",", ":"))
    return (
        f"Answer with only one JSON object for {schema.__name__} (no prose, no code fence), with these keys:\n"
        + "\n".join(lines)
        + f"\nThe object must validate against this JSON schema: {schema_json}"
        + f"\nShape of the answer (replace the placeholder values): {json.dumps(example)}"
    )


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return dict(defs.get(ref.rsplit("/", 1)[-1], {}))
    return prop


def _describe(prop: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> str:
    prop = _resolve(prop, defs)
    if "enum" in prop:
        return "one of " + ", ".join(json.dumps(v) for v in prop["enum"])
    if "const" in prop:
        return f"exactly {json.dumps(prop['const'])}"
    if "anyOf" in prop:
        return " or ".join(_describe(p, defs, depth) for p in prop["anyOf"])
    kind = prop.get("type")
    if kind == "array":
        items = prop.get("items") or {}
        inner = _describe(items, defs, depth + 1) if items and depth < 2 else "values"
        return f"list of {inner}"
    if kind == "object" and "properties" in prop:
        return f"object with keys {', '.join(prop['properties'])}"
    if kind == "string" and prop.get("minLength"):
        return f"string of at least {prop['minLength']} character(s)"
    if kind == "null":
        return "null"
    return str(kind or "any value")


def _placeholder(prop: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> Any:
    prop = _resolve(prop, defs)
    if "default" in prop and prop["default"] not in (None, [], {}):
        return prop["default"]
    if "enum" in prop:
        return prop["enum"][0]
    if "const" in prop:
        return prop["const"]
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        return _placeholder(options[0], defs, depth) if options else None
    kind = prop.get("type")
    if kind == "string":
        return PLACEHOLDER
    if kind in ("integer", "number"):
        return 0
    if kind == "boolean":
        return False
    if kind == "array":
        items = prop.get("items")
        return [_placeholder(items, defs, depth + 1)] if items and depth < 2 else []
    if kind == "object":
        props = prop.get("properties", {})
        return {k: _placeholder(v, defs, depth + 1) for k, v in props.items()} if depth < 2 else {}
    return None


def placeholder_fields(value: BaseModel) -> list[str]:
    """Return the dotted paths of string fields that still hold the example's placeholder."""
    found: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, str) and node.strip() == PLACEHOLDER:
            found.append(path or "<root>")
        elif isinstance(node, dict):
            for key, child in node.items():
                walk(child, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, f"{path}[{i}]")

    walk(value.model_dump(mode="json"), "")
    return found
