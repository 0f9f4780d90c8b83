# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import training_rules, validation


class AmTrainingCourse(models.Model):
    _name = "am.training.course"
    _description = "Training Course"
    _inherit = ["mail.thread"]
    _order = "name"

    def _default_max_attempts(self):
        return self.env["res.config.settings"]._am_training_value("default_max_attempts")

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    code = fields.Char()
    active = fields.Boolean(default=True)
    course_type = fields.Selection(
        [("online", "Online course"), ("offline", "Offline session")],
        required=True, default="online", track_visibility="onchange")
    category_id = fields.Many2one(
        "am.training.category", required=True, ondelete="restrict")
    product_line = fields.Char(related="category_id.product_line", readonly=True)
    description = fields.Text(translate=True)
    hours = fields.Float(default=1.0, track_visibility="onchange")
    pass_mark = fields.Float(
        default=60.0, track_visibility="onchange",
        help="Score (0-100) an attendee must reach to pass.")
    mandatory_job_ids = fields.Many2many(
        "hr.job", "am_training_course_mandatory_job_rel", "course_id", "job_id",
        string="Mandatory for job positions")
    mandatory_from_year = fields.Integer(
        string="Mandatory since (year)",
        help="First year in which the course is mandatory for these positions; "
             "0 means it has always been mandatory.")
    certificate_validity_months = fields.Integer(
        string="Certificate validity (months)",
        help="Months a pass stays valid; 0 means it never expires.")
    survey_id = fields.Many2one(
        "survey.survey", string="Exam",
        help="Quiz taken by the employees of an online course.")
    max_attempts = fields.Integer(
        string="Maximum attempts", default=lambda self: self._default_max_attempts(),
        help="Exam attempts allowed (first try and retakes); 0 means unlimited.")
    session_ids = fields.One2many("hr.course", "am_course_id", string="Sessions")
    record_ids = fields.One2many("am.training.record", "course_id", string="Training records")
    record_count = fields.Integer(
        compute="_compute_record_count", string="Training records")
    is_enrolled = fields.Boolean(
        compute="_compute_is_enrolled", string="Enrolled",
        help="The current user already has a training record for this course.")

    @api.constrains("pass_mark")
    def _check_pass_mark(self):
        for course in self:
            if not 0.0 <= course.pass_mark <= 100.0:
                raise ValidationError(
                    _("The pass mark of %s must be between 0 and 100.") % course.name)

    @api.constrains("hours")
    def _check_hours(self):
        for course in self:
            if course.hours < 0:
                raise ValidationError(
                    _("The hours of %s cannot be negative.") % course.name)
        validation.check_range(self, "hours", _("The hours of a course"),
                               0, training_rules.MAX_COURSE_HOURS)

    @api.constrains("max_attempts", "certificate_validity_months")
    def _check_counts(self):
        for course in self:
            if course.max_attempts < 0 or course.certificate_validity_months < 0:
                raise ValidationError(_(
                    "Maximum attempts and certificate validity cannot be negative."))
        validation.check_range(self, "max_attempts", _("The maximum attempts"),
                               0, training_rules.MAX_ATTEMPTS)
        validation.check_range(
            self, "certificate_validity_months", _("The certificate validity (months)"),
            0, training_rules.MAX_MONTHS)

    @api.constrains("name", "code")
    def _check_texts(self):
        validation.check_text(self, "name", _("The course name"))
        validation.check_text(self, "code", _("The course code"),
                              training_rules.CODE_MAX_LENGTH, required=False)

    @api.constrains("mandatory_from_year")
    def _check_mandatory_from_year(self):
        for course in self.filtered("mandatory_from_year"):
            if not training_rules.in_range(course.mandatory_from_year,
                                           training_rules.MIN_YEAR,
                                           training_rules.MAX_YEAR):
                raise ValidationError(_(
                    "%(course)s: the year since which it is mandatory must be between "
                    "%(low)s and %(high)s (or 0 for always).") % {
                        "course": course.name, "low": training_rules.MIN_YEAR,
                        "high": training_rules.MAX_YEAR})

    @api.multi
    def _compute_record_count(self):
        data = self.env["am.training.record"].read_group(
            [("course_id", "in", self.ids)], ["course_id"], ["course_id"])
        counts = {d["course_id"][0]: d["course_id_count"] for d in data}
        for course in self:
            course.record_count = counts.get(course.id, 0)

    @api.multi
    def _compute_is_enrolled(self):
        employees = self.env.user.employee_ids
        records = self.env["am.training.record"].search([
            ("employee_id", "in", employees.ids), ("course_id", "in", self.ids)])
        today = fields.Date.context_today(self)
        # a pass whose certificate expired is no enrolment: the course is retaken
        current = records.filtered(
            lambda r: not (r.state == "passed" and r.certificate_expiry
                           and r.certificate_expiry < today))
        enrolled = set(current.mapped("course_id").ids)
        for course in self:
            course.is_enrolled = course.id in enrolled

    @api.multi
    def is_mandatory_for(self, job, year):
        """Whether the course is mandatory for job in year."""
        self.ensure_one()
        return bool(job) and job in self.mandatory_job_ids and (
            not self.mandatory_from_year or self.mandatory_from_year <= year)

    @api.multi
    def action_enroll(self):
        """An employee enrols himself in an online course."""
        self.ensure_one()
        employee = self.env.user.employee_ids[:1]
        if not employee:
            raise ValidationError(_("Your user is not linked to an employee."))
        record = self.env["am.training.record"]._enroll(employee, self)
        return record.get_formview_action()

    @api.multi
    def action_view_records(self):
        self.ensure_one()
        action = self.env.ref("account_manager_training.action_am_training_record").read()[0]
        action["domain"] = [("course_id", "=", self.id)]
        action["context"] = {"default_course_id": self.id}
        return action
