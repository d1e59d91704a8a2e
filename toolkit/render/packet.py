"""A group's packet: every participant's filled worksheets, one PDF behind a cover, or a zip.

Participants render in parallel, one process per core (WeasyPrint is pure Python, so threads
would not help). A single-threaded caller (the command line) forks its workers, which start
at once with the renderer already warm; a caller with threads (a notebook kernel) gets them
from a fork server instead, since forking a threaded process can deadlock. Scripts that call
build_packet need the usual `if __name__ == "__main__":` guard, as with any multiprocessing.
The cover lists join codes only, never names; nothing here logs answer text.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import multiprocessing
import os
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing.context import BaseContext

from toolkit.render.labels import labels
from toolkit.render.merge import Merger
from toolkit.render.printout import (
    DEFAULT_OPTIONS,
    ParticipantAnswers,
    PrintOptions,
    filled_docs,
    html_to_pdf_pages,
    participant_answers,
    render_html,
    warm_up,
)
from toolkit.store.store import Store
from toolkit.text.formats import long_date
from toolkit.text.strings import tr
from toolkit.worksheet.model import Worksheet

Progress = Callable[[int, int], None]
"""progress(done, total): called with 0 first, then as each participant's pages are ready
(the command line wraps tqdm, a notebook an ipywidgets IntProgress)."""


@dataclass(frozen=True)
class Packet:
    """The finished packet: PDF or zip bytes, and each participant's page count by code."""

    data: bytes
    pages: dict[str, int]
    is_zip: bool

    @property
    def total_pages(self) -> int:
        return sum(self.pages.values())


_WORKSHEETS: dict[str, Worksheet] = {}


def _init_worker(worksheets: dict[str, Worksheet]) -> None:
    _WORKSHEETS.update(worksheets)
    warm_up()  # also freezes all that is alive now: it lives as long as the worker


def _render(ids: Sequence[str], person: ParticipantAnswers, options: PrintOptions
            ) -> tuple[str, bytes, int]:
    if person.lang is not None:
        options = replace(options, lang=person.lang)
    docs = filled_docs([_WORKSHEETS[w] for w in ids], person, options.lang)
    pdf, pages = html_to_pdf_pages(render_html(docs, options), options, filled=True)
    return person.code, pdf, pages


def _ready() -> None:
    """A no-op job: submitting it makes the pool start a worker now."""


def default_workers() -> int:
    return min(2, os.cpu_count() or 1)


def _context() -> BaseContext:
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["toolkit.render.packet"])
    return ctx


@contextmanager
def _pool(workers: int, worksheets: dict[str, Worksheet]) -> Iterator[Executor | None]:
    """Worker processes, started at once so they boot while the caller reads the store."""
    if workers <= 1:
        _WORKSHEETS.update(worksheets)
        yield None
        return
    # Forked workers inherit the built template, stylesheets and fonts, and, frozen (by
    # warm_up), do not copy the caller's memory page by page as the collector walks it.
    warm_up()
    try:
        with _executor(workers, worksheets) as pool:
            yield pool
    finally:
        gc.unfreeze()


@contextmanager
def _executor(workers: int, worksheets: dict[str, Worksheet]) -> Iterator[Executor]:
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_init_worker, initargs=(worksheets,)) as pool:
        for _ in range(workers):
            pool.submit(_ready)
        try:
            yield pool
        except BaseException:  # a failed render or Ctrl-C: drop the queue, don't finish it
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _results(pool: Executor | None, people: Sequence[ParticipantAnswers], ids: Sequence[str],
             options: PrintOptions, progress: Progress | None
             ) -> Iterator[tuple[str, bytes, int]]:
    """(code, PDF, pages) per participant as each finishes, reporting progress."""
    total = len(people)
    if progress:
        progress(0, total)
    if pool is None:
        results: Iterator[tuple[str, bytes, int]] = (
            _render(ids, person, options) for person in people)
    else:
        jobs = [pool.submit(_render, ids, person, options) for person in people]
        results = (job.result() for job in as_completed(jobs))
    for done, result in enumerate(results, 1):
        yield result
        if progress:
            progress(done, total)


class _Merger:
    """Appends participants' PDFs in session order as they arrive (the caller is otherwise
    idle while workers render), so little is left to do once the last one is in."""

    def __init__(self, order: Sequence[str], tagged: bool):
        self.order, self.next = list(order), 0
        self.waiting: dict[str, bytes] = {}
        self.merger = Merger(tagged)

    def add(self, code: str, pdf: bytes) -> None:
        self.waiting[code] = pdf
        while self.next < len(self.order) and self.order[self.next] in self.waiting:
            self.merger.append(self.waiting.pop(self.order[self.next]))
            self.next += 1

    def finish(self, cover: bytes, title: str, lang: str) -> bytes:
        self.merger.put_first(cover)
        return self.merger.finish(title, lang)


def _cover(session_name: str, titles: list[str], pages: list[tuple[str, int]],
           options: PrintOptions) -> bytes:
    """The cover, numbered so each participant's first page is given in packet pages."""
    cover_pages = 1
    while True:
        rows, start = [], cover_pages + 1
        for i, (code, n) in enumerate(pages, 1):
            rows.append({"n": i, "code": code, "start": start, "pages": n})
            start += n
        cover = {"session": session_name, "worksheets": titles,
                 "pairs": [rows[i:i + 2] for i in range(0, len(rows), 2)],
                 "printed": long_date(dt.date.today(), options.lang)}
        pdf, n_cover = html_to_pdf_pages(render_html([], options, cover=cover), options)
        if n_cover == cover_pages:
            return pdf
        cover_pages = n_cover


def build_packet(store: Store, session_id: str, worksheets: Mapping[str, Worksheet], *,
                 worksheet_ids: Sequence[str] | None = None,
                 options: PrintOptions = DEFAULT_OPTIONS, as_zip: bool = False,
                 progress: Progress | None = None, workers: int | None = None,
                 own_languages: bool = False) -> Packet:
    """Every participant of a session with their chosen worksheets (default: the session's);
    with `own_languages`, each one's pages in the language they chose (the cover, and anyone
    who chose none, in the options' language).

    One PDF with a cover listing join codes and where each participant starts (each starts
    on a new page), or with `as_zip` one PDF per participant named `<code>.pdf`.
    Raises LookupError for an unknown session and KeyError for an unknown worksheet.
    """
    session = store.session(session_id)
    ids = list(worksheet_ids or session.worksheets)
    unknown = [w for w in ids if w not in worksheets]
    if unknown:
        raise KeyError(", ".join(unknown))
    pages: dict[str, int] = {}
    pdfs: dict[str, bytes] = {}
    with _pool(workers or default_workers(), {w: worksheets[w] for w in ids}) as pool:
        people = [participant_answers(store, p, ids, own_languages)
                  for p in store.participants(session_id)]
        merger = None if as_zip else _Merger([p.code for p in people], options.tagged)
        for code, pdf, n in _results(pool, people, ids, options, progress):
            pages[code] = n
            if merger is None:
                pdfs[code] = pdf
            else:
                merger.add(code, pdf)
    order = {p.code: pages[p.code] for p in people}
    if merger is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in people:
                zf.writestr(f"{p.code}.pdf", pdfs[p.code])
        return Packet(buf.getvalue(), order, True)
    titles = [tr(worksheets[w].title, options.lang) for w in ids]
    cover = _cover(session.name, titles, list(order.items()), options)
    title = f"{labels(options.lang)['cover_title']}: {session.name}"
    return Packet(merger.finish(cover, title, options.lang), order, False)
