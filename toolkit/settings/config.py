"""Configuration in one documented place, read from the environment; bad settings fail loudly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from toolkit.settings.paths import WORKSHEETS_DIR
from toolkit.text.consent import NoticeFileError, default_notice, read_notice_file
from toolkit.text.message import MessageError, msg
from toolkit.text.strings import MESSAGES

PART2_NOTICE = MESSAGES["part2_notice"]
"""The 42 CFR 2.32 notice that must accompany a disclosure of Part 2 records, in English;
printed in the printout's language (`ui("part2_notice", lang)`) while it is the one in use."""


class ConfigError(MessageError, ValueError):
    """A setting that cannot be used; the message names the variable and a fix (str(error) in
    English, error.message in any language)."""


@dataclass(frozen=True)
class Config:
    """Where data lives and how it is protected.

    home: data folder (WORKSHOP_HOME; default the per-user data dir) holding the
        SQLite database and the key file.
    db_url: any SQLAlchemy URL (WORKSHOP_DB); default a SQLite file in `home`.
    key: base64 AES-256 key (WORKSHOP_KEY); default a key file in `home`, made on first use
        with mode 0600.
    worksheets_dir: folder of worksheet YAML (WORKSHOP_WORKSHEETS, a clinic's own folder;
        default the worksheets that ship with the toolkit, toolkit.settings.paths).
    clinic_line: a program's own phone line shown with the crisis resources
        (WORKSHOP_CLINIC_LINE, e.g. "Riverside Clinic: 555-0100"); none by default.
    confidentiality_notice: printed in the footer of every filled worksheet
        (WORKSHOP_CONFIDENTIALITY_NOTICE); default the 42 CFR part 2 redisclosure notice
        (PART2_NOTICE). Set your program's own wording here; None prints no notice.
    """

    home: Path
    db_url: str
    key: str | None = field(default=None, repr=False)
    worksheets_dir: Path = WORKSHEETS_DIR
    clinic_line: str | None = None
    confidentiality_notice: str | None = PART2_NOTICE
    session: str | None = None
    """WORKSHOP_SESSION: when set (by `workshop serve --session`), only that group's join
    codes open the client app."""
    consent_notice: dict[str, str] = field(default_factory=default_notice, hash=False)
    """The consent and privacy notice a participant agrees to before anything is saved, one
    text per language (light markdown). Default: the built-in plain-language notice in English
    and Spanish (toolkit.text.consent). WORKSHOP_CONSENT_NOTICE sets one text for every language;
    WORKSHOP_CONSENT_FILE names a UTF-8 file, or a path with {lang} in it (consent.{lang}.md)
    for one file per language. Setting both is an error."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        home = Path(env.get("WORKSHOP_HOME") or platformdirs.user_data_dir("workshop-toolkit"))
        if home.exists() and not home.is_dir():
            raise ConfigError(msg("config_home_is_file", home=home))
        db_url = env.get("WORKSHOP_DB") or f"sqlite:///{home / 'workshop.sqlite'}"
        if "://" not in db_url:
            raise ConfigError(msg("config_db_url", got=repr(db_url)))
        sheets = Path(env.get("WORKSHOP_WORKSHEETS") or WORKSHEETS_DIR)
        if not sheets.is_dir():
            raise ConfigError(msg("config_no_worksheets", path=sheets))
        return cls(home=home, db_url=db_url, key=env.get("WORKSHOP_KEY") or None,
                   worksheets_dir=sheets, clinic_line=env.get("WORKSHOP_CLINIC_LINE") or None,
                   session=env.get("WORKSHOP_SESSION") or None,
                   confidentiality_notice=(env.get("WORKSHOP_CONFIDENTIALITY_NOTICE") or "")
                   .strip() or PART2_NOTICE,
                   consent_notice=_consent_from_env(env))

    @property
    def key_file(self) -> Path:
        return self.home / "workshop.key"


def _consent_from_env(env: dict[str, str]) -> dict[str, str]:
    text = (env.get("WORKSHOP_CONSENT_NOTICE") or "").strip()
    path = (env.get("WORKSHOP_CONSENT_FILE") or "").strip()
    if text and path:
        raise ConfigError(msg("config_consent_both"))
    if text:
        return {"en": text}
    if path:
        try:
            return read_notice_file(path)
        except NoticeFileError as e:
            raise ConfigError(e.message or str(e)) from None
    return default_notice()
