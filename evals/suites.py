"""The shipped suites and how ``--suite`` names resolve to dataset files."""

from __future__ import annotations

from pathlib import Path

import yaml

from evals.schema import Dataset, DatasetError, SuiteKind, load_dataset

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"

SUITES: dict[str, tuple[str, SuiteKind]] = {
    "briefs": ("briefs.yaml", "briefs"),
    "brand-trials": ("brand_trials.yaml", "briefs"),
    "brand-trials-2": ("brand_trials2.yaml", "briefs"),
    "claims": ("claims_dev.yaml", "claims"),
    "claims-holdout": ("claims_holdout.yaml", "claims"),
    "governance": ("governance.yaml", "governance"),
    "brief-fields": ("brief_fields_dev.yaml", "brief_fields"),
    "brief-fields-holdout": ("brief_fields_holdout.yaml", "brief_fields"),
    "brief-fields-dev2": ("brief_fields_dev2.yaml", "brief_fields"),
    "brief-fields-dev4": ("brief_fields_dev4.yaml", "brief_fields"),
    "brief-fields-dev5": ("brief_fields_dev5.yaml", "brief_fields"),
    "brief-fields-holdout2": ("brief_fields_holdout2.yaml", "brief_fields"),
    "brief-fields-dev3": ("brief_fields_dev3.yaml", "brief_fields"),
    "brief-fields-holdout3": ("brief_fields_holdout3.yaml", "brief_fields"),
    "brief-fields-holdout4": ("brief_fields_holdout4.yaml", "brief_fields"),
    "brief-fields-holdout5": ("brief_fields_holdout5.yaml", "brief_fields"),
    "brief-fields-holdout6": ("brief_fields_holdout6.yaml", "brief_fields"),
    "brief-fields-holdout7": ("brief_fields_holdout7.yaml", "brief_fields"),
    "brief-fields-holdout8": ("brief_fields_holdout8.yaml", "brief_fields"),
    "brief-fields-holdout9": ("brief_fields_holdout9.yaml", "brief_fields"),
}
"""Suite name -> (dataset file under evals/datasets, kind). ``all`` runs every one of them."""


def resolve_suites(spec: str | None, datasets_dir: Path = DATASETS_DIR) -> list[Dataset]:
    """Load the datasets a ``--suite`` value names.

    Args:
        spec: 'all' (default), a suite name, a comma-separated list of names, or a path to a dataset file
            (its ``kind`` key says what it is).
        datasets_dir: Where the shipped dataset files live.

    Raises:
        DatasetError: unknown suite name, or a file that does not load.
    """
    names = [s.strip() for s in (spec or "all").split(",") if s.strip()] or ["all"]
    out: list[Dataset] = []
    for name in names:
        if name == "all":
            out.extend(load_dataset(datasets_dir / f, name=n, kind=k) for n, (f, k) in SUITES.items())
        elif name in SUITES:
            file, kind = SUITES[name]
            out.append(load_dataset(datasets_dir / file, name=name, kind=kind))
        elif name.endswith((".yaml", ".yml")) or Path(name).exists():
            out.append(load_dataset(Path(name)))
        else:
            raise DatasetError(
                f"unknown suite {name!r} (suites: {', '.join(SUITES)}, all, or a dataset file)"
            )
    seen: set[str] = set()
    for ds in out:
        if ds.name in seen:
            raise DatasetError(f"suite {ds.name!r} named twice")
        seen.add(ds.name)
    gates = _gates(datasets_dir / "gates.yaml")
    for ds in out:
        gate = gates.get(ds.name) or {}
        update = {
            k: dict(gate[k])
            for k in ("thresholds", "tolerances")
            if gate.get(k) and not getattr(ds.config, k)
        }
        if update:
            ds.config = ds.config.model_copy(update=update)
    return out


def _gates(path: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Thresholds/tolerances for suites whose dataset sets none (``datasets/gates.yaml``)."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DatasetError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DatasetError(f"{path} must map suite names to thresholds/tolerances")
    return data
