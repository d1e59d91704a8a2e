"""A third language with no Python: the pseudo-locale `qps` (one generated catalog, the
worksheets' YAML with a `qps` text beside each English one, as a program would add a real
language) over every client screen, every dashboard tab, a printout of each worksheet and the
wallet card. Any plain-English word left on them is a string that was never translatable: this
is the test that catches a hard-coded string, now and later."""

from __future__ import annotations

import re

import pytest
from babel import Locale
from support.problems import records as problem_records
from support.pseudo import (
    PSEUDO,
    english_words,
    html_words,
    widget_words,
    write_catalog,
    write_worksheets,
)
from support.worksheets import WORKSHEETS

from toolkit.render.card import render_card
from toolkit.render.joincards import render_join_cards
from toolkit.render.printout import PrintOptions, blank_pdf, filled_pdf, participant_answers
from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.supportmap.people import SupportMap
from toolkit.supportmap.plan import plan_from_answers
from toolkit.text.languages import LANGUAGES, add_locale_folder, remove_locale_folder
from toolkit.text.strings import ui
from toolkit.widgets.client.app import ClientApp
from toolkit.widgets.facilitator.board import Dashboard
from toolkit.widgets.facilitator.gate import FacilitatorDashboard
from toolkit.worksheet.loader import load_folder

TYPED = ["Zebulon", "Quetzalcoatl", "Marisol Q", "555-0100", "Tuesday group", "Tue 6pm"]
"""What the participant typed, and the group's name: theirs, not the app's."""
PROPER = ["SAMHSA", "CFR", "MSPSS", "BARC", "PDF", "CSV", "Excel", "xlsx", "csv", "pdf",
          "TTY"]
"""Names that stay as they are in every language."""


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory):
    """`qps` added as a program adds a language; its worksheets; a store with a group of two,
    one of whom has answered everything shown below in `qps`."""
    root = tmp_path_factory.mktemp("qps")
    write_catalog(root / "locale")
    add_locale_folder(root / "locale")
    sheets = load_folder(write_worksheets(WORKSHEETS, root / "worksheets"))
    mp = pytest.MonkeyPatch()
    mp.setenv("WORKSHOP_HOME", str(root / "home"))
    store = Store.open(Config.from_env())
    session = store.create_session("Tuesday group", list(WORKSHOP_ORDER), 2)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
        store.set_language(p, PSEUDO)
    m = SupportMap()
    m.add("Zebulon", "closest", supports="yes")
    m.add("Quetzalcoatl", "professional", supports="unsure")
    store.save_answer(people[0], "my-support-map", "people", m.to_rows(), "1.1")
    store.save_answer(people[0], "opening-up", "first_person", "Quetzalcoatl", "1.0")
    for ws_id, n in (("mspss", 12), ("barc-10", 10)):
        store.save_answers(people[0], ws_id, {f"item{i}": 5 for i in range(1, n + 1)}, "1.0")
    yield store, sheets, session, people, root
    mp.undo()
    remove_locale_folder(root / "locale")


def allowed(store: Store, people: list) -> list[str]:
    """Typed text, proper names, codes, the languages' own names, "Language" in each of them
    (the chooser is labelled in all at once) and the measures' citations (references)."""
    citations = [ws.citation for ws in load_folder(WORKSHEETS).values() if ws.citation]
    return [*TYPED, *PROPER, *LANGUAGES.values(), *(p.code for p in people),
            *(p.code.replace("-", " ") for p in people),
            *(ui("language_label", code) for code in LANGUAGES), *citations, *BABEL_ENGLISH]


BABEL_ENGLISH = [*Locale.parse("en").months["format"]["wide"].values(), "” or “"]
"""What Babel writes for a language its locale data (CLDR) does not know, such as `qps`: the
English month names and list words. A real language added with a catalog has its own."""


def left(parts: list[str], store: Store, people: list, extra: list[str] = ()) -> list[str]:
    return english_words(parts, [*allowed(store, people), *extra])


def test_the_pseudo_language_is_offered_like_any_other(pseudo):
    """The generated catalog alone makes `qps` a language the app offers."""
    assert PSEUDO in LANGUAGES


