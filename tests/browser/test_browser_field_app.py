# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser test of the field app ("My day", /am/day) on a phone, half offline.

Headless Chromium at 390 x 844 (a phone), its position emulated
(Emulation.setGeolocationOverride) and its network cut and restored
(Network.emulateNetworkConditions): the account manager am1 opens the page
once online, starts the day, then - offline - reopens the page (the service
worker serves it, IndexedDB holds the day), checks in at two customers,
records the outcome on the sheet (the missing answers are shown before the
button), checks out, registers a prospect, checks in to a visit the leader
cancelled meanwhile and ends the day. Back online the queue is sent: every
record exists exactly once on the server, with the device's times beside the
server's; sending the same queue twice more creates nothing; the conflict is
shown on the page. Screenshots in artifacts/screenshots/field_app/.
"""
import json
import time
from datetime import timedelta

import pytest

from .driver import SCREENSHOTS, Browser, _log_in, start_browser, start_server

SHOTS = SCREENSHOTS / "field_app"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
SHANGHAI = {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 15}
FAR_AWAY = {"latitude": 31.3000, "longitude": 121.6000, "accuracy": 30}
PREFIX = "FA "   # the records this test makes
PAGE_READY = "!!(window.amDay && amDay.state.day)"


def _env(cr):
    import odoo
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def _setup(database):
    """Three visits of am1 for today at new customers of his (one will be
    cancelled by the leader while am1 is offline); committed."""
    import odoo
    from odoo import fields

    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = _env(cr)
        _cleanup(env)
        am1 = env["res.users"].search([("login", "=", "am1")])
        if not am1:
            return None
        now = fields.Datetime.from_string(fields.Datetime.now())
        ids = {"user": am1.id}
        customers = []
        for index, (name, street) in enumerate((
                ("Harbour Bank", "88 Century Avenue"),
                ("Jade Tea House", "12 Nanjing Road"),
                ("Lotus Garments", "5 Huaihai Road"))):
            partner = env["res.partner"].sudo(am1).create({
                "name": PREFIX + name, "is_company": True, "customer": True,
                "am_user_id": am1.id, "phone": "021 6600 10%02d" % index,
                "street": street, "city": "Shanghai"})
            customers.append(partner)
        if "partner_latitude" in env["res.partner"]._fields:
            customers[0].sudo().write({"partner_latitude": SHANGHAI["latitude"],
                                       "partner_longitude": SHANGHAI["longitude"]})
            customers[1].sudo().write({"partner_latitude": 31.2200,
                                       "partner_longitude": 121.4500})
        visits = []
        for index, partner in enumerate(customers):
            start = now + timedelta(minutes=5 + 60 * index)
            visits.append(env["am.visit"].sudo(am1).create({
                "partner_id": partner.id, "user_id": am1.id,
                "planned_start": fields.Datetime.to_string(start - timedelta(hours=1)),
                "planned_stop": fields.Datetime.to_string(start),
                "purpose_id": env.ref("account_manager_process.visit_purpose_negotiation").id,
            }))
        ids["visits"] = [v.id for v in visits]
        ids["customers"] = [c.id for c in customers]
        # no position report of today yet, no daily report of today
        employee = env["hr.employee"].search([("user_id", "=", am1.id)], limit=1)
        cr.execute("DELETE FROM hr_attendance WHERE employee_id = %s AND check_in > %s",
                   (employee.id, fields.Datetime.to_string(now - timedelta(hours=48))))
        cr.execute("UPDATE hr_attendance SET check_out = check_in + interval '1 hour'"
                   " WHERE employee_id = %s AND check_out IS NULL", (employee.id,))
        cr.commit()
        return ids


def _cleanup(env):
    cr = env.cr
    cr.execute("SELECT id FROM res_partner WHERE name LIKE %s", (PREFIX + "%",))
    partner_ids = [r[0] for r in cr.fetchall()]
    if partner_ids:
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'am.visit' AND res_id IN "
                   "(SELECT id FROM am_visit WHERE partner_id = ANY(%s))", (partner_ids,))
        cr.execute("DELETE FROM ir_attachment WHERE res_model = 'am.visit' AND res_id IN "
                   "(SELECT id FROM am_visit WHERE partner_id = ANY(%s))", (partner_ids,))
        cr.execute("DELETE FROM am_visit WHERE partner_id = ANY(%s)", (partner_ids,))
        cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", (partner_ids,))
    cr.execute("DELETE FROM am_sync_action WHERE user_id IN "
               "(SELECT id FROM res_users WHERE login = 'am1')")


def _cancel_as_leader(database, visit_id):
    import odoo

    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = _env(cr)
        visit = env["am.visit"].browse(visit_id)
        leader = visit.am_leader_user_id or env.ref("base.user_root")
        visit.sudo(leader).action_cancel()
        cr.commit()


def _server_state(database, ids):
    import odoo

    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = _env(cr)
        visits = env["am.visit"].browse(ids["visits"])
        fields = ["state", "checkin_time", "checkout_time", "checkin_latitude",
                  "outcome_id", "summary"]
        fields += [f for f in ("checkin_verdict", "checkin_device_time") if f in visits._fields]
        journal = env["am.sync.action"].search([("user_id", "=", ids["user"])])
        prospects = env["res.partner"].search([("name", "=", PREFIX + "Golden Noodles")])
        visit_count = env["am.visit"].search_count([("partner_id", "in", ids["customers"])])
        employee = env["hr.employee"].search([("user_id", "=", ids["user"])], limit=1)
        attendance = env["hr.attendance"].search(
            [("employee_id", "=", employee.id)], order="check_in desc", limit=1)
        return {
            "visits": visits.read(fields),
            "journal": [(j.key, j.action_type, j.state, j.device_time, j.received_time,
                         j.message) for j in journal],
            "prospects": [(p.id, p.am_user_id.login) for p in prospects],
            "visit_count": visit_count,
            "photos": env["ir.attachment"].search_count(
                [("res_model", "=", "am.visit"), ("res_id", "in", ids["visits"])]),
            "attendance": (attendance.check_in, attendance.check_out,
                           attendance.am_position_in, attendance.am_position_out),
        }


@pytest.fixture(scope="module")
def server(request):
    return start_server(request)


class Phone(Browser):
    """The suite's browser driver; a phone that is offline cannot load what
    it asks for: those network failures are what the test does, not defects."""

    OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch")

    def _on_event(self, method, params):
        before = len(self.problems)
        super()._on_event(method, params)
        if len(self.problems) > before and any(
                noise in self.problems[-1] for noise in self.OFFLINE_NOISE):
            self.problems.pop()

    def send_to(self, session_id, method, timeout=30, **params):
        """A command to another target (the service worker) of the same
        connection (flat sessions)."""
        return self.send(method, timeout=timeout, session_id=session_id, **params)

    def set_offline(self, offline):
        """Cut (or restore) the network of the page and of its service
        workers: a worker fetches with its own network stack."""
        conditions = dict(offline=offline, latency=0, downloadThroughput=-1,
                          uploadThroughput=-1)
        self.send("Network.emulateNetworkConditions", **conditions)
        targets = self.send("Target.getTargets")["targetInfos"]
        for target in targets:
            if target["type"] != "service_worker":
                continue
            session = self.send("Target.attachToTarget", targetId=target["targetId"],
                                flatten=True)["sessionId"]
            self.send_to(session, "Network.enable")
            self.send_to(session, "Network.emulateNetworkConditions", **conditions)


@pytest.fixture
def phone(request):
    return start_browser(request, Phone)


def _click(phone, selector, what):
    phone.click("document.querySelector(%s)" % json.dumps(selector), what)


def _wait_synced(phone, what, timeout=60):
    phone.wait_for("amDay.state.queued === 0 && !amDay.state.flushing && amDay.state.online",
                   timeout, what)


def _shot(phone, name):
    phone.pump(0.3)
    return phone.screenshot(SHOTS / ("%s.png" % name))


def _open_visit(phone, visit_id):
    phone.evaluate("location.hash = 'visit/%s'" % visit_id)
    phone.wait_for("document.querySelector('#am-day').getAttribute('data-view') === 'visit'",
                   10, "the visit %s" % visit_id)


def _fill_sheet(phone, summary):
    phone.evaluate("""(() => {
        const form = document.getElementById('am-sheet');
        form.outcome_id.selectedIndex = 1;
        form.outcome_id.dispatchEvent(new Event('change', {bubbles: true}));
    })()""")
    phone.type_into("#am-sheet textarea[name=summary]", summary)
    phone.evaluate("document.activeElement.blur()")
    phone.evaluate("document.getElementById('am-sheet').dispatchEvent("
                   "new Event('input', {bubbles: true}))")


def _png(width=32, height=24):
    """A small PNG picture, as the phone's camera would give one."""
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    rows = b"".join(b"\x00" + b"".join(bytes((x * 8 % 256, y * 10 % 256, 128))
                                       for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _take_photo(phone):
    """Choose a picture in the page's camera input (DOM.setFileInputFiles)."""
    import tempfile

    path = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
    with open(path, "wb") as photo:
        photo.write(_png())
    document = phone.send("DOM.getDocument", depth=-1, pierce=True)
    node = phone.send("DOM.querySelector", nodeId=document["root"]["nodeId"],
                      selector="#am-photo-input")["nodeId"]
    assert node, "no camera input on the visit"
    phone.send("DOM.setFileInputFiles", files=[path], nodeId=node)


def test_field_app_day_half_offline(server, phone):
    database = server.database
    ids = _setup(database)
    if not ids:
        pytest.skip("no demo account manager am1 in database %s" % database)
    v1, v2, v3 = ids["visits"]
    try:
        phone.send("Emulation.setDeviceMetricsOverride", **PHONE)
        phone.share_position(server.url, **SHANGHAI)
        _log_in(phone, server, "am1", "am1")

        # 1. online: the page, the day kept on the phone, the worker installed
        phone.navigate("%s/am/day" % server.url)
        phone.wait_for(PAGE_READY + " && amDay.state.online", 60, "the day loaded")
        phone.wait_for("!!(navigator.serviceWorker && navigator.serviceWorker.controller)", 30,
                       "the service worker controlling the page")
        _click(phone, "[data-action=start]", "Start the day")
        _wait_synced(phone, "the start of the day sent")
        phone.wait_for("!!document.getElementById('am-started')", 10, "the day started")
        _shot(phone, "01_online_home")

        # 2. offline: the page opens from the phone, with the day
        phone.set_offline(True)
        server.new_log_alarms()
        log_before = server._read_log()
        phone.navigate("%s/am/day" % server.url)
        phone.wait_for(PAGE_READY + " && !amDay.state.online", 30, "the page opened offline")
        phone.wait_for("document.querySelector('#am-status').textContent.includes('Offline')",
                       10, "the offline indicator")
        assert "GET /am/day " not in server._read_log()[len(log_before):], \
            "the page came from the server, not from the phone"
        _cancel_as_leader(database, v3)   # meanwhile at the office

        # 3. first customer, at his door
        _open_visit(phone, v1)
        _click(phone, "[data-action=checkin]", "Check in (1)")
        phone.wait_for("!!document.getElementById('am-checked-in')", 10, "checked in (1)")
        missing = phone.evaluate("document.getElementById('am-missing').textContent")
        assert "Outcome" in missing and "Summary" in missing, missing
        assert phone.evaluate("document.querySelector('[data-action=checkout]').disabled")
        phone.evaluate("document.getElementById('am-missing').scrollIntoView({block: 'center'})")
        _shot(phone, "02_offline_sheet_missing")
        _take_photo(phone)
        phone.wait_for("document.getElementById('am-photo-count').textContent.includes('1')",
                       10, "the photo kept on the phone")
        _fill_sheet(phone, "Agreed on the payroll account.")
        phone.wait_for("!document.querySelector('[data-action=checkout]').disabled", 10,
                       "Check out enabled once answered")
        _shot(phone, "03_offline_sheet_filled")
        _click(phone, "[data-action=checkout]", "Check out (1)")
        phone.wait_for("document.querySelector('#am-day').getAttribute('data-view') === 'home'",
                       10, "back home after check-out")

        # 4. second customer, out of range
        phone.send("Emulation.setGeolocationOverride", **FAR_AWAY)
        _open_visit(phone, v2)
        _click(phone, "[data-action=checkin]", "Check in (2)")
        phone.wait_for("!!document.getElementById('am-checked-in')", 10, "checked in (2)")
        _fill_sheet(phone, "Tasted the new blend, order next week.")
        _click(phone, "[data-action=checkout]", "Check out (2)")
        phone.wait_for("document.querySelector('#am-day').getAttribute('data-view') === 'home'",
                       10, "back home after check-out (2)")
        phone.send("Emulation.setGeolocationOverride", **SHANGHAI)

        # 5. the visit the leader cancelled, a prospect, the end of the day
        _open_visit(phone, v3)
        _click(phone, "[data-action=checkin]", "Check in (3)")
        phone.wait_for("!!document.getElementById('am-checked-in')", 10, "checked in (3)")
        phone.evaluate("location.hash = 'prospect'")
        phone.wait_for("!!document.getElementById('am-prospect')", 10, "the prospect form")
        phone.type_into("#am-prospect input[name=name]", PREFIX + "Golden Noodles")
        phone.type_into("#am-prospect input[name=phone]", "021 6600 1099")
        phone.type_into("#am-prospect input[name=city]", "Shanghai")
        _shot(phone, "04_offline_prospect")
        _click(phone, "#am-prospect button[type=submit]", "Register")
        phone.wait_for("document.querySelector('#am-day').getAttribute('data-view') === 'home'",
                       10, "back home after the prospect")
        _click(phone, "[data-action=end]", "End the day")
        phone.wait_for("!!document.getElementById('am-ended')", 10, "the day ended")
        queued = phone.evaluate("amDay.state.queued")
        # check-in + photo + outcome + check-out, check-in + outcome + check-out,
        # check-in, prospect, end of day
        assert queued == 10, queued
        assert phone.evaluate("document.getElementById('am-pending').textContent") == "10"
        _shot(phone, "05_offline_pending")
        queue = phone.evaluate("amDay.queueAll().then(q => q.map(a => ({key: a.key, "
                               "type: a.type, payload: a.payload, device_time: a.device_time})))")
        before = _server_state(database, ids)
        assert [v["state"] for v in before["visits"]] == ["planned", "planned", "cancelled"]

        # 6. back online: the queue is sent by itself
        phone.set_offline(False)
        _wait_synced(phone, "the queue sent once back online")
        phone.wait_for("!!document.getElementById('am-notices')", 20, "the conflict shown")
        notices = phone.evaluate("document.getElementById('am-notices').textContent")
        assert "cancelled" in notices, notices
        phone.evaluate("window.scrollTo(0, 0)")
        _shot(phone, "06_online_synced_conflict")

        after = _server_state(database, ids)
        by_id = {v["id"]: v for v in after["visits"]}
        assert by_id[v1]["state"] == by_id[v2]["state"] == "done", after["visits"]
        assert by_id[v3]["state"] == "cancelled" and not by_id[v3]["checkin_time"]
        assert round(by_id[v1]["checkin_latitude"], 4) == SHANGHAI["latitude"]
        assert round(by_id[v2]["checkin_latitude"], 4) == FAR_AWAY["latitude"]
        if "checkin_verdict" in by_id[v1]:
            assert by_id[v1]["checkin_verdict"] == "verified", by_id[v1]
            assert by_id[v2]["checkin_verdict"] == "out_of_range", by_id[v2]
        assert len(after["prospects"]) == 1 and after["prospects"][0][1] == "am1"
        states = sorted((j[1], j[2]) for j in after["journal"])
        assert states.count(("checkin", "conflict")) == 1, states
        assert len(after["journal"]) == 11, after["journal"]   # with the start of the day
        assert len({j[0] for j in after["journal"]}) == 11
        assert after["photos"] == 1, after["photos"]
        for key, __, __, device_time, received_time, __ in after["journal"]:
            assert device_time and device_time <= received_time, (key, device_time)
        assert after["attendance"][0] and after["attendance"][1], after["attendance"]

        # 7. the same queue sent twice more: nothing new
        for __ in range(2):
            answer = phone.evaluate(
                "fetch('/am/day/sync', {method: 'POST', credentials: 'same-origin',"
                " headers: {'Content-Type': 'application/json'}, body: JSON.stringify("
                "{jsonrpc: '2.0', method: 'call', params: {actions: %s}})})"
                ".then(r => r.json())" % json.dumps(queue))
            results = answer["result"]["results"]
            assert all(r["replayed"] for r in results), results
        again = _server_state(database, ids)
        assert again["journal"] == after["journal"]
        assert again["prospects"] == after["prospects"]
        assert again["visit_count"] == after["visit_count"]
        assert again["photos"] == after["photos"]
        assert [v["checkin_time"] for v in again["visits"]] == \
            [v["checkin_time"] for v in after["visits"]]

        # 8. the daily report, prefilled with the day
        phone.evaluate("location.hash = 'report'")
        phone.wait_for("!!document.getElementById('am-report')", 10, "the daily report")
        text = phone.evaluate("document.getElementById('am-report').textContent + "
                              "[...document.querySelectorAll('#am-report textarea')]"
                              ".map(t => t.value).join(' ')")
        assert PREFIX + "Harbour Bank" in text, text
        assert PREFIX + "Golden Noodles" in text, text
        _shot(phone, "07_report_prefilled")
        time.sleep(0.5)
        assert not phone.problems, "\n".join(phone.problems)
        alarms = server.new_log_alarms()
        assert not alarms, "\n".join(alarms[:40])
    except BaseException:
        try:
            _shot(phone, "failed")
        except Exception:   # noqa: BLE001 - the first failure is the one to see
            pass
        raise
    finally:
        import odoo
        with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
            _cleanup(_env(cr))
            cr.commit()
