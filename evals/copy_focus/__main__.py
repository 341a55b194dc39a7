"""Copy-focus eval: does the copy lead with the brief's product, carry its theme, keep subjects and sentences
clean, and use only the product's (or brand-wide) claims? Dev vs held-out, on the offline composer.

Run: ``PYTHONPATH=. python -m evals.copy_focus`` (prints one line per set).
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph.brief.focus import claim_fits, focus_of
from graph.contracts import Asset, Brief
from graph.models.offline.compose import compose_copy
from graph.nodes.content import draft_payload
from graph.runtime.settings import REPO_ROOT, Settings
from guards.claims import check_text
from guards.copy_quality import check_copy_quality
from guards.sentences import split_sentences

HERE = Path(__file__).parent
CHECK_DATE = date(2026, 11, 25)


def _brands_dir(tmp: Path) -> Path:
    root = tmp / "brands"
    root.mkdir()
    for src in [*(REPO_ROOT / "brand_library").iterdir(), *(HERE / "brands").iterdir()]:
        if src.is_dir():
            (root / src.name).symlink_to(src)
    return root


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def _core(product: str, brand: str) -> str:
    return re.sub(rf"^{re.escape(brand)}\s+", "", product.strip(), flags=re.IGNORECASE).lower()


def measure(briefs: list[dict[str, Any]], svc: Any) -> dict[str, float]:
    from guards.governance import send_date  # noqa: F401  (same send-date rule as the graph)

    n = lead = theme = subj = subj_n = dup = off = creative = 0
    variety: list[float] = []
    for b in briefs:
        titles: list[str] = []
        library = svc.library(b["brand"])
        brief = Brief(
            text=b["text"],
            brand=b["brand"],
            product=b["product"],
            theme=b.get("theme"),
            audience=b.get("audience"),
            key_messages=b.get("key_messages") or [],
        )
        on = max(CHECK_DATE, date.fromisoformat(str(b["start_date"])))
        focus = focus_of(library, brief.product)
        for region in b["regions"]:
            for channel in b["channels"]:
                for variant in ("A", "B"):
                    payload, _, _ = draft_payload(
                        library,
                        brief,
                        svc.claim_index(b["brand"]),
                        channel=channel,
                        variant=variant,
                        region=region,
                        on=on,
                        key_messages=brief.key_messages,
                    )
                    copy = compose_copy(payload)
                    title = copy.get("subject") or copy.get("headline") or ""
                    first = (split_sentences(copy["body"]) or [""])[0]
                    titles += [title] if title else []
                    n += 1
                    lead += _core(b["product"], library.name) in f"{title} {first}".lower()
                    theme += not b.get("theme") or b["theme"].lower() in f"{title} {copy['body']}".lower()
                    asset = Asset(
                        id="x",
                        version=1,
                        channel=channel,
                        variant=variant,
                        region=region,
                        subject=copy.get("subject"),
                        headline=copy.get("headline"),
                        body=copy["body"],
                        cta=copy.get("cta"),
                        prompt_version="v",
                        prompt_hash="h",
                        library_version="v",
                        model="offline",
                    )
                    verdicts = {f.verdict for f in check_copy_quality(asset).findings}
                    dup += "duplicate" in verdicts
                    if channel == "email":
                        subj_n += 1
                        subj += "weak_subject" in verdicts
                    off += any(
                        not claim_fits(library.claim(c), library, focus) for c in copy["cited_claim_ids"]
                    )
                    written = {
                        *(_sentence(m) for m in brief.key_messages),
                        *(_sentence(c["text"]) for c in payload["claims"]),
                    }
                    opener = "" if first in written or first in " ".join(payload["disclaimers"]) else first
                    lines = [line for line in (title, opener) if line]  # the composer's own creative lines
                    creative += all(
                        {s.verdict for s in check_text(line, library, region=region, on=on).sentences}
                        <= {"no_claim", "supported"}
                        for line in lines
                    )
        if len(titles) > 1:
            variety.append((len(set(titles)) - 1) / (len(titles) - 1))
    return {
        "briefs": len(briefs),
        "assets": n,
        "leads_with_product": lead / n,
        "carries_theme": theme / n,
        "duplicate_sentence_rate": dup / n,
        "weak_subject_rate": subj / max(1, subj_n),
        "other_product_claim_rate": off / n,
        "creative_lines_no_claim_rate": creative / n,
        "title_variety": sum(variety) / max(1, len(variety)),
    }


def main() -> int:
    from graph.runtime.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(
            {
                "LIFTOFF_HOME": tmp,
                "LIFTOFF_CHECK_DATE": CHECK_DATE.isoformat(),
                "LIFTOFF_BRAND_LIBRARY": str(_brands_dir(Path(tmp))),
            }
        )
        svc = Services(settings)
        try:
            for name in ("dev", "holdout"):
                briefs = yaml.safe_load((HERE / f"{name}.yaml").read_text())["briefs"]
                figures = measure(briefs, svc)
                print(
                    f"{name:8} "
                    + "  ".join(
                        f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()
                    )
                )
        finally:
            svc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
