"""JSON extraction and repair of the defects small models make."""

from __future__ import annotations

import pytest

from graph.models.repair import JSONRepairError, parse_json_object


@pytest.mark.parametrize(
    ("text", "value", "fixes"),
    [
        ('{"a": 1}', {"a": 1}, []),
        ('Here you go: {"a": 1} hope it helps', {"a": 1}, ["prose"]),
        ('```json\n{"a": [1, 2]}\n```', {"a": [1, 2]}, ["fence"]),
        ('```\n{"a": 1}\n```', {"a": 1}, ["fence"]),
        ('{"a": [1, 2,], "b": {"c": 3,},}', {"a": [1, 2], "b": {"c": 3}}, ["trailing_comma"]),
        ("{'a': 'it\\'s', 'b': \"say \\\"hi\\\"\"}", {"a": "it's", "b": 'say "hi"'}, ["single_quotes"]),
        ('{"a": True, "b": False, "c": None}', {"a": True, "b": False, "c": None}, ["python_literal"]),
        ('{a: 1, cta_text: "go"}', {"a": 1, "cta_text": "go"}, ["unquoted_key"]),
        ('{"a": {"b": [1, 2', {"a": {"b": [1, 2]}}, ["missing_brackets"]),
        (
            '{"body": "truncated in the mid',
            {"body": "truncated in the mid"},
            ["missing_brackets", "unterminated_string"],
        ),
        ('{"a": 1, "b":', {"a": 1}, ["dangling_key", "missing_brackets"]),
        ('{"a": "line one\nline two"}', {"a": "line one\nline two"}, ["newline_in_string"]),
        ("{\u201cbody\u201d: \u201cHi\u201d}", {"body": "Hi"}, ["smart_quotes"]),
        ('{"a": "x, y}", "b": "[z"}', {"a": "x, y}", "b": "[z"}, []),
        ('{"a": 1}, {"b": 2}', {"a": 1}, ["prose"]),
        ('{"n": -1.5e3, "u": "\\u00e9t\\u00e9"}', {"n": -1500.0, "u": "été"}, []),
    ],
)
def test_repairs(text: str, value: object, fixes: list[str]) -> None:
    repaired = parse_json_object(text)
    assert repaired.value == value
    for fix in fixes:
        assert fix in repaired.fixes


def test_strings_are_not_rewritten() -> None:
    repaired = parse_json_object("{'body': 'True story, None left behind: {x: 1,}'}")
    assert repaired.value == {"body": "True story, None left behind: {x: 1,}"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("I cannot help with that.", "no JSON object in the reply"),
        ("", "no JSON object"),
        ('{"a": tru', "not valid JSON even after repair"),
        ('{"a" 1}', "not valid JSON even after repair"),
    ],
)
def test_unrecoverable(text: str, message: str) -> None:
    with pytest.raises(JSONRepairError, match=message):
        parse_json_object(text)


def test_html_escaped_quotes_from_templating_servers() -> None:
    repaired = parse_json_object("{&#34;body&#34;: &#34;Brightwell&#39;s plans&#34;}")
    assert repaired.value == {"body": "Brightwell's plans"} and "html_entities" in repaired.fixes
    twice = parse_json_object("{&amp;#34;body&amp;#34;: &amp;#34;x&amp;#34;}")
    assert twice.value == {"body": "x"}
    assert parse_json_object('{"body": "Fish &amp; chips"}').value == {"body": "Fish &amp; chips"}
