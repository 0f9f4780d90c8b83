# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import training_rules

RECORD_STATES = [
    ("registered", "Registered"),
    ("in_progress", "In progress"),
    ("passed", "Passed"),
    ("failed", "Failed"),
    ("absent", "Absent"),
]

# training facts: set by enrolment, attendance and exams (through
# _write_workflow), never by a client, whoever he is
WORKFLOW_FIELDS = {
    "employee_id", "course_id", "session_id", "attendee_id", "state", "score",
    "attempts", "date_completed", "is_late", "left_early", "hours",
    "certificate_expiry", "pass_rate", "user_id", "department_id", "job_id",
    "course_type", "category_id",
}
# what a coordinator may give when he enrols an employee himself
CREATE_FIELDS = {"employee_id", "course_id", "state"}


class AmTrainingRecord(models.Model):
    """The single source of training facts: one per employee and course cycle."""

    _name = "am.training.record"
    _description = "Training Record"
    _inherit = ["mail.thread"]
    _order = "date_completed desc, id desc"
    _rec_name = "course_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict",
        track_visibility="onchange")
    user_id = fields.Many2one(
        "res.users", related="employee_id.user_id", store=True, readonly=True,
        string="User")
    department_id = fields.Many2one(
        "hr.department", related="employee_id.department_id", store=True,
        readonly=True, string="Department")
    job_id = fields.Many2one(
        "hr.job", related="employee_id.job_id", store=True, readonly=True,
        string="Job Position")
    course_id = fields.Many2one(
        "am.training.course", required=True, index=True, ondelete="restrict")
    course_type = fields.Selection(
        related="course_id.course_type", store=True, readonly=True)
    category_id = fields.Many2one(
        "am.training.category", related="course_id.category_id", store=True,
        readonly=True, string="Category")
    session_id = fields.Many2one("hr.course", readonly=True, index=True)
    attendee_id = fields.Many2one(
        "hr.course.attendee", string="Attendance", readonly=True, index=True)
    state = fields.Selection(
        RECORD_STATES, required=True, default="registered", index=True,
        readonly=True, track_visibility="onchange")
    score = fields.Float(
        readonly=True, track_visibility="onchange", group_operator="avg")
    attempts = fields.Integer(readonly=True, help="Exam attempts completed.")
    max_attempts = fields.Integer(related="course_id.max_attempts", readonly=True)
    hours = fields.Float(
        compute="_compute_hours", store=True, string="Hours earned")
    date_completed = fields.Date(
        index=True, readonly=True, track_visibility="onchange")
    is_late = fields.Boolean(string="Late", readonly=True)
    left_early = fields.Boolean(string="Left early", readonly=True)
    certificate_expiry = fields.Date(
        compute="_compute_certificate_expiry", store=True, string="Certificate expiry")
    pass_rate = fields.Float(
        compute="_compute_pass_rate", store=True, group_operator="avg",
        string="Pass rate (%)",
        help="100 for a passed record, 0 for a failed or absent one: its average "
             "is the pass rate.")
    user_input_ids = fields.One2many(
        "survey.user_input", "am_record_id", string="Exam attempts", readonly=True)
    can_take_exam = fields.Boolean(
        compute="_compute_can_take_exam", string="Exam available")

    _sql_constraints = [
        ("attendee_uniq", "unique (attendee_id)",
         "An attendance already has its training record."),
    ]

    # not on course_id.hours: hours earned are a past fact, a later change of
    # the catalog must not rewrite them (nor the periods already assessed)
    @api.depends("state", "course_id")
    def _compute_hours(self):
        for record in self:
            record.hours = training_rules.hours_earned(
                record.course_id.course_type, record.state, record.course_id.hours)

    @api.depends("state", "date_completed", "course_id.certificate_validity_months")
    def _compute_certificate_expiry(self):
        for record in self:
            expiry = None
            if record.state == "passed":
                expiry = training_rules.certificate_expiry(
                    fields.Date.from_string(record.date_completed),
                    record.course_id.certificate_validity_months)
            record.certificate_expiry = fields.Date.to_string(expiry) if expiry else False

    @api.depends("state")
    def _compute_pass_rate(self):
        for record in self:
            record.pass_rate = 100.0 if record.state == "passed" else 0.0

    @api.depends("state", "attempts", "course_id.max_attempts", "course_id.survey_id")
    def _compute_can_take_exam(self):
        for record in self:
            record.can_take_exam = bool(
                record.course_type == "online" and record.course_id.survey_id
                and training_rules.can_attempt(
                    record.state, record.attempts, record.course_id.max_attempts))

    @api.constrains("score")
    def _check_score(self):
        for record in self:
            if not training_rules.is_valid_score(record.score):
                raise ValidationError(_("A score must be between 0 and 100."))

    @api.constrains("state", "score")
    def _check_passed_score(self):
        for record in self:
            if record.state == "passed" and record.score < record.course_id.pass_mark:
                raise ValidationError(_(
                    "%(employee)s cannot pass %(course)s with a score of %(score)s: "
                    "the pass mark is %(mark)s.") % {
                        "employee": record.employee_id.name,
                        "course": record.course_id.name,
                        "score": record.score, "mark": record.course_id.pass_mark})

    @api.constrains("attempts")
    def _check_attempts(self):
        for record in self:
            if record.attempts < 0:
                raise ValidationError(_("Attempts cannot be negative."))

    @api.model
    def create(self, vals):
        forbidden = set(vals) & (WORKFLOW_FIELDS - CREATE_FIELDS)
        if forbidden or vals.get("state", "registered") != "registered":
            raise UserError(_(
                "A training record starts as a registration: its status, score, "
                "attempts and dates follow the exams and the session attendance."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if WORKFLOW_FIELDS & set(vals):
            raise UserError(_(
                "Training records are facts: their employee, course, status, score, "
                "attempts, attendance and dates follow the exams and the session "
                "attendance and cannot be edited."))
        return super().write(vals)

    @api.model
    def _create_workflow(self, vals):
        """Create a record with its facts, after the checks of the enrolment,
        attendance or exam code (private: not callable over RPC)."""
        return super(AmTrainingRecord, self).create(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def _write_workflow(self, vals):
        """Write training facts after the checks of the attendance or exam
        code (private: not callable over RPC)."""
        return super(AmTrainingRecord, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def unlink(self):
        if any(record.state != "registered" for record in self):
            raise UserError(_(
                "Only registrations not yet started can be deleted: training "
                "facts are kept."))
        return super().unlink()

    @api.model
    def _enroll(self, employee, course):
        """Enrol employee in an online course (employee self-service)."""
        if course.course_type != "online":
            raise UserError(_(
                "%s is an offline course: register for one of its sessions.")
                % course.name)
        existing = self.sudo().search([
            ("employee_id", "=", employee.id), ("course_id", "=", course.id)])
        today = fields.Date.context_today(self)
        current = existing.filtered(
            lambda r: not (r.state == "passed" and r.certificate_expiry
                           and r.certificate_expiry < today))
        if current:
            raise UserError(_("%(employee)s is already enrolled in %(course)s.") % {
                "employee": employee.name, "course": course.name})
        # employees may not create records themselves: checked above, then sudo
        return self.sudo()._create_workflow({
            "employee_id": employee.id,
            "course_id": course.id,
            "state": "registered",
        }).sudo(self.env.uid)

    @api.multi
    def _check_own_or_coordinator(self):
        coordinator = self.env.user.has_group(
            "account_manager_training.group_training_coordinator")
        for record in self:
            if not coordinator and record.employee_id.user_id != self.env.user:
                raise UserError(_("You can only take your own exams."))

    @api.multi
    def action_start_exam(self):
        """Open a new exam attempt of the course's survey."""
        self.ensure_one()
        self._check_own_or_coordinator()
        course = self.course_id
        if course.course_type != "online" or not course.survey_id:
            raise UserError(_("%s has no online exam.") % course.name)
        if self.state == "passed":
            raise UserError(_("%s is already passed.") % course.name)
        if not training_rules.can_attempt(self.state, self.attempts, course.max_attempts):
            raise UserError(_(
                "No attempt left: %(course)s allows %(attempts)s attempts.") % {
                    "course": course.name, "attempts": course.max_attempts})
        pending = self.user_input_ids.filtered(lambda i: i.state != "done")
        # created as the user (survey lets anybody answer), so he owns it; a
        # "manually" answer is saved by the survey pages as the user himself
        user_input = pending[:1] or self.env["survey.user_input"].create({
            "survey_id": course.survey_id.id,
            "partner_id": self.employee_id.user_id.partner_id.id or False,
            "type": "manually",
            "am_record_id": self.id,
        })
        if self.state == "registered":
            # checked above; employees have no write access on records
            self.sudo()._write_workflow({"state": "in_progress"})
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": "%s/%s" % (
                course.survey_id.with_context(relative_url=True).public_url,
                user_input.token),
        }

    @api.multi
    def _register_exam_attempt(self, user_input):
        """Count a completed exam attempt and decide pass / fail."""
        self.ensure_one()
        record = self.sudo()
        user_input = user_input.sudo()
        survey = user_input.survey_id
        if survey != record.course_id.survey_id:
            return
        questions = {
            q.id: (q.type, {label.id: label.quizz_mark for label in q.labels_ids})
            for q in survey.page_ids.mapped("question_ids")
        }
        # points from the chosen answers' marks, not from the answer lines'
        # stored quizz_mark (which the answering user can write)
        chosen = user_input.user_input_line_ids.filtered(
            lambda line: line.answer_type == "suggestion").mapped("value_suggested").ids
        points = training_rules.exam_points(questions, chosen)
        score = training_rules.exam_percentage(
            points, training_rules.exam_max_points(
                (qtype, list(marks.values())) for qtype, marks in questions.values()))
        attempts = len(record.user_input_ids.filtered(lambda i: i.state == "done"))
        max_attempts = record.course_id.max_attempts
        if max_attempts and attempts > max_attempts:
            # answers opened outside "Take the exam" beyond the allowed attempts
            return
        values = {"attempts": attempts}
        if record.state != "passed":
            passed = training_rules.is_passed(score, record.course_id.pass_mark)
            values.update({
                "score": score,
                "state": "passed" if passed else "failed",
                "date_completed": fields.Date.context_today(self),
            })
        record._write_workflow(values)

    @api.multi
    def action_view_exam_attempts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Exam attempts"),
            "res_model": "survey.user_input",
            "view_mode": "tree,form",
            "domain": [("am_record_id", "=", self.id)],
        }
