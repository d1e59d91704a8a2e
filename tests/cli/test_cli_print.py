"""`workshop pdf` and `workshop packet`: files written, clear one-line errors, exit codes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.cli import main
from toolkit.render.sample import fill_with_samples, sample_latest
from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]


def _group(n: int = 2, ids: tuple[str, ...] = ("mspss", "opening-up")) -> tuple[str, list[str]]:
    """A session in the test's WORKSHOP_HOME with synthetic answers; (session id, codes)."""
    store = Store.open(Config.from_env())
    worksheets = load_folder(ROOT / "worksheets")
    session = store.create_session("CLI group", list(ids), n)
    people = fill_with_samples(store, session.id, worksheets)
    return session.id, [p.code for p in people]


def _pdf_text(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def _one_error_line(capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert all(n in err[0] for n in needles), err[0]
    return err[0]


def test_pdf_blank_writes_the_worksheet(home: Path, tmp_path: Path, capsys) -> None:
    """`pdf mspss --blank -o F` writes the blank worksheet and says where."""
    out = tmp_path / "mspss.pdf"
    assert main(["pdf", "mspss", "--blank", "-o", str(out)]) == 0
    assert "Perceived social support (MSPSS)" in _pdf_text(out)[0]
    assert str(out) in capsys.readouterr().out


def test_pdf_participant_writes_their_answers(home: Path, tmp_path: Path, capsys) -> None:
    """`pdf ID --participant CODE` prints that participant's code and scores."""
    _, [code, _] = _group()
    out = tmp_path / "filled.pdf"
    assert main(["pdf", "mspss", "--participant", code, "-o", str(out)]) == 0
    text = " ".join("".join(_pdf_text(out)).split())
    assert code in text and "Your scores" in text and "not a diagnosis" in text


def test_pdf_output_never_echoes_answers(home: Path, tmp_path: Path, capsys) -> None:
    """The command prints a file path, never a word of anyone's answers."""
    _, [code, _] = _group()
    assert main(["pdf", "opening-up", "--participant", code, "-o",
                 str(tmp_path / "o.pdf")]) == 0
    out, err = capsys.readouterr()
    answers = sample_latest(load_folder(ROOT / "worksheets"), seed=0)["opening-up"]
    for value in answers.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in out and value not in err


def test_pdf_a4_paper(home: Path, tmp_path: Path) -> None:
    """--paper a4 writes A4 pages."""
    out = tmp_path / "a4.pdf"
    assert main(["pdf", "barc-10", "--blank", "--paper", "a4", "-o", str(out)]) == 0
    page = PdfReader(out).pages[0]
    assert float(page.mediabox.width) == pytest.approx(595.3, abs=0.2)


def test_pdf_all_blank_writes_every_worksheet(home: Path, tmp_path: Path) -> None:
    """`pdf --all --blank -o DIR` writes one PDF per shipped worksheet."""
    folder = tmp_path / "set"
    assert main(["pdf", "--all", "--blank", "-o", str(folder)]) == 0
    names = sorted(p.stem for p in folder.glob("*.pdf"))
    assert names == sorted(load_folder(ROOT / "worksheets"))


def test_pdf_unknown_worksheet_is_one_line(home: Path, tmp_path: Path, capsys) -> None:
    """An unknown worksheet id exits 1 with one line naming it and the known ids."""
    assert main(["pdf", "nope", "--blank", "-o", str(tmp_path / "x.pdf")]) == 1
    _one_error_line(capsys, "'nope'", "mspss")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_unknown_participant_is_one_line(home: Path, tmp_path: Path, capsys) -> None:
    """An unknown join code exits 1 with one line."""
    assert main(["pdf", "mspss", "--participant", "ABC-DEF-GHJ",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    _one_error_line(capsys, "ABC-DEF-GHJ")


def test_pdf_needs_a_worksheet_or_all(home: Path, capsys) -> None:
    """Neither a worksheet nor --all exits 1 with one line."""
    assert main(["pdf", "--blank"]) == 1
    _one_error_line(capsys, "--all")


def test_packet_unknown_session_is_one_line(home: Path, tmp_path: Path, capsys) -> None:
    """An unknown session exits 1 with one line naming it."""
    assert main(["packet", "--session", "s-nothere", "-o", str(tmp_path / "p.pdf")]) == 1
    _one_error_line(capsys, "s-nothere")


def test_packet_unknown_worksheet_is_one_line(home: Path, tmp_path: Path, capsys) -> None:
    """--worksheets with an unknown id exits 1 with one line."""
    session, _ = _group(1)
    assert main(["packet", "--session", session, "--worksheets", "mspss,nope",
                 "-o", str(tmp_path / "p.pdf")]) == 1
    _one_error_line(capsys, "'nope'")


def test_packet_writes_a_pdf_with_a_cover(home: Path, tmp_path: Path, capsys) -> None:
    """`packet --session ID` writes one PDF: the cover, then each participant."""
    session, codes = _group()
    out = tmp_path / "packet.pdf"
    assert main(["packet", "--session", session, "--worksheets", "barc-10",
                 "-o", str(out)]) == 0
    texts = _pdf_text(out)
    assert all(code in texts[0] for code in codes)
    assert "2 participants" in capsys.readouterr().out


def test_packet_zip_names_files_by_code(home: Path, tmp_path: Path) -> None:
    """`packet --zip` writes a zip of <code>.pdf files."""
    session, codes = _group()
    out = tmp_path / "packet.zip"
    assert main(["packet", "--session", session, "--zip", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted(f"{c}.pdf" for c in codes)
        assert PdfReader(io.BytesIO(zf.read(f"{codes[0]}.pdf"))).pages


def test_filled_printouts_are_private_audited_and_forgotten(home: Path, tmp_path: Path) -> None:
    """Filled worksheets and packets are health records: owner-only files, an audit line
    each (ids only), and `workshop forget` deletes the files that hold that participant."""
    session, [code, _] = _group()
    one, packet = tmp_path / "one.pdf", tmp_path / "packet.pdf"
    assert main(["pdf", "mspss", "--participant", code, "-o", str(one)]) == 0
    assert main(["packet", "--session", session, "-o", str(packet)]) == 0
    assert one.stat().st_mode & 0o777 == 0o600 and packet.stat().st_mode & 0o777 == 0o600
    log = Store.open(Config.from_env()).audit_log()
    printed = [(e.action, e.actor) for e in log if e.action == "printed"]
    assert printed == [("printed", "cli"), ("printed", "cli")]
    assert all(code not in e.target + e.detail for e in log)
    blank = tmp_path / "blank.pdf"
    assert main(["pdf", "mspss", "--blank", "-o", str(blank)]) == 0
    assert main(["forget", "--participant", code, "--yes"]) == 0
    assert not one.exists() and not packet.exists() and blank.exists()
