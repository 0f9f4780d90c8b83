# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .common import AssessmentCase

PERIOD = (date(2026, 10, 1), date(2026, 10, 31))


class TestMultiCompany(AssessmentCase):
    """Schemes, assessments and their lines belong to a company: users of
    another company neither read them nor are they counted in them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.branch = env["res.company"].create({"name": "Branch T"})
        cls.branch_user = env["res.users"].create({
            "name": "Branch AM T", "login": "branch_am_t",
            "company_id": cls.branch.id,
            "company_ids": [(6, 0, cls.branch.ids)],
            "groups_id": [(6, 0, env.ref(
                "account_manager_process.group_account_manager").ids)]})
        cls.branch_employee = env["hr.employee"].create({
            "name": "Branch AM T", "user_id": cls.branch_user.id,
            "company_id": cls.branch.id})
        cls.branch_scheme = env["am.assessment.scheme"].create({
            "name": "Branch scheme T", "period": "monthly",
            "company_id": cls.branch.id,
            "employee_ids": [(6, 0, cls.branch_employee.ids)],
            "rule_ids": [(0, 0, {
                "metric_id": cls.metric["won_revenue"].id,
                "target": 1000, "weight": 100})],
            "results_weight": 50, "process_weight": 50,
            "process_item_ids": [(0, 0, {"name": "Attitude",
                                         "weight": 100})]})
        cls.branch_scheme._generate_period(*PERIOD)
        cls.branch_assessment = env["am.assessment"].search([
            ("scheme_id", "=", cls.branch_scheme.id)])

    def test_other_company_is_out_of_sight(self):
        """HR officers, HR managers and administrators of the main company
        read all assessments: of their company only."""
        self.assertEqual(self.branch_assessment.company_id, self.branch)
        for user in (self.user_hr, self.user_hr_manager, self.user_admin):
            self.assertFalse(self.env["am.assessment"].sudo(user).search([
                ("scheme_id", "=", self.branch_scheme.id)]))
            self.assertFalse(self.env["am.assessment.line"].sudo(
                user).search([("scheme_id", "=", self.branch_scheme.id)]))
            self.assertFalse(self.env["am.assessment.process.line"].sudo(
                user).search([("assessment_id", "=",
                               self.branch_assessment.id)]))
            self.assertFalse(self.env["am.assessment.scheme"].sudo(
                user).search([("id", "=", self.branch_scheme.id)]))
        # the branch employee reads his own
        self.assertEqual(self.env["am.assessment"].sudo(
            self.branch_user).search([]), self.branch_assessment)

    def test_facts_of_another_company_do_not_count(self):
        """Deals of the branch do not count in the main company's scheme,
        nor the other way round."""
        for company, revenue in ((self.branch, 5000),
                                 (self.env.ref("base.main_company"), 700)):
            lead = self.env["crm.lead"].create({
                "name": "Deal T", "type": "opportunity", "probability": 100,
                "user_id": self.user_kam.id, "planned_revenue": revenue,
                "company_id": company.id})
            lead.write({"date_closed": "2026-10-12 10:00:00"})
        scheme = self.env["am.assessment.scheme"].create({
            "name": "Main T", "period": "monthly",
            "employee_ids": [(6, 0, self.emp_kam.ids)],
            "rule_ids": [(0, 0, {"metric_id": self.metric["won_revenue"].id,
                                 "target": 1000, "weight": 100})]})
        self.assertEqual(scheme.company_id,
                         self.env.ref("base.main_company"))
        new = scheme._generate_period(*PERIOD)
        self.assertEqual(new.line_ids.actual, 700)
