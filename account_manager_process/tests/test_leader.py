# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import AmCommon

# the paths the team leader's rules followed before the leader was stored
OLD_PATHS = {
    "am.visit": "employee_id.department_id.manager_id.user_id",
    "am.spot.check": "employee_id.department_id.manager_id.user_id",
    "am.work.report": "employee_id.department_id.manager_id.user_id",
    "crm.claim": "am_employee_id.department_id.manager_id.user_id",
    "res.partner": "am_user_id.employee_ids.department_id.manager_id.user_id",
    "hr.attendance": "employee_id.department_id.manager_id.user_id",
}


class TestLeaderStored(AmCommon):
    """The team leader stored on the records (am_leader_user_id) gives the
    visibility the rules' paths gave, and stays right when the organisation
    changes."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.cust1 = cls._customer(cls.am1, "T Leader One")
        cls.cust2 = cls._customer(cls.am2, "T Leader Two")
        cls.cust_other = cls._customer(cls.am_other, "T Leader Other")
        Visit = cls.env["am.visit"]
        cls.visit1 = Visit.sudo(cls.am1).create({"partner_id": cls.cust1.id})
        cls.visit2 = Visit.sudo(cls.am2).create({"partner_id": cls.cust2.id})
        cls.visit_other = Visit.sudo(cls.am_other).create({"partner_id": cls.cust_other.id})
        Report = cls.env["am.work.report"]
        cls.report1 = Report.sudo(cls.am1).create({"report_type": "daily"})
        cls.report_other = Report.sudo(cls.am_other).create({"report_type": "daily"})
        Claim = cls.env["crm.claim"]
        cls.claim1 = Claim.sudo(cls.am1).create({"name": "T claim 1", "user_id": cls.am1.id})
        cls.claim_other = Claim.sudo(cls.am_other).create(
            {"name": "T claim other", "user_id": cls.am_other.id})
        Check = cls.env["am.spot.check"]
        cls.check1 = Check.sudo(cls.leader).create({"visit_id": cls.visit1.id})
        cls.check_other = Check.sudo(cls.leader_other).create({"visit_id": cls.visit_other.id})
        Attendance = cls.env["hr.attendance"]
        cls.position1 = Attendance.sudo(cls.am1).create(
            {"employee_id": cls.emp_am1.id, "am_position_in": "T branch one"})
        cls.position_other = Attendance.sudo(cls.am_other).create(
            {"employee_id": cls.emp_am_other.id, "am_position_in": "T branch other"})
        cls.records = {
            "am.visit": cls.visit1 | cls.visit2 | cls.visit_other,
            "am.spot.check": cls.check1 | cls.check_other,
            "am.work.report": cls.report1 | cls.report_other,
            "crm.claim": cls.claim1 | cls.claim_other,
            "res.partner": cls.cust1 | cls.cust2 | cls.cust_other,
            "hr.attendance": cls.position1 | cls.position_other,
        }
        return result

    def assertSameAsThePaths(self):
        """For every model and every user, the stored leader selects the
        records the old path selected."""
        self.env.clear()
        users = self.leader | self.leader_other | self.admin | self.am1
        for model, records in self.records.items():
            for user in users:
                old = records.sudo().search(
                    [("id", "in", records.ids), (OLD_PATHS[model], "=", user.id)])
                new = records.sudo().search(
                    [("id", "in", records.ids), ("am_leader_user_id", "=", user.id)])
                self.assertEqual(new, old, "%s, %s" % (model, user.login))

    def _sees(self, user, model):
        records = self.records[model]
        return records.sudo(user).search([("id", "in", records.ids)])

    def test_stored_leader_equals_the_old_paths(self):
        self.assertEqual(self.visit1.am_leader_user_id, self.leader)
        self.assertEqual(self.cust_other.am_leader_user_id, self.leader_other)
        self.assertEqual(self.claim1.am_leader_user_id, self.leader)
        self.assertEqual(self.check1.am_leader_user_id, self.leader)
        self.assertEqual(self.report_other.am_leader_user_id, self.leader_other)
        self.assertSameAsThePaths()

    def test_employee_moves_to_another_team(self):
        self.emp_am1.department_id = self.dept_other
        self.assertSameAsThePaths()
        for model in self.records:
            mine = self.records[model].filtered(
                lambda r: (r.sudo().am_user_id if r._name == "res.partner"
                           else r.sudo().employee_id.user_id if r._name == "hr.attendance"
                           else r.sudo().user_id) == self.am1)
            self.assertTrue(mine, model)
            self.assertTrue(mine <= self._sees(self.leader_other, model), model)
            if model == "am.spot.check":
                # the former leader still sees the checks he records himself
                mine = mine.filtered(lambda c: c.checker_id != self.leader)
            self.assertFalse(mine & self._sees(self.leader, model), model)

    def test_manager_gets_another_user_and_leaves(self):
        """The manager's employee gets another user, then is deleted."""
        successor = self._user("t_successor", self.group_leader)
        self.emp_leader_other.user_id = successor
        self.assertSameAsThePaths()
        self.assertEqual(self._sees(successor, "am.visit"), self.visit_other)
        self.assertFalse(self._sees(self.leader_other, "am.visit"))
        # the account manager's employee gets another user: his customers follow
        self.emp_am_other.user_id = self.am2
        self.assertSameAsThePaths()
        self.emp_am_other.user_id = self.am_other
        # the manager leaves: his team has no leader until the next one
        self.emp_leader_other.unlink()
        self.assertFalse(self.dept_other.manager_id)
        self.assertSameAsThePaths()
        self.assertFalse(self.visit_other.am_leader_user_id)

    def test_department_deleted(self):
        self.dept_other.unlink()
        self.assertSameAsThePaths()
        self.assertFalse(self.cust_other.am_leader_user_id)

    def test_leader_not_settable(self):
        """Nobody sets the leader of a record with create() or write(): the
        owner would hide his records from his leader or show them to another
        one (whatever the caller, superuser included)."""
        for records in self.records.values():
            record = records[0]
            for env in (record.sudo(self.am1).env, self.env):
                with self.assertRaisesRegex(UserError, "team leader of a record"), \
                        self.env.cr.savepoint():
                    record.with_env(env).sudo(env.uid).write(
                        {"am_leader_user_id": self.leader_other.id})
                with self.assertRaisesRegex(UserError, "team leader of a record"), \
                        self.env.cr.savepoint():
                    record.with_env(env).sudo(env.uid).write({"am_leader_user_id": False})
        with self.assertRaisesRegex(UserError, "team leader of a record"):
            self.env["am.visit"].sudo(self.am1).create(
                {"partner_id": self.cust1.id, "am_leader_user_id": self.leader_other.id})
        self.env.clear()
        self.assertEqual(self.visit1.am_leader_user_id, self.leader)
        self.assertSameAsThePaths()

    def test_refresh_is_set_based(self):
        """Changing a department's manager costs the same number of queries
        whatever the size of its team's history."""
        Visit = self.env["am.visit"]

        def change_manager():
            for __ in range(2):
                Visit.sudo(self.am1).create({"partner_id": self.cust1.id})
            start = self.env.cr.sql_log_count
            self.dept.manager_id = self.emp_leader_other
            self.dept.manager_id = self.emp_leader
            return self.env.cr.sql_log_count - start

        change_manager()  # warm the caches
        first = change_manager()
        for __ in range(20):
            Visit.sudo(self.am1).create({"partner_id": self.cust1.id})
        self.assertEqual(change_manager(), first)
        self.assertSameAsThePaths()
        # the full refresh finds nothing to change
        self.assertEqual(self.env["hr.employee"]._am_refresh_leader_users(), 0)
