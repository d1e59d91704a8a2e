"""The consent and privacy notice a participant agrees to before anything is saved.

The default wording is plain language (short sentences, about a 6th grade level) in English
and Spanish; a program sets its own with WORKSHOP_CONSENT_NOTICE or WORKSHOP_CONSENT_FILE
(see Config). The text is light markdown: raw HTML in it is shown as text, never run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.strings import ui

_DEFAULT = {
    "en": """\
## Before you start: your privacy

- This app keeps your answers to the worksheets.
- Only **you and your counselor** can see your answers.
- The group **never** sees your own answers. The group may see totals for everyone together,
  with no names.
- Your answers are part of your treatment record. A federal law (42 CFR Part 2) protects them.
  We do not share them without your written permission, except when the law allows it.
- Your answers are locked with a secret key on this program's computer.
- Some questions ask about people in your life. Use first names or nicknames only.
- **It is your choice.** You can say no. If you say no, your care stays the same.
- You can stop at any time. You can ask your counselor to delete your answers.
- Your join code opens your answers. Keep it private. On a shared phone or tablet,
  tap "I'm finished" when you are done.
- This app is not for emergencies. Need help now?
  {crisis_988}. {crisis_samhsa}.

""",
    "es": """\
## Antes de empezar: su privacidad

- Esta aplicación guarda sus respuestas a las hojas de trabajo.
- Solo **usted y su consejero** pueden ver sus respuestas.
- El grupo **nunca** ve sus respuestas. El grupo puede ver totales de todos juntos,
  sin nombres.
- Sus respuestas son parte de su expediente de tratamiento. Una ley federal (42 CFR Parte 2)
  las protege. No las compartimos sin su permiso por escrito, salvo cuando la ley lo permite.
- Sus respuestas están protegidas con una clave secreta en la computadora del programa.
- Algunas preguntas son sobre personas de su vida. Use solo nombres de pila o apodos.
- **Usted decide.** Puede decir que no. Si dice que no, su atención sigue igual.
- Puede parar cuando quiera. Puede pedirle a su consejero que borre sus respuestas.
- Su código abre sus respuestas. No lo comparta. En un teléfono o tableta compartidos,
  toque "Ya terminé" cuando acabe.
- Esta aplicación no es para emergencias. ¿Necesita ayuda ahora?
  {crisis_988}. {crisis_samhsa}.

""",
}


def default_notice() -> dict[str, str]:
    """The built-in notice, one text per language."""
    return {lang: text.format(crisis_988=ui("crisis_988", lang),
                              crisis_samhsa=ui("crisis_samhsa", lang))
            for lang, text in _DEFAULT.items()}


def notice_for(notice: Mapping[str, str], lang: str) -> str:
    """The notice in `lang`, else in the default language (a program may give only one)."""
    return notice.get(lang) or notice.get(DEFAULT_LANGUAGE) or next(iter(notice.values()))


def read_notice_file(pattern: str) -> dict[str, str]:
    """Read a program's notice. `pattern` is a UTF-8 text file, or a path with `{lang}` in it
    (e.g. consent.{lang}.md) for one file per language, of which the English one must exist.
    Raises ValueError with a fix when a file is missing, empty or not UTF-8."""
    paths = ({lang: Path(pattern.replace("{lang}", lang)) for lang in LANGUAGES}
             if "{lang}" in pattern else {DEFAULT_LANGUAGE: Path(pattern)})
    out: dict[str, str] = {}
    for lang, path in paths.items():
        if not path.is_file():
            if lang == DEFAULT_LANGUAGE:
                raise ValueError(f"WORKSHOP_CONSENT_FILE: {path} not found; write the notice "
                                 "there or unset the variable to use the built-in notice")
            continue
        try:
            text = path.read_text(encoding="utf-8").strip()
        except UnicodeDecodeError:
            raise ValueError(f"WORKSHOP_CONSENT_FILE: {path} is not UTF-8 text; save it as "
                             "UTF-8") from None
        if not text:
            raise ValueError(f"WORKSHOP_CONSENT_FILE: {path} is empty; write the notice there")
        out[lang] = text
    return out
