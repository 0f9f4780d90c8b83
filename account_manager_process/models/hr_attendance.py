# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import am_input, am_leader

# a check-in or check-out may be this many hours ahead of the server clock
# (a phone whose clock is slightly ahead), not more
POSITION_FUTURE_HOURS = 1


class HrAttendance(models.Model):
    _inherit = "hr.attendance"
    _am_leader_source = ("employee", "employee_id")

    # 电话报岗: where the account manager is at the start and end of work
    am_position_in = fields.Char(
        string="Position at start", help="Where you are when you start work.")
    am_position_out = fields.Char(
        string="Position at end", help="Where you are when you stop work.")
    am_department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    # the team leader's user, what his read rule compares (am_leader.py)
    am_leader_user_id = fields.Many2one(
        "res.users", string="Team leader", compute="_compute_am_leader_user_id",
        store=True, index=True, readonly=True, copy=False)

    @api.model_cr_context
    def _auto_init(self):
        return am_leader.auto_init(self, super()._auto_init)

    @api.depends("employee_id")
    def _compute_am_leader_user_id(self):
        am_leader.compute(self)

    def _am_check_input(self, vals):
        for name, label in (("am_position_in", _("The position at start")),
                            ("am_position_out", _("The position at end"))):
            if vals.get(name):
                if not isinstance(vals[name], str):
                    raise ValidationError(_("%s must be a text.") % label)
                # only spaces is no position
                vals[name] = vals[name].strip() and am_input.clean_name(
                    self, vals[name], label) or False
        for name, label in (("check_in", _("The check-in time")),
                            ("check_out", _("The check-out time"))):
            if vals.get(name):
                am_input.check_datetime(self, vals[name], label,
                                        max_future_hours=POSITION_FUTURE_HOURS)
        if "employee_id" in vals and not vals["employee_id"]:
            raise ValidationError(_("The employee of a position report is mandatory."))
        if "am_department_id" in vals:
            raise ValidationError(_("The team of a position report is the employee's."))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if "check_in" in vals and not vals["check_in"]:
            raise ValidationError(_("The check-in time of a position report is mandatory."))
        self._am_check_input(vals)
        am_leader.check_create(vals)
        if not vals.get("employee_id") and \
                not self.default_get(["employee_id"]).get("employee_id"):
            raise ValidationError(_(
                "The employee of a position report is mandatory: your user is not "
                "linked to an employee, ask HR to link it."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        if "check_in" in vals and not vals["check_in"]:
            raise ValidationError(_("The check-in time of a position report is mandatory."))
        self._am_check_input(vals)
        am_leader.check_write(vals)
        return super().write(vals)
