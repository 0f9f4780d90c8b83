# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import training_rules, validation


class HrCourse(models.Model):
    """An offline training session (OCA hr_course) of a catalog course."""

    _inherit = ["hr.course", "mail.activity.mixin"]
    _name = "hr.course"

    permanence = fields.Boolean(string="Permanence commitment")
    am_course_id = fields.Many2one(
        "am.training.course", string="Training course", index=True,
        domain=[("course_type", "=", "offline")], track_visibility="onchange")
    am_location = fields.Char(string="Location", track_visibility="onchange")
    am_trainer_id = fields.Many2one(
        "res.partner", string="Trainer", track_visibility="onchange")
    am_capacity = fields.Integer(
        string="Capacity", help="Maximum attendees; 0 means unlimited.")
    am_registration_deadline = fields.Datetime(
        string="Registration deadline", track_visibility="onchange")
    am_start = fields.Datetime(string="Starts at", track_visibility="onchange")
    am_stop = fields.Datetime(string="Ends at", track_visibility="onchange")
    am_registered_count = fields.Integer(
        string="Registered", compute="_compute_am_registration",
        help="Employees registered for the session.")
    am_seats_left = fields.Integer(
        string="Seats left", compute="_compute_am_registration")
    am_is_registered = fields.Boolean(
        string="I am registered", compute="_compute_am_registration")

    @api.depends("attendant_ids", "am_capacity")
    def _compute_am_registration(self):
        my_employees = self.env.user.employee_ids
        for session in self:
            count = len(session.sudo().attendant_ids)
            session.am_registered_count = count
            session.am_seats_left = (
                max(session.am_capacity - count, 0) if session.am_capacity else 0)
            session.am_is_registered = bool(my_employees & session.sudo().attendant_ids)

    @api.constrains("am_start", "am_stop", "am_registration_deadline")
    def _check_am_times(self):
        for session in self:
            if session.am_start and session.am_stop and session.am_stop < session.am_start:
                raise ValidationError(_("A session cannot end before it starts."))
            if (session.am_registration_deadline and session.am_start
                    and session.am_registration_deadline > session.am_start):
                raise ValidationError(_(
                    "%s: the registration deadline cannot be after the start of the "
                    "session.") % session.name)
        validation.check_dates(
            self, ("am_start", "am_stop", "am_registration_deadline"),
            _("The session times and registration deadline"))

    @api.constrains("name", "am_location")
    def _check_am_texts(self):
        validation.check_text(self, "name", _("The session name"))
        validation.check_text(self, "am_location", _("The location"), required=False)

    @api.constrains("am_capacity", "attendant_ids")
    def _check_am_capacity(self):
        for session in self:
            if session.am_capacity < 0:
                raise ValidationError(_("The capacity cannot be negative."))
            if session.am_capacity > training_rules.MAX_CAPACITY:
                raise ValidationError(_(
                    "The capacity cannot be more than %s seats.")
                    % training_rules.MAX_CAPACITY)
            if session.am_capacity and len(session.attendant_ids) > session.am_capacity:
                raise ValidationError(_(
                    "%(session)s is full: %(seats)s seats.") % {
                        "session": session.name, "seats": session.am_capacity})

    @api.model
    def _am_sync_dates(self, vals):
        # hr_course works with dates; the session times (UTC) give them, as
        # local days of the user planning the session
        for key, date_key in (("am_start", "start_date"), ("am_stop", "end_date")):
            if vals.get(key):
                local = fields.Datetime.context_timestamp(
                    self, fields.Datetime.from_string(vals[key]))
                vals[date_key] = fields.Date.to_string(local.date())
        return vals

    @api.model
    def create(self, vals):
        if vals.get("state", "draft") != "draft":
            raise UserError(_(
                "A session is created as a draft; its status then changes with its "
                "buttons (open registration, start, rate, complete, cancel)."))
        return super().create(self._am_sync_dates(dict(vals)))

    @api.multi
    def write(self, vals):
        if "state" in vals:
            raise UserError(_(
                "The status of a session only changes with its buttons (open "
                "registration, start, rate, complete, cancel)."))
        return super().write(self._am_sync_dates(dict(vals)))

    @api.multi
    def _write_workflow(self, vals):
        """Change the status after the checks of a button (private: not
        callable over RPC)."""
        return super(HrCourse, self).write(  # pylint: disable=super-method-mismatch
            self._am_sync_dates(dict(vals)))

    # hr_course's buttons write the status with write(): through
    # _write_workflow here, and they answer True for XML-RPC clients
    @api.multi
    def draft2waiting(self):
        for record in self:
            record._write_workflow(record._draft2waiting_values())
        return True

    @api.multi
    def waiting2inprogress(self):
        for record in self:
            record._write_workflow(record._waiting2inprogress_values())
        return True

    @api.multi
    def inprogress2validation(self):
        for record in self:
            record._write_workflow(record._inprogress2validation_values())
        return True

    @api.multi
    def validation2complete(self):
        for record in self:
            if record.course_attendee_ids.filtered(
                    lambda r: r.result == "pending" and r.active):
                raise ValidationError(
                    _("You cannot complete the course with pending results"))
            record._write_workflow(record._validation2complete_values())
        return True

    @api.multi
    def back2draft(self):
        for record in self:
            if record.am_course_id and record.state in (
                    "in_progress", "in_validation", "completed"):
                raise UserError(_(
                    "%s took place: its attendance is kept and it cannot go back "
                    "to draft.") % record.name)
            record._write_workflow(record._back2draft_values())
        return True

    @api.multi
    def all_passed(self):
        if self.filtered("am_course_id"):
            raise UserError(_(
                "The results of a training session follow the attendance and the "
                "post-class scores: enter the scores instead."))
        for record in self:
            record.course_attendee_ids._write_workflow({"result": "passed"})
        return True

    @api.multi
    def unlink(self):
        # hr_course lets HR managers delete any session, with its attendance
        if any(s.am_course_id and s.state not in ("draft", "cancelled") for s in self):
            raise UserError(_(
                "A training session that was opened keeps its registrations and "
                "attendance: cancel it instead of deleting it."))
        return super().unlink()

    def _am_refusal_message(self, reason, employee):
        messages = {
            training_rules.REFUSE_ALREADY: _(
                "%(employee)s is already registered for %(session)s."),
            training_rules.REFUSE_CLOSED: _(
                "%(employee)s cannot register: %(session)s is not open for registration."),
            training_rules.REFUSE_DEADLINE: _(
                "%(employee)s cannot register: the registration deadline of %(session)s "
                "has passed."),
            training_rules.REFUSE_FULL: _("%(employee)s cannot register: %(session)s is full."),
        }
        return messages[reason] % {"employee": employee.name, "session": self.name}

    @api.multi
    def action_am_register(self):
        """The current user registers himself for the session."""
        self.ensure_one()
        employee = self.env.user.employee_ids[:1]
        if not employee:
            raise UserError(_("Your user is not linked to an employee."))
        self._am_register_employee(employee)
        return True

    @api.multi
    def action_am_unregister(self):
        """The current user cancels his own registration before the deadline."""
        self.ensure_one()
        employee = self.env.user.employee_ids[:1]
        if not employee:
            raise UserError(_("Your user is not linked to an employee."))
        self._am_unregister_employee(employee)
        return True

    @api.multi
    def _am_unregister_employee(self, employee):
        self.ensure_one()
        session = self.sudo()
        reason = training_rules.unregistration_refusal(
            fields.Datetime.now(),
            session.state == "waiting_attendees",
            session.am_registration_deadline,
            employee in session.attendant_ids,
        )
        if reason:
            messages = {
                training_rules.REFUSE_NOT_REGISTERED: _(
                    "%(employee)s is not registered for %(session)s."),
                training_rules.REFUSE_CLOSED: _(
                    "%(employee)s cannot cancel the registration: %(session)s is no "
                    "longer open for registration. Ask the training coordinator."),
                training_rules.REFUSE_DEADLINE: _(
                    "%(employee)s cannot cancel the registration: the registration "
                    "deadline of %(session)s has passed. Ask the training coordinator."),
            }
            raise UserError(messages[reason] % {
                "employee": employee.name, "session": self.name})
        attendees = session.course_attendee_ids.filtered(
            lambda a: a.employee_id == employee)
        # a registration not yet started is no training fact: withdrawn
        session.env["am.training.record"].search([
            ("session_id", "=", session.id), ("employee_id", "=", employee.id),
            ("state", "=", "registered")]).unlink()
        attendees.unlink()
        session.write({"attendant_ids": [(3, employee.id)]})
        session.message_post(body=_("%s cancelled the registration.") % employee.name)

    @api.multi
    def _am_register_employee(self, employee):
        self.ensure_one()
        session = self.sudo()
        reason = training_rules.registration_refusal(
            fields.Datetime.now(),
            session.state == "waiting_attendees",
            session.am_registration_deadline,
            session.am_capacity,
            len(session.attendant_ids),
            employee in session.attendant_ids,
        )
        if reason:
            raise UserError(self._am_refusal_message(reason, employee))
        # checks done above; employees have no write access on sessions
        session.write({"attendant_ids": [(4, employee.id)]})
        session.env["hr.course.attendee"].create(session._attendee_values(employee))
        session.message_post(body=_("%s registered.") % employee.name)

    @api.multi
    def _inprogress2validation_values(self):
        values = super()._inprogress2validation_values()
        # the class is over: whoever never checked in was absent
        absent = self.course_attendee_ids.filtered(lambda a: not a.am_checkin)
        if absent:
            absent._write_workflow({"result": "absent"})
            absent._am_sync_record()
        return values

    @api.multi
    def cancel_course(self):
        for record in self:
            record._write_workflow(record._cancel_course_values())
        # nothing happened in a cancelled session: its registrations are no
        # training fact and must not stay "registered" on the employees
        self.env["am.training.record"].sudo().search([
            ("session_id", "in", self.ids), ("state", "=", "registered")]).unlink()
        return True

    @api.multi
    def action_am_view_attendance(self):
        self.ensure_one()
        action = self.env.ref(
            "account_manager_training.action_am_course_attendee").read()[0]
        action["domain"] = [("course_id", "=", self.id)]
        return action
