"""The worksheet studio, in-process: previews follow the file, problems keep the last good
previews, coverage names missing Spanish, save bumps the version, answers stay in scratch."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from toolkit.widgets.base import walk
from toolkit.widgets.studio import Studio
from toolkit.widgets.studio.inspect import bump_version
from toolkit.widgets.studio.template import new_worksheet

QUESTION = "Who helps you on a hard day?"


def _shown(widget) -> str:
    """Every text a widget tree shows (HTML values, labels, descriptions)."""
    out = []
    for x in walk(widget):
        for trait in ("value", "description"):
            v = getattr(x, trait, None)
            if isinstance(v, str):
                out.append(v)
    return "\n".join(out)


def _size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    # A save within the same clock tick must still count as a change for the watcher.
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 1))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    (tmp_path / "sheets").mkdir()
    return new_worksheet(tmp_path / "sheets", "my-sheet")


@pytest.fixture
def studio(sheet: Path, home: Path):
    s = Studio(sheet, scheduler=None, pictures=False)
    yield s
    s.close()


def test_editing_the_file_updates_client_and_print_previews(sheet, home):
    """A new question text shows in the English client form and changes the printed page."""
    s = Studio(sheet, scheduler=None)
    try:
        assert QUESTION in _shown(s.forms["en"])
        assert s.blank_png.startswith(b"\x89PNG") and s.filled_png != s.blank_png
        before = s.blank_png
        _edit(sheet, QUESTION, "Who do you call when a craving comes?")
        assert s.poll()  # the watcher's look at the file's modification time
        assert "Who do you call when a craving comes?" in _shown(s.forms["en"])
        assert QUESTION not in _shown(s.client)
        assert s.blank_png != before
        assert list(s.client.titles) == ["English", "Español"]
        assert _size(s.blank_png) == (510, 660)  # Letter at 60 dpi
        s.paper.value = "a4"
        assert _size(s.blank_png) == (497, 702)  # A4
    finally:
        s.close()


def test_the_first_pages_show_as_pictures_with_words_and_the_page_count(home):
    """A worksheet longer than three pages: pages 1 to 3, blank and filled, each with a text
    alternative and "Page n of N"; the studio says how many more pages there are."""
    from support.worksheets import WORKSHEETS

    s = Studio(WORKSHEETS / "my-support-map.yaml", scheduler=None)
    try:
        assert s.blank_pages.total > 3  # the blank one has room to write: more pages
        for pages, html, which in ((s.blank_pages, s.blank.value, "Blank"),
                                   (s.filled_pages, s.filled.value, "With sample answers")):
            total, shown = pages.total, min(pages.total, 3)
            assert len(pages.pngs) == shown
            assert all(png.startswith(b"\x89PNG") for png in pages.pngs)
            assert html.count("<img ") == shown
            assert f"Page {shown} of {total}</figcaption>" in html
            assert (f'alt="{which}, page 1 of {total}, on Letter (US) paper: My support map"'
                    in html)
            more = total - shown
            assert ((f"{more} more page{'s are' if more > 1 else ' is'} not shown here." in html)
                    if more else "not shown here" not in html)
        assert s.filled_pages.pngs[0] != s.blank_pages.pngs[0]
    finally:
        s.close()


def test_a_broken_edit_shows_file_line_and_keeps_the_previews(studio, sheet):
    """An unknown item type is reported at its line; the last good form stays up."""
    forms = studio.client.children
    _edit(sheet, "type: short_text", "type: shorttext")
    studio.refresh()
    line = sheet.read_text().splitlines().index("        type: shorttext") + 1
    assert f"{sheet}:{line}:" in studio.problems.value
    assert studio.client.children == forms and QUESTION in _shown(studio.client)
    assert "last version without problems" in studio.problems.value


def test_in_spanish_a_broken_edit_is_said_in_spanish_at_the_same_line(sheet, home):
    """The studio in Español shows a broken edit's problem in Spanish: the same file, line
    and item, the type the counselor wrote and the types to write, no English sentence."""
    import html

    s = Studio(sheet, lang="es", scheduler=None, pictures=False)
    try:
        _edit(sheet, "type: short_text", "type: shorttext")
        s.refresh()
        line = sheet.read_text().splitlines().index("        type: shorttext") + 1
        [problem] = s.inspection.problems
        shown = html.unescape(s.problems.value)
        assert f"{sheet}:{line}: elemento 'who_helps': `type:` debe ser uno de estos: " in shown
        assert "short_text, long_text" in shown
        assert problem.message not in shown and "must be one of" not in shown
        s.header.language.value = "en"  # the same problem, said again in English
        assert problem.say("en") in html.unescape(s.problems.value)
    finally:
        s.close()


def test_in_spanish_a_missing_translation_is_listed_in_spanish(sheet, home):
    """The coverage list in Español names the missing text's line and key in Spanish."""
    import html

    _edit(sheet, "          es: ¿Quién le ayuda en un día difícil?\n", "")
    s = Studio(sheet, lang="es", scheduler=None, pictures=False)
    try:
        shown = html.unescape(s.coverage.value + s.problems.value)
        assert "elemento 'who_helps': falta la traducción a es; agregue `es: ...`" in shown
        assert "`text:` necesita es; agregue `es: ...`" in shown
        assert "missing translation" not in shown and "needs es" not in shown
    finally:
        s.close()


