# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from odoo import api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path

from .common import AmCommon


class TestVisit(AmCommon):

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Visit Customer", phone="021 4444 0001")
        cls.contact = cls.env["res.partner"].sudo(cls.am1).create(
            {"name": "T Contact", "parent_id": cls.customer.id})
        return result

    def test_checkin_checkout_flow(self):
        visit = self._visit(self.am1, self.customer, contact_id=self.contact.id,
                            purpose_id=self.purpose_negotiation.id)
        self.assertTrue(visit.name.startswith("VIS"))
        self.assertEqual(visit.employee_id, self.emp_am1)
        self.assertEqual(visit.state, "planned")
        visit.with_context(am_latitude=31.2304, am_longitude=121.4737).action_checkin()
        self.assertEqual(visit.state, "in_progress")
        self.assertTrue(visit.checkin_time)
        self.assertAlmostEqual(visit.checkin_latitude, 31.2304, places=4)
        # closing without outcome is refused and changes nothing
        with self.assertRaisesRegex(UserError, "outcome and a summary"):
            visit.action_checkout()
        self.assertEqual(visit.state, "in_progress")
        self.assertFalse(visit.checkout_time)
        visit.write({"outcome_id": self.outcome_won.id, "summary": "Signed the agreement."})
        visit.action_checkout()
        self.assertEqual(visit.state, "done")
        self.assertTrue(visit.checkout_time)
        self.assertFalse(visit.is_late_entry)
        self.assertEqual(visit.business_weight, 3.0)
        self.assertEqual(visit.quality_score, 3.0)
        # a done visit is the basis of trace management: no deletion, no cancel
        with self.assertRaises(UserError):
            visit.unlink()
        with self.assertRaises(UserError):
            visit.action_cancel()

    def test_position_given_to_the_buttons_not_typed_in(self):
        """A mobile client passes the position to the RPC methods; the times
        are the server's. Typing a check-in is refused, whoever asks."""
        visit = self._visit(self.am1, self.customer)
        for vals in ({"checkin_time": self._dt(hours=-2)}, {"checkin_latitude": 22.5},
                     {"checkout_time": self._dt(hours=-1), "checkout_longitude": 114.2}):
            with self.assertRaisesRegex(UserError, "only change with its buttons"):
                visit.write(vals)
            # the administrator is uid 1 in Odoo 11: no exemption for him
            with self.assertRaisesRegex(UserError, "only change with its buttons"):
                visit.sudo().with_context(am_internal=True).write(vals)
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            self._visit(self.am1, self.customer, checkin_time=self._dt(hours=-3))
        with self.assertRaisesRegex(UserError, "not a position on earth"):
            visit.checkin_with_position(95.0, 10.0)
        with self.assertRaisesRegex(UserError, "not a position on earth"):
            visit.with_context(am_latitude=10.0, am_longitude=-190.0).action_checkin()
        self.assertEqual(visit.state, "planned")
        before = fields.Datetime.now()
        self.assertIs(visit.checkin_with_position(22.5, 114.1), True)
        self.assertGreaterEqual(visit.checkin_time, before)
        self.assertEqual((visit.checkin_latitude, visit.checkin_longitude), (22.5, 114.1))
        visit.write({"outcome_id": self.outcome_won.id, "summary": "Signed."})
        self.assertIs(visit.checkout_with_position(latitude=22.6, longitude=114.2), True)
        self.assertEqual(visit.checkout_longitude, 114.2)
        self.assertEqual(visit.state, "done")

    def test_checkout_before_checkin_refused(self):
        visit = self._visit(self.am1, self.customer)
        with self.assertRaisesRegex(UserError, "Check in"):
            visit.action_checkout()
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.checkout_time)
        with self.assertRaisesRegex(ValidationError, "check-out time cannot be before"), \
                self.env.cr.savepoint():
            visit._write_workflow({"checkin_time": self._dt(hours=-1),
                                   "checkout_time": self._dt(hours=-3)})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._visit(self.am1, self.customer, planned_start=self._dt(hours=2),
                        planned_stop=self._dt(hours=1))

    def test_done_requires_outcome_and_summary(self):
        visit = self._visit(self.am1, self.customer)
        with self.assertRaisesRegex(UserError, "outcome and a summary"):
            visit.action_done()
        # over RPC a plain write() cannot skip the buttons and their checks
        with self.assertRaisesRegex(UserError, "only change with its buttons"), \
                self.env.cr.savepoint():
            visit.write({"state": "done", "summary": "x"})
        with self.assertRaisesRegex(ValidationError, "without an outcome"), \
                self.env.cr.savepoint():
            visit._write_workflow({"state": "done", "summary": "x"})
        visit.invalidate_cache()
        self.assertEqual(visit.state, "planned")
        visit.write({"outcome_id": self.outcome_won.id, "summary": "  "})
        with self.assertRaises(UserError):
            visit.action_done()
        self.assertEqual(visit.state, "planned")

    def test_late_entry(self):
        late = self._done_visit(self.am1, self.customer, days=-5)
        self.assertTrue(late.is_late_entry)
        in_time = self._done_visit(self.am1, self.customer, days=-1)
        self.assertFalse(in_time.is_late_entry)
        self.assertLess(late.quality_score, in_time.quality_score + 0.001)
        self._set_param("late_entry_days", 10)
        self.assertFalse(self._done_visit(self.am1, self.customer, days=-5).is_late_entry)

    def test_workflow_fields_not_writable_over_rpc(self):
        """A manager cannot hide a late entry or skip the buttons with write()."""
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(days=-5))
        visit.write({"outcome_id": self.outcome_progress.id, "summary": "Met them."})
        for vals in ({"entry_date": self._dt(days=-5)}, {"state": "cancelled"},
                     {"state": "in_progress"}):
            with self.assertRaisesRegex(UserError, "only change with its buttons"), \
                    self.env.cr.savepoint():
                visit.write(vals)
        visit.invalidate_cache()
        self.assertEqual(visit.state, "planned")
        visit.action_done()
        self.assertTrue(visit.is_late_entry)
        # nor by moving the check-in to today once the visit is done
        with self.assertRaisesRegex(UserError, "only change with its buttons"), \
                self.env.cr.savepoint():
            visit.write({"checkin_time": self._dt(), "checkout_time": self._dt(hours=1)})
        self.assertFalse(visit.checkin_time)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            visit.write({"state": "planned"})
        self.assertEqual(visit.state, "done")

    def test_visit_cannot_be_handed_out_of_reach(self):
        """A manager cannot give his visit to another manager or credit it to
        another employee: the figures of both would be wrong."""
        # the team leader reassigns within his team
        reassigned = self._visit(self.am1, self.customer).sudo(self.leader)
        reassigned.write({"user_id": self.am2.id, "employee_id": self.emp_am2.id})
        self.assertEqual(reassigned.user_id, self.am2)
        visit = self._visit(self.am1, self.customer)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            visit.write({"user_id": self.am_other.id, "employee_id": self.emp_am_other.id})
        visit.invalidate_cache()
        with self.assertRaisesRegex(ValidationError, "is not the account manager"), \
                self.env.cr.savepoint():
            visit.write({"employee_id": self.emp_am2.id})
        self.env.clear()  # drop what the failed writes left to recompute
        self.assertEqual((visit.user_id, visit.employee_id), (self.am1, self.emp_am1))

    def test_customer_figures_and_return_due(self):
        customer = self._customer(self.am1, "T Figures Customer")
        self.assertFalse(customer.am_last_visit_date)
        self._done_visit(self.am1, customer, days=-40, visit_type="maintenance")
        self.assertEqual(customer.am_visit_count, 1)
        self.assertEqual(customer.am_last_visit_date, self._date(-40))
        self.assertEqual(customer.am_next_visit_due, self._date(-10))
        self.assertTrue(customer.am_is_overdue)
        overdue = self.env["res.partner"].sudo(self.am1).search(
            [("am_is_overdue", "=", True), ("id", "=", customer.id)])
        self.assertEqual(overdue, customer)
        # a return visit after the due date is late, then the customer is no longer overdue
        late_return = self._done_visit(self.am1, customer, days=-1, visit_type="return")
        self.assertEqual(late_return.due_date, self._date(-10))
        self.assertFalse(late_return.is_return_on_time)
        self.assertEqual(customer.am_next_visit_due, self._date(29))
        self.assertFalse(customer.am_is_overdue)
        on_time = self._done_visit(self.am1, customer, visit_type="return")
        self.assertTrue(on_time.is_return_on_time)
        self.assertEqual(customer.am_visit_count, 3)
        # the tier's interval drives the due date
        self.tier.return_interval_days = 10
        self.assertEqual(customer.am_next_visit_due, self._date(10))

    def test_next_visit_planned_with_activity(self):
        visit = self._visit(self.am1, self.customer, next_step="Bring the contract",
                            next_visit_date=self._date(7))
        visit.write({"outcome_id": self.outcome_progress.id, "summary": "Interested."})
        visit.action_done()
        following = visit.next_visit_id
        self.assertTrue(following)
        self.assertEqual(following.state, "planned")
        self.assertEqual(following.visit_date, self._date(7))
        self.assertEqual(following.user_id, self.am1)
        activity = following.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.am1)
        self.assertEqual(activity.summary, "Bring the contract")

    def test_cancel_missed_reset(self):
        visit = self._visit(self.am1, self.customer)
        visit.action_missed()
        self.assertEqual(visit.state, "missed")
        with self.assertRaises(UserError):
            visit.action_missed()
        visit.action_reset()
        visit.action_cancel()
        self.assertEqual(visit.state, "cancelled")
        visit.unlink()
        self.assertFalse(visit.exists())

    def test_contact_must_belong_to_customer(self):
        other = self._customer(self.am1, "T Other Customer")
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._visit(self.am1, other, contact_id=self.contact.id)

    def test_visit_target_progress_follows_done_visits_and_the_override(self):
        self._set_param("monthly_visit_target", 4)
        self._done_visit(self.am1, self.customer)
        employee = self.emp_am1.sudo(self.leader)
        self.assertEqual(employee.am_effective_visit_target, 4)
        self.assertEqual(employee.am_visits_this_month, 1)
        self.assertEqual(employee.am_visit_target_progress, 25.0)
        # the manager follows his own progress from his work menu
        menu = self.env.ref("account_manager_process.menu_am_my_visit_target")
        self.assertEqual(self.env["ir.ui.menu"].sudo(self.am1).search(
            [("id", "=", menu.id)]), menu)
        mine = self.env["hr.employee"].sudo(self.am1).search([("user_id", "=", self.am1.id)])
        self.assertEqual(mine.read(["am_visit_target_progress"])[0]
                         ["am_visit_target_progress"], 25.0)
        self.emp_am1.am_monthly_visit_target = 2
        self.emp_am1.invalidate_cache()
        self.assertEqual(self.emp_am1.am_visit_target_progress, 50.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), \
                self.env.cr.savepoint():
            self.emp_am1.am_monthly_visit_target = -1
        self.emp_am1.invalidate_cache()
        self.assertEqual(self.emp_am1.am_monthly_visit_target, 2)

    def test_configuration_in_use_is_archived_not_deleted(self):
        """Deleting a purpose, outcome or tier in use would rewrite history
        (business weights, results, due dates): it is refused."""
        visit = self._done_visit(self.am1, self.customer,
                                 purpose_id=self.purpose_negotiation.id,
                                 outcome_id=self.outcome_won.id)
        weight = visit.business_weight
        self.assertTrue(weight)
        for record in (self.purpose_negotiation, self.outcome_won, self.tier):
            with self.assertRaisesRegex(UserError, "archive it instead"), \
                    self.env.cr.savepoint():
                record.sudo(self.admin).unlink()
            self.assertTrue(record.exists())
        self.assertEqual((visit.business_weight, visit.outcome_id),
                         (weight, self.outcome_won))
        self.assertEqual(self.customer.am_tier_id, self.tier)
        unused = self.env["am.visit.purpose"].sudo(self.admin).create({"name": "T Unused"})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_negative_configuration_refused(self):
        with self.assertRaisesRegex(ValidationError, "between 1 and 3660 days"):
            self.env["am.customer.tier"].sudo(self.admin).create(
                {"name": "Bad", "return_interval_days": -5})
        with self.assertRaisesRegex(ValidationError, "between 1 and 3660 days"), \
                self.env.cr.savepoint():
            self.tier.sudo(self.admin).return_interval_days = 0
        self.tier.invalidate_cache()
        self.assertEqual(self.tier.return_interval_days, 30)
        settings = self.env["res.config.settings"].sudo(self.admin)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            settings.create({"am_monthly_visit_target": -1})
        with self.assertRaisesRegex(ValidationError, "between 0 and 23"):
            settings.create({"am_daily_report_hour": 25})
        with self.assertRaises(ValidationError):
            self.env["am.visit.purpose"].sudo(self.admin).create(
                {"name": "Bad", "business_weight": -1})

    def test_settings_saved_by_administrator(self):
        settings = self.env["res.config.settings"].sudo(self.admin).create(
            {"am_late_entry_days": 5, "am_spot_check_percent": 20})
        settings.execute()
        model = self.env["res.config.settings"]
        self.assertEqual(model._am_value("late_entry_days"), 5)
        self.assertEqual(model._am_value("spot_check_percent"), 20)

    def test_lead_and_employee_smart_buttons(self):
        lead = self.env["crm.lead"].sudo(self.am1).create(
            {"name": "T Opportunity", "type": "opportunity", "partner_id": self.customer.id})
        self._visit(self.am1, self.customer, lead_id=lead.id)
        self.assertEqual(lead.am_visit_count, 1)
        action = lead.action_am_view_visits()
        self.assertEqual(self.env["am.visit"].sudo(self.am1).search_count(action["domain"]), 1)
        action = self.customer.sudo(self.am1).action_am_view_visits()
        self.assertGreaterEqual(
            self.env["am.visit"].sudo(self.am1).search_count(action["domain"]), 1)
        self.assertGreaterEqual(self.emp_am1.am_visit_count, 1)

    def test_done_visit_is_a_closed_record(self):
        """What a done visit says happened cannot be rewritten afterwards, by
        the account manager nor by his leader; notes on the business go on."""
        visit = self._done_visit(self.am1, self.customer, days=-1,
                                 purpose_id=self.purpose_negotiation.id)
        tier_b = self.env["res.partner"].sudo(self.am1).create(
            {"name": "T Other Customer For Closed", "am_user_id": self.am1.id})
        for user in (self.am1, self.leader):
            for vals in ({"partner_id": tier_b.id}, {"visit_type": "return"},
                         {"purpose_id": self.purpose_return.id},
                         {"outcome_id": self.outcome_won.id}, {"summary": "Rewritten."},
                         {"planned_start": self._dt(days=-20)}, {"due_date": self._date(30)}):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    visit.sudo(user).write(vals)
        visit.invalidate_cache()
        self.assertEqual(visit.partner_id, self.customer)
        self.assertEqual(visit.purpose_id, self.purpose_negotiation)
        self.assertEqual(visit.summary, "Met the finance manager.")
        visit.sudo(self.am1).write({"progress_note": "Contract sent for signature."})
        self.assertEqual(visit.progress_note, "Contract sent for signature.")

    def test_future_visit_is_not_recorded_as_done(self):
        visit = self._visit(self.am1, self.customer, planned_start=self._dt(days=3),
                            outcome_id=self.outcome_won.id, summary="Will sign.")
        with self.assertRaisesRegex(UserError, "once it has happened"):
            visit.action_done()
        self.assertEqual(visit.state, "planned")
        self.assertEqual(self.customer.am_visit_count, 0)

    def test_return_due_date_comes_from_the_customer(self):
        """A manager cannot make a late return visit look on time by giving
        it a later due date."""
        customer = self._customer(self.am1, "T Due Customer")
        self._done_visit(self.am1, customer, days=-40)
        due = customer.am_next_visit_due
        visit = self._visit(self.am1, customer, visit_type="return",
                            due_date=self._date(60))
        self.assertEqual(visit.due_date, due)
        with self.assertRaisesRegex(UserError, "only change with its buttons"):
            visit.write({"due_date": self._date(60)})
        self.assertEqual(visit.due_date, due)

    def test_planning_a_visit_leaves_the_customer_row_alone(self):
        """Concurrent clients plan visits for the same customers: a planned
        visit does not rewrite the customer (only a done one updates its
        figures), so they do not serialize on it."""
        def row_version():
            self.env.cr.execute("SELECT xmin::text FROM res_partner WHERE id = %s",
                                (self.customer.id,))
            return self.env.cr.fetchone()[0]
        before = row_version()
        visit = self._visit(self.am1, self.customer)
        visit.sudo(self.am1).write({"summary": "Agenda sent."})
        visit.sudo(self.am1).action_checkin()
        self.env["am.visit"].recompute()
        self.assertEqual(row_version(), before)

    def test_closing_a_visit_costs_the_same_whatever_the_history(self):
        customer = self._customer(self.am1, "T History Customer")

        def close_one():
            visit = self._visit(self.am1, customer, planned_start=self._dt(hours=-1),
                                outcome_id=self.outcome_won.id, summary="Done.")
            self.env.clear()
            visit = visit.sudo(self.am1)
            start = self.env.cr.sql_log_count
            visit.action_done()
            return self.env.cr.sql_log_count - start

        close_one()  # warm the caches
        small = close_one()
        for __ in range(12):
            self._done_visit(self.am1, customer, days=-2)
        large = close_one()
        self.assertEqual(small, large)
        self.assertEqual(customer.am_visit_count, 15)
        # the figures kept up to date equal a full recomputation
        figures = (customer.am_visit_count, customer.am_last_visit_date,
                   customer.am_next_visit_due)
        self.env.cr.execute("UPDATE res_partner SET am_visit_count = 0, "
                            "am_last_visit_date = NULL, am_next_visit_due = NULL "
                            "WHERE id = %s", (customer.id,))
        self.env["res.partner"]._am_recompute_visit_stats()
        self.assertEqual((customer.am_visit_count, customer.am_last_visit_date,
                          customer.am_next_visit_due), figures)

    def test_kanban_columns_in_workflow_order(self):
        self._visit(self.am1, self.customer).action_missed()
        groups = self.env["am.visit"].sudo(self.am1).read_group(
            [("partner_id", "=", self.customer.id)], ["state"], ["state"])
        self.assertEqual([g["state"] for g in groups],
                         ["planned", "in_progress", "done", "missed"])

    def test_activity_done_with_its_visit(self):
        visit = self._visit(self.am1, self.customer)
        visit._am_schedule_activity(
            self.env.ref("mail.mail_activity_data_meeting"), self._date(), "Return visit",
            self.am1)
        self.assertEqual(len(visit.activity_ids), 1)
        visit.sudo(self.am1).write({"outcome_id": self.outcome_won.id, "summary": "Ok."})
        visit.sudo(self.am1).action_done()
        self.assertFalse(visit.activity_ids)
        self.assertIn("Return visit", " ".join(visit.message_ids.mapped("body")))

    def test_bad_input_is_refused_with_a_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "not a plausible date"), \
                self.env.cr.savepoint():
            self._visit(self.am1, self.customer, planned_start="0206-05-01 09:00:00")
        visit = self._visit(self.am1, self.customer)
        with self.assertRaisesRegex(ValidationError, "limited to"), self.env.cr.savepoint():
            visit.write({"summary": "x" * 20000})
        visit.invalidate_cache()
        self.assertFalse(visit.summary)
        with self.assertRaisesRegex(UserError, "two numbers"):
            visit.checkin_with_position("north", "east")
        self.assertEqual(visit.state, "planned")

    def test_migration_names_the_purpose_and_outcome_labels(self):
        """11.0.2.0.0: a database where the purpose's id field got the plain
        external id (so the zh_CN label of Purpose was missed) gets the names
        new databases have."""
        path = os.path.join(get_module_path("account_manager_process"), "migrations",
                            "11.0.2.0.0", "pre-migration.py")
        spec = importlib.util.spec_from_file_location("am_process_pre_2", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        fields_model = self.env["ir.model.fields"]
        purpose = fields_model.search([("model", "=", "am.visit"), ("name", "=", "purpose_id")])
        id_field = fields_model.search([("model", "=", "am.visit.purpose"), ("name", "=", "id")])
        data = self.env["ir.model.data"]
        plain = "field_am_visit_purpose_id"
        # the old shape: the id field holds the plain name
        data.search([("module", "=", "account_manager_process"),
                     ("model", "=", "ir.model.fields"), ("res_id", "=", purpose.id)]).write(
            {"name": "%s_%d" % (plain, purpose.id)})
        data.search([("module", "=", "account_manager_process"),
                     ("model", "=", "ir.model.fields"), ("res_id", "=", id_field.id)]).write(
            {"name": plain})
        self.assertGreaterEqual(migration.name_field_xmlids(
            self.env.cr, "account_manager_process", migration.FIELD_XMLIDS), 2)
        self.assertEqual(migration.name_field_xmlids(
            self.env.cr, "account_manager_process", migration.FIELD_XMLIDS), 0)
        data.clear_caches()
        self.assertEqual(self.env.ref("account_manager_process." + plain), purpose)
        self.assertEqual(self.env.ref("account_manager_process.field_am_visit_outcome_id"),
                         fields_model.search([("model", "=", "am.visit"),
                                              ("name", "=", "outcome_id")]))

    def test_check_in_button_as_the_web_client_calls_it(self):
        """The web client sends a button's context as its last positional
        argument (/web/dataset/call_button): the position comes with it."""
        visit = self._visit(self.am1, self.customer)
        context = {"lang": "en_US", "tz": False, "uid": self.am1.id,
                   "am_latitude": 31.2304, "am_longitude": 121.4737}
        result = api.call_kw(self.env["am.visit"].sudo(self.am1), "action_checkin",
                             [[visit.id], context], {})
        self.assertIs(result, True)
        self.assertEqual(visit.state, "in_progress")
        self.assertAlmostEqual(visit.checkin_latitude, 31.2304, places=4)
