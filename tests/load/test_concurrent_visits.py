# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load test: concurrent account managers creating visits over XML-RPC.

A real Odoo server of this checkout on its own port of 127.0.0.1 serves a
copy of the test database (demo data); ``AM_LOAD_CLIENTS`` clients (default 20)
log in as the demo account managers and, for ``AM_LOAD_SECONDS`` (default 20;
the issue's figure is 60), create visits for the same few customers and check
in to some of them. At least 99 % of the creates must succeed, every visit
must have its own reference, the customers' figures must stay right and the
server log must show no ERROR (a serialization failure Odoo retries is not
one). ``AM_LOAD_WORKERS`` > 0 runs the server with that many worker
processes (and a cron worker), as production installs do.

Only loopback traffic; every loop is bounded in count and time.
"""
import os
import random
import socket
import subprocess
import threading
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

from ..dbcopy import copy_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
ODOO_BIN = ROOT / "runtime" / "bin" / "odoo"
ARTIFACTS = ROOT / "artifacts" / "load"
CLIENTS = int(os.environ.get("AM_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("AM_LOAD_SECONDS", "20"))
WORKERS = int(os.environ.get("AM_LOAD_WORKERS", "0"))
MAX_CALLS_PER_CLIENT = 2000
SERVER_START_TIMEOUT = 120
MANAGERS = ["am1", "am2", "am3", "am4"]
LOAD_DB = "am_load"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(*args):
    return subprocess.run(["psql", "-X", "-q", "-At", "-d", "postgres"] + list(args),
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def server(request):
    source = (request.config.getoption("odoo_database", default=None)
              or os.environ.get("AM_TEST_DB") or "am_test")
    if _psql("-c", "select 1 from pg_database where datname = '%s'" % source).strip() != "1":
        pytest.skip("no test database %s" % source)
    copy_database(source, LOAD_DB)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    logfile = ARTIFACTS / "odoo-load.log"
    if logfile.exists():
        logfile.unlink()
    port = _free_port()
    cmd = [str(ODOO_BIN), "-d", LOAD_DB, "--db-filter=^%s$" % LOAD_DB,
           "--http-interface=127.0.0.1", "--http-port=%d" % port,
           "--logfile=%s" % logfile, "--log-level=info"]
    if WORKERS:
        cmd += ["--workers=%d" % WORKERS, "--max-cron-threads=1",
                "--longpolling-port=%d" % _free_port()]
    else:
        cmd += ["--max-cron-threads=0"]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = "http://127.0.0.1:%d" % port
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail("Odoo server exited with %s" % proc.returncode)
            # no request before the registry is loaded: one arriving during the
            # preload loads the registry a second time in parallel
            log = logfile.read_text(errors="replace") if logfile.exists() else ""
            if "Modules loaded." not in log:
                if time.monotonic() > deadline:
                    pytest.fail("Odoo server did not load its registry within %ss"
                                % SERVER_START_TIMEOUT)
                time.sleep(0.5)
                continue
            try:
                with opener.open(url + "/web/login", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Odoo server not answering within %ss" % SERVER_START_TIMEOUT)
            time.sleep(0.5)
        yield url, logfile
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        drop_database(LOAD_DB)


class _NoProxyTransport(xmlrpc.client.Transport):
    """Loopback only: never through a proxy of the environment."""


def _client(url, login):
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common",
                                       transport=_NoProxyTransport())
    uid = common.authenticate(LOAD_DB, login, login, {})
    assert uid, "demo user %s cannot log in" % login
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object",
                                       transport=_NoProxyTransport(), allow_none=True)
    return uid, models


def test_concurrent_clients_create_visits(server):
    url, logfile = server
    customers = {}
    for login in MANAGERS:
        uid, models = _client(url, login)
        ids = models.execute_kw(LOAD_DB, uid, login, "res.partner", "search",
                                [[("am_user_id", "=", uid)]], {"limit": 3})
        assert ids, "%s owns no demo customer" % login
        customers[login] = ids
    admin_uid, admin_models = _client(url, "admin")
    last_id = (admin_models.execute_kw(LOAD_DB, admin_uid, "admin", "am.visit", "search",
                                       [[]], {"limit": 1, "order": "id desc"}) or [0])[0]
    results = {"ok": 0, "failed": 0, "created": 0, "errors": []}
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def work(index):
        login = MANAGERS[index % len(MANAGERS)]
        uid, models = _client(url, login)
        rnd = random.Random(index)
        for __ in range(MAX_CALLS_PER_CLIENT):
            if time.monotonic() > stop_at:
                return
            partner = rnd.choice(customers[login])
            try:
                visit_id = models.execute_kw(
                    LOAD_DB, uid, login, "am.visit", "create",
                    [{"partner_id": partner, "visit_type": "maintenance"}])
                with lock:
                    results["created"] += 1
                if rnd.random() < 0.3:
                    models.execute_kw(LOAD_DB, uid, login, "am.visit", "checkin_with_position",
                                      [[visit_id], 31.2304, 121.4737])
                with lock:
                    results["ok"] += 1
            except (xmlrpc.client.Fault, OSError) as error:
                with lock:
                    results["failed"] += 1
                    results["errors"].append(str(error)[:300])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)
    total = results["ok"] + results["failed"]
    print("%d clients, %.0f s: %d visits created, %d failed"
          % (CLIENTS, SECONDS, results["ok"], results["failed"]))
    assert total > CLIENTS, "the clients made almost no calls"
    assert results["ok"] >= 0.99 * total, results["errors"][:5]
    # as many visits as successful creates, each with its own reference
    created = admin_models.execute_kw(LOAD_DB, admin_uid, "admin", "am.visit", "search_read",
                                      [[("id", ">", last_id)], ["name"]])
    assert len(created) == results["created"]
    names = [visit["name"] for visit in created]
    assert len(set(names)) == len(names)
    log = logfile.read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if " ERROR " in line or " CRITICAL " in line]
    assert not errors, errors[:5]
