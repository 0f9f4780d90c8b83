# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AmAssessmentLine(models.Model):
    """One rule of one assessment; written in bulk by the assessment's
    computation, read-only for everybody."""
    _name = "am.assessment.line"
    _description = "Assessment line"
    _order = "assessment_id, id"

    assessment_id = fields.Many2one(
        "am.assessment", required=True,
        ondelete="cascade", index=True)
    rule_id = fields.Many2one("am.assessment.rule",
                              ondelete="set null")
    metric_id = fields.Many2one(related="rule_id.metric_id", string="Metric",
                                readonly=True)
    name = fields.Char(string="Rule description", readonly=True)
    rule_type = fields.Selection(
        [("score", "Scored target"), ("reward", "Reward only")],
        string="Rule type", readonly=True)
    direction = fields.Selection(
        [("at_least", "At least"), ("at_most", "At most")],
        readonly=True)
    target = fields.Float(readonly=True, digits=(16, 2),
                          group_operator="avg")
    weight = fields.Float(readonly=True,
                          group_operator="avg")
    actual = fields.Float(readonly=True, digits=(16, 2))
    achievement = fields.Float(string="Achievement (%)", readonly=True,
                               digits=(16, 1), group_operator="avg")
    score = fields.Float(readonly=True, digits=(16, 2),
                         group_operator="avg")
    shortfall = fields.Float(readonly=True,
                             digits=(16, 2))
    surplus = fields.Float(readonly=True, digits=(16, 2))
    penalty = fields.Float(readonly=True, digits=(16, 2))
    reward = fields.Float(readonly=True, digits=(16, 2))
    # for the analysis views and the record rules
    employee_id = fields.Many2one(related="assessment_id.employee_id",
                                  string="Employee", store=True,
                                  readonly=True)
    scheme_id = fields.Many2one(related="assessment_id.scheme_id",
                                string="Scheme", store=True, readonly=True)
    date_from = fields.Date(related="assessment_id.date_from",
                            string="Period starting", store=True,
                            readonly=True)
    department_id = fields.Many2one(related="assessment_id.department_id",
                                    string="Department", store=True,
                                    readonly=True)
    company_id = fields.Many2one(related="assessment_id.company_id",
                                 string="Company", store=True, readonly=True)
    state = fields.Selection(related="assessment_id.state", string="Status",
                             readonly=True)

    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The lines of an assessment are computed from its "
                          "scheme's rules; they cannot be created by hand."))

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The lines of an assessment are computed from its "
                          "scheme's rules; they cannot be changed by hand."))

    @api.multi
    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(_("The lines of an assessment are computed from its "
                          "scheme's rules; they cannot be deleted by hand."))
