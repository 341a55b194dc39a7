"""Brand-library loading figures: the normal case and hostile files.

Run: ``python -m evals.bench.bench_library`` (or ``make bench``). Prints figures; asserts nothing about speed.

* uncached load time of each bundled library (parse + validate), and lint time;
* a claims.yaml near the size limit (about 2 MB of claims): load time;
* hostile files, each in a fresh child process so peak memory is its own: a YAML alias bomb ("billion laughs",
  387 million nodes once expanded), 10,000 levels of nesting, a 50 MB claims.yaml, a deeply nested segment JSON:
  time to the one-line error, the error's length and the process's peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.runtime.settings import REPO_ROOT
from guards.library import parse_library
from guards.library_lint import lint_library

BUNDLED = sorted(p.parent for p in (REPO_ROOT / "brand_library").glob("*/brand.yaml"))

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from guards.library import load_library
from guards.safe_yaml import load_json, read_bounded
kind, path = sys.argv[1], Path(sys.argv[2])
t0 = time.perf_counter()
message = ""
try:
    if kind == "segment":
        load_json(read_bounded(path), str(path))
    else:
        load_library(path)
except Exception as exc:  # the figure is what the user sees
    message = f"{type(exc).__name__}: {exc}"
took = time.perf_counter() - t0
print(json.dumps({"s": took, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "message": message[:200], "chars": len(message), "lines": message.count("\n") + 1}))
"""


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + f"\nclaims: *a{levels - 1}\n"


def _write(root: Path, claims: str | bytes) -> Path:
    root.mkdir(parents=True)
    (root / "brand.yaml").write_text("name: Acme\n")
    (root / "claims.yaml").write_bytes(claims if isinstance(claims, bytes) else claims.encode())
    return root


def _child(kind: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
        timeout=600,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    """Print the figures."""
    print("bundled libraries (uncached parse + validate, lint):")
    for lib in BUNDLED:
        b, c = (lib / "brand.yaml").read_bytes(), (lib / "claims.yaml").read_bytes()
        parse_library(lib, b, c)
        t0 = time.perf_counter()
        for _ in range(20):
            parse_library(lib, b, c)
        load_ms = (time.perf_counter() - t0) / 20 * 1000
        t0 = time.perf_counter()
        report = lint_library(lib)
        lint_ms = (time.perf_counter() - t0) * 1000
        print(
            f"  {lib.name:12s} load {load_ms:6.1f} ms   lint {lint_ms:6.1f} ms   "
            f"({report.claims} claims, {len(report.errors)} errors, {len(report.warnings)} warnings)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        body = (
            (REPO_ROOT / "brand_library" / "brightwell" / "claims.yaml").read_text().split("claims:\n", 1)[1]
        )
        copies = int(2_000_000 / len(body))
        blocks = [body.replace("- id: ", f"- id: c{i}-") for i in range(copies)]
        near = _write(base / "near-limit", "claims:\n" + "".join(blocks))
        cases = {
            "near the 2 MiB limit (valid)": ("library", near),
            "YAML alias bomb (387M nodes)": ("library", _write(base / "bomb", _bomb())),
            "10,000 levels of nesting": (
                "library",
                _write(base / "deep", "claims: " + "[" * 10_000 + "]" * 10_000),
            ),
            "50 MB claims.yaml": (
                "library",
                _write(base / "huge", b"claims:\n  - id: a\n    text: " + b"x" * 50_000_000),
            ),
        }
        seg = base / "segment.json"
        seg.write_text("[" * 200_000 + "]" * 200_000)
        cases["segment JSON, 200,000 levels"] = ("segment", seg)
        print("files (each in a fresh process; peak RSS includes the interpreter and imports):")
        for label, (kind, path) in cases.items():
            size = (
                sum(f.stat().st_size for f in path.glob("*.yaml")) if path.is_dir() else path.stat().st_size
            )
            r = _child(kind, path)
            outcome = "loaded" if not r["message"] else f"refused in one line of {r['chars']} chars"
            took_ms, rss_mb = float(str(r["s"])) * 1000, float(str(r["rss_mb"]))
            print(
                f"  {label:30s} {size / 1_048_576:6.1f} MB  {took_ms:8.1f} ms  peak RSS {rss_mb:6.0f} MB  {outcome}"
            )
            if r["message"]:
                print(f"      {r['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
