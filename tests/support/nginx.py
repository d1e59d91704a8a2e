"""A throw-away nginx for the tests: its own configuration, prefix, pid file and temp folders
in a temp folder, on a free loopback port; never the system's service."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from support.ci import unavailable

NGINX = "/usr/sbin/nginx"


def nginx_binary() -> str:
    """nginx's path; skips the test without it (in CI: fails)."""
    found = shutil.which("nginx") or (NGINX if Path(NGINX).exists() else None)
    if found is None:
        unavailable("nginx is not installed (Debian: apt-get install nginx)")
    return str(found)


def main_conf(folder: Path, include: Path) -> Path:
    """An nginx.conf that keeps everything in `folder` and includes `include` in http{}."""
    folder.mkdir(parents=True, exist_ok=True)
    temps = "\n".join(f"    {kind}_temp_path {folder / kind};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(f"""daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
{temps}
    include {include};
}}
""")
    return conf


def check(binary: str, conf: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on a configuration (its prefix is the configuration's folder)."""
    return subprocess.run([binary, "-t", "-p", str(conf.parent), "-e",
                           str(conf.parent / "error.log"), "-c", str(conf)],
                          capture_output=True, text=True, timeout=30)


@dataclass
class Nginx:
    proc: subprocess.Popen[bytes]
    port: int
    folder: Path

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def start_nginx(binary: str, conf: Path, port: int) -> Nginx:
    """Run nginx in the foreground on `conf` until it accepts connections on `port`."""
    log = (conf.parent / "stderr.log").open("wb")
    proc = subprocess.Popen([binary, "-p", str(conf.parent), "-e",
                             str(conf.parent / "error.log"), "-c", str(conf)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((conf.parent / "stderr.log").read_text()[-2000:])
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return Nginx(proc, port, conf.parent)
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("nginx did not start within 20 s")
