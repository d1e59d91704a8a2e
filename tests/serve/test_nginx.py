"""The nginx configuration `workshop deploy nginx` writes for several groups: read as text,
and checked by `nginx -t` (a real nginx in front of real servers: test_behind_nginx.py)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from support.nginx import check, main_conf, nginx_binary
from support.servers import free_port
from support.tls import tls_init

from toolkit.cli.main import main
from toolkit.serve.nginx import Group, Site, render
from toolkit.serve.routes import RouteError, normal_base_url
from toolkit.settings.config import Config
from toolkit.store.store import Store

GROUPS = [Group("s-aaaa1111", "127.0.0.1", 8866, "Tuesday group"),
          Group("s-bbbb2222", "10.0.0.7", 8876, "Evening\n}\nserver { listen 1;")]
"""The second group's server is on another machine; its name tries to break out of the
comment it is written in."""


def _location(text: str, path: str) -> str:
    found = re.search(rf"\n    location {re.escape(path)} \{{\n(.*?)\n    \}}", text, re.S)
    assert found, f"no location {path}"
    return found.group(1)


def test_each_group_is_routed_to_its_own_server() -> None:
    """/g/<id>/ goes to that group's upstream, with the path unchanged; anything else is 404."""
    text = render(GROUPS)
    assert "upstream workshop_s_aaaa1111 {\n    server 127.0.0.1:8866;\n}" in text
    assert "upstream workshop_s_bbbb2222 {\n    server 10.0.0.7:8876;\n}" in text
    assert _location(text, "/g/s-aaaa1111/").strip() == "proxy_pass http://workshop_s_aaaa1111;"
    assert _location(text, "/").strip() == "return 404;"
    assert "--base-url /g/s-aaaa1111/ --behind-proxy" in text


def test_websocket_headers_follow_voilas_deployment_guide() -> None:
    """HTTP/1.1, Upgrade and Connection passed on, a long read timeout, forwarded headers."""
    text = render(GROUPS)
    for line in ("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                 'proxy_set_header Connection "upgrade";', "proxy_read_timeout 86400s;",
                 "proxy_set_header X-Forwarded-Proto $scheme;",
                 "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"):
        assert f"\n    {line}\n" in text


def test_dashboards_have_their_own_route_only_where_nginx_reaches_them() -> None:
    """/f/<id>/ goes to the dashboard's port (limited to the given networks); a group on
    another machine gets no dashboard route (its dashboard is on 127.0.0.1 there)."""
    text = render(GROUPS, Site(dashboard_from=("10.1.0.0/16",)))
    assert "server 127.0.0.1:8867;" in text
    assert _location(text, "/f/s-aaaa1111/").split() == [
        "allow", "10.1.0.0/16;", "deny", "all;", "proxy_pass",
        "http://workshop_s_aaaa1111_dashboard;"]
    assert "/f/s-bbbb2222/" not in text
    assert "dashboard" not in _location(text, "/g/s-aaaa1111/")
    assert "/f/" not in render(GROUPS, Site(dashboards=False)).split("server {")[-1]


def test_a_session_name_stays_inside_its_comment() -> None:
    """A name with line breaks and braces is written on one comment line."""
    text = render(GROUPS)
    assert "# Evening } server { listen 1;\n" in text
    assert "\nserver { listen 1;" not in text


def test_tls_is_terminated_and_plain_http_only_redirects() -> None:
    """With a certificate nginx listens with TLS on 443 and port 80 only redirects."""
    text = render(GROUPS, Site(server_name="workshop.clinic.org", certfile="/c.pem",
                               keyfile="/k.pem"))
    assert "listen 443 ssl;" in text and "ssl_certificate /c.pem;" in text
    assert "ssl_certificate_key /k.pem;" in text and "TLSv1.2 TLSv1.3" in text
    assert text.split("server {")[-1].split() == [
        "listen", "80;", "server_name", "workshop.clinic.org;", "server_tokens", "off;",
        "return", "301", "https://$host$request_uri;", "}"]


def test_values_that_would_change_the_configuration_are_refused() -> None:
    """A certificate path, name or network with a space, ';', a brace or a quote is refused,
    never written."""
    for site in (Site(certfile="/a b.pem", keyfile="/k"), Site(server_name="x; include /y"),
                 Site(dashboard_from=("10.0.0.0/8; allow all",)), Site(listen="80 }")):
        with pytest.raises(ValueError, match="cannot go in an nginx configuration"):
            render(GROUPS, site)


def test_base_urls_are_plain_paths() -> None:
    """--base-url takes plain path segments, with the slashes made regular."""
    assert normal_base_url("g/s-1/") == normal_base_url("/g/s-1") == "/g/s-1/"
    assert normal_base_url("/") == "/"
    for bad in ("https://x/g/", "/g/../f/", "/g/a b/", '/g/"x/'):
        with pytest.raises(RouteError):
            normal_base_url(bad)


