# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    am_course_ids = fields.One2many(
        "am.training.course", "survey_id", string="Exam of training courses")

    @api.multi
    def _am_is_exam(self):
        """Whether the survey is the exam of a training course (archived too)."""
        return bool(self and self.env["am.training.course"].sudo().with_context(
            active_test=False).search_count([("survey_id", "in", self.ids)]))
