#!/usr/bin/env python3
"""How big the HTML views and charts of a store are, and how fast they open in headless Chromium.

    python benchmarks/pictures.py --store STORE [--out DIR] [--runs 3] [--screenshots DIR]

Writes every view (``asckg view NAME --format html``) and both charts (``asckg plot trends|heatmap
-o x.html``) of the store by running the command line, as a user would, then opens each file in
headless Chromium (Playwright driving /usr/bin/chromium, a fresh profile) ``--runs`` times. The time
is from the start of navigation to the picture drawn (plotly's figure laid out, or the hand-written
view's ``data-ready``), read from the page's own clock, and the main thread's CPU time to that point
(Chromium's ThreadTime metric: what the page costs without the waiting a busy machine adds); the
medians are printed with the file's size and the requests made outside the file (there should be
none). With ``--screenshots`` each page is
also saved as a PNG there.

Not a pass/fail test (tests/test_pictures_browser.py is); the numbers go in the README.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = """() => { const d = document.querySelector('.js-plotly-plot');
  return (d && d._fullLayout && d.querySelector('.main-svg')) || document.querySelector('[data-ready="1"]'); }"""
PICTURES = [("codification", ["view", "codification"]), ("co-citation", ["view", "co-citation"]),
            ("company-topic", ["view", "company-topic"]), ("citations", ["view", "citations"]),
            ("conversations", ["view", "conversations"]), ("trends", ["plot", "trends"]),
            ("heatmap", ["plot", "heatmap"])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", help="where the HTML files go (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", help="save a PNG of each page here")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="asckg-pictures-"))
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, command in PICTURES:
        target = out / f"{name}.html"
        subprocess.run([sys.executable, "-m", "asckg", *command, "--store", args.store, "-o", str(target)],
                       check=True, capture_output=True, text=True)
        files[name] = target

    from playwright.sync_api import sync_playwright

    print(f"{'picture':<15}{'size (MB)':>10}{'open (ms)':>11}{'CPU (ms)':>10}{'outside requests':>18}"
          f"   (medians of {args.runs} runs)")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=FLAGS,
                                                       viewport={"width": 1300, "height": 860})
        for name, path in files.items():
            times, cpu, outside = [], [], []
            for run in range(args.runs):
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                page.on("request", lambda r, own=path.as_uri(): r.url != own and not r.url.startswith(("data:", "blob:"))
                        and outside.append(r.url))
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_function(READY, timeout=60_000)
                times.append(page.evaluate("() => performance.now()"))
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                cpu.append(1000 * metrics.get("ThreadTime", float("nan")))
                if run == 0 and args.screenshots:
                    Path(args.screenshots).mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(Path(args.screenshots) / f"{name}.png"), full_page=True)
                page.close()
            print(f"{name:<15}{path.stat().st_size / 1e6:>10.2f}{statistics.median(times):>11.0f}"
                  f"{statistics.median(cpu):>10.0f}{len(outside):>18}")
        context.close()
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
