# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests.common import SavepointCase

# four consecutive weeks (Monday to Sunday), in the past
WEEKS = [date(2026, 10, 19) + timedelta(weeks=i) for i in range(4)]


class AssessmentCase(SavepointCase):
    """Users of each role, two teams and the seeds' weekly scheme."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=False, no_reset_password=True,
            mail_create_nosubscribe=True))
        env["ir.config_parameter"].sudo().set_param(
            "account_manager_assessment.week_start", "0")
        env["ir.config_parameter"].sudo().set_param(
            "account_manager_assessment.consecutive_failures_review", "4")
        ref = env.ref
        am = ref("account_manager_process.group_account_manager")
        tl = ref("account_manager_process.group_team_leader")
        admin = ref("account_manager_process.group_am_administrator")
        cls.user_kam = cls._user("kam", [am])
        cls.user_am2 = cls._user("am2", [am])
        cls.user_other = cls._user("other", [am])
        cls.user_leader = cls._user("leader", [tl])
        cls.user_hr = cls._user("hr_officer", [ref("hr.group_hr_user"),
                                               ref("base.group_user")])
        cls.user_hr_manager = cls._user(
            "hr_manager", [ref("hr.group_hr_manager"), ref("base.group_user")])
        cls.user_admin = cls._user("am_admin", [admin])
        Employee = env["hr.employee"]
        cls.emp_leader = Employee.create({
            "name": "Leader", "user_id": cls.user_leader.id})
        cls.dept = env["hr.department"].create({
            "name": "Key accounts T", "manager_id": cls.emp_leader.id})
        cls.dept_other = env["hr.department"].create({"name": "Retail T"})
        cls.emp_leader.department_id = cls.dept
        cls.emp_kam = Employee.create({
            "name": "Kam", "user_id": cls.user_kam.id,
            "department_id": cls.dept.id})
        cls.emp_am2 = Employee.create({
            "name": "Am Two", "user_id": cls.user_am2.id,
            "department_id": cls.dept.id})
        cls.emp_other = Employee.create({
            "name": "Other", "user_id": cls.user_other.id,
            "department_id": cls.dept_other.id})
        cls.emp_hr_manager = Employee.create({
            "name": "HR Manager", "user_id": cls.user_hr_manager.id})
        cls.metric = {
            code: ref("account_manager_assessment.metric_%s" % code)
            for code in ("customers_registered", "opportunities_qualified",
                         "prospect_numbers", "prospect_deals_won",
                         "door_to_door_commission", "won_revenue")}
        cls.scheme = env["am.assessment.scheme"].create({
            "name": "KAM weekly T", "period": "weekly",
            "pass_threshold": 100.0,
            "department_ids": [(6, 0, cls.dept.ids)],
            "rule_ids": [
                (0, 0, {"metric_id": cls.metric["customers_registered"].id,
                        "target": 3, "weight": 40,
                        "penalty_per_unit": 100}),
                (0, 0, {"metric_id": cls.metric["opportunities_qualified"].id,
                        "target": 16, "weight": 30, "penalty_per_unit": 10}),
                (0, 0, {"metric_id": cls.metric["prospect_numbers"].id,
                        "target": 100, "weight": 30, "penalty_per_unit": 1}),
                (0, 0, {"metric_id": cls.metric["prospect_deals_won"].id,
                        "rule_type": "reward", "reward_mode": "achieved",
                        "reward_per_unit": 200}),
                (0, 0, {"metric_id":
                        cls.metric["door_to_door_commission"].id,
                        "rule_type": "reward", "reward_mode": "achieved",
                        "reward_per_unit": 0.5}),
            ],
        })

    @classmethod
    def _user(cls, login, groups):
        return cls.env["res.users"].create({
            "name": login.replace("_", " ").title(), "login": login + "_t",
            "email": login + "@example.com",
            "groups_id": [(6, 0, [g.id for g in groups])],
        })

    @classmethod
    def _facts(cls, user, day, units=0, batches=0, numbers=0):
        """Units expanded, sincere batches and prospect numbers of a user
        on a day."""
        stamp = "%s 09:00:00" % day
        quiet = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                     mail_create_nolog=True,
                                     mail_notrack=True))
        Partner = quiet["res.partner"]
        partners = Partner
        for i in range(units):
            partners |= Partner.create({
                "name": "Unit %s %s %s" % (user.login, day, i),
                "customer": True, "am_user_id": user.id})
        if partners:
            # the registration is dated by the system: back-date it
            cls.env.cr.execute(
                "UPDATE res_partner SET am_registration_date = %s "
                "WHERE id IN %s", (stamp, tuple(partners.ids)))
            partners.invalidate_cache()
        Lead = quiet["crm.lead"]
        for i in range(batches):
            Lead.create({"name": "Batch %s %s" % (day, i),
                         "type": "opportunity", "user_id": user.id,
                         "date_conversion": stamp})
        leads = Lead
        for i in range(numbers):
            leads |= Lead.create({"name": "Number %s %s" % (day, i),
                                  "type": "lead", "user_id": False,
                                  "am_prospect_provider_id": user.id})
        if leads:
            cls.env.cr.execute(
                "UPDATE crm_lead SET create_date = %s WHERE id IN %s",
                (stamp, tuple(leads.ids)))
            leads.invalidate_cache()
