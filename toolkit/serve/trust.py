"""The page that hands a phone or tablet the clinic authority's certificate, in plain words,
over plain HTTP on the app's port + 2: a device that does not trust the authority yet cannot
open the HTTPS app without a warning. It serves that page and the certificate (public by
nature), and nothing else: no join code or answer ever goes there."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES, browser_language, own_name
from toolkit.text.strings import ui

PORT_OFFSET = 2
"""The page listens on the app's port + 2 (the facilitator dashboard has + 1)."""
CA_PATH = "/clinic-ca.crt"
CA_TYPE = "application/x-x509-ca-cert"
"""What Android and iOS offer to install as a certificate authority."""


def page_language(query: str | None, accept: str) -> str:
    """?lang= when it names a language, else the browser's first language we have."""
    if query in LANGUAGES:
        return query
    return browser_language(accept) or DEFAULT_LANGUAGE


def trust_page(lang: str, app_url: str, fingerprint: str) -> str:
    """The page in `lang`: why, the download link, the steps, the fingerprint, the app link."""
    e = html.escape
    others = " · ".join(f'<a href="/?lang={code}" lang="{code}">{e(own_name(code))}</a>'
                        for code in LANGUAGES if code != lang)
    steps = "".join(f"<li>{e(ui(key, lang))}</li>" for key in ("trust_android", "trust_apple"))
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(ui("trust_title", lang))}</title>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem}}
a.get{{display:inline-block;padding:.8rem 1.2rem;border:2px solid #1a4d8f;border-radius:.5rem;
font-weight:bold;color:#1a4d8f}}code{{word-break:break-all}}
a:focus-visible{{outline:3px solid #1a4d8f;outline-offset:2px}}</style></head>
<body><main><h1>{e(ui("trust_title", lang))}</h1>
<p>{e(ui("trust_why", lang))}</p>
<p><a class="get" href="{CA_PATH}" download="clinic-ca.crt">{e(ui("trust_download", lang))}</a></p>
<ul>{steps}</ul>
<p>{e(ui("trust_check", lang))}<br><code>{e(fingerprint)}</code></p>
<p>{e(ui("trust_open", lang))} <a href="{e(app_url)}">{e(app_url)}</a></p>
<p>{others}</p></main></body></html>"""


def trust_app(ca_cert: Path, app_port: int) -> Any:
    """A tornado application with the page and the certificate only."""
    import tornado.web

    from toolkit.serve.certs import read_cert

    data = ca_cert.read_bytes()
    fingerprint = read_cert(ca_cert).sha256

    class Page(tornado.web.RequestHandler):
        def get(self) -> None:
            lang = page_language(self.get_query_argument("lang", None),
                                 self.request.headers.get("Accept-Language", ""))
            host = self.request.host_name
            shown = f"[{host}]" if ":" in host else host
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-cache")
            self.write(trust_page(lang, f"https://{shown}:{app_port}/", fingerprint))

    class Certificate(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", CA_TYPE)
            self.set_header("Content-Disposition", 'attachment; filename="clinic-ca.crt"')
            self.set_header("Cache-Control", "no-cache")
            self.write(data)

    return tornado.web.Application([("/", Page), (CA_PATH, Certificate)],
                                   log_function=lambda _handler: None)
