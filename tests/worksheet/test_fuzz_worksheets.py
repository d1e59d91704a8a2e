"""Fuzz the worksheet loader: any text gives a Worksheet or located Problems, never a crash."""

from __future__ import annotations

import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.worksheets import SHIPPED, WORKSHEETS

from toolkit.worksheet.loader import WorksheetError, parse_worksheet
from toolkit.worksheet.model import Worksheet

FILE = "fuzz.yaml"
FUZZ = settings(max_examples=250, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TEXTS = {wid: (WORKSHEETS / f"{wid}.yaml").read_text(encoding="utf-8") for wid in SHIPPED}
YAML_BITS = st.sampled_from([
    ":", ": ", "-", "- ", "{", "}", "[", "]", ",", "#", "&a ", "*a", "!!int ", "!!str ", "|",
    ">", "'", '"', "?", "%YAML 1.2", "---", "...", "\n", "  ", "\t", "yes", "~", "null", "id",
    "type", "text", "show_if", "choices", "items", "sections", "1e400", "0x1F", "2024-13-45",
])


def assert_located(text: str) -> None:
    """parse_worksheet returns a Worksheet or a WorksheetError whose problems are located."""
    try:
        ws = parse_worksheet(text, FILE)
    except WorksheetError as e:
        assert e.problems, "a WorksheetError must carry at least one problem"
        last = text.count("\n") + 2
        for p in e.problems:
            assert p.file == FILE
            assert type(p.line) is int and 1 <= p.line <= last, p
            assert isinstance(p.message, str) and p.message.strip(), p
            assert p.item is None or isinstance(p.item, str), p
    else:
        assert isinstance(ws, Worksheet)


# --- (a) random text ------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text):
    """Arbitrary unicode text never crashes the loader."""
    assert_located(text)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_decoded(raw):
    """Arbitrary bytes, decoded leniently as a file reader might, never crash the loader."""
    assert_located(raw.decode("utf-8", errors="replace"))


@FUZZ
@given(st.lists(YAML_BITS | st.text(max_size=4), max_size=60).map("".join))
def test_yaml_looking_text(text):
    """Text stitched from YAML punctuation and worksheet keys never crashes the loader."""
    assert_located(text)


# --- (b) mutations of real worksheets -------------------------------------------------------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6) | st.sampled_from(["id", "type", "text", "item"]),
                      inner, max_size=3),
    max_leaves=8,
)


def _flow(value: object) -> str:
    """One line of YAML for a Python value (a flow list or map for containers)."""
    dumped = yaml.safe_dump(value, default_flow_style=True, width=math.inf,
                            allow_unicode=True)
    return dumped.removesuffix("\n...\n").strip().replace("\n", " ")


VALUE_TEXT = VALUES.map(_flow) | YAML_BITS | st.text(max_size=10)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A shipped worksheet with a few lines deleted, doubled, shifted, added or changed."""
    lines = TEXTS[draw(st.sampled_from(SHIPPED))].splitlines()
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        n = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "insert", "replace"]))
        if kind == "delete" and len(lines) > 1:
            del lines[n]
        elif kind == "duplicate":
            lines.insert(n, lines[n])
        elif kind == "indent":
            shift = draw(st.integers(min_value=-4, max_value=4))
            stripped = lines[n].lstrip(" ")
            lines[n] = " " * max(0, len(lines[n]) - len(stripped) + shift) + stripped
        elif kind == "insert":
            key = draw(st.sampled_from(["id", "type", "text", "show_if", "choices", "items",
                                        "fields", "scores", "languages", "max_length"])
                       | st.text(min_size=1, max_size=8))
            indent = " " * draw(st.integers(min_value=0, max_value=12))
            lines.insert(n, f"{indent}{key}: {draw(VALUE_TEXT)}")
        elif kind == "replace" and ": " in lines[n]:
            head = lines[n].split(": ", 1)[0]
            lines[n] = f"{head}: {draw(VALUE_TEXT)}"
    return "\n".join(lines) + "\n"


@FUZZ
@given(mutated())
def test_mutated_shipped_worksheets(text):
    """A shipped worksheet after random line edits loads or reports located problems."""
    assert_located(text)


TOP_KEYS = ["schema_version", "id", "version", "title", "intro", "languages", "citation",
            "choice_sets", "sections", "scores"]


@FUZZ
@given(wid=st.sampled_from(SHIPPED), key=st.sampled_from(TOP_KEYS), value=VALUES)
def test_any_value_for_any_top_level_key(wid, key, value):
    """Setting a top-level key to any YAML value never crashes the loader."""
    kept, skipping = [], False
    for line in TEXTS[wid].splitlines():
        if line[:1] not in ("", " ", "-"):  # a top-level key starts its own block
            skipping = line.startswith(f"{key}:")
        if not skipping:
            kept.append(line)
    kept.append(f"{key}: {_flow(value)}")
    assert_located("\n".join(kept) + "\n")


def test_shipped_worksheets_parse_unchanged():
    """The unmutated shipped texts, the fuzzers' seeds, load cleanly."""
    for text in TEXTS.values():
        assert isinstance(parse_worksheet(text, FILE), Worksheet)
