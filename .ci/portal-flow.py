#!/usr/bin/env python3
"""The trust portal end to end, in headless Chromium, in every locale of the demo.

Starts a real SMTP sink (aiosmtpd, writing a Maildir) and the built `attest serve` on
loopback over a copy of the demo workspace, then, per locale, as a visitor would:
request -> NDA click-wrap (its SHA-256 checked against the file) -> approval with
`attest access approve` -> the link from the e-mail -> download -> `attest verify` names the
viewer; then revoke -> the link shows a refusal and gives no file; a tampered token is refused;
an allowed domain is approved at once. Also: nothing nda or internal in any response, and the
security headers on every page. Exits non-zero with every failure listed.
"""

import argparse
import hashlib
import json
import mailbox
import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}", file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, what, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit(f"timed out waiting for {what}")


def fetch(url, method="GET"):
    """(status, headers, body) of a plain request, following no redirect."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def browser(downloads):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Portal:
    def __init__(self, attest, workspace, scratch, store=None, environment=None):
        self.attest = attest
        self.workspace = workspace
        self.scratch = scratch
        self.store = store or scratch / "store.sqlite"
        self.maildir = scratch / "mail"
        self.secret = secrets.token_hex(32)
        self.smtp_port = free_port()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.environment = dict(os.environ, ATTEST_PORTAL_SECRET=self.secret,
                                ATTEST_SMTP_URL=f"smtp://127.0.0.1:{self.smtp_port}",
                                **(environment or {}))
        self.processes = []

    def run(self, *arguments, check_status=True):
        result = subprocess.run(
            [str(self.attest), *arguments, "--workspace", str(self.workspace)],
            env=self.environment, capture_output=True, text=True, timeout=300)
        if check_status and result.returncode != 0:
            raise SystemExit(f"attest {' '.join(arguments)} failed:\n{result.stderr}")
        return result

    def start(self):
        self.run("build", "--out", str(self.scratch / "reports"), "--store", str(self.store),
                 "--quiet")
        subprocess.run([str(self.attest), "keygen", "--out", str(self.scratch / "keys")],
                       check=True, capture_output=True, cwd=self.scratch)
        mailbox.Maildir(str(self.maildir), create=True)
        self.processes.append(subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.log = open(self.scratch / "serve.log", "a")
        self.serve(self.port)

    def serve(self, port):
        """Starts one more `attest serve` on `port`, on the same store, secret and key."""
        self.processes.append(subprocess.Popen(
            [str(self.attest), "serve", "--workspace", str(self.workspace),
             "--site", str(self.scratch / "reports" / "site"), "--store", str(self.store),
             "--listen", f"127.0.0.1:{port}",
             "--key", str(self.scratch / "keys" / "attest-bundle.key")],
            env=self.environment, stdout=self.log, stderr=subprocess.STDOUT))
        wait_for(lambda: self.healthy(f"http://127.0.0.1:{port}"), "the portal's health endpoint")
        return f"http://127.0.0.1:{port}"

    def healthy(self, base):
        try:
            return fetch(base + "/healthz")[0] == 200
        except OSError:
            return False

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                fail(f"{process.args[0]} did not stop on SIGTERM")
        self.processes = []

    def messages_to(self, address):
        box = mailbox.Maildir(str(self.maildir), create=False)
        return [message for message in box if address in message.get("To", "")]

    def body(self, message):
        if message.is_multipart():
            message = message.get_payload()[0]
        return message.get_payload(decode=True).decode("utf-8")

    def link_for(self, address):
        message = wait_for(lambda: [m for m in self.messages_to(address)
                                    if "/access/" in self.body(m)], f"the link to {address}")[-1]
        public = re.search(r"https?://\S+/access/[A-Za-z0-9_.-]+", self.body(message)).group(0)
        # The e-mail names the public address (portal.url); the test serves on loopback.
        return self.base + public[public.index("/access/"):]

    def request_id(self, address, status):
        listed = json.loads(self.run("access", "list", "--store", str(self.store),
                                     "--status", status, "--format", "json").stdout)
        matches = [entry["id"] for entry in listed if entry["email"] == address]
        return matches[0] if matches else None


def submit_and_wait(driver):
    """Submits the page's form and waits for the next page: reading the page right after the
    click could still see the old one.

    Waits for a different, fully loaded document rather than for the old one to go stale:
    asked about an element of a document being replaced, Chrome can answer "Node with given
    id does not belong to the document" instead of "stale element", which failed a CI run
    (2026-12-06). Any such answer mid-navigation just means "not yet"."""
    old = driver.find_element(By.TAG_NAME, "html").id
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    def replaced(driver):
        try:
            return (driver.find_element(By.TAG_NAME, "html").id != old
                    and driver.execute_script("return document.readyState") == "complete")
        except WebDriverException:
            return False

    WebDriverWait(driver, 30).until(replaced)


def submit_request(driver, portal, locale, name, address):
    driver.get(f"{portal.base}/{locale}/request")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == locale,
          f"{locale}: the request page is not in {locale}")
    values = {"name": name, "email": address, "company": "Acheteur & Fils <SA>",
              "reason": "Revue fournisseur / vendor review"}
    for field, value in values.items():
        driver.find_element(By.ID, f"field-{field}").send_keys(value)
    for box in driver.find_elements(By.CSS_SELECTOR, "input[name=documents]"):
        box.click()
    submit_and_wait(driver)
    shown = driver.find_element(By.CSS_SELECTOR, ".portal-hash").text.strip()
    nda = (portal.workspace / "evidence" / "legal" / f"nda.{locale}.md").read_bytes()
    check(shown == hashlib.sha256(nda).hexdigest(),
          f"{locale}: the NDA version shown {shown} is not the SHA-256 of nda.{locale}.md")
    driver.find_element(By.CSS_SELECTOR, "input[name=accept]").click()
    submit_and_wait(driver)
    return driver.page_source


def download(driver, link, downloads):
    before = set(downloads.iterdir())
    driver.get(link)
    driver.find_element(By.CSS_SELECTOR, "a[download]").click()
    done = wait_for(lambda: [p for p in set(downloads.iterdir()) - before
                             if p.suffix == ".zip"], "the download")
    wait_for(lambda: not list(downloads.glob("*.crdownload")), "the download to finish")
    return done[0]


def flow(driver, portal, locale, downloads):
    name = f"Zoë Visiteuse-{locale}"
    address = f"viewer-{locale}@buyer.example"
    page = submit_request(driver, portal, locale, name, address)
    request = portal.request_id(address, "pending")
    if not check(request, f"{locale}: the request is not pending in `attest access list`"):
        return
    # The same page, whatever the outcome: a duplicate shows exactly what the first showed.
    again = submit_request(driver, portal, locale, name, address)
    if not check(re.sub(r'value="[^"]*"', "", again) == re.sub(r'value="[^"]*"', "", page),
                 f"{locale}: a duplicate request shows a different page"):
        import difflib
        print("\n".join(difflib.unified_diff(page.splitlines(), again.splitlines(), lineterm="")),
              file=sys.stderr)
    portal.run("access", "approve", request, "--store", str(portal.store), "--by", "ci")
    link = portal.link_for(address)
    bundle = download(driver, link, downloads)
    verified = subprocess.run(
        [str(portal.attest), "verify", str(bundle), "--public-key",
         str(portal.scratch / "keys" / "attest-bundle.pub")],
        capture_output=True, text=True)
    check(verified.returncode == 0, f"{locale}: attest verify failed: {verified.stderr}")
    check(name in verified.stdout and address in verified.stdout,
          f"{locale}: attest verify does not name the viewer:\n{verified.stdout}")
    check(request in verified.stdout, f"{locale}: the bundle's NDA reference lacks the request")
    disclosures = json.loads(portal.run("disclosures", "--store", str(portal.store),
                                        "--format", "json").stdout)
    check(any(entry.get("accessRequest") == request for entry in disclosures),
          f"{locale}: the download is not logged in disclosures")
    # Revoked: a clear page and no file.
    portal.run("access", "revoke", request, "--store", str(portal.store), "--by", "ci")
    driver.get(link)
    check(not driver.find_elements(By.CSS_SELECTOR, "a[download]"),
          f"{locale}: a revoked grant still offers a download")
    status, headers, body = fetch(link + "/bundle.zip")
    check(status >= 400 and not body.startswith(b"PK"),
          f"{locale}: a revoked grant still downloads (status {status})")
    # Tampered: one character of the signature changed.
    token = link.rsplit("/", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    status, _, body = fetch(link.rsplit("/", 1)[0] + "/" + tampered + "/bundle.zip")
    check(status >= 400 and not body.startswith(b"PK"), f"{locale}: a tampered token downloads")


def auto_approved(driver, portal, downloads):
    address = "colleague@partner.nuage-agents.example"
    submit_request(driver, portal, "en", "Pat Partner", address)
    link = portal.link_for(address)
    bundle = download(driver, link, downloads)
    check(bundle.stat().st_size > 0, "the auto-approved download is empty")
    check(portal.request_id(address, "approved"), "the allowed domain was not approved")


class Postgres:
    """A throwaway PostgreSQL server on loopback (initdb and pg_ctl, as the Swift tests'
    LocalPostgres does), run as the postgres user when this runs as root."""

    def __init__(self, scratch):
        versions = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                          key=lambda path: int(path.parent.parent.name))
        if not versions:
            raise SystemExit("PostgreSQL is not installed (apt-get install -y postgresql)")
        self.bin = versions[-1].parent
        # A folder of its own under /tmp: the postgres user cannot enter the scratch folder.
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="attest-portal-pg-"))
        self.password = secrets.token_hex(12)
        (self.folder / "password").write_text(self.password)
        self.prefix = []
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.folder / "password", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        data = self.folder / "data"
        subprocess.run(self.prefix + [str(self.bin / "initdb"), "-D", str(data), "-U", "attest",
                                      "--pwfile", str(self.folder / "password"),
                                      "--auth-local=trust", "--auth-host=scram-sha-256",
                                      "--no-sync"], check=True, capture_output=True)
        subprocess.run(self.prefix + [str(self.bin / "pg_ctl"), "-D", str(data), "-w", "-l",
                                      str(self.folder / "log"), "-o",
                                      f"-c listen_addresses=127.0.0.1 -p {self.port} "
                                      f"-c unix_socket_directories={self.folder} -c fsync=off",
                                      "start"], check=True, capture_output=True)
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "attest", "attest"], check=True, capture_output=True,
                       env=dict(os.environ, PGPASSWORD=self.password))
        # No password in the URL: it comes from PGPASSWORD, as docs/store.md advises.
        self.url = f"postgres://attest@127.0.0.1:{self.port}/attest"

    def stop(self):
        subprocess.run(self.prefix + [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                                      "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def two_instances(driver, attest, demo, scratch, downloads):
    """Two portal instances on one PostgreSQL database: a request made on one is decided from
    the command line and downloaded from the other; the ledger and the disclosures hold it once."""
    try:
        server = Postgres(scratch)
    except subprocess.CalledProcessError as error:
        fail(f"postgres: {' '.join(map(str, error.cmd[-3:]))} failed: {error.stderr!r}")
        return
    folder = scratch / "shared"
    folder.mkdir()
    workspace = folder / "workspace"
    shutil.copytree(demo, workspace)
    portal = Portal(attest, workspace, folder, store=server.url,
                    environment={"PGPASSWORD": server.password})
    try:
        portal.start()
        second = portal.serve(free_port())
        address = "shared-viewer@buyer.example"
        submit_request(driver, portal, "en", "Sam Shared", address)
        request = portal.request_id(address, "pending")
        if not check(request, "postgres: the request made on instance A is not in the ledger"):
            return
        portal.run("access", "approve", request, "--store", server.url, "--by", "ci")
        link = portal.link_for(address).replace(portal.base, second)
        status, headers, body = fetch(link + "/bundle.zip")
        check(status == 200 and body.startswith(b"PK"),
              f"postgres: instance B does not serve the grant made through A (status {status})")
        listed = json.loads(portal.run("access", "list", "--store", server.url, "--status", "all",
                                       "--format", "json").stdout)
        check([entry["email"] for entry in listed].count(address) == 1,
              "postgres: the request is not recorded exactly once")
        disclosures = json.loads(portal.run("disclosures", "--store", server.url,
                                            "--format", "json").stdout)
        check([entry.get("accessRequest") for entry in disclosures].count(request) == 1,
              "postgres: the download is not logged exactly once")
    finally:
        portal.stop()
        server.stop()


def public_responses(portal):
    site = portal.scratch / "reports" / "site"
    for path in ["", "en/index.html", "fr/index.html", "trust-center.json"]:
        status, headers, body = fetch(f"{portal.base}/{path}")
        check(status == 200, f"/{path}: status {status}")
        check(b"CANARY" not in body, f"/{path}: a canary string")
        csp = headers.get("Content-Security-Policy", "")
        check("frame-ancestors 'none'" in csp and "script-src 'none'" in csp,
              f"/{path}: CSP is '{csp}'")
        check(headers.get("Referrer-Policy") == "no-referrer", f"/{path}: referrer policy")
        if path.endswith(".json"):
            check(body == (site / path).read_bytes(), f"/{path}: not the built file")
    for path in ["../attest.yaml", "%2e%2e/attest.yaml", "en/../../attest.yaml", ".attest/x"]:
        status, _, body = fetch(f"{portal.base}/{path}")
        check(status in (400, 404) and b"organisation" not in body, f"/{path}: status {status}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--attest", type=pathlib.Path, default=pathlib.Path(".build/debug/attest"))
    parser.add_argument("--demo", type=pathlib.Path, default=pathlib.Path("."))
    args = parser.parse_args()
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="attest-portal-flow-"))
    workspace = scratch / "workspace"
    workspace.mkdir()
    for item in ["attest.yaml", "controls", "evidence", "keys"]:
        source = args.demo / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, workspace / item)
    downloads = scratch / "downloads"
    downloads.mkdir()
    portal = Portal(args.attest.resolve(), workspace, scratch)
    driver = None
    try:
        portal.start()
        driver = browser(downloads)
        for locale in ["en", "fr"]:
            flow(driver, portal, locale, downloads)
        auto_approved(driver, portal, downloads)
        public_responses(portal)
        portal.stop()
        two_instances(driver, args.attest.resolve(), workspace, scratch, downloads)
    finally:
        if driver:
            driver.quit()
        portal.stop()
    if failures:
        print((scratch / "serve.log").read_text()[-4000:], file=sys.stderr)
        print(f"{len(failures)} portal check(s) failed", file=sys.stderr)
        return 1
    shutil.rmtree(scratch, ignore_errors=True)
    print("portal flow: en and fr, request -> NDA -> approve -> download -> verify; "
          "revoke, tamper and auto-approval refused or granted as they should; two instances "
          "on one PostgreSQL database share one ledger")
    return 0


if __name__ == "__main__":
    sys.exit(main())
