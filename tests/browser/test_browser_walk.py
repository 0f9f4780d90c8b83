# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser walk: every screen of the suite, as every role, must open cleanly.

For each role (account manager, team leader, HR officer, HR manager, training
coordinator, Account Management administrator, system administrator) the walk
logs in through /web/login, takes the leaf menus the role sees in the suite's
apps (Account Management; Employees -> Employees, Training, Assessments; the
suite's Settings pages) from the server (``ir.ui.menu.load_menus`` as that
user) and opens each action by URL hash, once per view type (list, kanban,
form, calendar, pivot, graph).  From the list (or kanban) it opens the first
record, presses Create and then Discard.  The account manager's menus are
walked again at phone size (390 x 844).

A screen fails on a crash dialog (``.o_dialog_error``, "Odoo Client Error",
"Odoo Server Error" that is not a business refusal), an uncaught JavaScript
exception, a ``console.error``, a JSON-RPC answer carrying an ``error`` that
is not a business refusal (UserError / ValidationError / Warning: those are
the application saying no, not a defect), an HTTP status >= 500, an error in
the server log, or a view that does not render in time.  JSON-RPC answers are
read by a hook on XMLHttpRequest installed before the page's own scripts.

The cockpits (client actions tagged ``am_cockpit_*``) must draw their
figures (``.o_am_cockpit.o_am_ready``); then the first figure that counts
records is clicked and the list it opens must hold that many records.  The
cockpits of the team leader and HR are walked at phone size too.  A map tile
the browser cannot load from another host than the server (no access to the
tile server: the cockpit lists the check-ins instead) is a note, not a
failure.

An action reached from a second menu (training and assessments are in both
apps) opens only its first view there.  The walk prints ``walk: N screens, M
failed`` with one line per failure (role, menu, view, error) and notes (such
as a Create button that cannot do anything); artifacts/browser/walk.txt also
lists every screen with its time, artifacts/screenshots/walk/ shows the
failed ones.  The users of the roles the demo data lacks are created on the
browser tests' copy of the test database over XML-RPC as admin and removed
afterwards.

