"""The worksheet studio: a worksheet file as a client and a printer will see it, side by side
with its problems, translations and reading levels, updated each time the file is saved.

Answers typed in the client preview go to a scratch store only. A file with problems keeps
the last good previews up. "Save as new version" bumps `version:` and refuses while there
are problems.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from toolkit.render.printout import PAPERS
from toolkit.store.autosave import Scheduler
from toolkit.text.languages import DEFAULT_LANGUAGE, own_name
from toolkit.text.markup import escape
from toolkit.text.strings import tr, ui
from toolkit.widgets.base import guard
from toolkit.widgets.chrome import style_widget
from toolkit.widgets.form import WorksheetForm
from toolkit.widgets.studio.editor import LAB_FOLDER_ENV, EditorOpener, lab_path
from toolkit.widgets.studio.follow import FollowsFile
from toolkit.widgets.studio.header import StudioHeader, known_language, start_language
from toolkit.widgets.studio.inspect import Inspection, bump_version, inspect
from toolkit.widgets.studio.panels import (
    STUDIO_CSS,
    coverage_html,
    pages_html,
    problems_html,
    reading_html,
)
from toolkit.widgets.studio.pictures import Pages, page_pictures
from toolkit.widgets.studio.scratch import ScratchStore
from toolkit.widgets.studio.template import TemplateError, new_worksheet
from toolkit.worksheet.loader import worksheet_files
from toolkit.worksheet.model import Worksheet

NEW_FILE = "my-worksheet.yaml"
"""What an empty worksheets folder shows: no such file yet, and the box to start one."""


class Studio(FollowsFile, w.VBox):
    """One worksheet file at a time, chosen from its folder (or a new one from a template)."""

    def __init__(self, path: str | Path, *, lang: str = DEFAULT_LANGUAGE,
                 scheduler: Scheduler | str | None = "auto", pictures: bool = True,
                 lab_folder: str | None = None):
        """`lab_folder`: the folder's path in JupyterLab's file browser, when the studio runs
        beside JupyterLab's editor; a file chosen or started here then opens there."""
        self.path = Path(path).resolve()
        self.lab_folder = lab_folder
        self.editor = EditorOpener()
        self.folder = self.path.parent
        self.lang = known_language(lang)
        self._quiet = False
        """Set while the paper chooser is relabelled: its value comes back, nothing to draw."""
        self._scheduler = scheduler
        self._pictures = pictures
        self.scratch = ScratchStore()
        self.inspection: Inspection | None = None
        self.good: Worksheet | None = None
        """The last version without problems: what the previews show."""
        self.forms: dict[str, WorksheetForm] = {}
        self.blank_pages = self.filled_pages = Pages([], 0)
        self._drawn: tuple[str, str] | None = None
        """The drawn pages' worksheet title (in the printed language) and paper."""
        self._last_good: Inspection | None = None
        """The last inspection without problems: what the reading levels show."""

        self.header = StudioHeader(self.lang)
        self.header.language.observe(guard(lambda c: self.set_language(c["new"])), "value")
        self.chooser = self.header.chooser
        self.chooser.observe(guard(self._chose), "value")
        self.header.reload.on_click(guard(lambda _b: self.refresh()))
        self.new_id = self.header.new_id
        self.header.new_button.on_click(
            guard(lambda _b: self.start_new(self.new_id.value.strip())))
        self.client = w.Tab()
        self.paper = w.Dropdown(value=None)
        self.print_lang = w.Dropdown(layout=w.Layout(width="10em"))
        self.blank = w.HTML()
        self.filled = w.HTML()
        self.problems = w.HTML()
        self.coverage = w.HTML()
        self.reading = w.HTML()
        self.save = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.save.on_click(guard(lambda _b: self.save_new_version()))
        self.message = w.HTML()
        self.message.add_class("studio-message")
        self._say: Callable[[], str] = str
        """The message below Save, said again in a new language."""
        self._titles = {key: w.HTML() for key in (
            "studio_client", "studio_print", "studio_blank", "studio_filled")}

        def column(key: str, *children: w.Widget) -> w.VBox:
            return w.VBox([self._titles[key], *children],
                          layout=w.Layout(flex="1 1 0", min_width="300px", padding="0 8px"))

        pages = w.VBox([self.paper, self.print_lang, self._titles["studio_blank"], self.blank,
                        self._titles["studio_filled"], self.filled])
        checks = w.VBox([self.problems, w.HBox([self.save]), self.message, self.coverage,
                         self.reading], layout=w.Layout(flex="1 1 0", min_width="300px"))
        super().__init__([
            style_widget(),  # the client's own stylesheet: the preview looks as it will
            self.editor,
            w.HTML(f"<style>{STUDIO_CSS}</style>", layout=w.Layout(display="none")),
            self.header,
            w.HBox([column("studio_client", self.client), column("studio_print", pages),
                    checks],
                   layout=w.Layout(flex_flow="row wrap", align_items="flex-start")),
        ])
        self._relabel()
        for control in (self.paper, self.print_lang):
            control.observe(guard(lambda _c: self._quiet or self._draw_pages()), "value")
        self.add_class("studio")
        self._list_files()
        self.refresh()

    # --- the counselor's language -----------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Say everything in `lang` at once: header, panels, captions and the last message.
        The client preview keeps its tabs, one per language the worksheet declares."""
        lang = known_language(lang)
        if lang == self.lang:
            return
        self.lang = lang
        self.header.language.value = lang
        self._relabel()
        if self.inspection is not None:
            self._show_checks(self.inspection)
        if self._last_good is not None:
            self.reading.value = reading_html(self._last_good, lang)
        self._caption_pages()
        self.message.value = self._say()

    def _relabel(self) -> None:
        lang = self.lang
        self.header.relabel(lang)
        for key, box in self._titles.items():
            level = 2 if key in ("studio_client", "studio_print") else 3
            box.value = f"<h{level}>{escape(ui(key, lang))}</h{level}>"
        self.save.description = ui("studio_save", lang)
        self.paper.description = ui("studio_paper", lang)
        self._quiet = True
        try:
            paper = self.paper.value or "letter"
            self.paper.options = [(ui(f"print_{p}", lang), p) for p in PAPERS]
            self.paper.value = paper
        finally:
            self._quiet = False

    def _tell(self, say: Callable[[], str]) -> None:
        """Show a message below Save, made by `say` in the language of the moment."""
        self._say = say
        self.message.value = say()

    # --- the file -------------------------------------------------------------------------

    def _list_files(self) -> None:
        files = sorted(str(f.resolve()) for f in worksheet_files([self.folder]))
        if str(self.path) not in files:
            files.append(str(self.path))
        self.chooser.options = [(Path(f).name, f) for f in files]
        self.chooser.value = str(self.path)

    def _chose(self, change: dict[str, Any]) -> None:
        if change["new"] and Path(change["new"]) != self.path:
            self.show_file(change["new"])

    def show_file(self, path: str | Path) -> None:
        """Show another worksheet file: its previews start afresh."""
        self.path = Path(path).resolve()
        self.good = None
        self._list_files()
        self.refresh()
        if self.lab_folder is not None:
            self.editor.path = lab_path(self.path, self.folder, self.lab_folder)

    def start_new(self, worksheet_id: str) -> Path | None:
        """A new worksheet from the template in this folder, opened at once."""
        try:
            path = new_worksheet(self.folder, worksheet_id)
        except TemplateError as e:
            error = e
            self._tell(lambda: f'<p role="alert">{escape(error.say(self.lang))}</p>')
            return None
        self._tell(str)
        self.show_file(path)
        return path

    def refresh(self) -> Inspection:
        """Read the file again: new problems, coverage and reading levels always; new
        previews only when it loads without problems (else the last good ones stay)."""
        self._seen = self._stamp()
        found = inspect(self.path) if self._seen is not None else Inspection(
            self.path, None, [])
        self.inspection = found
        self._show_checks(found)
        if found.ok and found.worksheet is not None:
            self._last_good = found
            self.reading.value = reading_html(found, self.lang)
            self.good = found.worksheet
            self._build_client(found.worksheet)
            langs = list(found.worksheet.languages)
            if list(self.print_lang.options) != langs:
                self.print_lang.options = [(own_name(c), c) for c in langs]
            if self.print_lang.value not in langs:  # first the studio's own language
                self.print_lang.value = self.lang if self.lang in langs else langs[0]
            self._draw_pages()
        return found

    def _show_checks(self, found: Inspection) -> None:
        self.problems.value = (problems_html(found, self.lang) if self._seen is not None else
                               escape(ui("studio_not_found", self.lang, path=str(self.path))))
        self.coverage.value = coverage_html(found, self.lang)

    # --- the previews ---------------------------------------------------------------------

    def _build_client(self, ws: Worksheet) -> None:
        """One client form per declared language, answers kept from the scratch store."""
        answers = self.scratch.answers(ws.id)
        self.forms = {lang: WorksheetForm(ws, lang=lang, answers=answers,
                                          save=self.scratch.saver(ws, lang),
                                          scheduler=self._scheduler)  # type: ignore[arg-type]
                      for lang in ws.languages}
        self.client.children = list(self.forms.values())
        self.client.titles = [own_name(lang) for lang in self.forms]

    def _draw_pages(self) -> None:
        if not self._pictures or self.good is None or self.print_lang.value is None:
            return
        lang, paper = self.print_lang.value, self.paper.value
        self.blank_pages, self.filled_pages = page_pictures(self.good, lang, paper)
        self._drawn = (tr(self.good.title, lang), paper)
        self._caption_pages()

    def _caption_pages(self) -> None:
        """The pictures' text alternatives and captions, in the studio's language."""
        if self._drawn is None:
            return
        title, paper = self._drawn
        words = {"paper": ui(f"print_{paper}", self.lang), "title": title}
        self.blank.value = pages_html(self.blank_pages, ui("studio_blank", self.lang),
                                      self.lang, **words)
        self.filled.value = pages_html(self.filled_pages, ui("studio_filled", self.lang),
                                       self.lang, **words)

    @property
    def blank_png(self) -> bytes:
        """The blank printout's first page (PNG)."""
        return self.blank_pages.pngs[0] if self.blank_pages.pngs else b""

    @property
    def filled_png(self) -> bytes:
        """The first page with sample answers (PNG)."""
        return self.filled_pages.pngs[0] if self.filled_pages.pngs else b""

    # --- saving ---------------------------------------------------------------------------

    def save_new_version(self) -> str | None:
        """Bump `version:` in the file and reload; None (and a message) while it has
        problems."""
        found = self.refresh()
        if not found.ok:
            self._tell(lambda: f'<p role="alert">'
                               f'{escape(ui("studio_save_refused", self.lang))}</p>')
            return None
        text, version = bump_version(self.path.read_text(encoding="utf-8"))
        self.path.write_text(text, encoding="utf-8")
        self.refresh()
        self._tell(lambda: f'<p role="status">'
                           f'{escape(ui("studio_saved", self.lang, version=version))} '
                           f'{escape(self._offered())}</p>')
        return version

    def _offered(self) -> str:
        """Whether `workshop session new --worksheets` takes this file: only from the
        worksheets folder new sessions use."""
        from toolkit.settings.config import Config, ConfigError

        try:
            sessions = Config.from_env().worksheets_dir.resolve()
        except ConfigError:  # `workshop session new` says what is wrong with the setting
            return ""
        if sessions == self.folder:
            return ui("studio_offered", self.lang, id=self.good.id if self.good else "")
        return ui("studio_not_offered", self.lang, folder=str(sessions))

    def close(self) -> None:
        self.stop_watching()
        self.scratch.close()
        super().close()


def first_worksheet(folder: Path) -> Path | None:
    """The worksheet the studio opens when none is named: the first in the folder by name."""
    return next(iter(sorted(worksheet_files([folder]))), None)


def studio(path: str | Path | None = None, **kwargs: Any) -> Studio:
    """The studio on `path` (default: WORKSHOP_STUDIO_FILE, else the first worksheet in the
    worksheets folder), following the file while the kernel runs; in `lang` (default: the
    page's ?lang=, else WORKSHOP_STUDIO_LANG, else English)."""
    import os

    from toolkit.settings.config import Config

    if path is None:
        folder = Config.from_env().worksheets_dir
        path = (os.environ.get("WORKSHOP_STUDIO_FILE") or first_worksheet(folder)
                or folder / NEW_FILE)
    kwargs.setdefault("lab_folder", os.environ.get(LAB_FOLDER_ENV))
    kwargs.setdefault("lang", start_language())
    s = Studio(path, **kwargs)
    s.watch()
    return s
