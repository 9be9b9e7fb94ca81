#!/usr/bin/env python3
"""How fast the reading room's pages answer, server-side, on a store you name.

    python benchmarks/web_latency.py STORE [--path /cites/606] [--path ...] [--requests 200] [--warmup 5]

Starts ``asckg serve`` in its own process on a free loopback port (one SPARQL worker process; the
pages run in the server process), asks each path ``--warmup`` times unmeasured, then ``--requests`` times one after another,
and prints for each: the server's own time (the ``Server-Timing: app;dur=`` header, from the request
reaching the app to its answer starting, which for these pages is the whole page) as p50, p95 and
max, and the client's wall time p95 for comparison.

Every answer timed is checked. Before timing, each path's JSON form (``?format=json``) is compared
with the command the site says it equals: ``/cites/REF`` with ``asckg cites REF --format json``
(and the HTML page must count that answer's letters and list its newest 25, newest first; and
its "about it, without citing it" section must count and list, newest first, the comments the
whole list of :func:`asckg.graph.ask.reading.letters_about` holds), ``/letter/ID`` with
``asckg show ID --format json``; other pages must give a JSON answer that is not empty. Then every
timed response must be byte for byte the checked one. A wrong answer stops the run (exit 1) before
any time is printed for it.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def fetch(base: str, path: str) -> bytes:
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}: {body[:200]!r}")
    return body


def command_json(store: str, *argv: str) -> object:
    done = subprocess.run([sys.executable, "-m", "asckg", *argv, "--format", "json", "--store", store],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"asckg {' '.join(argv)}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def check(base: str, store: str, path: str) -> str:
    """Check the page's answer (see the module's docstring); what was checked, in a few words."""
    route, _, query = path.partition("?")
    options = [q for q in query.split("&") if q and q != "format=json"]
    as_json = json.loads(fetch(base, route + "?" + "&".join([*options, "format=json"])))
    parts = route.strip("/").split("/", 1)
    if len(parts) == 2 and parts[0] in ("cites", "letter") and not options:
        key = urllib.parse.unquote(parts[1])
        want = command_json(store, "cites" if parts[0] == "cites" else "show", key)
        if as_json != want:
            raise SystemExit(f"{path}: the page's JSON differs from asckg {parts[0]} {key} --format json")
        if parts[0] == "cites" and not query:
            page = fetch(base, path).decode("utf-8")
            # The page lists the newest letters first, 25 to a page.
            newest = sorted(want, key=lambda row: (row["date"] or "", row["id"]), reverse=True)  # type: ignore[arg-type]
            ids = [row["id"] for row in newest]
            places = [page.find(f'href="/letter/{urllib.parse.quote(i, safe="")}"') for i in ids[:25]]
            if -1 in places or places != sorted(places):
                raise SystemExit(f"{path}: the page does not list the answer's first letters in order")
            if f"{len(ids)} of {len(ids)}" not in page:
                raise SystemExit(f"{path}: the page does not count the answer's {len(ids)} letters")
            about = check_about(store, key, page)
            return f"= asckg cites, page in order ({len(ids)} letters{about})"
        return f"= asckg {'cites' if parts[0] == 'cites' else 'show'}"
    if not as_json:
        raise SystemExit(f"{path}: an empty JSON answer")
    return "JSON not empty"


def check_about(store: str, reference: str, page: str) -> str:
    """The page's "about it, without citing it" section against the whole list (read in-process,
    the store opened read-only beside the server): the count, and the newest comments in order."""
    from asckg.graph.ask.reading import letters_about
    from asckg.graph.ask.reference import parse_reference
    from asckg.graph.store import LetterStore

    with LetterStore(store, read_only=True) as db:
        whole = letters_about(db, parse_reference(reference).iri)
    if not whole:
        if 'id="about-h"' in page:
            raise SystemExit(f"{reference}: the page lists comments about it where the store has none")
        return ""
    section = page.split('id="about-h"', 1)[1]
    if f"{len(whole)} comment" not in section:
        raise SystemExit(f"{reference}: the page does not count the {len(whole)} comments about it")
    at = 0
    for comment in whole[:25]:  # each found after the one before: listed, and in order
        at = section.find(f'href="/letter/{urllib.parse.quote(comment.id, safe="")}"', at)
        if at == -1:
            raise SystemExit(f"{reference}: the page does not list the newest comments about it in order")
        at += 1
    return f"; {len(whole)} comments about it, newest in order"


def measure(base: str, path: str, requests: int, warmup: int) -> dict[str, float]:
    url = urllib.parse.urlsplit(base)
    checked = hashlib.sha256(fetch(base, path)).digest()
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    server: list[float] = []
    client: list[float] = []
    size = 0
    for n in range(warmup + requests):
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        took = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}: {body[:200]!r}")
        if hashlib.sha256(body).digest() != checked:
            raise SystemExit(f"{path}: answer {n} differs from the checked one")
        if n >= warmup:
            timing = response.headers["Server-Timing"]
            server.append(float(timing.split("dur=", 1)[1]))
            client.append(took)
            size = len(body)
    connection.close()
    return {"p50": statistics.median(server), "p95": percentile(server, 0.95), "max": max(server),
            "client_p95": percentile(client, 0.95), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--path", action="append", dest="paths")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    paths = args.paths or ["/cites/606", "/cites/985-605-25-12", "/trends"]
    server = subprocess.Popen([sys.executable, "-m", "asckg", "serve", "--store", args.store, "--port", "0",
                               "--workers", "1", "--quiet"], stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    if " at " not in line:
        server.kill()
        raise SystemExit(f"asckg serve did not start: {line}{server.stderr.read()}")
    base = line.split(" at ", 1)[1].split(" ", 1)[0]
    try:
        checks = {path: check(base, args.store, path) for path in paths}
        print(f"{'path':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'client p95':>11} {'bytes':>8}  answer checked")
        for path in paths:
            m = measure(base, path, args.requests, args.warmup)
            print(f"{path:32} {m['p50']:8.1f} {m['p95']:8.1f} {m['max']:8.1f} {m['client_p95']:11.1f} {m['bytes']:8d}  {checks[path]}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


if __name__ == "__main__":
    main()
