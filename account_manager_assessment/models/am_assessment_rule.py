# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .am_assessment_scheme import check_schemes


class AmAssessmentRule(models.Model):
    _name = "am.assessment.rule"
    _inherit = ["am.assessment.scheme.part"]
    _description = "Assessment rule"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "am.assessment.scheme", required=True,
        ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    metric_id = fields.Many2one(
        "am.assessment.metric", required=True,
        ondelete="restrict")
    name = fields.Char(
        string="Description", translate=True,
        help="Shown on the assessment; defaults to the metric's name.")
    rule_type = fields.Selection(
        [("score", "Scored target"), ("reward", "Reward only")],
        string="Rule type", required=True, default="score",
        help="A reward-only rule pays per unit and does not count in the "
             "score (e.g. 200 per won deal from provided numbers).")
    direction = fields.Selection(
        [("at_least", "At least"), ("at_most", "At most")],
        required=True, default="at_least")
    target = fields.Float(digits=(16, 2))
    weight = fields.Float(
        default=0.0,
        help="Weight of this rule in the results score; the weights of a "
             "scheme's scored rules sum to 100.")
    score_cap = fields.Float(
        string="Score cap (%)", default=100.0,
        help="Highest score of the rule, in percent of achievement.")
    penalty_per_unit = fields.Float(
        string="Penalty per unit short", digits=(16, 2))
    penalty_cap = fields.Float(
        string="Penalty cap", digits=(16, 2), help="0 = no cap")
    reward_mode = fields.Selection(
        [("none", "No reward"), ("surplus", "Per unit beyond the target"),
         ("achieved", "Per unit achieved")],
        string="Reward", required=True, default="none")
    reward_per_unit = fields.Float(string="Reward per unit", digits=(16, 2))
    reward_cap = fields.Float(string="Reward cap", digits=(16, 2),
                              help="0 = no cap")

    @api.constrains("weight", "rule_type", "scheme_id")
    def _check_scheme_weights(self):
        """A rule added or changed alone (not with its scheme) keeps the
        scheme's weights summing to 100."""
        check_schemes(self.env, self.mapped("scheme_id"))



    @api.constrains("rule_type", "direction", "target", "weight",
                    "score_cap", "penalty_per_unit", "penalty_cap",
                    "reward_per_unit", "reward_cap")
    def _check_figures(self):
        for rule in self:
            label = rule.name or rule.metric_id.name
            if (rule.rule_type == "score" and rule.direction == "at_least"
                    and rule.target <= 0):
                raise ValidationError(
                    _("Rule %s: the target of an 'at least' rule must be "
                      "greater than 0.") % label)
            if rule.target < 0:
                raise ValidationError(
                    _("Rule %s: the target cannot be negative.") % label)
            if min(rule.penalty_per_unit, rule.penalty_cap) < 0:
                raise ValidationError(
                    _("Rule %s: penalties cannot be negative.") % label)
            if min(rule.reward_per_unit, rule.reward_cap) < 0:
                raise ValidationError(
                    _("Rule %s: rewards cannot be negative.") % label)
            if rule.weight < 0 or rule.weight > 100:
                raise ValidationError(
                    _("Rule %s: the weight must be between 0 and 100.")
                    % label)
            if rule.rule_type == "score" and rule.score_cap < 100:
                raise ValidationError(
                    _("Rule %s: the score cap must be at least 100%%.")
                    % label)

    @api.multi
    def _as_dict(self):
        """The rule as the pure functions expect it."""
        return [{
            "id": rule.id, "rule_type": rule.rule_type,
            "direction": rule.direction, "target": rule.target,
            "weight": rule.weight, "score_cap": rule.score_cap,
            "penalty_per_unit": rule.penalty_per_unit,
            "penalty_cap": rule.penalty_cap, "reward_mode": rule.reward_mode,
            "reward_per_unit": rule.reward_per_unit,
            "reward_cap": rule.reward_cap,
        } for rule in self]
