# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from . import am_leader, am_rules

AM_GROUP = "account_manager_process.group_account_manager"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    am_monthly_visit_target = fields.Integer(
        string="Monthly visit target",
        help="Done visits expected per month; 0 uses the target of the Settings.")
    # visit figures are read from am.visit: only the roles that may read visits
    # get them (an HR officer's employee form must not fail on them)
    am_visit_ids = fields.One2many(
        "am.visit", "employee_id", string="Visits", groups=AM_GROUP)
    am_visit_count = fields.Integer(
        compute="_compute_am_visit_figures", string="Visits", groups=AM_GROUP)
    am_visits_this_month = fields.Integer(
        compute="_compute_am_visit_figures", string="Done visits this month",
        groups=AM_GROUP)
    am_effective_visit_target = fields.Integer(
        compute="_compute_am_visit_figures", string="Target this month", groups=AM_GROUP)
    am_visit_target_progress = fields.Float(
        compute="_compute_am_visit_figures", string="Target progress (%)", groups=AM_GROUP)
    am_under_review = fields.Boolean(
        string="Flagged for review", track_visibility="onchange", copy=False,
        help="Set by the team leader or HR: the spot-check sampling checks twice "
             "the share of this account manager's visits.")
    am_position_missing = fields.Boolean(
        string="Position not reported", compute="_compute_am_position_missing",
        search="_search_am_position_missing",
        help="No position report (attendance check-in) today before the configured hour.")
    # the actions of the team leader list account managers only; their domain
    # must be evaluable by the web client (no ref())
    am_is_account_manager = fields.Boolean(
        string="Account manager", compute="_compute_am_is_account_manager",
        search="_search_am_is_account_manager",
        help="The employee's user is an account manager.")

    @api.constrains("am_monthly_visit_target")
    def _check_am_monthly_visit_target(self):
        for employee in self:
            if employee.am_monthly_visit_target < 0:
                raise ValidationError(_(
                    "The monthly visit target of %s cannot be negative.") % employee.name)

    def _compute_am_visit_figures(self):
        visit_model = self.env["am.visit"]
        totals = visit_model.read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["employee_id"])
        today = fields.Date.from_string(fields.Date.context_today(self))
        month_start, month_end = am_rules.period_bounds("monthly", today)
        month = visit_model.read_group(
            [("employee_id", "in", self.ids), ("counts", "=", True),
             ("visit_date", ">=", fields.Date.to_string(month_start)),
             ("visit_date", "<=", fields.Date.to_string(month_end))],
            ["employee_id"], ["employee_id"])
        total_counts = {g["employee_id"][0]: g["employee_id_count"] for g in totals}
        month_counts = {g["employee_id"][0]: g["employee_id_count"] for g in month}
        default_target = self.env["res.config.settings"]._am_value("monthly_visit_target")
        for employee in self:
            target = employee.am_monthly_visit_target or default_target
            employee.am_visit_count = total_counts.get(employee.id, 0)
            employee.am_visits_this_month = month_counts.get(employee.id, 0)
            employee.am_effective_visit_target = target
            employee.am_visit_target_progress = am_rules.target_progress(
                employee.am_visits_this_month, target)

    @api.model
    def _am_today_window_utc(self):
        """UTC bounds of today, from midnight to the position report hour,
        in the timezone of the user."""
        hour = self.env["res.config.settings"]._am_value("position_report_hour")
        users = self.env["res.users"]
        start = am_rules.local_to_utc(users._am_today(), 0, users._am_tz_name())
        return (fields.Datetime.to_string(start),
                fields.Datetime.to_string(start + timedelta(hours=hour)))

    @api.model
    def _am_reported_employee_ids(self):
        start, stop = self._am_today_window_utc()
        self.env.cr.execute(
            "SELECT DISTINCT employee_id FROM hr_attendance WHERE check_in >= %s AND check_in < %s",
            (start, stop))
        return [row[0] for row in self.env.cr.fetchall()]

    def _compute_am_position_missing(self):
        reported = set(self._am_reported_employee_ids())
        for employee in self:
            employee.am_position_missing = employee.id not in reported

    def _search_am_position_missing(self, operator, value):
        reported = self._am_reported_employee_ids()
        missing = (operator == "=") == bool(value)
        return [("id", "not in" if missing else "in", reported)]

    def _compute_am_is_account_manager(self):
        managers = self.env.ref("account_manager_process.group_account_manager").sudo().users
        for employee in self:
            employee.am_is_account_manager = employee.user_id in managers

    def _search_am_is_account_manager(self, operator, value):
        user_ids = self.env.ref(
            "account_manager_process.group_account_manager").sudo().users.ids
        if (operator in ("!=", "<>")) == bool(value):
            return ["|", ("user_id", "=", False), ("user_id", "not in", user_ids)]
        return [("user_id", "in", user_ids)]

    @api.model
    def _am_leader_users(self, user_ids):
        """{account manager user id: his team leader's user id} for these users
        (one query whatever their number)."""
        return am_leader.user_leaders(self.env.cr, user_ids)

    @api.model
    def _am_refresh_leader_users(self, employee_ids=None, user_ids=None):
        """Store the right team leader on the records of these employees and on
        the customers of these users; everywhere when both are None (a fixed
        number of statements whatever the number of records)."""
        return am_leader.refresh(self.env, employee_ids, user_ids)

    def _am_team_member_ids(self):
        """Employees of the departments these employees manage."""
        self.env.cr.execute("""
            SELECT e.id FROM hr_employee e JOIN hr_department d ON d.id = e.department_id
             WHERE d.manager_id = ANY(%s)
        """, (self.ids,))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def create(self, vals):
        employee = super().create(vals)
        if employee.user_id:
            # the customers of his user now have his team leader
            employee._am_refresh_leader_users(employee.ids)
        return employee

    @api.multi
    def write(self, vals):
        moved = "department_id" in vals
        new_user = "user_id" in vals or "resource_id" in vals
        old_users = self.mapped("user_id").ids if new_user else []
        res = super().write(vals)
        if moved or new_user:
            employee_ids = list(self.ids)
            if new_user:
                # he is the team leader of the departments he manages
                employee_ids += self._am_team_member_ids()
            self._am_refresh_leader_users(employee_ids, old_users)
        return res

    @api.multi
    def unlink(self):
        users = self.mapped("user_id").ids
        members = list(set(self._am_team_member_ids()) - set(self.ids))
        res = super().unlink()
        self._am_refresh_leader_users(members, users)
        am_leader.clear_orphans(self.env)
        return res

    def _am_set_under_review(self, flag):
        """Team leader (of the employee) or HR officer: flag the employee for
        review, or remove the flag (tracked)."""
        user = self.env.user
        if not user.has_group("hr.group_hr_user"):
            if not user.has_group("account_manager_process.group_team_leader"):
                raise AccessError(_("Only the team leader or HR flag an employee for review."))
            leaders = am_leader.employee_leaders(self.env.cr, self.ids)
            for employee in self:
                if employee.user_id == user or leaders.get(employee.id) != user.id:
                    raise AccessError(_(
                        "%s is flagged for review by his team leader or HR.") % employee.name)
        # a team leader cannot write employees: the flag is written for him
        self.sudo().write({"am_under_review": flag})
        return True

    @api.multi
    def action_am_flag_review(self):
        return self._am_set_under_review(True)

    @api.multi
    def action_am_unflag_review(self):
        return self._am_set_under_review(False)

    @api.multi
    def action_am_view_visits(self):
        action = self.env.ref("account_manager_process.action_am_visit").read()[0]
        action["domain"] = [("employee_id", "in", self.ids)]
        action["context"] = {"default_employee_id": self.id,
                             "default_user_id": self.user_id.id or self.env.uid}
        return action
