"""Printouts and the wallet card speak the participant's language unless told otherwise."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pypdf import PdfReader

from toolkit.cli import main
from toolkit.render.sample import fill_with_samples
from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]


def _group(ids: tuple[str, ...] = ("mspss",)) -> tuple[Store, str, list]:
    """A session of two with synthetic answers; the first chose Spanish, the second nothing."""
    store = Store.open(Config.from_env())
    session = store.create_session("CLI group", list(ids), 2)
    people = fill_with_samples(store, session.id, load_folder(ROOT / "worksheets"))
    store.set_language(people[0], "es")
    return store, session.id, people


def _text(pdf: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_a_participants_printout_is_in_their_language_unless_lang_says(home, tmp_path):
    """`pdf --participant` of someone who chose Español is in Spanish; `--lang en` still
    gives English; someone who chose nothing gets English."""
    _, _, (spanish, unchosen) = _group()
    out = {name: tmp_path / f"{name}.pdf" for name in ("own", "en", "unchosen")}
    assert main(["pdf", "mspss", "--participant", spanish.code, "-o", str(out["own"])]) == 0
    assert main(["pdf", "mspss", "--participant", spanish.code, "--lang", "en",
                 "-o", str(out["en"])]) == 0
    assert main(["pdf", "mspss", "--participant", unchosen.code,
                 "-o", str(out["unchosen"])]) == 0
    assert "Sus puntajes" in _text(out["own"]) and "Your scores" not in _text(out["own"])
    assert "Your scores" in _text(out["en"])
    assert "Your scores" in _text(out["unchosen"])


def test_a_blank_printout_keeps_its_english_default(home, tmp_path):
    """No participant, no --lang: a blank worksheet is printed in English as before."""
    _group()
    out = tmp_path / "blank.pdf"
    assert main(["pdf", "mspss", "--blank", "-o", str(out)]) == 0
    assert "Perceived social support (MSPSS)" in _text(out)


def test_the_wallet_card_is_in_the_participants_language_unless_lang_says(home, tmp_path):
    """`workshop card` prints the card in the language the participant chose; --lang en
    overrides it."""
    _, _, (spanish, _) = _group(("reach-out-plan", "my-support-map"))
    own, english = tmp_path / "own.pdf", tmp_path / "en.pdf"
    assert main(["card", "--participant", spanish.code, "-o", str(own)]) == 0
    assert main(["card", "--participant", spanish.code, "--lang", "en", "-o", str(english)]) == 0
    own_text, english_text = _text(own), _text(english)
    assert own_text != english_text
    explicit = tmp_path / "es.pdf"
    assert main(["card", "--participant", spanish.code, "--lang", "es", "-o", str(explicit)]) == 0
    assert _text(explicit) == own_text


def test_a_packet_prints_each_participant_in_their_own_language(home, tmp_path):
    """Without --lang, each participant's pages are in the language they chose; with
    --lang en, everyone's are in English."""
    _, sid, (spanish, unchosen) = _group()
    own, english = tmp_path / "own.zip", tmp_path / "en.zip"
    assert main(["packet", "--session", sid, "--zip", "-o", str(own)]) == 0
    assert main(["packet", "--session", sid, "--zip", "--lang", "en", "-o", str(english)]) == 0
    with zipfile.ZipFile(own) as zf:
        assert "Sus puntajes" in _text(zf.read(f"{spanish.code}.pdf"))
        assert "Your scores" in _text(zf.read(f"{unchosen.code}.pdf"))
    with zipfile.ZipFile(english) as zf:
        assert "Your scores" in _text(zf.read(f"{spanish.code}.pdf"))
