# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import api, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import AmCommon

# the customer's location, and positions 80 m and 3 km north of it
CUSTOMER = (31.2304, 121.4737)
NEAR = (31.2304 + 80 / 111195.0, 121.4737)
FAR = (31.2304 + 3000 / 111195.0, 121.4737)
PIXEL_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAh"
             "KmMIQAAAABJRU5ErkJggg==")
HOSTILE_CONTEXT = {"am_internal": True, "am_assessment_internal": True,
                   "am_workflow": True, "tracking_disable": True}


class TestVerification(AmCommon):
    """Check-ins verified at the customer's location, the team leader's review
    of the others, the customer's location proposed by a check-in."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Geo Customer", phone="021 4444 0101")
        # the administrator (a team leader) sets the registered customer's location
        cls.customer.sudo().write({"partner_latitude": CUSTOMER[0],
                            "partner_longitude": CUSTOMER[1]})
        cls.unlocated = cls._customer(cls.am1, "T Geo Unlocated", phone="021 4444 0102")
        return result

    def _closeable(self, visit):
        visit.write({"outcome_id": self.outcome_progress.id, "summary": "Met the buyer."})
        return visit

    def test_checkin_verdicts(self):
        """80 m from the customer is verified, 3 km out of range; no position,
        an imprecise or unknown accuracy and a customer without location are
        unverified. The distance and the accuracy are stored."""
        visit = self._visit(self.am1, self.customer)
        visit.checkin_with_position(NEAR[0], NEAR[1], 15)
        self.assertEqual(visit.checkin_verdict, "verified")
        self.assertAlmostEqual(visit.checkin_distance, 80, delta=1)
        self.assertEqual(visit.checkin_accuracy, 15)
        self._closeable(visit).checkout_with_position(FAR[0], FAR[1], 10)
        self.assertEqual(visit.checkout_verdict, "out_of_range")
        self.assertAlmostEqual(visit.checkout_distance, 3000, delta=5)
        # the review follows the check-in
        self.assertEqual((visit.state, visit.review_state, visit.counts), ("done", "none", True))
        cases = [
            ((FAR[0], FAR[1], 10), "out_of_range"),
            ((None, None, None), "unverified"),        # permission denied
            ((NEAR[0], NEAR[1], 350), "unverified"),   # worse than 200 m
            ((NEAR[0], NEAR[1], None), "unverified"),  # accuracy unknown
        ]
        for args, expected in cases:
            visit = self._visit(self.am1, self.customer)
            visit.checkin_with_position(*args)
            self.assertEqual(visit.checkin_verdict, expected, args)
            self._closeable(visit).action_checkout()
            self.assertEqual(visit.review_state, "to_review", args)
            self.assertTrue(visit.counts)
        # the buttons read the web client's context (as it calls them)
        visit = self._visit(self.am1, self.customer)
        context = {"lang": "en_US", "uid": self.am1.id, "am_latitude": NEAR[0],
                   "am_longitude": NEAR[1], "am_accuracy": 12.5}
        api.call_kw(self.env["am.visit"].sudo(self.am1), "action_checkin",
                    [[visit.id], context], {})
        self.assertEqual((visit.checkin_verdict, visit.checkin_accuracy), ("verified", 12.5))
        # recorded as done without a check-in: no verified place
        done = self._done_visit(self.am1, self.customer)
        self.assertEqual((done.checkin_verdict, done.review_state), ("unverified", "to_review"))

    def test_radius_and_accuracy_are_company_settings(self):
        company = self.env.user.company_id
        self.assertEqual((company.am_geofence_radius, company.am_max_accuracy), (500, 200))
        settings = self.env["res.config.settings"].sudo(self.admin).create({
            "am_geofence_radius": 50, "am_max_accuracy": 20})
        settings.execute()
        self.assertEqual((company.am_geofence_radius, company.am_max_accuracy), (50, 20))
        visit = self._visit(self.am1, self.customer)
        visit.checkin_with_position(NEAR[0], NEAR[1], 15)
        self.assertEqual(visit.checkin_verdict, "out_of_range")
        visit = self._visit(self.am1, self.customer)
        visit.checkin_with_position(CUSTOMER[0], CUSTOMER[1], 25)
        self.assertEqual(visit.checkin_verdict, "unverified")
        with self.assertRaises(ValidationError):
            company.am_geofence_radius = 0

    def test_bad_positions_refused_and_nothing_changes(self):
        visit = self._visit(self.am1, self.customer)
        for args in ((NEAR[0], NEAR[1], -5), (NEAR[0], NEAR[1], "near"),
                     ("north", NEAR[1], 10), (95.0, 10.0, 10), (NEAR[0], None, 10),
                     (float("nan"), NEAR[1], 10)):
            with self.assertRaises(UserError, msg=args):
                visit.checkin_with_position(*args)
            self.assertEqual(visit.state, "planned")
            self.assertFalse(visit.checkin_verdict)

    def test_device_time_of_an_offline_checkin(self):
        visit = self._visit(self.am1, self.customer).sudo(self.am1)
        with self.assertRaises(ValidationError):
            visit._checkin(NEAR[0], NEAR[1], 10, device_time=self._dt(hours=3))
        self.assertEqual(visit.state, "planned")
        offline = self._dt(hours=-2)
        visit._checkin(NEAR[0], NEAR[1], 10, device_time=offline)
        self.assertEqual(visit.checkin_device_time, offline)
        self.assertNotEqual(visit.checkin_time, offline)
        self._closeable(visit)
        offline_out = self._dt(hours=-1)
        visit._checkout(NEAR[0], NEAR[1], 10, device_time=offline_out)
        self.assertEqual(visit.checkout_device_time, offline_out)
        self.assertEqual(visit.state, "done")

    def test_verification_fields_not_writable(self):
        """Verdicts, distances, the review and what counts change only with
        the buttons: not with write()/create(), whoever calls, whatever the context."""
        visit = self._done_visit(self.am1, self.customer)
        for vals in ({"checkin_verdict": "verified"}, {"review_state": "accepted"},
                     {"counts": False}, {"checkin_distance": 5.0}, {"checkin_accuracy": 3.0},
                     {"review_user_id": self.leader.id}, {"checkin_device_time": self._dt()}):
            for env_visit in (visit.sudo(self.am1), visit.sudo(self.leader),
                              visit.sudo().with_context(**HOSTILE_CONTEXT)):
                with self.assertRaises(UserError, msg=vals):
                    env_visit.write(vals)
        self.assertEqual((visit.checkin_verdict, visit.review_state, visit.counts),
                         ("unverified", "to_review", True))
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            self._visit(self.am1, self.customer, checkin_verdict="verified")
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            self._visit(self.am1, self.customer, review_state="accepted")
        # the web client may send the default
        self.assertEqual(self._visit(self.am1, self.customer, review_state="none")
                         .review_state, "none")

    def test_review_by_the_visits_leader_only(self):
        visit = self._done_visit(self.am1, self.customer)
        self.assertEqual(visit.am_leader_user_id, self.leader)
        # the account manager himself, hostile context and arguments
        mine = visit.sudo(self.am1).with_context(**HOSTILE_CONTEXT)
        with self.assertRaises(AccessError):
            mine.review_accept("I was there")
        with self.assertRaises(AccessError):
            mine.action_review_accept()
        with self.assertRaises(AccessError):
            self.env["am.visit.review"].sudo(self.am1).create({
                "visit_ids": [(6, 0, visit.ids)], "decision": "accepted",
                "decision_reason": "I was there"}).action_apply()
        # another team's leader, the administrator (not the visit's leader)
        with self.assertRaises(AccessError):
            visit.sudo(self.leader_other).with_context(**HOSTILE_CONTEXT).review_reject("no")
        with self.assertRaises(AccessError):
            visit.sudo(self.admin).review_accept("fine")
        self.assertEqual((visit.review_state, visit.review_user_id.id), ("to_review", False))
        # a leader never reviews his own visit
        own = self._done_visit(self.leader, self._customer(self.leader, "T Geo Leader Own"))
        self.assertEqual(own.am_leader_user_id, self.leader)
        with self.assertRaisesRegex(UserError, "your own visit"):
            own.sudo(self.leader).review_accept("I was there")
        # accepting needs a reason
        with self.assertRaisesRegex(UserError, "reason"):
            visit.sudo(self.leader).review_accept("  ")
        # the leader decides, once; it is tracked in the chatter
        self.env["am.visit.review"].sudo(self.leader).create({
            "visit_ids": [(6, 0, visit.ids)], "decision": "accepted",
            "decision_reason": "Met at the customer's other office."}).action_apply()
        self.assertEqual(visit.review_state, "accepted")
        self.assertEqual(visit.review_user_id, self.leader)
        self.assertEqual(visit.review_reason, "Met at the customer's other office.")
        self.assertTrue(visit.counts)
        self.assertTrue(visit.message_ids.filtered(
            lambda m: "other office" in (m.body or "")))
        with self.assertRaisesRegex(UserError, "not waiting for a review"):
            visit.sudo(self.leader).review_reject("changed my mind")
        # a verified visit is never reviewed
        verified = self._visit(self.am1, self.customer)
        verified.checkin_with_position(NEAR[0], NEAR[1], 10)
        self._closeable(verified).action_checkout()
        with self.assertRaisesRegex(UserError, "not waiting for a review"):
            verified.sudo(self.leader).review_reject()

    def test_visit_without_team_leader_reviewed_by_an_administrator(self):
        loner = self._user("t_am_loner", self.group_am)
        self._employee(loner, self.env["hr.department"].create({"name": "T No leader"}))
        visit = self._done_visit(loner, self._customer(loner, "T Geo Loner"))
        self.assertFalse(visit.am_leader_user_id)
        with self.assertRaises(AccessError):
            visit.sudo(self.leader).review_reject("no")
        visit.sudo(self.admin).review_accept("Called the customer.")
        self.assertEqual((visit.review_state, visit.review_user_id), ("accepted", self.admin))

    def test_customer_fixed_once_checked_in(self):
        """Checked in (verified) at one customer, the visit cannot become a
        visit of another customer."""
        other = self._customer(self.am1, "T Geo Other Customer", phone="021 4444 0104")
        visit = self._visit(self.am1, self.unlocated)
        visit.write({"partner_id": other.id})
        visit.write({"partner_id": self.customer.id})
        visit.checkin_with_position(NEAR[0], NEAR[1], 10)
        for env_visit in (visit.sudo(self.am1), visit.sudo().with_context(**HOSTILE_CONTEXT)):
            with self.assertRaisesRegex(UserError, "once it is checked in"):
                env_visit.write({"partner_id": other.id})
        self.assertEqual(visit.partner_id, self.customer)

    def test_review_queue_lists_only_the_leaders_team_visits(self):
        visit = self._done_visit(self.am1, self.customer)
        other = self._done_visit(self.am_other, self._customer(self.am_other, "T Geo Other"))
        action = self.env.ref("account_manager_process.action_am_visit_review")
        domain = eval(action.domain)  # pylint: disable=eval-used
        queue = self.env["am.visit"].sudo(self.leader).search(
            domain + [("am_leader_user_id", "=", self.leader.id),
                      ("user_id", "!=", self.leader.id)])
        self.assertIn(visit, queue)
        self.assertNotIn(other, queue)
        self.assertEqual(visit.sudo(self.leader).action_review_reject()["res_model"],
                         "am.visit.review")

    def test_rejected_visit_does_not_count(self):
        today = datetime.utcnow().date()
        counted = self._done_visit(self.am1, self.customer, days=-1)
        counted._write_workflow({"review_state": "none"})
        visit = self._done_visit(self.am1, self.customer)
        self.assertEqual(self.customer.am_visit_count, 2)
        self.assertEqual(self.customer.am_last_visit_date, visit.visit_date)
        employee = self.emp_am1.sudo(self.leader)
        month_before = employee.am_visits_this_month
        visit.sudo(self.leader).review_reject("Nobody at the customer knows him.")
        self.assertEqual((visit.review_state, visit.counts), ("rejected", False))
        self.customer.invalidate_cache()
        self.assertEqual(self.customer.am_visit_count, 1)
        self.assertEqual(self.customer.am_last_visit_date, counted.visit_date)
        employee.invalidate_cache()
        if visit.visit_date[:7] == fields.Date.to_string(today)[:7]:
            self.assertEqual(employee.am_visits_this_month, month_before - 1)
        # the SQL recomputation agrees
        self.env["res.partner"]._am_recompute_visit_stats()
        self.assertEqual(self.customer.am_visit_count, 1)
        self.assertEqual(self.customer.am_last_visit_date, counted.visit_date)

    def test_first_checkin_proposes_the_customers_location(self):
        visit = self._visit(self.am1, self.unlocated)
        visit.checkin_with_position(NEAR[0], NEAR[1], 20)
        self.assertEqual(visit.checkin_verdict, "unverified")
        partner = self.unlocated
        self.assertAlmostEqual(partner.am_proposed_latitude, NEAR[0], places=6)
        self.assertEqual(partner.am_proposed_visit_id, visit)
        self.assertTrue(partner.am_has_location_proposal)
        # a second check-in does not replace the proposal; an imprecise one never proposes
        self._visit(self.am1, partner).checkin_with_position(FAR[0], FAR[1], 20)
        self.assertAlmostEqual(partner.am_proposed_latitude, NEAR[0], places=6)
        # the account manager neither confirms nor types the location
        as_am = partner.sudo(self.am1).with_context(**HOSTILE_CONTEXT)
        with self.assertRaises(AccessError):
            as_am.action_am_confirm_location()
        with self.assertRaisesRegex(UserError, "team leader sets the location"):
            as_am.write({"partner_latitude": FAR[0], "partner_longitude": FAR[1]})
        for env_partner in (as_am, partner.sudo().with_context(**HOSTILE_CONTEXT)):
            with self.assertRaisesRegex(UserError, "cannot be typed in"):
                env_partner.write({"am_proposed_latitude": 1.0})
        with self.assertRaisesRegex(UserError, "team leader sets the location"):
            self._customer(self.am1, "T Geo Typed", phone="021 4444 0103",
                           partner_latitude=1.0, partner_longitude=2.0)
        # another team's leader cannot either
        with self.assertRaises(AccessError):
            partner.sudo(self.leader_other).action_am_confirm_location()
        self.assertFalse(partner.partner_latitude)
        # the leader confirms: it becomes the location, tracked in the chatter
        partner.sudo(self.leader).action_am_confirm_location()
        # base_geolocalize keeps 5 decimals (about 1 m)
        self.assertAlmostEqual(partner.partner_latitude, NEAR[0], places=4)
        self.assertAlmostEqual(partner.partner_longitude, NEAR[1], places=4)
        self.assertFalse(partner.am_has_location_proposal)
        self.assertTrue(partner.message_ids.filtered(
            lambda m: "Location confirmed" in (m.body or "")))
        with self.assertRaisesRegex(UserError, "no proposed location"):
            partner.sudo(self.leader).action_am_confirm_location()
        # the next check-in there is verified
        visit = self._visit(self.am1, partner)
        visit.checkin_with_position(NEAR[0], NEAR[1], 20)
        self.assertEqual(visit.checkin_verdict, "verified")

    def test_position_reports_record_the_device_position(self):
        attendance = self.env["hr.attendance"].sudo(self.am1)
        with self.assertRaisesRegex(UserError, "gave no position"):
            attendance.report_position(None, None)
        with self.assertRaisesRegex(UserError, "not a position on earth"):
            attendance.report_position(91.0, 10.0, 5)
        with self.assertRaises(UserError):
            attendance.report_position(NEAR[0], NEAR[1], -1)
        self.assertFalse(self.env["hr.attendance"].search([("employee_id", "=", self.emp_am1.id)]))
        report_id = attendance.report_position(NEAR[0], NEAR[1], 30)
        report = self.env["hr.attendance"].browse(report_id)
        self.assertEqual(report.employee_id, self.emp_am1)
        self.assertAlmostEqual(report.am_latitude_in, NEAR[0], places=6)
        self.assertEqual(report.am_accuracy_in, 30)
        self.assertFalse(report.check_out)
        self.assertEqual(attendance.report_position(FAR[0], FAR[1], 12), report_id)
        self.assertTrue(report.check_out)
        self.assertAlmostEqual(report.am_latitude_out, FAR[0], places=6)
        # typed positions are refused, whoever writes
        for env_report in (report.sudo(self.am1), report.sudo().with_context(**HOSTILE_CONTEXT)):
            with self.assertRaisesRegex(ValidationError, "recorded from the device"):
                env_report.write({"am_latitude_in": 1.0})
        with self.assertRaisesRegex(ValidationError, "recorded from the device"):
            attendance.create({"employee_id": self.emp_am1.id, "check_in": self._dt(),
                               "am_latitude_in": 1.0})
        # the buttons take the browser's position from the context
        new = attendance.create({"employee_id": self.emp_am1.id, "check_in": self._dt()})
        api.call_kw(self.env["hr.attendance"].sudo(self.am1), "action_am_position_in",
                    [[new.id], {"am_latitude": NEAR[0], "am_longitude": NEAR[1],
                                "am_accuracy": 8}], {})
        self.assertEqual(new.am_accuracy_in, 8)
        with self.assertRaisesRegex(UserError, "already recorded"):
            new.with_context(am_latitude=FAR[0], am_longitude=FAR[1]).action_am_position_in()
        # only from one's own device
        with self.assertRaisesRegex(UserError, "own device"):
            new.sudo(self.leader).with_context(
                am_latitude=FAR[0], am_longitude=FAR[1]).action_am_position_out()
        self.assertFalse(new.check_out)

    def test_only_the_managers_leader_flags_him_for_review(self):
        with self.assertRaises(AccessError):
            self.emp_am1.sudo(self.am1).action_am_flag_review()
        with self.assertRaises(AccessError):
            self.emp_am1.sudo(self.leader_other).action_am_flag_review()
        self.assertFalse(self.emp_am1.am_under_review)
        self.emp_am1.sudo(self.leader).action_am_flag_review()
        self.assertTrue(self.emp_am1.am_under_review)
        self.emp_am1.sudo(self.leader).action_am_unflag_review()
        self.assertFalse(self.emp_am1.am_under_review)

    def test_rejecting_several_visits_of_a_customer(self):
        visits = self._done_visit(self.am1, self.customer) | self._done_visit(
            self.am1, self.customer, days=-1)
        visits.sudo(self.leader).review_reject("Not confirmed by the customer.")
        self.assertEqual(set(visits.mapped("review_state")), {"rejected"})
        self.customer.invalidate_cache()
        self.assertEqual(self.customer.am_visit_count, 0)
        self.assertFalse(self.customer.am_last_visit_date)
