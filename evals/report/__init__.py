"""Readable reports of eval runs and comparisons: Markdown and a self-contained HTML page (inline SVG charts)."""

from evals.report.html import comparison_html, run_html
from evals.report.markdown import comparison_markdown, run_markdown

__all__ = ["comparison_html", "comparison_markdown", "run_html", "run_markdown"]
