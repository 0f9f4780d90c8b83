# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_input, am_leader

# a check-in or check-out may be this many hours ahead of the server clock
# (a phone whose clock is slightly ahead), not more
POSITION_FUTURE_HOURS = 1
# the device's positions, recorded by the position buttons and report_position()
# only (never typed: whoever calls, whatever the context)
POSITION_FIELDS = {"am_latitude_in", "am_longitude_in", "am_accuracy_in",
                   "am_latitude_out", "am_longitude_out", "am_accuracy_out"}


class HrAttendance(models.Model):
    _name = "hr.attendance"
    _inherit = ["hr.attendance", "am.leader.mixin"]
    _am_leader_source = ("employee", "employee_id")

    # 电话报岗: where the account manager is at the start and end of work
    am_position_in = fields.Char(
        string="Position at start", help="Where you are when you start work.")
    am_position_out = fields.Char(
        string="Position at end", help="Where you are when you stop work.")
    am_department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    am_latitude_in = fields.Float(
        string="Latitude at start", digits=(10, 7), readonly=True, copy=False)
    am_longitude_in = fields.Float(
        string="Longitude at start", digits=(10, 7), readonly=True, copy=False)
    am_accuracy_in = fields.Float(
        string="Accuracy at start (m)", digits=(10, 1), readonly=True, copy=False,
        help="The accuracy the device reported for its position (0: unknown).")
    am_latitude_out = fields.Float(
        string="Latitude at end", digits=(10, 7), readonly=True, copy=False)
    am_longitude_out = fields.Float(
        string="Longitude at end", digits=(10, 7), readonly=True, copy=False)
    am_accuracy_out = fields.Float(
        string="Accuracy at end (m)", digits=(10, 1), readonly=True, copy=False,
        help="The accuracy the device reported for its position (0: unknown).")
    am_located_in = fields.Boolean(
        string="Position at start recorded", compute="_compute_am_located")
    am_located_out = fields.Boolean(
        string="Position at end recorded", compute="_compute_am_located")

    @api.depends("am_latitude_in", "am_longitude_in", "am_latitude_out", "am_longitude_out")
    def _compute_am_located(self):
        for report in self:
            report.am_located_in = bool(report.am_latitude_in or report.am_longitude_in)
            report.am_located_out = bool(report.am_latitude_out or report.am_longitude_out)


    def _am_check_input(self, vals):
        # on create, the empty defaults a client may send are no value
        if any(f in vals and (self or vals[f]) for f in POSITION_FIELDS):
            raise ValidationError(_(
                "The position of a position report is recorded from the device "
                "(the position buttons or report_position), not typed in."))
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

    def _write_workflow(self, vals):
        """Write the device's position after the checks of the position
        methods (private: not callable over RPC)."""
        return super(HrAttendance, self).write(vals)  # pylint: disable=super-method-mismatch

    def _am_device_position(self, latitude, longitude, accuracy, suffix):
        """The position values (``suffix`` in / out), checked like a visit's."""
        position, accuracy, __ = self.env["am.visit"]._am_device_input(
            latitude, longitude, accuracy)
        if not position:
            raise UserError(_(
                "Your device gave no position: allow this site to use your location "
                "and try again."))
        return {"am_latitude_" + suffix: position[0],
                "am_longitude_" + suffix: position[1],
                "am_accuracy_" + suffix: accuracy}

    def _am_check_own(self):
        for report in self:
            if report.employee_id.user_id != self.env.user:
                raise UserError(_(
                    "The position of %s is reported from his own device.")
                    % report.employee_id.name)
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _am_record_start(self, latitude, longitude, accuracy):
        self._am_check_own()
        vals = self._am_device_position(latitude, longitude, accuracy, "in")
        for report in self:
            if report.am_located_in:
                raise UserError(_("The position at start of this report is already recorded."))
        self._write_workflow(vals)
        return True

    def _am_record_end(self, latitude, longitude, accuracy):
        self._am_check_own()
        vals = self._am_device_position(latitude, longitude, accuracy, "out")
        for report in self:
            if report.am_located_out:
                raise UserError(_("The position at end of this report is already recorded."))
        for report in self:
            values = dict(vals)
            if not report.check_out:
                values["check_out"] = fields.Datetime.now()
            report._write_workflow(values)
        return True

    @api.multi
    def action_am_position_in(self):
        """Button: record the browser's position as the position at start
        (the web client sends it in the context)."""
        ctx = self.env.context
        return self._am_record_start(ctx.get("am_latitude"), ctx.get("am_longitude"),
                                     ctx.get("am_accuracy"))

    @api.multi
    def action_am_position_out(self):
        """Button: stop work now, at the browser's position."""
        ctx = self.env.context
        return self._am_record_end(ctx.get("am_latitude"), ctx.get("am_longitude"),
                                   ctx.get("am_accuracy"))

    @api.model
    def report_position(self, latitude, longitude, accuracy=None):
        """RPC clients (mobile): report the device's position now; it starts
        the user's work (a new position report) or, when a report is open,
        ends it. Returns the report's id."""
        employee = self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)
        if not employee:
            raise UserError(_(
                "Your user is not linked to an employee: ask HR to link it before "
                "reporting your position."))
        # validate before creating anything
        self._am_device_position(latitude, longitude, accuracy, "in")
        report = self.search([("employee_id", "=", employee.id),
                              ("check_out", "=", False)], limit=1)
        if report:
            report._am_record_end(latitude, longitude, accuracy)
            return report.id
        report = self.create({"employee_id": employee.id,
                              "check_in": fields.Datetime.now()})
        report._am_record_start(latitude, longitude, accuracy)
        return report.id