def test_every_client_screen_is_in_the_pseudo_language(pseudo):
    store, sheets, _session, people, _root = pseudo
    seen: dict[str, list[str]] = {}
    app = ClientApp(store, sheets, scheduler=None)
    app.choose_language(PSEUDO)
    seen["join"] = widget_words(app)
    app.join("ABC-DEF-GHJ")  # well formed, unknown
    seen["unknown code"] = widget_words(app)
    app.join("nonsense!")
    seen["malformed code"] = widget_words(app)
    fresh = ClientApp(store, sheets, scheduler=None, lang=PSEUDO)
    fresh.join(people[1].code)
    store_consent = fresh.screen_name
    seen["consent or home"] = widget_words(fresh)
    app = ClientApp(store, sheets, code=people[0].code, scheduler=None)
    assert app.lang == PSEUDO, "the remembered language opens the next visit"
    seen["home"] = widget_words(app)
    for ws_id in app.worksheet_ids():
        app.open_worksheet(ws_id)
        seen[ws_id] = widget_words(app)
        app.show_home()
    app.finish()
    seen["finished"] = widget_words(app)
    problems = {screen: found for screen, words in seen.items()
                if (found := left(words, store, people))}
    assert not problems, f"English left on client screens ({store_consent}): {problems}"


def test_the_consent_notice_and_declining_are_in_the_pseudo_language(pseudo, home):
    store, sheets, _session, people, _root = pseudo
    newcomer = store.create_session("Tuesday group", ["opening-up"], 1)
    [p] = store.participants(newcomer.id)
    app = ClientApp(store, sheets, scheduler=None, lang=PSEUDO)
    app.join(p.code)
    assert app.screen_name == "consent"
    consent = widget_words(app)
    app.decline()
    declined = widget_words(app)
    assert not left(consent, store, people), left(consent, store, people)
    assert not left(declined, store, people), left(declined, store, people)


def _every_tab(board: Dashboard, people: list) -> dict[str, list[str]]:
    board.show_person(people[0].code)
    board.show_prepost()
    board.export()
    board.show_audit()
    board.printing.participant(people[0].code)
    return {title: widget_words(child)
            for title, child in zip(board.tabs.titles, board.tabs.children, strict=True)}


def test_every_dashboard_tab_is_in_the_pseudo_language(pseudo):
    store, sheets, session, people, root = pseudo
    board = Dashboard(store, sheets, session.id, export_dir=root / "exports", scheduler=None,
                      lang=PSEUDO)
    tabs = _every_tab(board, people)
    tabs["heading"] = [w for c in board.children if c is not board.tabs for w in widget_words(c)]
    # What the audit log and the export list hold are records (file names, ids, details), not
    # the app's words: its headings, people and actions are checked, targets and details not.
    files = [f.name for f in (root / "exports").rglob("*")] + [str(root / "exports")]
    records = [x for e in store.audit_log() for x in (e.target, e.detail)]
    problems = {t: found for t, words in tabs.items()
                if (found := left(words, store, people, [*files, *records, session.id]))}
    assert not problems, f"English left on dashboard tabs: {problems}"
    board.stop()


def test_the_passphrase_gate_is_in_the_pseudo_language(pseudo):
    from toolkit.access.passphrase import set_passphrase

    store, sheets, session, people, _root = pseudo
    gate = FacilitatorDashboard(store, sheets, session.id, scheduler=None, lang=PSEUDO)
    before = widget_words(gate)
    set_passphrase(store, "blue kettle on sunday")
    gate.show_login()
    gate.try_login("not it at all")
    wrong = widget_words(gate)
    assert gate.try_login("blue kettle on sunday")
    inside = [w for c in gate.body.children if c is not gate.board for w in widget_words(c)]
    gate.log_off("test")
    after = widget_words(gate)
    for name, words in (("no passphrase", before), ("wrong", wrong), ("logged in", inside),
                        ("logged off", after)):
        assert not left(words, store, people, ["workshop facilitator set-passphrase"]), (
            name, left(words, store, people))
    gate.close()


def pdf_words(data: bytes) -> list[str]:
    from io import BytesIO

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


@pytest.mark.parametrize("ws_id", WORKSHOP_ORDER)
def test_each_worksheet_prints_in_the_pseudo_language(pseudo, ws_id):
    """Blank and filled, each worksheet's printout: questions, labels, headers and footers."""
    store, sheets, _session, people, _root = pseudo
    options = PrintOptions(lang=PSEUDO)
    ws = sheets[ws_id]
    citation = [ws.citation or ""]
    blank = pdf_words(blank_pdf([ws], options))
    filled = pdf_words(filled_pdf([ws], participant_answers(store, people[0], [ws_id]), options))
    for what, words in (("blank", blank), ("filled", filled)):
        found = left(words, store, people, [" ".join(c.split()) for c in citation] + citation)
        assert not found, f"{ws_id} {what}: {found}"


