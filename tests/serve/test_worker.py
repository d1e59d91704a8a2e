"""The service worker's script, without a browser: its cache is named by the list of files it
keeps (so a changed list is a new worker that drops the old cache), and the page learns its
address under the base URL."""

from __future__ import annotations

import json
import re

from toolkit.serve.worker import CACHE_PREFIX, WORKER_PATH, with_worker, worker_script

FILES = ["/voila/static/v/abc/voila.js", "/voila/templates/clinic/static/index.css?v=1f2e"]


def _declared(script: str) -> tuple[str, list[str]]:
    cache = re.search(r"^const CACHE = (.+);$", script, re.M)
    files = re.search(r"^const FILES = (.+);$", script, re.M)
    assert cache and files
    return json.loads(cache[1]), json.loads(files[1])


def test_the_cache_is_named_by_the_list_it_keeps() -> None:
    """Same list, same script (the browser sees no update); one more file, a new cache name."""
    name, files = _declared(worker_script(FILES))
    assert files == FILES and name.startswith(CACHE_PREFIX)
    assert worker_script(list(FILES)) == worker_script(FILES)
    assert _declared(worker_script([*FILES, "/voila/static/v/abc/1373.voila.js"]))[0] != name


def test_an_address_cannot_break_out_of_the_list() -> None:
    """Addresses are JSON strings in the script: quotes and script tags stay data."""
    odd = ['/x.js?v=1";self.evil();"', "/y.js?v=</script>"]
    assert _declared(worker_script(odd))[1] == odd


def test_the_page_learns_the_workers_address_under_its_base_url() -> None:
    """Behind nginx at /g/<id>/ the worker (and so its scope) is there too."""
    hook = with_worker(lambda config, base_url, *_: {**config, "seen": base_url})
    assert hook({}, "/g/s-1/")["workshopWorker"] == f"/g/s-1/{WORKER_PATH}"
    assert hook({}, "/") == {"seen": "/", "workshopWorker": f"/{WORKER_PATH}"}
