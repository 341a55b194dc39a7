"""Bounded reading of user files: size limit, YAML alias and nesting limits, line marks, short excerpts.

A brand library or a segment file is user input. A hostile or broken one must fail fast with one line that
names the file, in bounded memory:

* the file is refused before it is read when it is larger than ``max_bytes``;
* YAML is first scanned as an event stream (libyaml when present) that counts aliases, the nesting depth and the
  number of nodes the document would have once every alias is expanded, so an alias bomb ("billion laughs") is
  refused before anything is built;
* only then is the document composed and constructed with the safe loader, and the line of every key path is
  kept so later errors can point at a line;
* error messages quote at most :data:`EXCERPT_CHARS` characters of a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
"""Default size limit of one brand-library or segment file (``LIFTOFF_LIBRARY_MAX_BYTES``)."""

MAX_ALIASES = 200
"""Aliases (``*name``) one document may use."""

MAX_DEPTH = 64
"""Nesting depth of mappings and lists."""

MAX_EXPANDED_NODES = 500_000
"""Nodes one document may have once every alias is expanded."""

EXCERPT_CHARS = 60
"""Longest piece of a user value quoted in an error message."""

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[str | int, ...]


class InputLimitError(ValueError):
    """A file is too large, too deeply nested, uses too many aliases or is not valid; one line naming the file."""


@dataclass(frozen=True)
class Limits:
    """Limits applied to one file."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_aliases: int = MAX_ALIASES
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_EXPANDED_NODES


@dataclass
class YamlDoc:
    """A parsed YAML document and the 1-based line of every key path (the value's line; keys: the key's line)."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """Line of ``path``, else of its nearest ancestor present in the document."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """``repr`` of a value cut to ``limit`` characters (never the whole of a huge value)."""
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, (dict, list, tuple, set)):
        return f"a {type(value).__name__} of {len(value)} items"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip(message: str, limit: int = 300) -> str:
    """A message cut to ``limit`` characters on one line (user values inside it are never echoed whole)."""
    return _short(message, limit)


def read_bounded(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, label: str | None = None) -> bytes:
    """Read a file, refusing it before reading when it exceeds ``max_bytes``.

    Raises:
        InputLimitError: file too large or unreadable (message names the file).
    """
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputLimitError(
                f"{name}: file is {_mb(size)}, over the {_mb(max_bytes)} limit (LIFTOFF_LIBRARY_MAX_BYTES)"
            )
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputLimitError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:  # grew while we looked
        raise InputLimitError(f"{name}: file is over the {_mb(max_bytes)} limit (LIFTOFF_LIBRARY_MAX_BYTES)")
    return raw


def load_yaml(raw: bytes | str, name: str, limits: Limits = Limits()) -> YamlDoc:
    """Parse one YAML document within ``limits``; keep the line of every key path.

    Raises:
        InputLimitError: over a limit, not UTF-8, invalid YAML or a bad date (one line naming ``name``).
    """
    if isinstance(raw, bytes):
        if len(raw) > limits.max_bytes:
            raise InputLimitError(
                f"{name}: file is {_mb(len(raw))}, over the {_mb(limits.max_bytes)} limit "
                "(LIFTOFF_LIBRARY_MAX_BYTES)"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputLimitError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    else:
        text = raw
    try:
        _scan(text, name, limits)
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return YamlDoc(None, {})
        loader = _Loader("")
        try:
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except InputLimitError:
        raise
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # libyaml's own guard fired before our scan could
            raise InputLimitError(f"{name}: nested too deeply (limit {limits.max_depth} levels)") from None
        raise InputLimitError(
            f"{name}: invalid YAML{_where(exc)}: {_short(exc.problem or str(exc))}"
        ) from None
    except yaml.YAMLError as exc:
        raise InputLimitError(f"{name}: invalid YAML: {_short(str(exc))}") from None
    except ValueError as exc:  # PyYAML builds dates while parsing: 2026-13-01 fails here
        raise InputLimitError(f"{name}: bad date: {_short(str(exc))}") from None
    except RecursionError:
        raise InputLimitError(f"{name}: nested too deeply (limit {limits.max_depth} levels)") from None
    lines: dict[KeyPath, int] = {}
    _marks(node, (), lines, limits.max_nodes)
    return YamlDoc(data, lines)


def load_json(raw: bytes, name: str, limits: Limits = Limits()) -> Any:
    """Parse JSON within the size and nesting limits.

    Raises:
        InputLimitError: over a limit, not UTF-8 or invalid JSON (one line naming ``name``).
    """
    if len(raw) > limits.max_bytes:
        raise InputLimitError(f"{name}: file is {_mb(len(raw))}, over the {_mb(limits.max_bytes)} limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputLimitError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:  # bracket depth outside strings, before json builds anything
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limits.max_depth:
                raise InputLimitError(f"{name}: nested too deeply (limit {limits.max_depth} levels)")
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputLimitError(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InputLimitError(f"{name}: nested too deeply (limit {limits.max_depth} levels)") from None


def _scan(text: str, name: str, limits: Limits) -> None:
    """Count aliases, depth and expanded nodes over the event stream (nothing is built)."""
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = [[0, None]]  # [expanded node count, anchor] per open collection
    aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.max_aliases:
                raise InputLimitError(
                    f"{name}: too many YAML aliases (limit {limits.max_aliases}); "
                    "anchors and aliases are for small reuse, not expansion"
                )
            stack[-1][0] += sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            stack[-1][0] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            stack.append([1, event.anchor])
            if len(stack) - 1 > limits.max_depth:
                raise InputLimitError(f"{name}: nested too deeply (limit {limits.max_depth} levels)")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            count, anchor = stack.pop()
            if anchor:
                sizes[anchor] = count
            stack[-1][0] += count
        elif isinstance(event, yaml.DocumentEndEvent):
            stack = [[0, None]]
            sizes.clear()
            continue
        if stack[0][0] + sum(c for c, _ in stack[1:]) > limits.max_nodes:
            raise InputLimitError(
                f"{name}: document expands to more than {limits.max_nodes:,} nodes (a YAML alias bomb?)"
            )


def _marks(node: yaml.Node, path: KeyPath, out: dict[KeyPath, int], budget: int) -> None:
    """Record the line of every key path (iteratively; aliases were bounded by the scan)."""
    todo: list[tuple[yaml.Node, KeyPath]] = [(node, path)]
    seen = 0
    while todo and seen < budget:
        current, where = todo.pop()
        seen += 1
        out.setdefault(where, current.start_mark.line + 1)  # keys were set by their parent
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
                sub = (*where, name)
                out[sub] = out[(*sub, "[key]")] = key.start_mark.line + 1
                todo.append((value, sub))
        elif isinstance(current, yaml.SequenceNode):
            todo.extend((item, (*where, i)) for i, item in enumerate(current.value))


def _where(exc: yaml.MarkedYAMLError) -> str:
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return f" at line {context.line + 1}" if context else ""
    out = f" at line {mark.line + 1}, column {mark.column + 1}"
    if context is not None and context.line != mark.line and exc.context:
        out += f" ({_short(exc.context, 60)} at line {context.line + 1})"
    return out


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 104_858 else f"{size:,} bytes"