def test_the_wallet_card_and_join_cards_are_in_the_pseudo_language(pseudo):
    store, _sheets, _session, people, _root = pseudo
    plan = plan_from_answers(store.latest(people[0]), None)
    card = pdf_words(render_card(plan, lang=PSEUDO))
    assert not left(card, store, people), left(card, store, people)
    url = "http://192.168.1.20:8866/"
    cards = pdf_words(render_join_cards([p.code for p in people], url, lang=PSEUDO))
    found = left(cards, store, people, [url, url.rstrip("/"), "?code=", "? code="])
    assert not found, found


def test_every_studio_panel_is_in_the_pseudo_language(pseudo, tmp_path, monkeypatch):
    """The worksheet studio in `qps`: header, the client preview's `qps` form, the printed
    pages' captions and alt texts, problems and missing translations (each line said in `qps`
    around its file, item and what the counselor wrote or must type), Save and its messages, a
    refused new worksheet, translations and reading levels, a measure's exemption, a file gone.
    The worksheet's ids, file names and paths are records, not the studio's words."""
    import shutil

    from toolkit.widgets.studio import Studio

    store, _sheets, _session, people, root = pseudo
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name in ("barc-10.yaml", "opening-up.yaml"):
        shutil.copy(root / "worksheets" / name, folder / name)
    sheet = folder / "opening-up.yaml"
    monkeypatch.setenv("WORKSHOP_WORKSHEETS", str(tmp_path / "elsewhere"))
    seen: dict[str, list[str]] = {}
    s = Studio(sheet, lang=PSEUDO, scheduler=None, pictures=False)
    try:
        s.save_new_version()
        seen["saved"] = widget_words(s, skip=s.client.children)
        seen["client preview"] = widget_words(s.forms[PSEUDO])
        records = [part for r in s.inspection.reading for part in r.where.split(".")]
        s.start_new("Not An Id")
        seen["new refused"] = widget_words(s.message)
        text = sheet.read_text(encoding="utf-8")
        sheet.write_text(text.replace("type: short_text", "type: shorttext", 1)
                         .replace(f"  {PSEUDO}: ", "  xx_gone: ", 1), encoding="utf-8")
        s.refresh()
        assert s.inspection.problems and s.inspection.missing[PSEUDO]
        s.save_new_version()
        seen["problems"] = widget_words(s, skip=s.client.children)
        records += [r for p in s.inspection.problems for r in problem_records(p)] + [
            r for missing in s.inspection.missing.values() for p in missing
            for r in problem_records(p)]
        sheet.unlink()
        s.refresh()
        seen["file gone"] = widget_words(s.problems)
    finally:
        s.close()
    measure = Studio(folder / "barc-10.yaml", lang=PSEUDO, scheduler=None)
    try:  # printed in the studio's language first: captions, alt texts; the exemption
        assert measure.print_lang.value == PSEUDO and measure.inspection.exempt
        assert "<img " in measure.blank.value and "<img " in measure.filled.value
        seen["measure, pages"] = widget_words(measure, skip=measure.client.children)
        records += [part for r in measure.inspection.reading for part in r.where.split(".")]
    finally:
        measure.close()
    paths = [str(folder), str(tmp_path / "elsewhere"), str(sheet), "barc-10.yaml",
             "opening-up.yaml", "Not An Id"]
    problems = {screen: found for screen, words in seen.items()
                if (found := left(words, store, people,
                                  [*records, *paths, "Fernández-Huerta"]))}
    assert not problems, f"English left in the studio: {problems}"


def test_a_hard_coded_english_string_is_caught():
    """The check itself: an English word among pseudo text is found, pseudo text is not."""
    assert english_words(["Ŧħīş īş ƒīƞḗ", "Save"]) == ["'Save' in 'Save'"]
    assert html_words('<p title="Hi">Ḗ<style>p{color:red}</style></p>') == ["Hi", "Ḗ"]
    assert re.search("Zebulon", " ".join(TYPED))
