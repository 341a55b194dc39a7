"""Inline SVG charts (no scripts, no CDN): horizontal bars with interval whiskers, paired bars, simple bars."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LABEL_W = 210
BAR_W = 360
ROW_H = 22
COLORS = ("#3b6ea8", "#d9822b", "#5a9e5a", "#a63d40")


def _frame(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"<style>text{{font:12px system-ui,sans-serif;fill:#222}}.v{{fill:#555}}</style>{''.join(body)}</svg>"
    )


def rate_bars(rows: Sequence[tuple[str, float | None, tuple[float, float] | None]], title: str) -> str:
    """Bars of 0..1 values with 95% interval whiskers: rows of (label, value, ci)."""
    height = ROW_H * len(rows) + 30
    body = [f'<line x1="{LABEL_W}" y1="4" x2="{LABEL_W}" y2="{height - 22}" stroke="#999"/>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = LABEL_W + tick * BAR_W
        body.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" stroke="#eee"/>'
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" class="v">{tick:g}</text>'
        )
    for i, (label, value, ci) in enumerate(rows):
        y = 6 + i * ROW_H
        body.append(f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>')
        if value is None:
            body.append(f'<text x="{LABEL_W + 4}" y="{y + 13}" class="v">n/a</text>')
            continue
        w = max(0.0, min(1.0, value)) * BAR_W
        body.append(
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 8}" fill="{COLORS[0]}"/>'
        )
        if ci:
            x1, x2 = LABEL_W + ci[0] * BAR_W, LABEL_W + ci[1] * BAR_W
            ym = y + ROW_H / 2 - 1
            body.append(
                f'<line x1="{x1:.1f}" y1="{ym}" x2="{x2:.1f}" y2="{ym}" stroke="#111"/>'
                f'<line x1="{x1:.1f}" y1="{ym - 4}" x2="{x1:.1f}" y2="{ym + 4}" stroke="#111"/>'
                f'<line x1="{x2:.1f}" y1="{ym - 4}" x2="{x2:.1f}" y2="{ym + 4}" stroke="#111"/>'
            )
        body.append(f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 13}" class="v">{value:.3f}</text>')
    return _frame(LABEL_W + BAR_W + 60, height, body, title)


def paired_bars(
    rows: Sequence[tuple[str, float | None, float | None]], labels: tuple[str, str], title: str
) -> str:
    """Two bars per row (A and B) of 0..1 values."""
    height = ROW_H * 2 * len(rows) + 40
    body = [
        f'<rect x="{LABEL_W}" y="4" width="10" height="10" fill="{COLORS[0]}"/>'
        f'<text x="{LABEL_W + 14}" y="13">{escape(labels[0])}</text>'
        f'<rect x="{LABEL_W + 170}" y="4" width="10" height="10" fill="{COLORS[1]}"/>'
        f'<text x="{LABEL_W + 184}" y="13">{escape(labels[1])}</text>'
    ]
    for i, (label, a, b) in enumerate(rows):
        y = 22 + i * ROW_H * 2
        body.append(f'<text x="{LABEL_W - 6}" y="{y + 18}" text-anchor="end">{escape(label)}</text>')
        for j, v in enumerate((a, b)):
            yy = y + j * (ROW_H - 6)
            if v is None:
                body.append(f'<text x="{LABEL_W + 4}" y="{yy + 12}" class="v">n/a</text>')
                continue
            w = max(0.0, min(1.0, v)) * BAR_W
            body.append(
                f'<rect x="{LABEL_W}" y="{yy + 2}" width="{w:.1f}" height="{ROW_H - 10}" fill="{COLORS[j]}"/>'
                f'<text x="{LABEL_W + w + 4:.1f}" y="{yy + 12}" class="v">{v:.3f}</text>'
            )
    return _frame(LABEL_W + BAR_W + 70, height, body, title)


def value_bars(rows: Sequence[tuple[str, float]], unit: str, title: str) -> str:
    """Bars of non-negative values scaled to the largest (latency, cost, tokens)."""
    top = max((v for _, v in rows), default=0.0) or 1.0
    height = ROW_H * len(rows) + 10
    body = []
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW_H
        w = max(0.0, value) / top * BAR_W
        body.append(
            f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{escape(label[:34])}</text>'
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 8}" fill="{COLORS[2]}"/>'
            f'<text x="{LABEL_W + w + 4:.1f}" y="{y + 13}" class="v">{value:.4g} {escape(unit)}</text>'
        )
    return _frame(LABEL_W + BAR_W + 110, height, body, title)
