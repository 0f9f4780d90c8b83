# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser test of the web client: a real Odoo server and a headless Chromium.

The test starts its own Odoo server on a free port of 127.0.0.1, logs in through
the real login form, opens the "Account Management" app from the top menu and
waits for its first action to render, then saves a screenshot under
artifacts/screenshots/.  It fails on any JavaScript error, any console or log
error, any HTTP response >= 500 and any ERROR or traceback in the server log.

Chromium is driven over the DevTools protocol (websocket-client, standard
library otherwise).  Every wait is bounded.
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websocket

ROOT = Path(__file__).resolve().parents[2]
ODOO_BIN = ROOT / "runtime" / "bin" / "odoo"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
APP_NAME = "Account Management"

SERVER_START_TIMEOUT = 120   # registry load of a fresh server
SERVER_STOP_TIMEOUT = 20
BROWSER_START_TIMEOUT = 30
WEB_CLIENT_TIMEOUT = 120     # first /web compiles the asset bundles
ACTION_TIMEOUT = 60
SETTLE_SECONDS = 2.0         # late asynchronous errors still get caught
SERVER_LOG_ALARMS = (" ERROR ", " CRITICAL ", "Traceback")
REGISTRY_LOADED = "odoo.modules.loading: Modules loaded."  # logged once the registry is up
EXCEPTION_LINE = re.compile(r"^[\w.]+(Error|Exception): ")  # a traceback's last line

# never through a proxy: all traffic stays on 127.0.0.1
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _database(config):
    return (config.getoption("odoo_database", default=None)
            or os.environ.get("AM_TEST_DB") or "am_test")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _http_get(url, timeout=10):
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with _HTTP.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _stop_process(proc, timeout):
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


