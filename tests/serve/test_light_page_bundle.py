"""The light page's committed bundle is the one its sources build (frontend/light-page)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend" / "light-page"
TEMPLATE = ROOT / "toolkit" / "serve" / "share" / "jupyter" / "voila" / "templates" / "clinic-light"
STATIC = TEMPLATE / "static"
SOURCES = ("build.mjs", "package.json", "package-lock.json", "src")
SCRIPT_LIMIT = 400_000


def source_digest() -> str:
    """What build.mjs writes as `sources`: sha256 over each file's path and bytes, sorted."""
    paths = []
    for name in SOURCES:
        top = FRONTEND / name
        paths += [p for p in top.rglob("*") if p.is_file()] if top.is_dir() else [top]
    digest = hashlib.sha256()
    for rel in sorted(p.relative_to(FRONTEND).as_posix() for p in paths):
        digest.update(f"{rel}\n".encode())
        digest.update((FRONTEND / rel).read_bytes())
    return digest.hexdigest()


def manifest() -> dict[str, str]:
    return json.loads((STATIC / "light-page-manifest.json").read_text(encoding="utf-8"))


def test_the_bundle_was_built_from_these_sources() -> None:
    """Sources changed without `make frontend` fail here: the manifest names other sources."""
    assert manifest()["sources"] == source_digest(), "run `make frontend` and commit the bundle"


def test_the_bundle_named_is_there_and_its_name_is_its_content() -> None:
    """The script and style the manifest and the template name exist, hashed by content, and
    no older bundle lies beside them."""
    named = manifest()
    listed = (TEMPLATE / "light-page.j2").read_text(encoding="utf-8")
    for key in ("script", "style"):
        path = STATIC / named[key]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        assert re.fullmatch(rf"light-page\.{digest}\.(js|css)", named[key])
        assert f'"static/{named[key]}"' in listed
    built = sorted(p.name for p in STATIC.glob("light-page.*.*"))
    assert built == sorted([named["script"], named["style"]])


def test_the_script_stays_small() -> None:
    """The light page's script stays under its budget (before compression)."""
    assert (STATIC / manifest()["script"]).stat().st_size < SCRIPT_LIMIT
