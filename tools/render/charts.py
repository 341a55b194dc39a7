"""Small inline SVG charts for self-contained HTML exports (no scripts, no network, every label escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#0b6bcb", "#e07b00", "#2f9e44", "#ae3ec9", "#d6336c", "#1098ad")


def hbar(
    rows: Sequence[tuple[str, float]], *, unit: str = "", ref: float | None = None, width: int = 640
) -> str:
    """Horizontal bars, one per ``(label, value)``; ``ref`` draws a reference line (e.g. 100% of target)."""
    if not rows:
        return ""
    label_w, bar_h, gap = 260, 18, 8
    top = max([v for _, v in rows] + [ref or 0]) or 1.0
    scale = (width - label_w - 70) / top
    height = len(rows) * (bar_h + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(0.0, value) * scale
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" font-size="12">{value:,.1f}{escape(unit)}</text>'
        )
    if ref is not None:
        x = label_w + ref * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#b42318" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bars(rows: Sequence[dict[str, object]]) -> str:
    """Pairs of vertical bars per group: ``{"group": str, series: value, ...}`` (values in %)."""
    if not rows:
        return ""
    series = [k for k in rows[0] if k != "group"]
    width, height, base, group_w = 640, 220, 190, 600 / len(rows)
    top = max(_num(r[s]) for r in rows for s in series) or 1.0
    bar_w = min(40.0, group_w / (len(series) + 1))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, row in enumerate(rows):
        x0 = 20 + i * group_w
        for j, s in enumerate(series):
            h = _num(row[s]) / top * 160
            x = x0 + j * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(s)}: {_num(row[s]):.3f}</title></rect>'
            )
        parts.append(f'<text x="{x0:.1f}" y="{base + 16}" font-size="12">{escape(str(row["group"]))}</text>')
    for j, s in enumerate(series):
        parts.append(
            f'<rect x="{20 + j * 130}" y="4" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{34 + j * 130}" y="13" font-size="12">{escape(s)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def lines(rows: Sequence[dict[str, object]], x: str) -> str:
    """One line per series over ``x`` (wide rows: ``{x: label, series: value, ...}``)."""
    if not rows:
        return ""
    series = [k for k in rows[0] if k != x]
    width, height, left, base = 640, 240, 60, 200
    values = [_num(r.get(s)) for r in rows for s in series]
    top = max(values) or 1.0
    step = (width - left - 20) / max(1, len(rows) - 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">',
        f'<text x="4" y="{base - 160 + 4}" font-size="11">{top:,.0f}</text>',
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#98a2b3"/>',
    ]
    for j, s in enumerate(series):
        pts = " ".join(
            f"{left + i * step:.1f},{base - _num(r.get(s)) / top * 160:.1f}" for i, r in enumerate(rows)
        )
        color = PALETTE[j % len(PALETTE)]
        parts.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{pts}"/>'
            f'<rect x="{left + j * 130}" y="{height - 14}" width="10" height="10" fill="{color}"/>'
            f'<text x="{left + 14 + j * 130}" y="{height - 5}" font-size="12">{escape(s)}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{base + 14}" font-size="11">{escape(str(rows[0][x]))}</text>'
        f'<text x="{width - 10}" y="{base + 14}" font-size="11" text-anchor="end">'
        f"{escape(str(rows[-1][x]))}</text></svg>"
    )
    return "".join(parts)


def _num(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
