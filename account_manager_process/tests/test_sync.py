# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import unittest
import uuid

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import HOST, PORT, HttpCase

from ..models import am_day, am_rules
from .common import AmCommon

SHANGHAI = {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 12}


def _key():
    return str(uuid.uuid4())


def _action(action_type, payload, device_time=None, key=None):
    return {"key": key or _key(), "type": action_type, "payload": payload,
            "device_time": device_time}


class TestFieldAppSync(AmCommon):
    """The field app's queue sent to the server: exactly once, as the user."""

    @classmethod
    def setup_am_data(cls):  # pylint: disable=missing-return
        super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Sync Bank", phone="021 5555 2001")
        cls.customer2 = cls._customer(cls.am1, "T Sync Foods", phone="021 5555 2002")
        cls.customer_am2 = cls._customer(cls.am2, "T Colleague Ltd", phone="021 5555 2003",
                                         email="office@colleague.example.com")

    def _sync(self, user, actions):
        return self.env["am.sync.action"].sudo(user).am_sync(actions)["results"]

    def _journal(self, user):
        return self.env["am.sync.action"].sudo().search([("user_id", "=", user.id)])

    def _full_visit(self, visit, device_time=None):
        return [
            _action("checkin", dict(SHANGHAI, visit_id=visit.id), device_time),
            _action("outcome", {"visit_id": visit.id, "outcome_id": self.outcome_won.id,
                                "purpose_id": self.purpose_negotiation.id,
                                "summary": "Signed the payroll agreement.",
                                "progress_note": "Payroll from next month.",
                                "next_step": "Open the accounts",
                                "next_visit_date": self._date(7)}, device_time),
            _action("checkout", dict(SHANGHAI, visit_id=visit.id), device_time),
        ]

    def test_visit_applied_exactly_once(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        actions = self._full_visit(visit, self._dt(hours=-0.5))
        results = self._sync(self.am1, actions)
        self.assertEqual([r["state"] for r in results], ["done"] * 3, results)
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.outcome_id, self.outcome_won)
        self.assertEqual(round(visit.checkin_latitude, 4), SHANGHAI["latitude"])
        self.assertTrue(visit.next_visit_id, "the next visit is planned once")
        checkin, journal = visit.checkin_time, self._journal(self.am1)
        visits = self.env["am.visit"].search_count([("partner_id", "=", self.customer.id)])
        # the phone did not get the answer and sends the same queue again, twice
        for __ in range(2):
            again = self._sync(self.am1, actions)
            self.assertTrue(all(r["replayed"] for r in again), again)
            self.assertEqual([r["state"] for r in again], ["done"] * 3)
            self.assertEqual([r["res_id"] for r in again], [visit.id] * 3)
        self.assertEqual(visit.checkin_time, checkin)
        self.assertEqual(self._journal(self.am1), journal)
        self.assertEqual(
            self.env["am.visit"].search_count([("partner_id", "=", self.customer.id)]), visits)

    def test_device_time_kept_and_late_sync_flagged(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-3))
        late = self._sync(self.am1, [_action("checkin", dict(SHANGHAI, visit_id=visit.id),
                                             self._dt(hours=-2))])[0]
        self.assertEqual(late["state"], "done")
        self.assertTrue(late["late"])
        self.assertAlmostEqual(late["gap_seconds"], 7200, delta=120)
        self.assertLessEqual(abs((fields.Datetime.from_string(late["device_time"]) -
                                  fields.Datetime.from_string(self._dt(hours=-2))).total_seconds()),
                             60)
        journal = self._journal(self.am1)
        self.assertTrue(journal.is_late)
        self.assertTrue(journal.received_time > journal.device_time)
        # JavaScript's ISO form, a few minutes ago: not late
        visit2 = self._visit(self.am1, self.customer2, planned_start=self._dt(hours=-1))
        iso = self._dt(hours=-0.05).replace(" ", "T") + ".000Z"
        fresh = self._sync(self.am1, [_action("checkin", dict(SHANGHAI, visit_id=visit2.id),
                                              iso)])[0]
        self.assertEqual(fresh["state"], "done", fresh)
        self.assertFalse(fresh["late"])

    def test_bad_payloads_refused_and_change_nothing(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        partners = self.env["res.partner"].sudo().search_count([])
        bad = [
            "not an action",
            {"type": "checkin", "payload": {"visit_id": visit.id}},           # no key
            _action("teleport", {"visit_id": visit.id}),
            _action("checkin", ["not", "an", "object"]),
            _action("checkin", {"visit_id": "abc"}),
            _action("checkin", {"visit_id": visit.id, "latitude": "north", "longitude": 1}),
            _action("checkin", {"visit_id": visit.id, "latitude": 95.0, "longitude": 1.0}),
            _action("checkin", dict(SHANGHAI, visit_id=visit.id), self._dt(hours=5)),
            _action("checkin", dict(SHANGHAI, visit_id=visit.id), "yesterday"),
            _action("outcome", {"visit_id": visit.id, "outcome_id": 999999999}),
            _action("outcome", {"visit_id": visit.id, "summary": "x" * 30000}),
            _action("outcome", {"visit_id": visit.id, "state": "done"}),
            _action("checkout", dict(SHANGHAI, visit_id=visit.id)),   # not checked in
            _action("register_prospect", {"name": "   "}),
            _action("register_prospect", {"name": "T New Co", "phone": "not a phone"}),
            _action("unplanned_visit", {"partner_id": "key:never-sent-0001"}),
            _action("report", {"date": "someday", "lines": {}}),
        ]
        results = self._sync(self.am1, bad)
        self.assertEqual([r["state"] for r in results], ["error"] * len(bad), results)
        for result in results:
            self.assertTrue(result["message"].strip(), result)
            self.assertNotIn("Traceback", result["message"])
        self.assertIn("north", results[5]["message"])
        self.assertIn("not a position on earth", results[6]["message"])
        self.assertIn("Check in", results[12]["message"])
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.checkin_time or visit.outcome_id or visit.summary)
        self.assertEqual(self.env["res.partner"].sudo().search_count([]), partners)
        # a good action after bad ones still applies; the batch itself must be a list
        good = self._sync(self.am1, [bad[4], _action("checkin",
                                                     dict(SHANGHAI, visit_id=visit.id))])
        self.assertEqual([r["state"] for r in good], ["error", "done"])
        self.assertEqual(visit.state, "in_progress")
        with self.assertRaises(UserError):
            self.env["am.sync.action"].sudo(self.am1).am_sync({"key": "x"})

    def test_photos_attached_once_to_own_visits(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
               "WjR9awAAAABJRU5ErkJggg==")
        photo = _action("photo", {"visit_id": visit.id, "mimetype": "image/png", "data": png})
        bad = [
            _action("photo", {"visit_id": visit.id, "mimetype": "image/png", "data": "%%%"}),
            _action("photo", {"visit_id": visit.id, "mimetype": "text/html", "data": png}),
            _action("photo", {"visit_id": visit.id, "mimetype": "image/png"}),
        ]
        results = self._sync(self.am1, [photo] + bad)
        self.assertEqual([r["state"] for r in results], ["done", "error", "error", "error"])
        attachments = self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "am.visit"), ("res_id", "=", visit.id)])
        self.assertEqual(len(attachments), 1)
        self.assertEqual(attachments.mimetype, "image/png")
        self.assertTrue(self._sync(self.am1, [photo])[0]["replayed"])
        self.assertEqual(self.env["ir.attachment"].sudo().search_count(
            [("res_model", "=", "am.visit"), ("res_id", "=", visit.id)]), 1)
        # a colleague cannot add photos to it
        other = self._sync(self.am2, [_action("photo", {
            "visit_id": visit.id, "mimetype": "image/png", "data": png})])
        self.assertEqual(other[0]["state"], "error")
        self.assertEqual(self.env["ir.attachment"].sudo().search_count(
            [("res_model", "=", "am.visit"), ("res_id", "=", visit.id)]), 1)

    def test_failed_checkout_rolls_back_its_part(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        results = self._sync(self.am1, [
            _action("checkin", dict(SHANGHAI, visit_id=visit.id)),
            _action("outcome", {"visit_id": visit.id, "outcome_id": self.outcome_won.id}),
            _action("checkout", dict(SHANGHAI, visit_id=visit.id)),   # no summary
        ])
        self.assertEqual([r["state"] for r in results], ["done", "done", "error"])
        self.assertIn("summary", results[2]["message"])
        self.assertEqual(visit.state, "in_progress")
        self.assertFalse(visit.checkout_time)

    def test_only_own_visits_and_customers(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        # a colleague, the team leader (who can read the visit) and another team
        for user in (self.am2, self.leader, self.am_other):
            results = self._sync(user, [
                _action("checkin", dict(SHANGHAI, visit_id=visit.id)),
                _action("outcome", {"visit_id": visit.id, "summary": "Forged"}),
                _action("unplanned_visit", dict(SHANGHAI, partner_id=self.customer.id)),
            ])
            self.assertEqual([r["state"] for r in results], ["error"] * 3, (user, results))
            self.assertIn("not one of your", results[0]["message"])
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.summary)
        self.assertFalse(self.env["am.visit"].search(
            [("partner_id", "=", self.customer.id), ("user_id", "!=", self.am1.id)]))
        # an employee outside the account management roles cannot use it at all
        clerk = self._user("t_clerk", self.env.ref("base.group_user"))
        with self.assertRaises(AccessError):
            self.env["am.sync.action"].sudo(clerk).am_sync([])

    def test_cancelled_visit_is_a_conflict(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(hours=-1))
        visit.sudo(self.leader).action_cancel()   # meanwhile, at the office
        results = self._sync(self.am1, self._full_visit(visit))
        self.assertEqual([r["state"] for r in results], ["conflict"] * 3, results)
        self.assertIn("cancelled", results[0]["message"])
        self.assertIn(self.customer.name, results[0]["message"])
        self.assertEqual(visit.state, "cancelled")
        self.assertFalse(visit.checkin_time or visit.outcome_id)
        # a conflict is final: sending it again answers the same
        again = self._sync(self.am1, self._full_visit(visit)[:0] + [dict(
            key=results[0]["key"], type="checkin", payload=dict(SHANGHAI, visit_id=visit.id))])
        self.assertEqual(again[0]["state"], "conflict")
        self.assertTrue(again[0]["replayed"])

    def test_prospect_first_registration_wins(self):
        # a colleague registered the same company (by phone) before the sync
        results = self._sync(self.am1, [_action("register_prospect", {
            "name": "Colleague Limited", "phone": "+86 21 5555 2003"})])
        self.assertEqual(results[0]["state"], "conflict", results)
        self.assertIn(self.am2.name, results[0]["message"])
        self.assertFalse(self.env["res.partner"].sudo().search(
            [("name", "=", "Colleague Limited")]))
        # a new prospect, then an unplanned visit to it, all offline: the later
        # actions refer to the records of the earlier ones by their keys
        prospect_key, visit_key = _key(), _key()
        actions = [
            _action("register_prospect", dict(name="T Fresh Tea Shop", phone="021 5555 2099",
                                              email="tea@fresh.example.com", city="Shanghai",
                                              **SHANGHAI), key=prospect_key),
            _action("unplanned_visit", dict(SHANGHAI, partner_id="key:" + prospect_key,
                                            visit_type="new_customer",
                                            purpose_id=self.purpose_negotiation.id),
                    self._dt(hours=-0.2), key=visit_key),
            _action("outcome", {"visit_id": "key:" + visit_key,
                                "outcome_id": self.outcome_progress.id,
                                "summary": "Interested in a merchant account."}),
            _action("checkout", dict(SHANGHAI, visit_id="key:" + visit_key)),
        ]
        results = self._sync(self.am1, actions)
        self.assertEqual([r["state"] for r in results], ["done"] * 4, results)
        partner = self.env["res.partner"].sudo().browse(results[0]["res_id"])
        self.assertEqual(partner.am_user_id, self.am1)
        self.assertTrue(partner.am_registration_date)
        visit = self.env["am.visit"].sudo().browse(results[1]["res_id"])
        self.assertEqual((visit.partner_id, visit.state, visit.visit_type),
                         (partner, "done", "new_customer"))
        self.assertEqual(results[3]["res_id"], visit.id)
        self.assertEqual(self._sync(self.am1, actions)[0]["res_id"], partner.id)
        self.assertEqual(self.env["res.partner"].sudo().search_count(
            [("name", "=", "T Fresh Tea Shop")]), 1)
        self.assertEqual(self.env["am.visit"].sudo().search_count(
            [("partner_id", "=", partner.id)]), 1)

    def test_position_reports_and_daily_report(self):
        start, end = self._dt(hours=-8), self._dt(hours=-0.1)
        results = self._sync(self.am1, [
            _action("position_start", dict(SHANGHAI, place="Branch office"), start),
            _action("position_start", dict(SHANGHAI), start),
        ])
        self.assertEqual([r["state"] for r in results], ["done", "conflict"], results)
        attendance = self.env["hr.attendance"].sudo().browse(results[0]["res_id"])
        self.assertEqual(attendance.employee_id, self.emp_am1)
        self.assertEqual(attendance.check_in, start)
        self.assertIn("Branch office", attendance.am_position_in)
        self.assertIn("31.230400", attendance.am_position_in)
        steps = self.env["am.work.report"]._steps("daily")
        lines = {str(step.id): "Step %s done." % step.name for step in steps}
        report_action = _action("report", {"date": self._date(), "lines": lines,
                                           "submit": True})
        results = self._sync(self.am1, [
            report_action,
            _action("position_end", dict(SHANGHAI, place="Home"), end),
        ])
        self.assertEqual([r["state"] for r in results], ["done", "done"], results)
        report = self.env["am.work.report"].sudo().browse(results[0]["res_id"])
        self.assertEqual((report.user_id, report.state), (self.am1, "submitted"))
        self.assertEqual(len(report.line_ids), len(steps))
        self.assertEqual(attendance.check_out, end)
        self.assertIn("Home", attendance.am_position_out)
        # sent again: nothing more; another report of the day is a conflict
        self.assertTrue(self._sync(self.am1, [report_action])[0]["replayed"])
        again = self._sync(self.am1, [_action("report", {"date": self._date(),
                                                         "lines": lines})])
        self.assertEqual(again[0]["state"], "conflict")
        self.assertEqual(self.env["am.work.report"].sudo().search_count(
            [("user_id", "=", self.am1.id), ("report_type", "=", "daily")]), 1)

    def test_journal_written_by_the_sync_only(self):
        self._sync(self.am1, [_action("position_start", SHANGHAI)])
        journal = self._journal(self.am1)
        for user in (self.am1, self.admin):
            Journal = self.env["am.sync.action"].sudo(user)
            with self.assertRaises((UserError, AccessError)):
                Journal.create({"key": _key(), "user_id": user.id, "state": "done"})
            with self.assertRaises((UserError, AccessError)):
                journal.sudo(user).write({"state": "error", "key": "forged-key-1"})
        self.assertEqual(journal.state, "done")
        # each manager reads his own journal only
        self.assertFalse(self.env["am.sync.action"].sudo(self.am2).search(
            [("id", "=", journal.id)]))

    def test_day_data_and_route_without_solver(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt())
        data = self.env["am.day"].sudo(self.am1).am_day_data()
        self.assertIn(visit.id, [v["id"] for v in data["visits"]])
        self.assertIn(self.customer.id, [c["id"] for c in data["customers"]])
        self.assertNotIn(self.customer_am2.id, [c["id"] for c in data["customers"]])
        self.assertEqual(len(data["report"]["steps"]),
                         len(self.env["am.work.report"]._steps("daily")))
        json.dumps(data)   # kept on the phone as it is
        route = self.env["am.day"].sudo(self.am1).am_route(
            {"latitude": 31.23, "longitude": 121.47},
            [{"id": 1, "latitude": 31.30, "longitude": 121.50},
             {"id": 2, "latitude": 31.24, "longitude": 121.48},
             {"id": 3}])
        self.assertEqual(sorted(route["order"]), [1, 2, 3])
        self.assertGreater(route["planned_m"], 0)
        if not route["available"]:
            self.assertEqual(route["order"], [1, 2, 3])
            self.assertIn("OR-Tools", route["reason"])
        else:
            self.assertLessEqual(route["proposed_m"], route["planned_m"])


class TestRouteSolver(unittest.TestCase):
    """The route order with OR-Tools, where it is installed (optional)."""

    def setUp(self):
        super().setUp()
        if not am_day._solver():
            self.skipTest("OR-Tools is not installed: the page keeps the planned order")

    def test_shorter_order_keeping_time_windows(self):
        here = (31.23, 121.47)
        points = [here, (31.35, 121.60), (31.235, 121.475), (31.28, 121.52), None]
        stops = [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]
        order = am_day.AmDay._solve(None, points, stops)
        self.assertEqual(order, [1, 2, 0, 3])   # nearest first; unlocated last
        self.assertLess(am_rules.path_length_m([here] + [points[i + 1] for i in order]),
                        am_rules.path_length_m(points))
        # the far customer expects us within the hour: it comes first or second
        stops[0].update(start=0, stop=60)
        stops[1].update(start=120, stop=300)
        order = am_day.AmDay._solve(None, points, stops)
        self.assertLess(order.index(0), order.index(1))
        # windows nobody can keep: no proposal
        stops[1].update(start=0, stop=1)
        stops[0].update(start=0, stop=1)
        self.assertIsNone(am_day.AmDay._solve(None, points, stops))


class TestFieldAppRoutes(HttpCase):
    """The page and its routes over HTTP, as a demo account manager."""
    post_install = True
    at_install = False

    def test_page_service_worker_and_sync_route(self):
        if not self.env["res.users"].search([("login", "=", "am1")]):
            self.skipTest("no demo account manager am1")
        self.authenticate("am1", "am1")
        page = self.url_open("/am/day")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="am-day-config"', page.text)
        self.assertIn("/account_manager_process/static/src/day/am_day.js", page.text)
        worker = self.url_open("/am/day/sw.js")
        self.assertEqual(worker.status_code, 200)
        self.assertEqual(worker.headers.get("Service-Worker-Allowed"), "/am/day")
        self.assertIn("javascript", worker.headers.get("Content-Type"))
        answer = self.opener.post(
            "http://%s:%s/am/day/sync" % (HOST, PORT),
            json={"jsonrpc": "2.0", "method": "call", "params": {"actions": [
                {"key": "not-a-list-item-1", "type": "outcome", "payload": "x"}]}}).json()
        self.assertEqual(answer["result"]["results"][0]["state"], "error")
        data = self.opener.post("http://%s:%s/am/day/data" % (HOST, PORT),
                                json={"jsonrpc": "2.0", "method": "call", "params": {}}).json()
        self.assertIn("visits", data["result"])
