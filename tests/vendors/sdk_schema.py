"""Strict validation of a JSON request body against an OpenAPI-generated SDK model (hubspot-api-client).

The SDK's own models are the schema: every key must be a field of the model (``attribute_map``), every value of
the declared type (``openapi_types``, recursively through nested models, lists and dicts), and the SDK's
deserializer must accept it (its required-field and enum checks run in the model setters). A wrong field name,
a wrong type or a missing required field fails the test that sent it.
"""

from __future__ import annotations

import re
from datetime import datetime
from types import ModuleType
from typing import Any


class SchemaError(ValueError):
    """The body does not match the vendor's model."""


_PRIMITIVES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "object": (object,),
}


def validate(models: ModuleType, api_client_cls: type, data: Any, type_name: str, path: str = "$") -> None:
    """Validate ``data`` against ``type_name`` (a model name or an OpenAPI type string) of ``models``."""
    _check(models, data, type_name, path)
    client = api_client_cls()
    try:
        client._ApiClient__deserialize(data, type_name)  # the SDK's own required/enum checks
    except ValueError as exc:
        raise SchemaError(f"{path}: {exc}") from None


def _check(models: ModuleType, data: Any, t: str, path: str) -> None:
    if data is None:
        return
    if m := re.fullmatch(r"list\[(.+)\]", t):
        if not isinstance(data, list):
            raise SchemaError(f"{path}: expected a list for {t}, got {type(data).__name__}")
        for i, item in enumerate(data):
            _check(models, item, m.group(1), f"{path}[{i}]")
        return
    if m := re.fullmatch(r"dict\((?:str), (.+)\)|dict\[str, (.+)\]", t):
        if not isinstance(data, dict):
            raise SchemaError(f"{path}: expected an object for {t}, got {type(data).__name__}")
        inner = m.group(1) or m.group(2)
        for k, v in data.items():
            _check(models, v, inner, f"{path}.{k}")
        return
    if t in _PRIMITIVES:
        if t != "object" and (
            not isinstance(data, _PRIMITIVES[t]) or (t in ("int", "float") and isinstance(data, bool))
        ):
            raise SchemaError(f"{path}: expected {t}, got {type(data).__name__} {data!r}")
        return
    if t in ("datetime", "date"):
        if not isinstance(data, str):
            raise SchemaError(f"{path}: expected an ISO {t} string")
        try:
            datetime.fromisoformat(data.replace("Z", "+00:00"))
        except ValueError:
            raise SchemaError(f"{path}: {data!r} is not an ISO {t}") from None
        return
    klass = getattr(models, t, None)
    if klass is None:
        raise SchemaError(f"{path}: the SDK has no model {t}")
    if not isinstance(data, dict):
        raise SchemaError(f"{path}: expected a {t} object, got {type(data).__name__}")
    by_json = {v: k for k, v in klass.attribute_map.items()}
    for key, value in data.items():
        if key not in by_json:
            raise SchemaError(f"{path}: {t} has no field {key!r} (fields: {', '.join(sorted(by_json))})")
        _check(models, value, klass.openapi_types[by_json[key]], f"{path}.{key}")


_DEFAULTS: dict[str, Any] = {
    "str": "0",
    "int": 0,
    "float": 0.0,
    "bool": False,
    "object": {},
    "datetime": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
}


def complete(
    models: ModuleType, api_client_cls: type, type_name: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Return ``data`` with the model's required fields filled (a response the SDK accepts), validated.

    Fields are added only where the SDK's own deserializer demands them (its setters raise on a missing required
    field or an enum value out of range), so a response is never looser than the vendor's model.
    """
    klass = getattr(models, type_name)
    out = dict(data)
    client = api_client_cls()
    for _ in range(100):
        try:
            client._ApiClient__deserialize(out, type_name)
            _check(models, out, type_name, "$response")
            return out
        except ValueError as exc:
            text = str(exc)
            m = re.search(r"Invalid value for `(\w+)`", text)
            if not m:
                raise
            attr = m.group(1)
            allowed = re.search(r"must be one of \[(.+?)\]", text)
            json_key = klass.attribute_map.get(attr) or klass.attribute_map.get(f"_{attr}") or attr
            t = klass.openapi_types.get(attr) or klass.openapi_types.get(f"_{attr}") or "str"
            if allowed:
                out[json_key] = allowed.group(1).split(",")[0].strip().strip("'")
            elif t.startswith("list["):
                out[json_key] = []
            elif t.startswith("dict"):
                out[json_key] = {}
            elif t in _DEFAULTS:
                out[json_key] = _DEFAULTS[t]
            else:
                out[json_key] = complete(models, api_client_cls, t, {})
    raise SchemaError(f"could not complete a {type_name}")
