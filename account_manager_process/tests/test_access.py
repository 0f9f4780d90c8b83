# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import AmCommon


class TestAccess(AmCommon):
    """Record rules and access rights, with real users of each role."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.cust1 = cls._customer(cls.am1, "T Access One")
        cls.cust2 = cls._customer(cls.am2, "T Access Two")
        cls.cust_other = cls._customer(cls.am_other, "T Access Other")
        Visit = cls.env["am.visit"]
        cls.visit1 = Visit.sudo(cls.am1).create({"partner_id": cls.cust1.id})
        cls.visit2 = Visit.sudo(cls.am2).create({"partner_id": cls.cust2.id})
        cls.visit_other = Visit.sudo(cls.am_other).create({"partner_id": cls.cust_other.id})
        cls.visits = cls.visit1 | cls.visit2 | cls.visit_other
        Report = cls.env["am.work.report"]
        cls.report1 = Report.sudo(cls.am1).create({"report_type": "daily"})
        cls.report2 = Report.sudo(cls.am2).create({"report_type": "daily"})
        cls.report_other = Report.sudo(cls.am_other).create({"report_type": "daily"})
        cls.reports = cls.report1 | cls.report2 | cls.report_other
        Claim = cls.env["crm.claim"]
        cls.claim1 = Claim.sudo(cls.am1).create({"name": "T claim 1", "user_id": cls.am1.id})
        cls.claim2 = Claim.sudo(cls.am2).create({"name": "T claim 2", "user_id": cls.am2.id})
        cls.claim_other = Claim.sudo(cls.am_other).create(
            {"name": "T claim other", "user_id": cls.am_other.id})
        cls.claims = cls.claim1 | cls.claim2 | cls.claim_other
        return result

    def _visible(self, user, records):
        return records.sudo(user).search([("id", "in", records.ids)])

    def test_account_manager_sees_only_his_own(self):
        self.assertEqual(self._visible(self.am1, self.visits), self.visit1)
        self.assertEqual(self._visible(self.am1, self.reports), self.report1)
        self.assertEqual(self._visible(self.am1, self.claims), self.claim1)
        customers = self.cust1 | self.cust2 | self.cust_other
        self.assertEqual(self._visible(self.am1, customers), self.cust1)
        with self.assertRaises(AccessError):
            self.visit2.sudo(self.am1).read(["name"])
        with self.assertRaises(AccessError):
            self.visit2.sudo(self.am1).write({"summary": "not mine"})
        with self.assertRaises(AccessError):
            self.report2.sudo(self.am1).read(["name"])
        with self.assertRaises(AccessError):
            self.cust2.sudo(self.am1).read(["name"])
        # unregistered partners (contacts, companies, users) stay visible
        self.assertTrue(self.env.ref("base.main_partner").sudo(self.am1).read(["name"]))

    def test_team_leader_sees_his_team(self):
        self.assertEqual(self._visible(self.leader, self.visits), self.visit1 | self.visit2)
        self.assertEqual(self._visible(self.leader, self.reports), self.report1 | self.report2)
        self.assertEqual(self._visible(self.leader, self.claims), self.claim1 | self.claim2)
        customers = self.cust1 | self.cust2 | self.cust_other
        self.assertEqual(self._visible(self.leader, customers), self.cust1 | self.cust2)
        self.assertEqual(self._visible(self.leader_other, self.visits), self.visit_other)
        with self.assertRaises(AccessError):
            self.visit_other.sudo(self.leader).read(["name"])

    def test_new_department_manager_sees_the_team_at_once(self):
        """The leader is stored on the records: when the department gets
        another manager, the new leader sees the team's records at once and
        the former one no longer does."""
        self.dept.manager_id = self.emp_leader_other
        customers = self.cust1 | self.cust2 | self.cust_other
        new = self.leader_other
        self.assertEqual(self._visible(new, self.visits), self.visits)
        self.assertEqual(self._visible(new, self.reports), self.reports)
        self.assertEqual(self._visible(new, self.claims), self.claims)
        self.assertEqual(self._visible(new, customers), customers)
        self.assertTrue(self.visit1.sudo(new).read(["name"]))
        for records in (self.visits, self.reports, self.claims, customers):
            self.assertFalse(self._visible(self.leader, records), records._name)
        with self.assertRaises(AccessError):
            self.visit1.sudo(self.leader).read(["name"])

    def test_administrator_sees_all_and_configures(self):
        self.assertEqual(self._visible(self.admin, self.visits), self.visits)
        self.assertEqual(self._visible(self.admin, self.reports), self.reports)
        tier = self.env["am.customer.tier"].sudo(self.admin).create(
            {"name": "T Gold", "return_interval_days": 7})
        self.assertEqual(tier.return_interval_days, 7)
        purpose = self.env["am.visit.purpose"].sudo(self.admin).create(
            {"name": "T Purpose", "business_weight": 2})
        purpose.active = False  # configuration is archived, not deleted
        self.env["am.work.report.step"].sudo(self.admin).create({"name": "T Step"})
        self.env["am.claim.sla.policy"].sudo(self.admin).create(
            {"name": "T SLA", "acknowledge_hours": 1, "resolve_hours": 8})

    def test_account_manager_cannot_configure(self):
        for model, values in [
            ("am.customer.tier", {"name": "X", "return_interval_days": 7}),
            ("am.visit.purpose", {"name": "X"}),
            ("am.visit.outcome", {"name": "X", "result": "won"}),
            ("am.work.report.step", {"name": "X"}),
            ("am.claim.sla.policy", {"name": "X", "acknowledge_hours": 1, "resolve_hours": 2}),
        ]:
            with self.assertRaises(AccessError, msg=model):
                self.env[model].sudo(self.am1).create(values)
            with self.assertRaises(AccessError, msg=model):
                self.env[model].sudo(self.leader).create(values)
        with self.assertRaises(AccessError):
            self.tier.sudo(self.am1).write({"return_interval_days": 3})

    def test_position_reports_visibility(self):
        Attendance = self.env["hr.attendance"]
        att1 = Attendance.sudo(self.am1).create(
            {"employee_id": self.emp_am1.id, "check_in": self._dt(hours=-3),
             "am_position_in": "Branch office"})
        att_other = Attendance.sudo(self.am_other).create(
            {"employee_id": self.emp_am_other.id, "check_in": self._dt(hours=-3)})
        both = att1 | att_other
        # everybody reads attendances in Odoo; only the own ones can be changed
        with self.assertRaises(AccessError):
            att_other.sudo(self.am1).write({"am_position_in": "not mine"})
        att1.sudo(self.am1).write({"am_position_in": "Customer site"})
        self.assertEqual(self._visible(self.leader, both), att1)
        with self.assertRaises(AccessError):
            att_other.sudo(self.leader).write({"am_position_in": "not my team"})

    def _open_form(self, user, record):
        """What the web client does to show ``record`` in its form view: load
        the view as the user and read every field it shows."""
        model = record.sudo(user)
        view = model.fields_view_get(view_type="form")
        return model.read(list(view["fields"]))

    def test_hr_officer_opens_an_employee(self):
        """An HR officer (Employees / Officer only) reads no visits: the visit
        figures are not in his employee form, which opens."""
        officer = self._user("t_hr_officer", self.env.ref("hr.group_hr_user"))
        values = self._open_form(officer, self.emp_am1)[0]
        self.assertEqual(values["name"], self.emp_am1.name)
        self.assertNotIn("am_visit_count", values)
        with self.assertRaises(AccessError):
            self.env["am.visit"].sudo(officer).search([])
        # the leader still gets them
        leader_values = self._open_form(self.leader, self.emp_am1)[0]
        self.assertIn("am_visit_count", leader_values)

    def test_salesman_outside_the_suite_opens_an_opportunity(self):
        salesman = self._user("t_salesman", self.env.ref("sales_team.group_sale_salesman"))
        lead = self.env["crm.lead"].create({
            "name": "T Opportunity", "type": "opportunity", "user_id": salesman.id})
        values = self._open_form(salesman, lead)[0]
        self.assertEqual(values["name"], "T Opportunity")
        self.assertNotIn("am_visit_count", values)

    def test_account_managers_land_on_their_app(self):
        """After login the web client opens the first app of the menu: for
        the account management roles it is Account Management, not an empty
        Discuss inbox."""
        for user in (self.am1, self.leader):
            menus = self.env["ir.ui.menu"].sudo(user).load_menus(debug=False)
            first = self.env["ir.ui.menu"].browse(menus["children"][0]["id"])
            self.assertEqual(first, self.env.ref("account_manager_process.menu_root"))
