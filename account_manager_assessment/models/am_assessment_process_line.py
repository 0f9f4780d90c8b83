# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# what the team leader writes on a process line
USER_WRITABLE = frozenset(("score", "comment"))


class AmAssessmentProcessLine(models.Model):
    """The team leader's score (0-100) of one process item; the lines are
    created with the assessment from its scheme's process items."""
    _name = "am.assessment.process.line"
    _description = "Assessment process score"
    _order = "assessment_id, id"

    assessment_id = fields.Many2one(
        "am.assessment", required=True,
        ondelete="cascade", index=True)
    item_id = fields.Many2one("am.assessment.process.item",
                              string="Process item", required=True,
                              ondelete="restrict")
    name = fields.Char(related="item_id.name", string="Item",
                       readonly=True)
    weight = fields.Float(related="item_id.weight", string="Weight",
                          readonly=True)
    score = fields.Float(digits=(16, 1),
                         group_operator="avg", help="0 to 100")
    comment = fields.Char()

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= 100:
                raise ValidationError(
                    _("The score of %s must be between 0 and 100.")
                    % line.item_id.name)

    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The process items of an assessment come from its "
                          "scheme; they cannot be added by hand."))

    @api.multi
    def write(self, vals):
        if set(vals) - USER_WRITABLE:
            # a leader scores the items; nobody moves a score to another
            # assessment or item, whoever he is and whatever the context
            raise UserError(_("Only the score and the comment of a process "
                              "item can be changed."))
        assessments = self.mapped("assessment_id")
        if assessments.filtered(
                lambda a: a.state not in ("draft", "submitted")):
            raise UserError(_("Process items are scored before the "
                              "assessment is confirmed."))
        assessments._check_not_own()
        res = super().write(vals)
        if "score" in vals:
            # log the leader's scores in the assessment's history
            for line in self:
                line.assessment_id.message_post(body=_(
                    "%(item)s scored %(score)s") % {
                        "item": line.item_id.name, "score": line.score})
        return res

    @api.multi
    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(_("The process items of an assessment come from its "
                          "scheme; they cannot be deleted by hand."))
