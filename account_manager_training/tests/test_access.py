# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import TrainingCase


class TestAccess(TrainingCase):
    """Each role with a real non-admin user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._passed(cls.employee, cls.course_offline, score=70)
        cls.theirs = cls._record(
            cls.other, cls.course_offline, state="failed", score=30,
            date_completed=cls.mine.date_completed)
        cls.session = cls._create_session()

    def test_employee_sees_own_records_only(self):
        records = self.env["am.training.record"].sudo(self.user_employee)
        self.assertEqual(records.search([]), self.mine)
        with self.assertRaises(AccessError):
            self.theirs.sudo(self.user_employee).read(["score"])

    def test_employee_sees_open_sessions_only(self):
        sessions = self.env["hr.course"].sudo(self.user_employee)
        self.assertNotIn(self.session, sessions.search([]), "a draft session is hidden")
        self.session.sudo(self.user_coordinator).draft2waiting()
        self.assertIn(self.session, sessions.search([]))

    def test_coordinator_manages(self):
        records = self.env["am.training.record"].sudo(self.user_coordinator)
        self.assertEqual(records.search([("id", "in", (self.mine | self.theirs).ids)]),
                         self.mine | self.theirs)
        # training facts follow the exams and attendance, even for him
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            self.theirs.sudo(self.user_coordinator).write({"score": 55})
        self.assertEqual(self.theirs.score, 30)
        self.session.sudo(self.user_coordinator).write({"am_location": "Hall B"})
        self.assertEqual(self.session.am_location, "Hall B")
        with self.assertRaises(AccessError):
            self.env["am.qualification.rule"].sudo(self.user_coordinator).create({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].sudo(self.user_coordinator).create({})

    def test_hr_officer_reads_all(self):
        records = self.env["am.training.record"].sudo(self.user_hr)
        self.assertEqual(records.search([("id", "in", (self.mine | self.theirs).ids)]),
                         self.mine | self.theirs)
        self.assertEqual(self.session.sudo(self.user_hr).am_location, "Room 3")
        with self.assertRaises((AccessError, UserError)):
            self.theirs.sudo(self.user_hr).write({"score": 99})
        with self.assertRaises(AccessError):
            self.session.sudo(self.user_hr).write({"am_location": "Elsewhere"})

    def test_administrator_configures(self):
        rule = self.env["am.qualification.rule"].sudo(self.user_admin).create({
            "name": "Rule", "min_courses": 1})
        self.assertTrue(rule)
        category = self.env["am.training.category"].sudo(self.user_admin).create({"name": "Z"})
        category.sudo(self.user_admin).unlink()
        self.assertFalse(category.exists())

    def test_team_leader_sees_team(self):
        """The department manager (team leader) reads his team's training."""
        leader_user = self._create_user("am_t_leader", ["base.group_user"], "Team Leader")
        leader = self.env["hr.employee"].create({"name": "Team Leader",
                                                 "user_id": leader_user.id})
        self.department.manager_id = leader
        records = self.env["am.training.record"].sudo(leader_user)
        self.assertEqual(records.search([("id", "in", (self.mine | self.theirs).ids)]),
                         self.mine | self.theirs)
        with self.assertRaises((AccessError, UserError)):
            self.mine.sudo(leader_user).write({"score": 100})
        outsider = self.env["hr.employee"].create({"name": "Outsider", "job_id": self.job.id})
        hidden = self.env["am.training.record"].create({
            "employee_id": outsider.id, "course_id": self.course_offline.id})
        self.assertFalse(records.search([("id", "=", hidden.id)]))

    def test_company_rules(self):
        """Every model of the addon that has a company has a company record
        rule (11.0 style), so that a second company's training stays its own."""
        data = self.env["ir.model.data"].search([
            ("module", "=", "account_manager_training"), ("model", "=", "ir.model")])
        # the addon's own models (it also extends Odoo's and OCA's)
        models = self.env["ir.model"].browse(data.mapped("res_id")).filtered(
            lambda m: m.model.startswith("am."))
        self.assertIn("am.training.record", models.mapped("model"))
        for model in models.filtered(lambda m: "company_id" in self.env[m.model]._fields):
            rules = self.env["ir.rule"].search([("model_id", "=", model.id)])
            self.assertTrue(any(
                "company_id" in (rule.domain_force or "") and "child_of" in rule.domain_force
                for rule in rules), "%s has no company rule" % model.model)