def test_a_missing_spanish_string_is_named_in_the_coverage_list(studio, sheet):
    """Removing the Spanish of the question lists it, with its line, under Español."""
    _edit(sheet, "          es: ¿Quién le ayuda en un día difícil?\n", "")
    studio.refresh()
    assert "Español: 3 of 4 texts" in studio.coverage.value
    assert "needs es" in studio.coverage.value and f"{sheet}:" in studio.coverage.value


def test_save_refuses_while_there_are_problems_and_bumps_when_clean(studio, sheet):
    """With a problem nothing is written; once fixed, 1.0 becomes 1.1 in the file."""
    _edit(sheet, "type: short_text", "type: shorttext")
    broken = sheet.read_text()
    assert studio.save_new_version() is None
    assert sheet.read_text() == broken and "Not saved" in studio.message.value
    _edit(sheet, "type: shorttext", "type: short_text")
    assert studio.save_new_version() == "1.1"
    assert 'version: "1.1"' in sheet.read_text()
    assert studio.good is not None and studio.good.version == "1.1"


def test_answers_go_to_the_scratch_store_never_the_data_folder(studio, home):
    """Typing in the client preview saves in a temporary folder; WORKSHOP_HOME stays empty."""
    studio.forms["es"].views["who_helps"].value = "Ana"
    assert studio.scratch.answers("my-sheet") == {"who_helps": "Ana"}
    assert not home.exists() or not any(home.iterdir())
    assert not studio.scratch.home.is_relative_to(home)


def test_a_new_worksheet_starts_from_the_template(studio, sheet):
    """`start_new` writes a clean worksheet beside the others and opens it."""
    path = studio.start_new("coping-skills")
    assert path == sheet.parent / "coping-skills.yaml"
    assert studio.path == path and studio.inspection.ok
    assert str(path) in [v for _, v in studio.chooser.options]
    assert studio.start_new("coping-skills") is None and "already there" in studio.message.value


def test_a_file_chosen_or_started_opens_in_jupyterlab_s_editor(sheet, home):
    """Beside JupyterLab's editor, choosing another file or starting one asks the editor to
    open it, by its path in JupyterLab's file browser."""
    other = new_worksheet(sheet.parent, "other-sheet")
    s = Studio(sheet, scheduler=None, pictures=False, lab_folder="sheets")
    try:
        assert s.editor.path == ""  # the workspace already opened the first one
        s.chooser.value = str(other)
        assert s.editor.path == "sheets/other-sheet.yaml" and s.path == other
        s.start_new("coping-skills")
        assert s.editor.path == "sheets/coping-skills.yaml"
    finally:
        s.close()