Knobs for a developer: ``-k am1`` (one role, by login), AM_WALK_ONLY=<regex
on the menu path>, AM_WALK_HTTP_PORT (else a free port), AM_WALK_DEBUG=assets
(error locations name the web client's source files), AM_WALK_VERBOSE=1.
"""
import json
import os
import re
import shutil
import time
import xmlrpc.client

import pytest
import websocket

from .driver import (
    ARTIFACTS,
    SCREENSHOTS,
    Browser,
    DevToolsError,
    OdooServer,
    _log_in,
    alarm_lines,
)

SCREEN_TIMEOUT = 30        # one view, its records loaded and rendered
NO_RPC_GRACE = 0.5         # a screen that needs no request is there by then
QUIET_MS = 100             # no RPC for that long: the screen has settled
MAX_SCREENSHOTS = 25       # of failed screens
PHONE = {"width": 390, "height": 844}
REPORT = ARTIFACTS / "browser" / "walk.txt"
# AM_WALK_DEBUG=assets walks the web client's source files, not its bundles
# (slower; error locations name the files)
DEBUG = "?debug=%s" % os.environ["AM_WALK_DEBUG"] if os.environ.get("AM_WALK_DEBUG") else ""

# (role, login, groups of a user the walk creates when the login is missing)
ROLES = [
    ("account manager", "am1", None),
    ("team leader", "leader", None),
    ("HR officer", "walk_hr_officer", ["hr.group_hr_user"]),
    ("HR manager", "walk_hr_manager", ["hr.group_hr_manager"]),
    ("training coordinator", "walk_training_coordinator",
     ["account_manager_training.group_training_coordinator"]),
    ("Account Management administrator", "walk_am_admin",
     ["account_manager_process.group_am_administrator",
      "account_manager_training.group_training_administrator"]),
    ("system administrator", "admin", None),
]

# the suite's menus: everything under these (as far as the role sees them)
SCOPE_MENUS = [
    "account_manager_process.menu_root",                  # Account Management app
    "account_manager_training.menu_training_root",        # Employees / Training
    "account_manager_assessment.menu_hr_assessment_root",  # Employees / Assessments
    "hr.menu_open_view_employee_list_my",                 # Employees / Employees (extended)
]
VIEW_TYPES = ("list", "kanban", "form", "calendar", "pivot", "graph")
# exception types of the server's business refusals (odoo.http.serialize_exception)
BUSINESS_REFUSALS = ("user_error", "warning", "validation_error")

# Installed before any script of the page: counts pending requests and keeps
# every JSON-RPC answer that carries an "error" member (Odoo answers errors
# with HTTP 200).  The long-polling bus stays out of the count.
RPC_HOOK = r"""
(() => {
  if (window.__amWalk) { return; }
  const w = window.__amWalk = {pending: 0, started: 0, last: 0, errors: []};
  const proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  proto.open = function (method, url) {
    this.__amUrl = String(url);
    return open.apply(this, arguments);
  };
  proto.send = function (body) {
    const xhr = this, url = xhr.__amUrl || '';
    if (url.includes('/longpolling/')) { return send.apply(this, arguments); }
    let call = url.replace(/^https?:\/\/[^/]+/, '');
    try {
      const params = JSON.parse(body).params || {};
      if (params.model && params.method) { call = params.model + '.' + params.method; }
      else if (params.model) { call = call + ' ' + params.model; }
    } catch (e) { /* not JSON */ }
    w.pending++; w.started++; w.last = performance.now();
    xhr.addEventListener('loadend', () => {
      w.pending--; w.last = performance.now();
      let data = null;
      try {
        const text = xhr.responseText;
        if (text && text[0] === '{') { data = JSON.parse(text); }
      } catch (e) { return; }
      if (data && data.error) {
        const error = data.error, d = error.data || {};
        const debug = String(d.debug || '').trim().split('\n');
        w.errors.push({
          call: call, code: error.code, message: error.message || '',
          name: d.name || '', type: d.exception_type || '',
          text: String(d.message || (d.arguments || [])[0] || '').slice(0, 400),
          last: debug[debug.length - 1].slice(0, 400),
        });
      }
    });
    return send.apply(this, arguments);
  };
  const shown = el => !!el && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== 'hidden';
  w.shown = shown;
  w.text = el => (el ? el.textContent : '').trim().replace(/\s+/g, ' ');
  w.dialogs = () => [...document.querySelectorAll('.modal')].filter(shown).map(m => ({
    title: w.text(m.querySelector('.modal-title')),
    crash: !!m.querySelector('.o_dialog_error'),
    warning: !!m.querySelector('.o_dialog_warning'),
    form: !!m.querySelector('.o_form_view'),
    text: w.text(m.querySelector('.modal-body') || m).slice(0, 400),
  }));
  w.notifications = () => [...document.querySelectorAll('.o_notification.o_error')]
      .filter(shown).map(n => w.text(n).slice(0, 300));
  w.idle = () => w.pending === 0 && performance.now() - w.last > %(quiet)d
      && !shown(document.querySelector('.o_loading'));
  // the view the action manager shows: its type, once it is rendered
  w.view = () => {
    try {
      const client = odoo.__DEBUG__.services['web.web_client'];
      const manager = client.action_manager;
      const dialog = manager.dialog_widget;
      if (dialog && dialog.$el && document.contains(dialog.el)) { return 'dialog'; }
      const inner = manager.get_inner_widget();
      const active = inner && inner.active_view;
      if (!active || inner.currently_switching || !active.loaded
          || active.loaded.state() !== 'resolved' || !active.controller
          || !document.contains(active.controller.el)) { return null; }
      return active.type;
    } catch (e) { return null; }
  };
  w.state = () => ({idle: w.idle(), view: w.view(), started: w.started,
                    errors: w.errors.length, dialogs: w.dialogs(),
                    notifications: w.notifications(),
                    hash: location.hash, path: location.pathname});
})();
""".replace("%(quiet)d", str(QUIET_MS))


# -- XML-RPC (as a user of the test database)
class Rpc:
    def __init__(self, server, login, password):
        self.db = server.database
        common = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(self.db, login, password, {})
        assert self.uid, "%s cannot log in over XML-RPC on %s" % (login, self.db)
        self.password = password
        self.proxy = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(self.db, self.uid, self.password, model, method,
                                     list(args), kwargs)

    def xmlid(self, xmlid):
        return self("ir.model.data", "xmlid_to_res_id", xmlid, True)


def _ensure_users(admin):
    """Login of each role; users missing for a role are created (returned too,
    to be removed afterwards)."""
    created = []
    for _role, login, groups in ROLES:
        if not groups:
            continue
        group_ids = [admin.xmlid(xmlid) for xmlid in groups]
        values = {"groups_id": [(6, 0, group_ids)], "password": login}
        found = admin("res.users", "search", [("login", "=", login)],
                      context={"active_test": False})
        if found:
            admin("res.users", "write", found, dict(values, active=True))
        else:
            name = "Walk %s" % login.replace("walk_", "").replace("_", " ")
            found = [admin("res.users", "create", dict(values, login=login, name=name))]
        created.extend(found)
    return created


def _remove_users(admin, user_ids):
    """The users the walk created go, with their partners."""
    for user in admin("res.users", "read", user_ids, ["partner_id"],
                      context={"active_test": False}):
        try:
            admin("res.users", "unlink", [user["id"]])
            admin("res.partner", "unlink", [user["partner_id"][0]])
        except xmlrpc.client.Fault:
            admin("res.users", "write", [user["id"]], {"active": False})


# -- what a role sees
class Screen:
    """One menu of the walk: its path, menu id and window action."""

    def __init__(self, path, menu_id, action):
        self.path = path
        self.menu_id = menu_id
        self.action = action

    @property
    def view_types(self):
        types = []
        for _view_id, view_type in self.action.get("views") or []:
            view_type = "list" if view_type == "tree" else view_type
            if view_type in VIEW_TYPES and view_type not in types:
                types.append(view_type)
        return types


def _plan(server, login, scope_ids):
    """The leaf menus of the suite the user sees, with their actions (read as
    that user, as the web client does)."""
    rpc = Rpc(server, login, login)
    tree = rpc("ir.ui.menu", "load_menus", False)
    leaves = []

    def walk(node, path, inside):
        for child in node.get("children") or []:
            child_path = path + [child["name"]]
            child_inside = inside or child["id"] in scope_ids
            if child.get("children"):
                walk(child, child_path, child_inside)
            elif child_inside and child.get("action"):
                leaves.append((" / ".join(child_path), child["id"], child["action"]))

    walk(tree, [], False)
    screens = []
    for path, menu_id, action_ref in leaves:
        model, action_id = action_ref.split(",")
        action = {"id": int(action_id), "type": model}
        if model == "ir.actions.act_window":
            action.update(rpc(model, "read", [int(action_id)],
                              ["res_model", "views", "target", "view_mode"])[0])
        elif model == "ir.actions.client":
            action.update(rpc(model, "read", [int(action_id)], ["tag"])[0])
        screens.append(Screen(path, menu_id, action))
    return screens


def _classify_rpc(error):
    """None for a business refusal, else the text of the failure."""
    if error["type"] in BUSINESS_REFUSALS:
        return None
    return "RPC %s: %s: %s%s" % (error["call"], error["name"] or error["message"],
                                 error["text"], (" [%s]" % error["last"])
                                 if error["last"] and error["last"] not in error["text"] else "")


class Walker:
    """Opens the screens of one role in one browser and records failures."""

    def __init__(self, browser, server, role, login, results):
        self.browser = browser
        self.server = server
        self.role = role
        self.login = login
        self.results = results
        self.refusals = []
        self.notes = []
        self._seen_problems = 0
        self._seen_rpc = 0
        self._screenshots = 0
        self._opened = time.monotonic()

    # -- page state
    def state(self):
        try:
            return self.browser.poll("window.__amWalk ? __amWalk.state() : null") or {}
        except (DevToolsError, websocket.WebSocketException) as error:
            return {"broken": str(error)}

    def _new_rpc_errors(self):
        errors = self.browser.poll(
            "window.__amWalk ? __amWalk.errors.slice(%d) : []" % self._seen_rpc) or []
        self._seen_rpc += len(errors)
        return errors

    def _new_problems(self):
        fresh = self.browser.problems[self._seen_problems:]
        self._seen_problems = len(self.browser.problems)
        # Odoo logs every JSON-RPC error as "Server application error": the
        # RPC hook has it, classified
        fresh = [p for p in fresh if not p.startswith("console.error: Server application error")]
        # a resource of another host (a map tile) the browser cannot load
        external = [p for p in fresh if p.startswith("log error: ") and p.endswith(")")
                    and "(http" in p and "(%s/" % self.server.url not in p]
        self.notes.extend("%s | external resource not loaded: %s" % (self.role, p[:200])
                          for p in external[:1])
        return [p for p in fresh if p not in external]

    def collect(self):
        """Failures since the last call (and business refusals aside)."""
        failures = []
        for error in self._new_rpc_errors():
            text = _classify_rpc(error)
            if text:
                failures.append(text)
            else:
                self.refusals.append("%s: %s" % (error["call"], error["text"]))
        # an exception's message and where it was thrown, not its whole stack
        failures += [" at ".join(problem.split("\n    at ")[:2])[:500]
                     for problem in self._new_problems()]
        state = self.state()
        for dialog in state.get("dialogs", []):
            title = dialog["title"]
            crash = dialog["crash"] or "Odoo Client Error" in title or (
                ("Odoo Server Error" in title or "Odoo Error" in title) and not dialog["warning"])
            if crash and not failures:   # else the dialog shows what is listed
                failures.append("crash dialog %r: %s" % (title, dialog["text"][:300]))
        for note in state.get("notifications", []):
            failures.append("error notification: %s" % note)
        failures += ["server log: %s" % line[:300] for line in self.server.new_log_alarms()
                     if not line.startswith("Traceback")][:4]
        if "broken" in state:
            failures.append("page lost: %s" % state["broken"])
        return failures

    def record(self, menu, view, failures):
        failures = [" ".join(failure.split())[:400] for failure in failures]
        if os.environ.get("AM_WALK_VERBOSE"):
            print("%s | %s | %s | %s | %s" % (self.role, menu, view, self.state(),
                                              failures or "ok"))
        self.results.append({"role": self.role, "menu": menu, "view": view,
                             "failures": failures,
                             "seconds": time.monotonic() - self._opened})
        if failures and self._screenshots < MAX_SCREENSHOTS:
            self._screenshots += 1
            name = "walk_%s_%s_%s.png" % (self.role, menu, view)
            name = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
            try:
                self.browser.screenshot(SCREENSHOTS / "walk" / name)
            except (DevToolsError, OSError, websocket.WebSocketException):
                pass

    def wait(self, ready, started=None, timeout=SCREEN_TIMEOUT):
        """Wait until ``ready(state)`` holds on a settled page, or something
        went wrong (an error, a dialog); returns (state, failure text)."""
        begin = time.monotonic()
        deadline = begin + timeout
        while True:
            state = self.state()
            if "broken" in state:
                return state, None
            # the page asked the server something since (or had nothing to
            # ask: the screen was already there)
            settled = state.get("idle") and (
                started is None or state.get("started", 0) > started
                or time.monotonic() - begin > NO_RPC_GRACE)
            if settled and ready(state):
                return state, None
            if (state.get("errors", 0) > self._seen_rpc
                    or len(self.browser.problems) > self._seen_problems
                    or any(d["crash"] or d["warning"] for d in state.get("dialogs", []))):
                self.browser.pump(0.3)   # what comes with the first error
                return state, None
            if time.monotonic() > deadline:
                return state, "not rendered within %ss (view %s, hash %s)" % (
                    timeout, state.get("view"), state.get("hash"))
            self.browser.pump(0.03)

    # -- actions on the page
    def started(self):
        return (self.state() or {}).get("started", 0)

    def go(self, hash_):
        self.browser.evaluate("location.hash = %s" % json.dumps(hash_))

    def click(self, selector):
        """Click the first visible element matching the selector; False if none."""
        expression = ("[...document.querySelectorAll(%s)].find(el => __amWalk.shown(el))"
                      % json.dumps(selector))
        if not self.browser.evaluate("!!(%s)" % expression):
            return False
        self.browser.click(expression, selector)
        return True

    def close_dialogs(self):
        self.browser.evaluate(
            "[...document.querySelectorAll('.modal')].filter(__amWalk.shown).reverse()"
            ".forEach(m => { const b = m.querySelector('.modal-header .close')"
            " || m.querySelector('.modal-footer .btn-primary'); if (b) b.click(); })")
        self.browser.pump(0.3)

    def reload(self):
        """A fresh web client after a failure: nothing of it stays behind."""
        self.browser.navigate("%s/web%s" % (self.server.url, DEBUG))
        self.browser.pump(0.5)
        self._seen_rpc = 0   # a new page, a new hook
        deadline = time.monotonic() + 60
        while not self.browser.poll("!!(window.__amWalk && __amWalk.idle()"
                                    " && document.querySelector('.o_main_content'))"):
            if time.monotonic() > deadline:
                break
            self.browser.pump(0.2)
        self.browser.pump(0.3)

    # -- the walk
    def screen(self, menu, view, open_, ready):
        """Open one screen and record it; True when it worked."""
        self._opened = time.monotonic()
        before = self.started()
        open_()
        state, timeout = self.wait(ready, before)
        failures = self.collect()
        if timeout and not failures:
            failures.append(timeout)
        self.record(menu, view, failures)
        if failures:
            self.close_dialogs()
            self.reload()
            self.collect()  # what the fresh page says belongs to no screen
            return False
        if any(d["warning"] for d in state.get("dialogs", [])):
            self.close_dialogs()   # a business refusal: said, not a defect
            return False
        return True

    def walk(self, screens):
        done = {}
        for screen in screens:
            action = screen.action
            base = "menu_id=%d&action=%d" % (screen.menu_id, action["id"])
            if str(action.get("tag") or "").startswith("am_cockpit"):
                if self.screen(screen.path, "cockpit", lambda b=base: self.go(b),
                               lambda s: self.shown(".o_am_cockpit.o_am_ready")):
                    self.cockpit_figure(screen.path)
                continue
            if action["type"] != "ir.actions.act_window":
                self.screen(screen.path, action["type"], lambda b=base: self.go(b),
                            lambda s: True)
                continue
            if action.get("target") == "new":
                if self.screen(screen.path, "form (dialog)", lambda b=base: self.go(b),
                               lambda s: any(d["form"] for d in s.get("dialogs", []))):
                    self.close_dialogs()
                continue
            types = screen.view_types
            multi = [t for t in types if t != "form"] or ["form"]
            if action["id"] in done:
                # the same action under another menu: its first view shows it
                # works from there too; its views were walked under done[id]
                multi = multi[:1]
            done.setdefault(action["id"], screen.path)
            browse = ([t for t in multi if t in ("list", "kanban")] or [None])[0]
            for view_type in multi:
                ok = self.screen(
                    screen.path, view_type,
                    lambda b=base, t=view_type: self.go("%s&view_type=%s" % (b, t)),
                    lambda s, t=view_type: s.get("view") == t)
                if ok and view_type == browse and done[action["id"]] == screen.path:
                    self.records(screen.path, view_type, "form" in types)

    def cockpit_figure(self, menu):
        """The first figure of a cockpit that counts records opens a list of
        that many records."""
        link = ("[...document.querySelectorAll('.o_am_cockpit a.o_am_figure_link[data-count]')]"
                ".find(a => __amWalk.shown(a) && +a.dataset.count > 0)")
        count = self.browser.evaluate("(() => { const a = %s; return a ? +a.dataset.count"
                                      " : null; })()" % link)
        if not count:
            return
        total = ("(() => { const p = document.querySelector('.o_cp_pager .o_pager_limit');"
                 " return p && __amWalk.shown(p) ? +p.textContent.trim()"
                 " : document.querySelectorAll('.o_content .o_data_row').length; })()")
        if self.screen(menu, "cockpit figure (%s records)" % count,
                       lambda: self.browser.click(link, "a figure of the cockpit"),
                       lambda s: s.get("view") == "list"):
            shown = self.browser.evaluate(total)
            if shown != count:
                self.record(menu, "cockpit figure", [
                    "the figure says %s, the list it opens holds %s" % (count, shown)])

    def shown(self, selector):
        return self.browser.evaluate("!![...document.querySelectorAll(%s)]"
                                     ".find(el => __amWalk.shown(el))" % json.dumps(selector))

    def records(self, menu, view_type, has_form):
        """From a list or kanban: the first record, then Create and Discard."""
        editable = view_type == "list" and self.shown(".o_content table.o_editable_list")
        if view_type == "list" and not self.shown(".o_content .o_data_row"):
            # grouped by default: the first group shows its records
            before = self.started()
            if self.click(".o_content .o_group_header"):
                self.wait(lambda s: self.shown(".o_content .o_data_row"), before, 10)
        form_ready = lambda s: s.get("view") == "form"   # noqa: E731
        editing = lambda s: s.get("view") == "form" and self.shown(   # noqa: E731
            ".o_content .o_form_view.o_form_editable")
        if has_form and not editable:
            first = (".o_content .o_data_row > td:not(.o_list_record_selector)"
                     if view_type == "list" else
                     ".o_content .o_kanban_record:not(.o_kanban_ghost)")
            if self.shown(first):
                if self.screen(menu, "form (first record)", lambda: self.click(first),
                               form_ready) and self.shown(".o_form_button_create"):
                    if self.screen(menu, "form (create)",
                                   lambda: self.click(".o_form_button_create"), editing):
                        self.discard(menu, "form (create)")
                return
        # no record (or no form): Create right from the list / kanban
        button = ".o_list_button_add" if view_type == "list" else ".o-kanban-button-new"
        if not self.shown(button):
            return
        # a new row in an editable list (an empty list does not say it is
        # editable) or a kanban quick create, else a new record in the form
        ready = lambda s: (  # noqa: E731
            s.get("view") == view_type
            and self.shown(".o_content .o_selected_row, .o_content .o_kanban_quick_create")
            or editing(s))
        view = "%s (create)" % view_type
        if not has_form and not editable:
            # without a form view the button does nothing, unless the list
            # turns out editable once it has a row
            before = self.started()
            self.click(button)
            _state, timeout = self.wait(ready, before, 5)
            failures = self.collect()
            if timeout and not failures:
                self.notes.append("%s | %s | %s: Create does nothing (no form view in the"
                                  " action, the list is not editable)"
                                  % (self.role, menu, view_type))
                return
            self.record(menu, view, failures)
            if failures:
                self.close_dialogs()
                self.reload()
                self.collect()
            else:
                self.discard(menu, view)
            return
        if self.screen(menu, view, lambda: self.click(button), ready):
            self.discard(menu, view)

    def discard(self, menu, view):
        if not (self.click(".o_content .o_form_button_cancel")
                or self.click(".o_content .o_list_button_discard")):
            return
        self.browser.pump(0.1)
        # "the record has been modified": discarding is what we want
        self.browser.evaluate(
            "[...document.querySelectorAll('.modal')].filter(__amWalk.shown)"
            ".forEach(m => { const b = m.querySelector('.modal-footer .btn-primary');"
            " if (b && !m.querySelector('.o_dialog_error, .o_dialog_warning')) b.click(); })")
        self.wait(lambda s: not s.get("dialogs") and not self.shown(
            ".o_content .o_form_editable, .o_content .o_selected_row"), None, 10)
        failures = self.collect()
        if failures:
            self.record(menu, view + ", discard", failures)
            self.close_dialogs()
            self.reload()
            self.collect()


class WalkServer(OdooServer):
    """The browser test's server; its log is read from where it was left (the
    walk reads it after each of hundreds of screens)."""

    _log_position = 0

    def new_log_alarms(self):
        try:
            with open(self.logfile, "rb") as log:
                log.seek(self._log_position)
                fresh = log.read()
        except FileNotFoundError:
            return []
        # only whole lines; the rest is read next time
        fresh = fresh[:fresh.rfind(b"\n") + 1]
        self._log_position += len(fresh)
        return alarm_lines(fresh.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def walk_server(request, browser_database):
    server = WalkServer(browser_database)
    # own log files (the other browser test's stay), optionally a fixed port
    server.logfile = server.logfile.with_name("odoo-walk-%s.log" % server.database)
    server.console = server.console.with_name("odoo-walk-%s.console.log" % server.database)
    server.logfile.unlink(missing_ok=True)
    if os.environ.get("AM_WALK_HTTP_PORT"):
        server.port = int(os.environ["AM_WALK_HTTP_PORT"])
        server.url = "http://127.0.0.1:%d" % server.port
    request.addfinalizer(server.stop)
    server.start()
    return server


@pytest.fixture(scope="module")
def walk_logins(walk_server):
    admin = Rpc(walk_server, "admin", "admin")
    created = _ensure_users(admin)
    scope = [admin.xmlid(xmlid) for xmlid in SCOPE_MENUS]
    yield {"scope": [menu_id for menu_id in scope if menu_id]}
    _remove_users(admin, created)


class Results(list):
    """Every screen walked (dicts: role, menu, view, failures), and notes."""

    def __init__(self):
        super().__init__()
        self.notes = []


@pytest.fixture(scope="module")
def walk_results(request):
    """Every screen walked by this module, reported at its end."""
    results = Results()
    shutil.rmtree(SCREENSHOTS / "walk", ignore_errors=True)   # of an earlier walk
    yield results
    report = _report(results)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(_report(results, every_screen=True) + "\n", encoding="utf-8")
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        for line in report.splitlines():
            reporter.write_line(line)


def _report(results, role=None, every_screen=False):
    rows = [r for r in results if role is None or r["role"] == role]
    failed = [r for r in rows if r["failures"]]
    lines = ["walk%s: %d screens, %d failed" % (" (%s)" % role if role else "", len(rows),
                                                len(failed))]
    for row in failed:
        for failure in row["failures"]:
            lines.append("  FAILED %s | %s | %s | %s" % (row["role"], row["menu"], row["view"],
                                                        failure))
    notes = [note for note in getattr(results, "notes", [])
             if role is None or note.startswith(role + " |")]
    if notes:
        lines += ["notes (not failures):"] + ["  " + note for note in notes]
    if every_screen:
        lines.append("screens walked:")
        lines += ["  %-6s %5.1fs  %s | %s | %s" % (
            "FAILED" if row["failures"] else "ok", row["seconds"], row["role"], row["menu"],
            row["view"]) for row in rows]
    return "\n".join(lines)


def _walk(walk_server, walk_logins, walk_results, role, login, phone=False,
          cockpits_only=False):
    browser = Browser()
    try:
        browser.start()
        browser.send("Page.addScriptToEvaluateOnNewDocument", source=RPC_HOOK)
        if phone:
            browser.send("Emulation.setDeviceMetricsOverride", deviceScaleFactor=1,
                         mobile=True, **PHONE)
            browser.send("Emulation.setTouchEmulationEnabled", enabled=True)
        screens = _plan(walk_server, login, walk_logins["scope"])
        if cockpits_only:
            screens = [s for s in screens
                       if str(s.action.get("tag") or "").startswith("am_cockpit")]
        if os.environ.get("AM_WALK_ONLY"):   # a part of the walk, e.g. "Complaints"
            screens = [s for s in screens if re.search(os.environ["AM_WALK_ONLY"], s.path)]
        assert screens, "%s (%s) sees no menu of the suite" % (role, login)
        _log_in(browser, walk_server, login, login)
        walker = Walker(browser, walk_server, role, login, walk_results)
        walker.reload()
        if phone:
            assert browser.evaluate("odoo.__DEBUG__.services['web.config'].device.isMobile"), \
                "the web client does not see a phone"
        walker.record("(web client)", "after login", walker.collect())
        walker.walk(screens)
    finally:
        browser.stop()
    report = _report(walk_results, role)
    print(report)
    walk_results.notes.extend(walker.notes + ["%s | business refusal: %s" % (role, refusal)
                                              for refusal in walker.refusals])
    assert "0 failed" in report.splitlines()[0], report


def _dialog_after(walker, expression):
    """Run a JSON-RPC call in the page through the web client's rpc service
    (what buttons and views use): the dialog it ends with."""
    walker.browser.evaluate("void odoo.__DEBUG__.services['web.rpc'].query(%s)" % expression)
    deadline = time.monotonic() + 20
    while True:
        state = walker.state()
        dialogs = state.get("dialogs")
        if dialogs and state.get("idle"):
            break
        assert time.monotonic() < deadline, "no dialog after %s: %s" % (expression, state)
        walker.browser.pump(0.05)
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def test_business_refusals_show_a_warning_not_a_server_error(walk_server):
    """A UserError or ValidationError is the application saying no: a warning
    dialog with a human title, not "Odoo Server Error" (Odoo 11's title for
    them).  A real crash still shows Odoo's error dialog, and the walk counts
    the crash but not the refusals."""
    browser = Browser()
    try:
        browser.start()
        browser.send("Page.addScriptToEvaluateOnNewDocument", source=RPC_HOOK)
        _log_in(browser, walk_server, "admin", "admin")
        walker = Walker(browser, walk_server, "system administrator", "admin", Results())
        walker.reload()
        assert walker.collect() == []
        # UserError: an empty new password is refused (nothing changes)
        dialog = _dialog_after(walker, "{model: 'res.users', method: 'change_password',"
                                       " args: ['admin', '']}")
        assert dialog["warning"] and not dialog["crash"], dialog
        assert dialog["title"] == "Warning", dialog
        assert "Setting empty passwords is not allowed" in dialog["text"], dialog
        assert "Odoo Server Error" not in dialog["title"] + dialog["text"], dialog
        assert walker.collect() == [], "a business refusal is no failure of the walk"
        walker.close_dialogs()
        # ValidationError: a partner cannot be its own parent (rolled back)
        dialog = _dialog_after(walker, "{model: 'res.partner', method: 'write', args: [["
                                       "odoo.__DEBUG__.services['web.session'].partner_id],"
                                       " {parent_id: odoo.__DEBUG__.services['web.session']"
                                       ".partner_id}]}")
        assert dialog["warning"] and not dialog["crash"], dialog
        assert dialog["title"] == "Validation Error", dialog
        assert "recursive" in dialog["text"], dialog
        assert "Odoo Server Error" not in dialog["title"] + dialog["text"], dialog
        assert walker.collect() == []
        walker.close_dialogs()
        # a crash (no such method) keeps Odoo's error dialog and fails the walk
        dialog = _dialog_after(walker, "{model: 'res.users', method: 'am_walk_no_such_method',"
                                       " args: [[]]}")
        assert dialog["crash"] and dialog["title"] == "Odoo Server Error", dialog
        failures = walker.collect()
        assert any("res.users.am_walk_no_such_method" in f and "AttributeError" in f
                   for f in failures), failures
        walker.close_dialogs()
    finally:
        browser.stop()


@pytest.mark.parametrize("role,login", [(role, login) for role, login, _groups in ROLES],
                         ids=[login for _role, login, _groups in ROLES])
def test_walk_every_screen(walk_server, walk_logins, walk_results, role, login):
    _walk(walk_server, walk_logins, walk_results, role, login)


def test_walk_account_manager_on_a_phone(walk_server, walk_logins, walk_results):
    _walk(walk_server, walk_logins, walk_results, "account manager (phone)", "am1", phone=True)


@pytest.mark.parametrize("role,login", [("team leader (phone)", "leader"),
                                        ("HR manager (phone)", "walk_hr_manager")],
                         ids=["leader", "walk_hr_manager"])
def test_walk_cockpits_on_a_phone(walk_server, walk_logins, walk_results, role, login):
    _walk(walk_server, walk_logins, walk_results, role, login, phone=True, cockpits_only=True)
