"""One jinja2 environment for the HTML exports (autoescaped: every campaign string is data, never markup)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment (templates under ``tools/render/templates``)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


def render(template: str, **context: Any) -> str:
    """Render a template with ``context``."""
    return environment().get_template(template).render(**context)