def test_measures_are_exempt_from_the_reading_flag(home):
    """The MSPSS keeps its published wording: no text is flagged, and the studio says why."""
    from support.worksheets import WORKSHEETS

    s = Studio(WORKSHEETS / "mspss.yaml", scheduler=None, pictures=False)
    try:
        assert "published wording" in s.reading.value and "grade 8" not in s.reading.value
    finally:
        s.close()


def test_a_worksheet_saved_outside_the_sessions_folder_says_so(studio, home, tmp_path,
                                                              monkeypatch):
    """Saved in a folder new sessions do not read: the message names the folder they read
    and how to offer this one."""
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.setenv("WORKSHOP_WORKSHEETS", str(tmp_path / "elsewhere"))
    assert studio.save_new_version() == "1.1"
    assert f"New sessions take worksheets from {tmp_path / 'elsewhere'}, not from this folder" in (
        studio.message.value)


def test_text_above_grade_8_is_flagged_in_english_and_spanish(studio, sheet):
    """A long-worded question is flagged in both languages, Spanish by its own formula; the
    plain intro is not."""
    _edit(sheet, QUESTION, "Which individuals consistently demonstrate unconditional "
                           "supportiveness throughout particularly challenging circumstances?")
    _edit(sheet, "¿Quién le ayuda en un día difícil?",
          "¿Qué individuos demuestran consistentemente una solidaridad incondicional durante "
          "circunstancias particularmente desafiantes?")
    studio.refresh()
    flagged = {(r.where, r.lang, r.formula) for r in studio.inspection.reading if r.hard}
    assert flagged == {("who_helps", "en", "Flesch-Kincaid grade"),
                       ("who_helps", "es", "Fernández-Huerta")}
    assert studio.reading.value.count("above grade 8: make it simpler") == 2


def test_bump_version_keeps_quotes_and_comments():
    """`version: 2  # note` becomes `version: 3  # note`; a nested version is left alone."""
    text = "id: x\nversion: 2  # note\nitems:\n  - version: 7\n"
    assert bump_version(text) == ("id: x\nversion: 3  # note\nitems:\n  - version: 7\n", "3")


