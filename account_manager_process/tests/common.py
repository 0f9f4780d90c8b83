# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import SavepointCase


class AmCommon(SavepointCase):
    """Two teams (departments) with real users of each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.setup_am_data()
        except Exception:
            # leave the test mode, or the next test class waits on our locks
            cls.tearDownClass()
            raise

    @classmethod
    def setup_am_data(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                       no_reset_password=True))
        ref = cls.env.ref
        # a Chinese organisation: domestic phone numbers are read as Chinese
        cls.env.user.company_id.country_id = ref("base.cn")
        cls.group_am = ref("account_manager_process.group_account_manager")
        cls.group_leader = ref("account_manager_process.group_team_leader")
        cls.group_admin = ref("account_manager_process.group_am_administrator")
        cls.am1 = cls._user("t_am1", cls.group_am)
        cls.am2 = cls._user("t_am2", cls.group_am)
        cls.am_other = cls._user("t_am_other", cls.group_am)
        cls.leader = cls._user("t_leader", cls.group_leader)
        cls.leader_other = cls._user("t_leader_other", cls.group_leader)
        cls.admin = cls._user("t_admin", cls.group_admin, ref("base.group_system"))
        Department = cls.env["hr.department"]
        cls.dept_top = Department.create({"name": "T Retail"})
        cls.dept = Department.create({"name": "T Team", "parent_id": cls.dept_top.id})
        cls.dept_other = Department.create({"name": "T Other team"})
        cls.emp_leader = cls._employee(cls.leader, cls.dept)
        cls.emp_leader_other = cls._employee(cls.leader_other, cls.dept_other)
        cls.emp_director = cls._employee(cls.admin, cls.dept_top)
        cls.dept.manager_id = cls.emp_leader
        cls.dept_other.manager_id = cls.emp_leader_other
        cls.dept_top.manager_id = cls.emp_director
        cls.emp_am1 = cls._employee(cls.am1, cls.dept)
        cls.emp_am2 = cls._employee(cls.am2, cls.dept)
        cls.emp_am_other = cls._employee(cls.am_other, cls.dept_other)
        cls.tier = cls.env["am.customer.tier"].create(
            {"name": "T tier", "return_interval_days": 30})
        cls.purpose_negotiation = ref("account_manager_process.visit_purpose_negotiation")
        cls.purpose_return = ref("account_manager_process.visit_purpose_return")
        cls.outcome_won = ref("account_manager_process.visit_outcome_won")
        cls.outcome_progress = ref("account_manager_process.visit_outcome_progress")

    @classmethod
    def _user(cls, login, *groups):
        return cls.env["res.users"].create({
            "name": login.replace("_", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, [g.id for g in groups])],
        })

    @classmethod
    def _employee(cls, user, department):
        return cls.env["hr.employee"].create({
            "name": user.name, "user_id": user.id, "department_id": department.id})

    @classmethod
    def _customer(cls, user, name, **values):
        vals = {"name": name, "is_company": True, "customer": True,
                "am_user_id": user.id, "am_tier_id": cls.tier.id}
        vals.update(values)
        return cls.env["res.partner"].sudo(user).create(vals)

    @staticmethod
    def _dt(days=0, hours=0):
        return fields.Datetime.to_string(
            datetime.utcnow().replace(microsecond=0) + timedelta(days=days, hours=hours))

    @staticmethod
    def _date(days=0):
        return fields.Date.to_string(datetime.utcnow().date() + timedelta(days=days))

    def _visit(self, user, partner, **values):
        values.update({"partner_id": partner.id, "user_id": user.id})
        values.setdefault("planned_start", self._dt())
        return self.env["am.visit"].sudo(user).create(values)

    def _done_visit(self, user, partner, days=0, **values):
        visit = self._visit(user, partner, planned_start=self._dt(days=days), **values)
        visit.write({"outcome_id": values.get("outcome_id", self.outcome_progress.id),
                     "summary": "Met the finance manager."})
        visit.action_done()
        return visit

    def _set_param(self, key, value):
        """Store the setting ``key`` of the settings' table as ``value``."""
        param = self.env["res.config.settings"]._am_parameters()[key][0]
        self.env["ir.config_parameter"].sudo().set_param(param, str(value))

    def _prepare_hook_adding(self, model_name, method, values):
        """For this test only (a context manager): the ``method`` hook
        (``_prepare_*_vals``) of ``model_name`` adds ``values`` to the row,
        as another addon's override would."""
        model_class = type(self.env[model_name])
        prepare = getattr(model_class, method)

        def prepare_adding(model, candidate):
            vals = prepare(model, candidate)
            vals.update(values)
            return vals
        return patch.object(model_class, method, prepare_adding)