class OdooServer:
    """A server of this checkout on its own port; its log is read in slices."""

    def __init__(self, database):
        self.database = database
        self.port = _free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        log_dir = ARTIFACTS / "browser"
        log_dir.mkdir(parents=True, exist_ok=True)
        self.logfile = log_dir / ("odoo-%s.log" % database)
        self.console = log_dir / ("odoo-%s.console.log" % database)
        self.logfile.unlink(missing_ok=True)
        self._log_offset = 0
        self.proc = None

    def start(self):
        cmd = [
            str(ODOO_BIN), "-d", self.database, "--db-filter=^%s$" % self.database,
            "--http-interface=127.0.0.1", "--http-port=%d" % self.port,
            "--logfile=%s" % self.logfile, "--log-level=info",
            # no cron: nothing runs beside the browser's requests (and nothing
            # tries to reach the internet, like the publisher warranty cron)
            "--max-cron-threads=0",
        ]
        with open(self.console, "wb") as console:
            self.proc = subprocess.Popen(cmd, cwd=str(ROOT), stdin=subprocess.DEVNULL,
                                         stdout=console, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        # Odoo opens its port, then loads the database's registry.  A request
        # during that load imports every addon's controllers beside it, and
        # these concurrent imports can leave models out of the registry (seen:
        # "KeyError: 'am.assessment'" on every later request): no request
        # before the registry is loaded.
        while REGISTRY_LOADED not in self._read_log():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                break   # told below
            time.sleep(0.2)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("Odoo server exited with %s:\n%s"
                            % (self.proc.returncode, self._tail()))
            try:
                status, _body = _http_get("%s/web/login" % self.url, timeout=5)
            except OSError:
                status = None
            if status == 200:
                return
            time.sleep(0.5)
        pytest.fail("Odoo server not answering /web/login within %ss:\n%s"
                    % (SERVER_START_TIMEOUT, self._tail()))

    def stop(self):
        if self.proc is not None:
            _stop_process(self.proc, SERVER_STOP_TIMEOUT)

    def _read_log(self):
        try:
            return self.logfile.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _tail(self, lines=40):
        text = self._read_log() + self.console.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def new_log_alarms(self):
        """Lines of the server log written since the last call that show an
        error (ERROR / CRITICAL records, tracebacks)."""
        text = self._read_log()
        fresh, self._log_offset = text[self._log_offset:], len(text)
        return [line for line in fresh.splitlines()
                if any(alarm in line for alarm in SERVER_LOG_ALARMS)
                or EXCEPTION_LINE.match(line)]


class DevToolsError(Exception):
    pass


class Browser:
    """Headless Chromium with one page, driven over the DevTools protocol.

    Every message is read by one loop, which records the problems the test
    fails on: uncaught exceptions, console.error, error log entries and HTTP
    responses with a status >= 500."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="am-chromium-")
        self.proc = None
        self.ws = None
        self.stderr_path = Path(self.profile + ".stderr")
        self.problems = []
        self._next_id = 0

    def start(self):
        cmd = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
            "--no-default-browser-check", "--disable-extensions",
            "--disable-dev-shm-usage", "--no-proxy-server", "--mute-audio",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            "--user-data-dir=%s" % self.profile, "--window-size=1600,1000",
            "--lang=en-US", "about:blank",
        ]
        with open(self.stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=stderr)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + BROWSER_START_TIMEOUT
        port = None
        while port is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Chromium did not open its DevTools port:\n%s"
                            % self.stderr_path.read_text(errors="replace")[-3000:])
            if port_file.exists():
                first_line = port_file.read_text().split("\n")[0].strip()
                port = int(first_line) if first_line.isdigit() else None
            time.sleep(0.1)
        page_ws = None
        while page_ws is None:
            if time.monotonic() > deadline:
                pytest.fail("Chromium shows no page target")
            status, body = _http_get("http://127.0.0.1:%d/json/list" % port)
            if status == 200:
                pages = [t for t in json.loads(body) if t.get("type") == "page"]
                page_ws = pages[0]["webSocketDebuggerUrl"] if pages else None
            time.sleep(0.1)
        # no Origin header: Chromium refuses DevTools clients that send one
        self.ws = websocket.create_connection(page_ws, timeout=10, suppress_origin=True,
                                              http_no_proxy=["127.0.0.1"])
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable")

    def stop(self):
        if self.ws is not None:
            try:
                self.ws.close()
            except (OSError, websocket.WebSocketException):
                pass
        if self.proc is not None:
            _stop_process(self.proc, 10)
        shutil.rmtree(self.profile, ignore_errors=True)
        self.stderr_path.unlink(missing_ok=True)

    # -- protocol
    def _receive(self, deadline):
        """Next message before the deadline (events are recorded), else None."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        self.ws.settimeout(remaining)
        try:
            message = json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            return None
        if "method" in message:
            self._on_event(message["method"], message.get("params", {}))
        return message

    def send(self, method, timeout=30, **params):
        self._next_id += 1
        message_id = self._next_id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message is None:
                raise DevToolsError("%s: no answer within %ss" % (method, timeout))
            if message.get("id") == message_id:
                if "error" in message:
                    raise DevToolsError("%s: %s" % (method, message["error"]))
                return message.get("result", {})

    def pump(self, seconds):
        """Read (and record) events for a while."""
        deadline = time.monotonic() + seconds
        while self._receive(deadline) is not None:
            pass

    def _on_event(self, method, params):
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            exception = details.get("exception") or {}
            self.problems.append("JS exception: %s (%s:%s)" % (
                exception.get("description") or details.get("text"),
                details.get("url", "?"), details.get("lineNumber", "?")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            text = " ".join(str(arg.get("value", arg.get("description", "")))
                            for arg in params.get("args", []))
            self.problems.append("console.error: %s" % text)
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            self.problems.append("log error: %s (%s)" % (entry.get("text"), entry.get("url", "")))
        elif method == "Network.responseReceived":
            response = params["response"]
            if response.get("status", 0) >= 500:
                self.problems.append("HTTP %s: %s" % (response["status"], response["url"]))

    # -- page helpers
    def evaluate(self, expression, timeout=30):
        result = self.send("Runtime.evaluate", timeout=timeout, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise DevToolsError("evaluate %r: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def poll(self, expression):
        """evaluate(), but a page that is being replaced answers None."""
        try:
            return self.evaluate(expression, timeout=10)
        except DevToolsError as error:
            if "context" in str(error).lower():  # "Execution context was destroyed"
                return None
            raise

    def wait_for(self, expression, timeout, what):
        """Poll a JS expression until it is truthy; fail after the timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.poll(expression)
            if value:
                return value
            self.fail_on_problems(what)
            if time.monotonic() > deadline:
                pytest.fail("timed out after %ss waiting for %s (at %s); problems: %s" % (
                    timeout, what, self.evaluate("location.href"), self.problems or "none"))
            self.pump(0.25)

    def fail_on_problems(self, what):
        """Stop waiting as soon as the page went wrong: the test fails anyway."""
        if self.problems:
            self.pump(1.0)  # the errors that come with the first one
            pytest.fail("browser errors while waiting for %s (at %s):\n%s" % (
                what, self.evaluate("location.href"), "\n".join(self.problems)))

    def navigate(self, url):
        self.send("Page.navigate", url=url)

    def type_into(self, selector, text):
        """Focus a field and type into it like a keyboard."""
        focused = self.evaluate(
            "(() => { const el = document.querySelector(%s);"
            " if (!el) return false; el.focus(); el.value = ''; return true; })()"
            % json.dumps(selector))
        assert focused, "no field %s on %s" % (selector, self.evaluate("location.href"))
        self.send("Input.insertText", text=text)

    def click(self, element_expression, what):
        """A real mouse click in the middle of the element the expression finds."""
        box = self.evaluate(
            "(() => { const el = %s; if (!el) return null;"
            " el.scrollIntoView({block: 'center'});"
            " const r = el.getBoundingClientRect();"
            " return r.width && r.height ? [r.left + r.width / 2, r.top + r.height / 2] : null;"
            " })()" % element_expression)
        assert box, "nothing visible to click for %s" % what
        x, y = box
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for event in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=event, x=x, y=y,
                      button="left", clickCount=1)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


# -- JavaScript of the checks (Odoo 11 community web client)
WEB_CLIENT_READY = """(() => !!(
    location.pathname.startsWith('/web') && document.body
    && document.body.classList.contains('o_web_client')
    && document.querySelector('.oe_application_menu_placeholder a[data-menu]')
    && window.odoo && odoo.__DEBUG__ && odoo.__DEBUG__.services
    && odoo.__DEBUG__.services['web.web_client']
    && window.$ && $('.o_web_client').length))()"""

# the app's top menu entry, found by its text (it may sit in the "More" dropdown)
APP_MENU = """[...document.querySelectorAll(
    '.oe_application_menu_placeholder a[data-menu]')]
    .find(a => a.textContent.trim() === %s)""" % json.dumps(APP_NAME)

ACTION_RENDERED = """(() => {
    const app = %s;
    // the app's entry is marked active: a menu bar item, or an icon of
    // web_responsive's app drawer
    const active = app && app.closest('li.active, #odooAppDrawer .active');
    const main = document.querySelector('.o_main_content');
    const content = main && main.querySelector('.o_view_manager_content, .o_content');
    const view = content && [...content.querySelectorAll(':scope > *')]
        .find(el => el.getBoundingClientRect().height > 0);
    const crumbs = main && main.querySelector('.o_control_panel .breadcrumb li');
    const busy = document.querySelector('.o_loading');
    const isBusy = busy && busy.offsetParent !== null;
    return !!(active && view && crumbs && !isBusy && location.hash.includes('action='));
})()""" % APP_MENU

# Odoo shows server errors in a dialog whatever the HTTP status of the RPC
ERROR_DIALOGS = """[...document.querySelectorAll('.o_dialog_error, .o_dialog_warning')]
    .map(el => el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 300))"""


@pytest.fixture(scope="module")
def odoo_server(request):
    server = OdooServer(_database(request.config))
    request.addfinalizer(server.stop)
    server.start()
    return server


@pytest.fixture
def browser(request):
    chromium = Browser()
    request.addfinalizer(chromium.stop)
    chromium.start()
    return chromium


def _user_exists(database, login):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("SELECT 1 FROM res_users WHERE login = %s AND active", (login,))
        return bool(cr.fetchone())


def _log_in(browser, server, login, password):
    browser.navigate("%s/web/login?db=%s" % (server.url, server.database))
    browser.wait_for("document.readyState === 'complete' && !!document.querySelector("
                     "'form.oe_login_form #login')", 60, "the login form")
    browser.type_into("#login", login)
    browser.type_into("#password", password)
    browser.click("document.querySelector('form.oe_login_form button[type=submit]')",
                  "the Log in button")
    deadline = time.monotonic() + WEB_CLIENT_TIMEOUT
    while not browser.poll(WEB_CLIENT_READY):
        refused = browser.poll(
            "(() => { const a = document.querySelector('form.oe_login_form .alert-danger');"
            " return a ? a.textContent.trim() : ''; })()")
        assert not refused, "login of %r refused: %s" % (login, refused)
        browser.fail_on_problems("the web client")
        if time.monotonic() > deadline:
            pytest.fail("web client not loaded %ss after logging in as %r (at %s); problems: %s"
                        % (WEB_CLIENT_TIMEOUT, login, browser.evaluate("location.href"),
                           browser.problems or "none"))
        browser.pump(0.25)


def _open_app(browser):
    # the menu bar shows once the web client has laid it out; entries that do
    # not fit move into its "More" dropdown; OCA web_responsive shows them in
    # its app drawer, opened by its toggle
    place = browser.wait_for(
        """(() => { const app = %s; if (!app) return '';
            const shown = el => !!el && el.getBoundingClientRect().width > 0;
            if (shown(app)) return 'top';
            const drawer = [...document.querySelectorAll('.app-drawer-toggle')].find(shown);
            if (app.closest('#odooAppDrawer') && drawer) return 'drawer';
            const more = document.querySelector('#menu_more_container > a.dropdown-toggle');
            return app.closest('#menu_more') && shown(more) ? 'more' : ''; })()""" % APP_MENU,
        30, "the %s menu" % APP_NAME)
    if place == "drawer":
        browser.click("[...document.querySelectorAll('.app-drawer-toggle')]"
                      ".find(el => el.getBoundingClientRect().width > 0)", "the app drawer")
        browser.wait_for("(%s).getBoundingClientRect().width > 0" % APP_MENU, 10,
                         "the %s entry in the app drawer" % APP_NAME)
    if place == "more":
        browser.click("document.querySelector('#menu_more_container > a.dropdown-toggle')",
                      "the More menu")
        browser.wait_for("(%s).getBoundingClientRect().width > 0" % APP_MENU, 10,
                         "the %s entry in the More menu" % APP_NAME)
    browser.click(APP_MENU, "the %s menu" % APP_NAME)
    browser.wait_for(ACTION_RENDERED, ACTION_TIMEOUT, "the first action of %s" % APP_NAME)


@pytest.mark.parametrize("login", ["admin", "am1"])
def test_account_management_app_opens_without_errors(odoo_server, browser, login):
    if login != "admin" and not _user_exists(odoo_server.database, login):
        pytest.skip("no user %r in database %s" % (login, odoo_server.database))
    try:
        _log_in(browser, odoo_server, login, login)
        _open_app(browser)
    except (AssertionError, pytest.fail.Exception) as error:
        try:
            browser.screenshot(SCREENSHOTS / ("account_management_%s_failed.png" % login))
        except (DevToolsError, OSError, websocket.WebSocketException):
            pass
        alarms = odoo_server.new_log_alarms()
        if not alarms:
            raise
        pytest.fail("%s\n\nserver log %s shows errors:\n%s" % (
            error, odoo_server.logfile, "\n".join(alarms[:40])))
    browser.pump(SETTLE_SECONDS)
    shot = browser.screenshot(SCREENSHOTS / ("account_management_%s.png" % login))

    title = browser.evaluate(
        "(document.querySelector('.o_main_content .o_control_panel .breadcrumb') || {})"
        ".textContent")
    assert title and title.strip(), "the action rendered no breadcrumb (%s)" % shot
    dialogs = browser.evaluate(ERROR_DIALOGS)
    assert not dialogs, "error dialogs shown: %s (screenshot %s)" % (dialogs, shot)
    assert not browser.problems, "browser errors (screenshot %s):\n%s" % (
        shot, "\n".join(browser.problems))
    alarms = odoo_server.new_log_alarms()
    assert not alarms, "server log %s shows errors:\n%s" % (
        odoo_server.logfile, "\n".join(alarms[:40]))


BAD_IMAGE_URL = "/web/image?model=res.partner&id=not-an-id&field=image"


def test_error_detection_catches_injected_errors(odoo_server, browser):
    """The detectors above are the test: prove each one reports a real failure."""
    browser.navigate("%s/web/login?db=%s" % (odoo_server.url, odoo_server.database))
    deadline = time.monotonic() + 60
    while not browser.evaluate("document.readyState === 'complete'"
                               " && !!document.querySelector('form.oe_login_form')"):
        assert time.monotonic() < deadline, "the login page did not load"
        browser.pump(0.25)
    browser.pump(0.5)
    # only what is injected below counts here (the page itself is checked above)
    browser.problems.clear()
    odoo_server.new_log_alarms()
    browser.evaluate("setTimeout(() => { throw new Error('am-injected-exception'); })")
    browser.evaluate("console.error('am-injected-console-error')")
    # Odoo 11's image route answers 500 (and logs a traceback) for a bad record id
    browser.evaluate("fetch('%s').then(r => r.status)" % BAD_IMAGE_URL)
    deadline = time.monotonic() + 15
    while len(browser.problems) < 4 and time.monotonic() < deadline:
        browser.pump(0.25)
    report = "\n".join(browser.problems)
    assert "am-injected-exception" in report, report
    assert "console.error: am-injected-console-error" in report, report
    assert "HTTP 500: %s%s" % (odoo_server.url, BAD_IMAGE_URL) in report, report
    assert "log error:" in report, report
    # the server may write its traceback just after the response
    alarms, deadline = [], time.monotonic() + 5
    while not any("Traceback" in line for line in alarms) and time.monotonic() < deadline:
        time.sleep(0.2)
        alarms += odoo_server.new_log_alarms()
    assert any("Traceback" in line for line in alarms), alarms


SHANGHAI = {"latitude": 31.2304, "longitude": 121.4737}


def _planned_visit_of(database, login):
    """A planned visit of that account manager, made for this test (committed:
    the server sees it); returns its id."""
    import odoo

    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        model = env["am.visit"]
        template = model.search([("user_id", "=", user.id)], limit=1)
        if not template:
            return None
        visit = template.copy({"state": "planned", "checkin_time": False,
                               "checkout_time": False, "outcome_id": False})
        cr.commit()
        return visit.id


def _visit_position(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("SELECT state, checkin_latitude, checkin_longitude FROM am_visit"
                   " WHERE id = %s", (visit_id,))
        return cr.fetchone()


def _delete_visit(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("DELETE FROM am_visit WHERE id = %s", (visit_id,))
        cr.commit()


def test_visit_check_in_records_the_browser_position(odoo_server, browser):
    """Check in on a visit form: the browser's geolocation lands on the visit."""
    database = odoo_server.database
    if not _user_exists(database, "am1"):
        pytest.skip("no demo account manager am1 in database %s" % database)
    visit_id = _planned_visit_of(database, "am1")
    if not visit_id:
        pytest.skip("am1 has no visit to copy in database %s" % database)
    shot = SCREENSHOTS / "visit_checked_in_am1.png"
    try:
        # the browser grants the page its position, as a phone would
        browser.send("Browser.grantPermissions", origin=odoo_server.url,
                     permissions=["geolocation"])
        browser.send("Emulation.setGeolocationOverride", accuracy=10, **SHANGHAI)
        _log_in(browser, odoo_server, "am1", "am1")
        browser.navigate("%s/web#id=%s&model=am.visit&view_type=form" % (
            odoo_server.url, visit_id))
        checkin = ("[...document.querySelectorAll('.o_form_statusbar button')]"
                   ".find(b => b.textContent.trim() === 'Check in')")
        browser.wait_for("!!(%s) && (%s).getBoundingClientRect().width > 0" % (
            checkin, checkin), ACTION_TIMEOUT, "the Check in button")
        browser.click(checkin, "the Check in button")
        deadline = time.monotonic() + 30
        while _visit_position(database, visit_id)[0] != "in_progress":
            browser.fail_on_problems("the check-in")
            assert time.monotonic() < deadline, "the visit was not checked in"
            browser.pump(0.25)
        state, latitude, longitude = _visit_position(database, visit_id)
        assert (round(latitude, 4), round(longitude, 4)) == (
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        browser.pump(SETTLE_SECONDS)
        assert not browser.problems, "\n".join(browser.problems)
        alarms = odoo_server.new_log_alarms()
        assert not alarms, "\n".join(alarms[:40])
    finally:
        try:
            browser.screenshot(shot)
        except (DevToolsError, OSError, websocket.WebSocketException):
            pass
        _delete_visit(database, visit_id)


def _in_progress_visit_of(database, login):
    """An in-progress visit of that account manager, made for this test
    (committed: the server sees it); returns its id."""
    import odoo

    visit_id = _planned_visit_of(database, login)
    if not visit_id:
        return None
    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        env["am.visit"].sudo(user).browse(visit_id).checkin_with_position(
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        cr.commit()
    return visit_id


def _visit_photos(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("""SELECT p.id, p.latitude, p.longitude, p.has_position, a.res_model,
                             a.res_id, a.mimetype, v.photo_count
                        FROM am_visit_photo p
                        JOIN ir_attachment a ON a.id = p.attachment_id
                        JOIN am_visit v ON v.id = p.visit_id
                       WHERE p.visit_id = %s""", (visit_id,))
        return cr.fetchall()


def _delete_visit_with_photos(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("""WITH p AS (DELETE FROM am_visit_photo WHERE visit_id = %s
                                 RETURNING attachment_id)
                      DELETE FROM ir_attachment WHERE id IN (SELECT attachment_id FROM p)""",
                   (visit_id,))
        cr.execute("DELETE FROM am_visit WHERE id = %s", (visit_id,))
        cr.commit()


def test_visit_photo_taken_through_the_file_input(odoo_server, browser, tmp_path):
    """Take a photo on a visit form: the picture chosen in the camera's file
    input is attached to the visit with the browser's position."""
    database = odoo_server.database
    if not _user_exists(database, "am1"):
        pytest.skip("no demo account manager am1 in database %s" % database)
    visit_id = _in_progress_visit_of(database, "am1")
    if not visit_id:
        pytest.skip("am1 has no visit to copy in database %s" % database)
    # a real picture, as a phone's camera would hand it over
    picture = tmp_path / "IMG_0001.png"
    from PIL import Image

    Image.new("RGB", (64, 48), "orange").save(str(picture), format="PNG")
    shot = SCREENSHOTS / "visit_photo_am1.png"
    try:
        browser.send("Browser.grantPermissions", origin=odoo_server.url,
                     permissions=["geolocation"])
        browser.send("Emulation.setGeolocationOverride", accuracy=15, **SHANGHAI)
        _log_in(browser, odoo_server, "am1", "am1")
        browser.navigate("%s/web#id=%s&model=am.visit&view_type=form" % (
            odoo_server.url, visit_id))
        take = "document.querySelector('.o_am_visit_photo .o_am_photo_take')"
        browser.wait_for("!!(%s) && (%s).getBoundingClientRect().width > 0" % (take, take),
                         ACTION_TIMEOUT, "the Take a photo button")
        capture = browser.evaluate(
            "(() => { const i = document.querySelector('input.o_am_photo_input');"
            " return [i.accept, i.getAttribute('capture')]; })()")
        assert capture == ["image/*", "environment"], capture
        # the phone's camera hands the picture to the file input
        root = browser.send("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = browser.send("DOM.querySelector", nodeId=root,
                            selector="input.o_am_photo_input")["nodeId"]
        browser.send("DOM.setFileInputFiles", nodeId=node, files=[str(picture)])
        deadline = time.monotonic() + 30
        while not _visit_photos(database, visit_id):
            browser.fail_on_problems("the photo upload")
            assert time.monotonic() < deadline, "no photo attached to the visit"
            browser.pump(0.25)
        ((__, latitude, longitude, has_position, res_model, res_id, mimetype, count),) = \
            _visit_photos(database, visit_id)
        assert (res_model, mimetype, count) == ("am.visit.photo", "image/png", 1)
        assert res_id
        assert has_position and (round(latitude, 4), round(longitude, 4)) == (
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        # the form shows the new count once reloaded
        browser.wait_for("(document.querySelector('.o_am_visit_photo .o_am_photo_count')"
                         " || {}).textContent === '1'", 30, "the photo count")
        browser.pump(SETTLE_SECONDS)
        assert not browser.problems, "\n".join(browser.problems)
        alarms = odoo_server.new_log_alarms()
        assert not alarms, "\n".join(alarms[:40])
    finally:
        try:
            browser.screenshot(shot)
        except (DevToolsError, OSError, websocket.WebSocketException):
            pass
        _delete_visit_with_photos(database, visit_id)