def test_the_watcher_reloads_only_when_the_file_changes(studio, sheet):
    """An untouched file is not reloaded; a save in the same clock tick is seen; a file that
    goes away is said, previews kept."""
    assert studio.poll() is False
    stamp = sheet.stat()
    sheet.write_text(sheet.read_text().replace(QUESTION, "Who helps you most?"))
    os.utime(sheet, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # the same modification time
    assert studio.poll() is True and "Who helps you most?" in _shown(studio.client)
    assert studio.poll() is False
    forms = studio.client.children
    sheet.unlink()
    assert studio.poll() is True
    assert "No such file" in studio.problems.value and studio.client.children == forms


def test_a_saved_worksheet_is_offered_to_new_sessions(studio, sheet, monkeypatch):
    """After "Save as new version" in the worksheets folder, `session new --worksheets` takes
    it at its new version."""
    from toolkit.cli.main import main
    from toolkit.worksheet.loader import load_folder

    monkeypatch.setenv("WORKSHOP_WORKSHEETS", str(sheet.parent))
    assert studio.save_new_version() == "1.1"
    assert "workshop session new NAME --participants N --worksheets my-sheet" in (
        studio.message.value)
    assert main(["session", "new", "Trial", "--participants", "1",
                 "--worksheets", "my-sheet"]) == 0
    assert load_folder(sheet.parent)["my-sheet"].version == "1.1"


def _studio_words(s: Studio) -> str:
    """What the studio itself says (not the worksheet's text in the client preview's forms):
    every text and label, the choosers' options, tab titles and the pictures' alt texts."""
    from support.pseudo import widget_words

    return "\n".join(widget_words(s, skip=s.client.children))


def test_the_language_chooser_relabels_every_panel_at_once(sheet, home, monkeypatch):
    """Choosing Español in the studio's header says the header, the column titles, the paper
    chooser, the pages' captions and alt texts, problems, translations, reading level, Save
    and the last message in Spanish at once, without drawing the pages again; English back."""
    from toolkit.text.languages import LANGUAGES
    from toolkit.text.staff import STAFF_MESSAGES
    from toolkit.text.strings import ui

    monkeypatch.setenv("WORKSHOP_WORKSHEETS", str(sheet.parent))
    s = Studio(sheet, scheduler=None)
    try:
        chooser = s.header.language
        assert list(chooser.options) == [(name, code) for code, name in LANGUAGES.items()]
        assert "Español" in chooser.options[1][0]
        assert s.save_new_version() == "1.1"
        pictures = s.blank_pages
        english = _studio_words(s)
        assert "Worksheet studio" in english and "Reading level" in english
        chooser.value = "es"  # as the counselor picks it
        spanish = _studio_words(s)
        assert s.blank_pages is pictures  # captions said again, pages not drawn again
        for key in ("studio_title", "studio_file", "studio_reload", "studio_new",
                    "studio_new_name", "studio_watching", "studio_client", "studio_print",
                    "studio_paper", "studio_blank", "studio_filled", "studio_problems",
                    "studio_no_problems", "studio_coverage", "studio_reading", "studio_save",
                    "studio_reading_where", "studio_formula_fk", "language_label",
                    "print_letter", "print_a4"):
            assert ui(key, "es") in spanish, key
        assert ui("studio_saved", "es", version="1.1") in spanish
        assert ui("studio_page", "es", page=1, total=s.blank_pages.total) in spanish
        assert ui("studio_page_alt", "es", which=ui("studio_blank", "es"), page=1,
                  total=s.blank_pages.total, paper=ui("print_letter", "es"),
                  title="My new worksheet") in spanish  # printed in English, said in Spanish
        left = [text for key, text in STAFF_MESSAGES.items()
                if key.startswith("studio_") and "{" not in text and text != ui(key, "es")
                and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", spanish)]
        assert left == [], left
        assert "Page 1 of" not in spanish and "Saved as version" not in spanish
        assert s.paper.value == "letter" and s.header.page_lang.lang == "es"
        assert list(s.client.titles) == ["English", "Español"]  # one tab per declared language
        chooser.value = "en"
        assert _studio_words(s) == english
    finally:
        s.close()


def test_the_studio_starts_in_the_language_workshop_studio_was_given(sheet, home, monkeypatch):
    """WORKSHOP_STUDIO_LANG (what `workshop studio --lang es` hands the kernel) starts the
    studio in Spanish; the page's own ?lang= wins after a reload; an unknown one is refused."""
    from toolkit.widgets.studio import studio
    from toolkit.widgets.studio.header import LANG_ENV

    monkeypatch.setenv("WORKSHOP_STUDIO_FILE", str(sheet))
    monkeypatch.setenv(LANG_ENV, "es")
    s = studio(scheduler=None, pictures=False)
    try:
        assert s.lang == "es" and s.header.language.value == "es"
        assert "Taller de hojas de trabajo" in s.header.title.value
    finally:
        s.close()
    monkeypatch.setenv("QUERY_STRING", "lang=en")
    s = studio(scheduler=None, pictures=False)
    try:
        assert "Worksheet studio" in s.header.title.value
    finally:
        s.close()
    monkeypatch.delenv("QUERY_STRING")
    monkeypatch.setenv(LANG_ENV, "xx")
    with pytest.raises(ValueError, match="WORKSHOP_STUDIO_LANG='xx'"):
        studio(scheduler=None, pictures=False)
