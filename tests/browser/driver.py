# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The browser tests' driver: a real Odoo server of this checkout and a
headless Chromium, and the steps the tests share (logging in, opening the
app, the browser's emulated position, waits, the final error checks).

Chromium is driven over the DevTools protocol (websocket-client, standard
library otherwise).  Every wait is bounded.  The browser records the problems
a test fails on: uncaught JavaScript exceptions, console.error, error log
entries and HTTP responses >= 500; the server's log is read for ERROR lines
and tracebacks.
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
    """The suite's test database (the browser tests run on a copy of it:
    the ``browser_database`` fixture)."""
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


def alarm_lines(text):
    """The lines of a server log that show an error (ERROR / CRITICAL
    records, tracebacks)."""
    return [line for line in text.splitlines()
            if any(alarm in line for alarm in SERVER_LOG_ALARMS) or EXCEPTION_LINE.match(line)]


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
        return alarm_lines(fresh)


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

    def send(self, method, timeout=30, session_id=None, **params):
        """A command to the page, or with ``session_id`` to another target of
        the same connection (flat sessions: a service worker)."""
        self._next_id += 1
        message_id = self._next_id
        message = {"id": message_id, "method": method, "params": params}
        if session_id is not None:
            message["sessionId"] = session_id
        self.ws.send(json.dumps(message))
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

    def screenshot_if_possible(self, path):
        """A screenshot after a test, whatever state the browser is left in."""
        try:
            return self.screenshot(path)
        except (DevToolsError, OSError, websocket.WebSocketException):
            return None

    def share_position(self, origin, latitude, longitude, accuracy):
        """The browser grants the page its position, as a phone would."""
        self.send("Browser.grantPermissions", origin=origin, permissions=["geolocation"])
        self.send("Emulation.setGeolocationOverride", latitude=latitude, longitude=longitude,
                  accuracy=accuracy)

    def wait_until(self, check, timeout, what):
        """Read the browser's events until ``check()`` (on the server, say)
        answers truthy; fail on a browser problem or after the timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            self.fail_on_problems(what)
            assert time.monotonic() < deadline, "timed out after %ss waiting for %s" % (
                timeout, what)
            self.pump(0.25)

    def assert_no_errors(self, server):
        """After a test: no browser problem (late ones included) and no error
        in the server's log."""
        self.pump(SETTLE_SECONDS)
        assert not self.problems, "\n".join(self.problems)
        alarms = server.new_log_alarms()
        assert not alarms, "\n".join(alarms[:40])


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


def start_server(request, server_class=None):
    """A server of this checkout on the browser tests' copy of the test
    database, stopped after the fixture's scope."""
    server = (server_class or OdooServer)(request.getfixturevalue("browser_database"))
    request.addfinalizer(server.stop)
    server.start()
    return server


def start_browser(request, browser_class=None):
    """A headless Chromium, stopped after the fixture's scope."""
    chromium = (browser_class or Browser)()
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


# -- the visit form
CHECK_IN_BUTTON = ("[...document.querySelectorAll('.o_form_statusbar button')]"
                   ".find(b => b.textContent.trim() === 'Check in')")


def _open_visit_form(browser, server, visit_id):
    browser.navigate("%s/web#id=%s&model=am.visit&view_type=form" % (server.url, visit_id))


def _click_check_in(browser):
    """Wait for the visit form's Check in button and press it."""
    browser.wait_for("!!(%s) && (%s).getBoundingClientRect().width > 0" % (
        CHECK_IN_BUTTON, CHECK_IN_BUTTON), ACTION_TIMEOUT, "the Check in button")
    browser.click(CHECK_IN_BUTTON, "the Check in button")


# -- test data (committed to the browser tests' copy of the database: the server sees it)
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


def _delete_visit(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("DELETE FROM am_visit WHERE id = %s", (visit_id,))
        cr.commit()
