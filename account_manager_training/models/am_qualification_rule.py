# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import training_rules, validation


class AmQualificationRule(models.Model):
    """What an employee must have passed to hold a qualification."""

    _name = "am.qualification.rule"
    _description = "Qualification Rule"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    category_id = fields.Many2one(
        "am.training.category", string="Counted category",
        help="Only courses of this category count; empty counts every category.")
    course_type = fields.Selection(
        [("online", "Online course"), ("offline", "Offline session")],
        string="Counted course type")
    min_courses = fields.Integer(
        string="Courses to pass", default=1, track_visibility="onchange")
    period_months = fields.Integer(
        string="Within (months)", default=12, track_visibility="onchange",
        help="A passed course counts this many months; 0 means forever.")
    required_course_ids = fields.Many2many(
        "am.training.course", "am_qualification_rule_course_rel", "rule_id", "course_id",
        string="Required courses / exams")
    job_ids = fields.Many2many(
        "hr.job", "am_qualification_rule_job_rel", "rule_id", "job_id",
        string="Applies to job positions", help="Empty applies to every employee.")
    qualification_ids = fields.One2many(
        "am.employee.qualification", "rule_id", string="Employee qualifications")

    @api.constrains("min_courses", "period_months")
    def _check_numbers(self):
        for rule in self:
            if rule.min_courses < 0 or rule.period_months < 0:
                raise ValidationError(_(
                    "The courses to pass and the months cannot be negative."))
        validation.check_range(self, "min_courses", _("The courses to pass"),
                               0, training_rules.MAX_COURSES_TO_PASS)
        validation.check_range(self, "period_months", _("The months a course counts"),
                               0, training_rules.MAX_MONTHS)

    @api.constrains("min_courses", "required_course_ids")
    def _check_criteria(self):
        for rule in self:
            if not training_rules.rule_has_criteria(
                    rule.min_courses, rule.required_course_ids.ids):
                raise ValidationError(_(
                    "%s has no criteria: give a number of courses to pass or the "
                    "required courses / exams, otherwise every employee would be "
                    "qualified.") % rule.name)

    @api.constrains("name")
    def _check_name(self):
        validation.check_text(self, "name", _("The qualification name"))

    @api.multi
    def action_recompute(self):
        # public method: only those who configure the rules trigger the batch
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.env["am.employee.qualification"].sudo()._recompute_all()
        return True
