"""Hostile text in every kind of text field, end to end without a browser: it is refused
when too long (without echoing it), and once stored it stays inert and intact in the store,
the exports, the group view and the printed PDF.

The browser side (widgets and dashboard in a real Chromium) is in the client and dashboard
test files; this file covers every field of every shipped worksheet at once."""

from __future__ import annotations

import io
import random
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from support.hostile import MEGABYTE, hostile_answers, text_fields

from toolkit.render.printout import ParticipantAnswers, filled_pdf
from toolkit.reports.export import export_tables, write_tables
from toolkit.reports.group import group_view
from toolkit.store.store import Store
from toolkit.worksheet.answers import ROW_ID, AnswerError, validate_answer
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.scoring import score_worksheet

ROOT = Path(__file__).resolve().parents[1]


@cache
def worksheets() -> dict[str, Worksheet]:
    return load_folder(ROOT / "worksheets")


def item_ids(ws: Worksheet) -> set[str]:
    return {i.id for i in ws.items()}


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_a_megabyte_paste_is_refused_with_the_limit_never_the_text(worksheet_id):
    """A 1 MB paste into any text field is refused with a message naming the limit; the
    message never repeats what was pasted."""
    ws = worksheets()[worksheet_id]
    for item, parent in text_fields(ws):
        with pytest.raises(AnswerError) as caught:
            if parent is None:
                validate_answer(ws, item, MEGABYTE)
            else:
                validate_answer(ws, parent, [{ROW_ID: "r0000000001", item.id: MEGABYTE}])
        assert caught.value.key == "too_long" or "long" in str(caught.value)
        assert "AAAA" not in str(caught.value) and "AAAA" not in repr(caught.value.params)


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> tuple[Store, str, dict[str, dict[str, Any]]]:
    """One participant whose every text field in every worksheet holds hostile text."""
    home = tmp_path_factory.mktemp("hostile")
    store = Store.open(_config(home))
    sheets = worksheets()
    session = store.create_session("Hostile group", sorted(sheets), 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    saved: dict[str, dict[str, Any]] = {}
    for n, (wid, ws) in enumerate(sorted(sheets.items())):
        answers = {k: validate_answer(ws, ws.item(k), v)
                   for k, v in hostile_answers(ws, n).items() if k in item_ids(ws)}
        store.save_answers(p, wid, answers, ws.version)
        saved[wid] = answers
    return store, session.id, saved


def _config(home: Path):
    from toolkit.settings.config import Config
    return Config.from_env({"WORKSHOP_HOME": str(home)})


def test_hostile_text_round_trips_through_the_store_exactly(stored):
    """What was saved comes back byte for byte: nothing stripped, nothing interpreted."""
    store, session_id, saved = stored
    [p] = store.participants(session_id)
    assert store.latest(p) == saved


def test_hostile_text_is_kept_literally_in_the_csv_and_made_inert_in_excel(stored, tmp_path):
    """The long CSV round-trips every hostile answer; formulas are neutralised."""
    store, session_id, _saved = stored
    tables = export_tables(store, session_id, worksheets(), include_sensitive=True)
    paths = write_tables(tables, tmp_path)
    csv = next(p for p in paths if p.name.endswith("long.csv"))
    text = csv.read_text(encoding="utf-8")
    assert "<script>window.__pwned=1</script>" in text  # literal, as typed
    assert "مرحبا" in text and "😀" in text
    back = pd.read_csv(csv, dtype=str, keep_default_na=False)
    assert not back["value"].str.startswith(("=", "+", "@")).any()
    xlsx = next(p for p in paths if p.suffix == ".xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None, dtype=str)
    for frame in sheets.values():
        for column in frame.columns:
            cells = frame[column].dropna()
            assert not cells.str.startswith("=").any(), column


def test_the_group_view_never_shows_the_hostile_text(stored):
    """The projector-safe summary has counts only: no fragment of any free text."""
    store, session_id, _saved = stored
    summary = group_view(store, session_id, worksheets())
    shown = repr(summary)
    for fragment in ("script", "pwned", "مرحبا", "HYPERLINK", "H000"):
        assert fragment not in shown


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_hostile_answers_print_as_literal_text_and_scores_still_work(stored, worksheet_id):
    """Every worksheet prints with hostile text in every text field: the markup shows up as
    literal characters in the PDF, nothing crashes, and scores are computed as usual."""
    _store, _session_id, saved = stored
    ws = worksheets()[worksheet_id]
    answers = saved[worksheet_id]
    score_worksheet(ws, answers)
    pdf = filled_pdf(ws, ParticipantAnswers("K7M-4QP-XZ2", {worksheet_id: answers},
                                            {worksheet_id: 1_700_000_000.0}))
    # pypdf reads the answer font's text as UTF-16 when control characters are in it: drop
    # the NULs that leaves (pdftotext shows the same text cleanly).
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\x00", "")
    if text_fields(ws):
        assert "<script>window.__pwned=1</script>" in text  # printed as typed, never run
        assert "H000" in text


ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_payload_for_any_item_gives_a_value_or_an_answer_error(data):
    """Whatever a (tampered) browser sends for any item of any worksheet, validation either
    returns a value the store can seal and scoring can use, or raises AnswerError."""
    sheets = worksheets()
    ws = sheets[data.draw(st.sampled_from(sorted(sheets)))]
    item = data.draw(st.sampled_from(list(ws.items())))
    payload = data.draw(ANY_JSON)
    try:
        value = validate_answer(ws, item, payload)
    except AnswerError:
        return
    score_worksheet(ws, {item.id: value})
    import json
    json.dumps(value, allow_nan=False)  # the store keeps JSON: no NaN or odd types get in


def test_random_seeds_for_hostile_answers_all_validate():
    """The hostile answers used above are themselves valid answers (so the tests above test
    display, not validation)."""
    rng = random.Random(3)
    for ws in worksheets().values():
        for k, v in hostile_answers(ws, rng.randrange(100)).items():
            if k in item_ids(ws):
                validate_answer(ws, ws.item(k), v)
