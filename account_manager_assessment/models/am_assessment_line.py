# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AmAssessmentLine(models.Model):
    """One rule of one assessment; written in bulk by the assessment's
    computation, read-only for users."""
    _name = "am.assessment.line"
    _description = "Assessment line"
    _order = "assessment_id, id"

    assessment_id = fields.Many2one(
        "am.assessment", required=True, ondelete="cascade", index=True)
    rule_id = fields.Many2one("am.assessment.rule", ondelete="set null")
    metric_id = fields.Many2one(related="rule_id.metric_id", readonly=True)
    name = fields.Char(readonly=True)
    rule_type = fields.Selection(
        [("score", "Scored target"), ("reward", "Reward only")],
        readonly=True)
    direction = fields.Selection(
        [("at_least", "At least"), ("at_most", "At most")], readonly=True)
    target = fields.Float(readonly=True, digits=(16, 2))
    weight = fields.Float(readonly=True)
    actual = fields.Float(readonly=True, digits=(16, 2))
    achievement = fields.Float(string="Achievement (%)", readonly=True,
                               digits=(16, 1), group_operator="avg")
    score = fields.Float(readonly=True, digits=(16, 2), group_operator="avg")
    shortfall = fields.Float(readonly=True, digits=(16, 2))
    surplus = fields.Float(readonly=True, digits=(16, 2))
    penalty = fields.Float(readonly=True, digits=(16, 2))
    reward = fields.Float(readonly=True, digits=(16, 2))
    # for the analysis views
    employee_id = fields.Many2one(related="assessment_id.employee_id",
                                  store=True, readonly=True)
    scheme_id = fields.Many2one(related="assessment_id.scheme_id",
                                store=True, readonly=True)
    date_from = fields.Date(related="assessment_id.date_from", store=True,
                            readonly=True)
    department_id = fields.Many2one(related="assessment_id.department_id",
                                    store=True, readonly=True)
    state = fields.Selection(related="assessment_id.state", readonly=True)