def test_serve_refuses_a_base_url_that_is_not_a_path(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop serve --base-url` with a full URL or '..' says so in one line, exit 1,
    before anything listens."""
    for bad in ("https://clinic.org/g/x/", "/g/../f/x/"):
        assert main(["serve", "--base-url", bad]) == 1
        err = capsys.readouterr().err
        assert err.startswith("workshop: --base-url") and err.count("\n") == 1


def test_serve_refuses_when_the_dashboards_port_is_taken(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`workshop serve --session` whose dashboard port (--port + 1, where nginx's routes
    expect it) is taken says so in one line, exit 1, before anything listens: else the group
    would run without its dashboard and nginx answer 502 there."""
    session = Store.open(Config.from_env()).create_session("A", ["mspss"], 1)
    # `serve --session` names the session for its kernels in this process's environment:
    # put it back afterwards, or later tests here would think they serve this group.
    monkeypatch.setenv("WORKSHOP_SESSION", session.id)
    port = free_port(span=2)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port + 1))
        taken.listen()
        assert main(["serve", "--session", session.id, "--port", str(port),
                     "--pool", "0"]) == 1
    err = capsys.readouterr().err
    assert f"port {port + 1}" in err and "--facilitator-port" in err
    assert err.count("\n") == 1
    with socket.socket() as probe:  # the app's own port was never taken
        probe.bind(("127.0.0.1", port))


def test_deploy_nginx_writes_the_stores_sessions_and_nginx_accepts_it(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop deploy nginx --cert --key -o FILE` routes every session in the store, by
    convention or as given; `nginx -t` accepts the file."""
    store = Store.open(Config.from_env())
    a = store.create_session("A", ["mspss"], 1)
    b = store.create_session("B", ["mspss"], 1)
    _, cert, key = tls_init(home)
    out = home / "workshop.conf"
    assert main(["deploy", "nginx", "-o", str(out), "--cert", str(cert), "--key", str(key),
                 "--listen", f"127.0.0.1:{free_port()}",
                 "--upstream", f"{b.id}=10.0.0.9:9000"]) == 0
    text = out.read_text()
    assert "server 127.0.0.1:8866;" in text and "server 10.0.0.9:9000;" in text
    assert f"location /g/{a.id}/ " in text and f"location /g/{b.id}/ " in text
    assert main(["deploy", "nginx", "--upstream", "s-nope=1.2.3.4:1"]) == 1
    assert "unknown session 's-nope'" in capsys.readouterr().err
    binary = nginx_binary()
    done = check(binary, main_conf(home / "nginx", out))
    assert done.returncode == 0, done.stderr


SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "workshop.conf"
SHIPPED_GROUPS = [Group("s-1a2b3c4d", "127.0.0.1", 8866, "Tuesday group"),
                  Group("s-5e6f7a8b", "127.0.0.1", 8876, "Thursday group"),
                  Group("s-9c0d1e2f", "10.0.0.21", 8866, "Clinic B, Monday group")]
SHIPPED_SITE = Site(server_name="workshop.clinic.example",
                    certfile="/etc/ssl/workshop/fullchain.pem",
                    keyfile="/etc/ssl/workshop/privkey.pem", dashboard_from=("10.0.0.0/8",))


def test_the_shipped_example_is_what_the_command_writes() -> None:
    """deploy/nginx/workshop.conf is `render` of its three example groups, byte for byte
    (regenerate: PYTHONPATH=tests python tests/serve/test_nginx.py)."""
    assert SHIPPED.read_text() == render(SHIPPED_GROUPS, SHIPPED_SITE, proxy="10.0.0.2")


def test_the_shipped_example_passes_nginx_t(tmp_path: Path) -> None:
    """`nginx -t` accepts the shipped example (with a throw-away certificate in place)."""
    binary = nginx_binary()
    _, cert, key = tls_init(tmp_path / "home")
    text = SHIPPED.read_text().replace(SHIPPED_SITE.certfile, str(cert)).replace(
        SHIPPED_SITE.keyfile, str(key)).replace("listen 443 ssl;", f"listen {free_port()} ssl;")
    conf = tmp_path / "workshop.conf"
    conf.write_text(text.replace("listen 80;", f"listen {free_port()};"))
    done = check(binary, main_conf(tmp_path / "nginx", conf))
    assert done.returncode == 0, done.stderr


if __name__ == "__main__":
    SHIPPED.write_text(render(SHIPPED_GROUPS, SHIPPED_SITE, proxy="10.0.0.2"))


def test_each_serve_line_gives_the_public_address_and_is_a_valid_command() -> None:
    """The `workshop serve` line written above each upstream starts the group behind the proxy
    with the address phones open (its join links and cards), and the CLI accepts it as is."""
    from toolkit.cli.main import build_parser

    text = SHIPPED.read_text()
    lines = re.findall(r"^#   (workshop serve .*)$", text, re.M)
    assert len(lines) == len(SHIPPED_GROUPS)
    for group, line in zip(SHIPPED_GROUPS, lines, strict=True):
        public = f"https://workshop.clinic.example/g/{group.session_id}/"
        assert f"--public-url {public}" in line and "--allow-plain-http" not in line
        args = build_parser().parse_args(line.split()[1:])
        assert args.public_url == public and args.session == group.session_id
