"""Printing speed: one filled worksheet (warm, median ms; a different participant each round,
alternating with WeasyPrint's own drawing and page margins, and with an untagged PDF), a
30-participant x 9-worksheet group packet (seconds; then again untagged), and the same
worksheet's HTML printed by headless Chromium (the browser's print route, median ms) as
the same-run baseline, with the ratio. Tagged (PDF/UA) is what the toolkit prints; the
untagged figures say what tagging costs in time and size. CPU times and
the load average come along: on a shared machine wall times swing with other people's work.
Synthetic answers only, in a throw-away data folder; about a minute on a 2-core machine.

    .venv/bin/python benchmarks/pdf.py [--worksheet mspss] [--rounds 7] [--group 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]


def _median_ms(times: list[float]) -> float:
    return 1000 * statistics.median(times)


def _chromium(html: str, rounds: int, work: Path) -> list[float]:
    """Wall time of `chromium --print-to-pdf` on the same HTML (CSS inlined), per run."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return []
    page, out = work / "x.html", work / "x.pdf"
    page.write_text(html, encoding="utf-8")
    times = []
    for i in range(rounds + 1):  # the first run warms the disk cache and is not counted
        out.unlink(missing_ok=True)
        t0 = time.perf_counter()
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}",
                        f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
        if i:
            times.append(time.perf_counter() - t0)
        if not out.exists():
            raise RuntimeError("chromium wrote no PDF")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worksheet", default="mspss")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--group", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pdf-bench-"))
    os.environ["WORKSHOP_HOME"] = str(work / "home")
    os.environ.pop("WORKSHOP_DB", None)
    os.environ.pop("WORKSHOP_KEY", None)

    from toolkit.render import fastdraw, marginboxes
    from toolkit.render.packet import build_packet
    from toolkit.render.printout import (
        ParticipantAnswers,
        PrintOptions,
        filled_docs,
        filled_pdf,
        render_html,
        warm_up,
    )
    from toolkit.render.sample import fill_with_samples, sample_latest
    from toolkit.settings.config import Config
    from toolkit.store.store import Store
    from toolkit.worksheet.loader import load_folder

    config = Config.from_env()
    worksheets = load_folder(config.worksheets_dir)
    ws = worksheets[args.worksheet]
    options = PrintOptions.from_config(config)
    # A different participant each round (codes and answers differ, as when a counselor
    # prints one person after another): only what is the same for everyone (the footer,
    # page numbers) can be reused from one render to the next.
    people = [ParticipantAnswers(f"K7M-4QP-{n:03d}", sample_latest(worksheets, seed=n),
                                 {w: time.time() for w in worksheets})
              for n in range(1, args.rounds + 2)]
    person = people[0]

    filled_pdf(ws, person, options)  # first render: loads the fonts pango needs
    warm_up()  # what a long-lived printing process does once (the packet's workers too)
    untagged_options = replace(options, tagged=False)
    filled_pdf(ws, person, untagged_options)
    one, cpu, stock, untagged, untagged_cpu = [], [], [], [], []
    sizes: dict[bool, int] = {}
    for someone in people[1:]:
        t0, c0 = time.perf_counter(), time.process_time()
        sizes[True] = len(filled_pdf(ws, someone, options))
        one.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        # alternating, so all see the same machine
        with fastdraw.stock(), marginboxes.disabled():
            t0 = time.perf_counter()
            filled_pdf(ws, someone, options)
            stock.append(time.perf_counter() - t0)
        t0, c0 = time.perf_counter(), time.process_time()
        sizes[False] = len(filled_pdf(ws, someone, untagged_options))
        untagged.append(time.perf_counter() - t0)
        untagged_cpu.append(time.process_time() - c0)

    store = Store.open(config)
    session = store.create_session("Bench group", list(worksheets), args.group)
    fill_with_samples(store, session.id, worksheets)
    t0, c0 = time.perf_counter(), os.times()
    packet = build_packet(store, session.id, worksheets, options=options)
    packet_s, c1 = time.perf_counter() - t0, os.times()
    # CPU seconds of the workers (reaped when the packet is done) and of this process: on a
    # shared machine the wall time also counts everyone else's work.
    workers_cpu = c1.children_user + c1.children_system - c0.children_user - c0.children_system
    caller_cpu = c1.user + c1.system - c0.user - c0.system
    t0, c0 = time.perf_counter(), os.times()
    plain = build_packet(store, session.id, worksheets, options=untagged_options)
    plain_s, c1 = time.perf_counter() - t0, os.times()
    plain_workers = c1.children_user + c1.children_system - c0.children_user - c0.children_system
    plain_caller = c1.user + c1.system - c0.user - c0.system
    plain_cpu = plain_workers + plain_caller

    html = render_html(filled_docs(ws, person, options.lang), options, inline_css=True)
    chrome = _chromium(html, min(args.rounds, 5), work)
    shutil.rmtree(work, ignore_errors=True)

    ours = _median_ms(one)
    print(f"one filled worksheet ({args.worksheet}), warm: median {ours:.0f} ms "
          f"over {args.rounds} runs (target <= 100 ms; CPU time median "
          f"{_median_ms(cpu):.0f} ms, min {1000 * min(one):.0f} ms wall)")
    print(f"  the same with WeasyPrint's own text drawing and page margins (fastdraw and "
          f"marginboxes off): median "
          f"{_median_ms(stock):.0f} ms, ratio {_median_ms(stock) / ours:.2f}x")
    print(f"  the same untagged (no PDF/UA structure tree): median "
          f"{_median_ms(untagged):.0f} ms (CPU {_median_ms(untagged_cpu):.0f} ms); tagged / "
          f"untagged {ours / _median_ms(untagged):.2f}x wall, "
          f"{_median_ms(cpu) / _median_ms(untagged_cpu):.2f}x CPU (target <= 1.25x), "
          f"{sizes[True] / 1024:.0f} KB / {sizes[False] / 1024:.0f} KB size")
    print(f"group packet, {args.group} participants x {len(worksheets)} worksheets: "
          f"{packet_s:.1f} s, {packet.total_pages} pages + cover (target < 20 s; CPU "
          f"{workers_cpu:.1f} s in the workers, {caller_cpu:.1f} s in the caller)")
    print(f"  the same untagged: {plain_s:.1f} s (CPU {plain_workers:.1f} s in the workers, "
          f"{plain_caller:.1f} s in the caller); tagged / untagged "
          f"{packet_s / plain_s:.2f}x wall, {(workers_cpu + caller_cpu) / plain_cpu:.2f}x CPU, "
          f"{len(packet.data) / 2**20:.1f} MB / {len(plain.data) / 2**20:.1f} MB size")
    if chrome:
        theirs = _median_ms(chrome)
        print(f"baseline, headless Chromium --print-to-pdf of the same HTML: median "
              f"{theirs:.0f} ms over {len(chrome)} runs")
        print(f"ratio Chromium / WeasyPrint for one worksheet: {theirs / ours:.1f}x")
    else:
        print("baseline skipped: chromium is not installed")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          "(anything above 0 is other work sharing the cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
