"""Where the server listens: the app on the asked address (HTTPS when it has a certificate,
behind a proxy when told so, compressed), and the preheated kernels' channel on a loopback
port of its own, plain, which no browser and no other computer can reach."""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import Any

from toolkit.serve.transport import Transport


def _query_app(voila: Any) -> Any:
    """An application with the kernels' channel only, sharing the app's settings."""
    import tornado.web

    route = getattr(voila, "query_route", None)
    return tornado.web.Application([route] if route else [], **voila.app.settings)


def listen_all(voila: Any, host: str, port: int, transport: Transport,
               ssl_context: Any = None, trust_ca: Path | None = None) -> None:
    """Listen and run the server's loop until it stops (Voila's own listen(), with TLS, the
    proxy rule, compression and the kernels' loopback channel; with `trust_ca`, the page
    that hands out the authority's certificate on port + 2)."""
    import tornado.ioloop
    import tornado.web
    from tornado.netutil import bind_sockets

    from toolkit.serve.secure import http_server, secure_headers_transform

    voila.app.add_transform(secure_headers_transform())
    voila.app.add_transform(tornado.web.GZipContentEncoding)  # the page and JSON replies
    main = http_server(voila.app, ssl_options=ssl_context, proxies=transport.proxies)
    try:
        main.listen(port, host)
    except OSError as e:
        reason = ("is in use (is the server already running?)" if e.errno == errno.EADDRINUSE
                  else f"cannot be used ({e.strerror})")
        print(f"workshop: port {port} on {host} {reason}; choose another with --port",
              file=sys.stderr, flush=True)
        voila.exit(1)
    voila.port = port
    servers = [main]
    if trust_ca is not None:
        from toolkit.serve.trust import PORT_OFFSET, trust_app

        trust = http_server(trust_app(trust_ca, port))
        try:
            trust.listen(port + PORT_OFFSET, host)
            servers.append(trust)
        except OSError as e:
            print(f"Note: the certificate download page could not use port "
                  f"{port + PORT_OFFSET} ({e.strerror}); the app runs without it.", flush=True)
    query_socket = bind_sockets(0, "127.0.0.1")
    query = http_server(_query_app(voila))
    query.add_sockets(query_socket)
    servers.append(query)
    # Preheated kernels call back here: plain, on loopback, whatever the app's address.
    voila.kernel_manager.query_env = {
        "VOILA_APP_IP": "127.0.0.1", "VOILA_WS_PROTOCOL": "ws",
        "VOILA_APP_PORT": str(query_socket[0].getsockname()[1])}
    voila.ioloop = tornado.ioloop.IOLoop.current()
    try:
        voila.ioloop.start()
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.stop()
        voila.stop()
