# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import training_rules

# set by the attendance and scoring code only (through _write_workflow)
WORKFLOW_FIELDS = {
    "result", "am_assessed", "am_is_late", "am_left_early", "am_is_absent",
    "course_id", "employee_id",
}
# what an attendee of a completed session keeps: the facts are final
FINAL_FIELDS = {"am_checkin", "am_checkout", "am_score", "active"}


class HrCourseAttendee(models.Model):
    """Attendance and post-class assessment of one employee in a session."""

    _inherit = "hr.course.attendee"

    am_course_id = fields.Many2one(
        related="course_id.am_course_id", store=True, readonly=True,
        string="Training course")
    am_checkin = fields.Datetime(string="Check-in")
    am_checkout = fields.Datetime(string="Check-out")
    am_is_late = fields.Boolean(string="Late", compute="_compute_am_attendance", store=True)
    am_left_early = fields.Boolean(
        string="Left early", compute="_compute_am_attendance", store=True)
    am_is_absent = fields.Boolean(
        string="Absent", compute="_compute_am_attendance", store=True)
    am_score = fields.Float(string="Score")
    am_assessed = fields.Boolean(string="Assessed", readonly=True)
    am_record_id = fields.Many2one(
        "am.training.record", compute="_compute_am_record_id", string="Training record")

    @api.model
    def _am_grace_minutes(self):
        return self.env["res.config.settings"]._am_training_value("attendance_grace_minutes")

    @api.depends("am_checkin", "am_checkout", "course_id.am_start",
                 "course_id.am_stop", "course_id.state", "result")
    def _compute_am_attendance(self):
        grace = self._am_grace_minutes()
        to_dt = fields.Datetime.from_string
        for attendee in self:
            session = attendee.course_id
            is_late, left_early = training_rules.attendance_flags(
                to_dt(session.am_start), to_dt(session.am_stop),
                to_dt(attendee.am_checkin), to_dt(attendee.am_checkout), grace)
            attendee.am_is_late = is_late
            attendee.am_left_early = left_early
            attendee.am_is_absent = attendee.result == "absent" or (
                not attendee.am_checkin
                and session.state in ("in_validation", "completed"))

    def _compute_am_record_id(self):
        records = self.env["am.training.record"].search([("attendee_id", "in", self.ids)])
        by_attendee = {r.attendee_id.id: r for r in records}
        for attendee in self:
            attendee.am_record_id = by_attendee.get(attendee.id)

    @api.constrains("am_checkin", "am_checkout")
    def _check_am_times(self):
        for attendee in self:
            if (attendee.am_checkin and attendee.am_checkout
                    and attendee.am_checkout < attendee.am_checkin):
                raise ValidationError(_(
                    "%s: the check-out cannot be before the check-in.")
                    % attendee.employee_id.name)

    @api.constrains("am_score")
    def _check_am_score(self):
        for attendee in self:
            if not training_rules.is_valid_score(attendee.am_score):
                raise ValidationError(_(
                    "%s: a score must be between 0 and 100.") % attendee.employee_id.name)

    @api.constrains("result")
    def _check_am_result(self):
        """passed / failed follow the score and attendance, never set by hand.

        Guards the editable result column and hr_course's "Pass everybody".
        """
        for attendee in self.filtered("am_course_id"):
            if attendee.result not in ("passed", "failed"):
                continue
            absent = not attendee.am_checkin and attendee.course_id.state in (
                "in_validation", "completed")
            expected = training_rules.attendee_result(
                attendee.am_assessed, attendee.am_score,
                attendee.am_course_id.pass_mark, absent)
            if attendee.result != expected:
                raise ValidationError(_(
                    "%(employee)s cannot be marked as %(result)s: the result follows "
                    "the attendance and the post-class score (pass mark %(mark)s). "
                    "Enter the score instead.") % {
                        "employee": attendee.employee_id.name,
                        "result": dict(self._fields["result"]._description_selection(
                            self.env))[attendee.result],
                        "mark": attendee.am_course_id.pass_mark})

    @api.model
    def _am_is_training_session(self, course_id):
        return bool(course_id) and bool(
            self.env["hr.course"].sudo().browse(course_id).am_course_id)

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if self._am_is_training_session(vals.get("course_id")):
            forbidden = set(vals) & (WORKFLOW_FIELDS - {"course_id", "employee_id"})
            if forbidden or vals.get("result", "pending") != "pending":
                raise UserError(_(
                    "The result of a training attendance follows the check-in and "
                    "the post-class score: enter those instead."))
        if vals.get("am_score"):
            vals["am_assessed"] = True
        attendee = super().create(vals)
        if "am_score" in vals or "am_checkin" in vals:
            attendee._am_update_result()
        attendee._am_sync_record()
        return attendee

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        training = self.filtered("am_course_id")
        if training and WORKFLOW_FIELDS & set(vals):
            raise UserError(_(
                "The result of a training attendance follows the check-in and "
                "the post-class score (enter those instead); the session and the "
                "employee of an attendance cannot be changed."))
        if FINAL_FIELDS & set(vals) and training.filtered(
                lambda a: a.course_id.state in ("completed", "cancelled")):
            raise UserError(_(
                "The attendance and scores of a completed or cancelled training "
                "session are final."))
        if "am_score" in vals:
            vals["am_assessed"] = True
        res = super().write(vals)
        if "am_score" in vals or "am_checkin" in vals:
            self._am_update_result()
        tracked = {"am_score", "am_checkin", "am_checkout", "result", "active"}
        if tracked & set(vals):
            self._am_sync_record()
        return res

    @api.multi
    def unlink(self):
        # hr_course lets HR managers delete attendances: keep what happened
        if any(a.am_course_id and a.course_id.state in (
                "in_progress", "in_validation", "completed") for a in self):
            raise UserError(_(
                "The attendance of a training session that took place is kept: "
                "it cannot be deleted."))
        return super().unlink()

    @api.multi
    def _write_workflow(self, vals):
        """Write results after the checks of the attendance code (private:
        not callable over RPC)."""
        return super(HrCourseAttendee, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def _am_update_result(self):
        """passed / failed from the score, never for an absent attendee."""
        for attendee in self:
            result = training_rules.attendee_result(
                attendee.am_assessed, attendee.am_score,
                attendee.am_course_id.pass_mark,
                attendee.result == "absent" and not attendee.am_checkin)
            if result != attendee.result:
                attendee._write_workflow({"result": result})

    @api.multi
    def action_am_check_in(self):
        self.write({"am_checkin": fields.Datetime.now()})
        return True

    @api.multi
    def action_am_check_out(self):
        self.write({"am_checkout": fields.Datetime.now()})
        return True

    def _am_record_values(self):
        self.ensure_one()
        state = {
            "passed": "passed", "failed": "failed", "absent": "absent",
        }.get(self.result) or ("in_progress" if self.am_checkin else "registered")
        done = state in ("passed", "failed", "absent")
        return {
            "employee_id": self.employee_id.id,
            "course_id": self.am_course_id.id,
            "session_id": self.course_id.id,
            "attendee_id": self.id,
            "state": state,
            "score": self.am_score if self.am_assessed else 0.0,
            "attempts": 1 if state in ("passed", "failed") else 0,
            "is_late": self.am_is_late,
            "left_early": self.am_left_early,
            "date_completed": (self.course_id.end_date or fields.Date.context_today(self))
            if done else False,
        }

    @api.multi
    def _am_sync_record(self):
        """Keep the attendee's training record (the single source) current."""
        records = self.env["am.training.record"].sudo()
        existing = records.search([("attendee_id", "in", self.ids)])
        by_attendee = {r.attendee_id.id: r for r in existing}
        for attendee in self.filtered(lambda a: a.am_course_id and a.employee_id):
            values = attendee._am_record_values()
            record = by_attendee.get(attendee.id)
            if record and not attendee.active and record.state == "registered":
                # removed from the session before it started: nothing happened
                record.unlink()
            elif record:
                record._write_workflow(values)
            elif attendee.active:
                records._create_workflow(values)
