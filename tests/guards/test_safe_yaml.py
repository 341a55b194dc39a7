"""Hostile and broken files: size limit, YAML alias bombs, deep nesting, short excerpts, line marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from guards.library import BrandLibraryError, load_library
from guards.safe_yaml import InputLimitError, Limits, excerpt, load_json, load_yaml, read_bounded

BRAND = "name: Acme\n"


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + f"\nclaims: *a{levels - 1}\n"


def _write(path: Path, brand: str, claims: str | bytes) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "brand.yaml").write_text(brand)
    if isinstance(claims, bytes):
        (path / "claims.yaml").write_bytes(claims)
    else:
        (path / "claims.yaml").write_text(claims)
    return path


def test_alias_bomb_in_claims_is_refused_before_anything_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = _write(tmp_path / "acme", BRAND, _bomb())
    import yaml

    real_compose = yaml.compose

    def never(stream: str, *args: object, **kwargs: object) -> object:
        assert "&a8" not in stream, "the bomb was composed: the scan must refuse it first"
        return real_compose(stream, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml, "compose", never)  # time and peak memory: evals/bench/bench_library.py
    with pytest.raises(BrandLibraryError) as err:
        load_library(lib)
    message = str(err.value)
    assert message.startswith("claims.yaml: ") and "\n" not in message and len(message) < 200
    assert "alias" in message


def test_many_aliases_are_refused_even_when_small(tmp_path: Path) -> None:
    text = "x: &x a\nitems: [" + ", ".join(["*x"] * 300) + "]\n"
    with pytest.raises(InputLimitError, match="too many YAML aliases"):
        load_yaml(text, "claims.yaml")
    assert load_yaml("x: &x a\nitems: [*x, *x]\n", "c.yaml").data == {"x": "a", "items": ["a", "a"]}


def test_deep_nesting_is_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    deep = "claims: " + "[" * 5000 + "]" * 5000 + "\n"
    lib = _write(tmp_path / "acme", BRAND, deep)
    with pytest.raises(BrandLibraryError, match=r"claims.yaml: nested too deeply \(limit 64 levels\)"):
        load_library(lib)
    block = "claims:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    with pytest.raises(InputLimitError, match="nested too deeply"):
        load_yaml(block, "claims.yaml")


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = "claims:\n" + "  - id: a\n    text: " + "x" * 2_000_000 + "\n"
    lib = _write(tmp_path / "acme", BRAND, big)
    with pytest.raises(BrandLibraryError, match=r"claims.yaml: file is 1.9 MB, over the 1.0 MB limit"):
        load_library(lib, max_bytes=1_048_576)
    assert load_library(lib).claims[0].text.startswith("xxx")  # the default limit (2 MiB) takes it


def test_errors_never_echo_more_than_a_short_excerpt(tmp_path: Path) -> None:
    huge = "y" * 1_000_000
    lib = _write(tmp_path / "acme", BRAND, f"claims:\n  - id: a\n    text: ok\n    regions: [{huge}]\n")
    with pytest.raises(BrandLibraryError) as err:
        load_library(lib)
    assert "unknown region" in str(err.value) and len(str(err.value)) < 300
    lib2 = _write(
        tmp_path / "acme2",
        f"name: Acme\nregions:\n  US:\n    comparison_requires_target: {huge}\n",
        "claims:\n  - id: a\n    text: ok\n",
    )
    with pytest.raises(BrandLibraryError) as err2:
        load_library(lib2)
    assert "must be true or false" in str(err2.value) and len(str(err2.value)) < 300
    assert excerpt("z" * 10_000).endswith("…") and len(excerpt("z" * 10_000)) <= 60
    assert excerpt(list(range(10**5))) == "a list of 100000 items"


def test_non_utf8_and_binary_files_get_one_line(tmp_path: Path) -> None:
    lib = _write(tmp_path / "acme", BRAND, b"claims:\n  - id: \xff\xfe\n")
    with pytest.raises(BrandLibraryError, match=r"claims.yaml: not UTF-8 text"):
        load_library(lib)


def test_errors_carry_the_line(tmp_path: Path) -> None:
    claims = "claims:\n  - id: a\n    text: Fine.\n  - id: b\n    text: Also fine.\n    regions: [US, Mars]\n"
    lib = _write(tmp_path / "acme", BRAND, claims)
    with pytest.raises(
        BrandLibraryError, match=r"^claims.yaml:6: claims\[1\].regions: unknown region 'Mars'"
    ):
        load_library(lib)
    with pytest.raises(
        InputLimitError, match=r"invalid YAML at line 3, column 1 \(while parsing a flow sequence at line 2\)"
    ):
        load_yaml("a: 1\nb: [unclosed\n", "brand.yaml")


def test_json_segments_are_bounded(tmp_path: Path) -> None:
    with pytest.raises(InputLimitError, match="nested too deeply"):
        load_json(("[" * 100_000 + "]" * 100_000).encode(), "segment.json")
    with pytest.raises(InputLimitError, match="over the"):
        load_json(b'{"a": "' + b"x" * 2000 + b'"}', "segment.json", Limits(max_bytes=1000))
    assert load_json(b'{"a": "[[[[", "b": [1, [2]]}', "s.json") == {"a": "[[[[", "b": [1, [2]]}
    path = tmp_path / "s.json"
    path.write_bytes(b"x" * 50)
    with pytest.raises(InputLimitError, match="over the 10 bytes limit"):
        read_bounded(path, 10)
