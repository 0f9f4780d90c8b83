# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

COORDINATOR = "account_manager_training.group_training_coordinator"


class SurveyUserInput(models.Model):
    """An exam attempt of an online course is a survey answer."""

    _inherit = "survey.user_input"

    am_record_id = fields.Many2one(
        "am.training.record", string="Training record", index=True,
        ondelete="set null", readonly=True)

    def _am_check_record_link(self, record_id):
        """Survey answers are writable by anybody: only link one's own record."""
        if not record_id or self.env.user.has_group(COORDINATOR):
            return
        record = self.env["am.training.record"].sudo().browse(record_id)
        if record.employee_id.user_id != self.env.user:
            raise AccessError(_("You can only take your own exams."))

    @api.multi
    def _am_check_taker(self):
        """Only the employee taking an exam attempt (or a coordinator) answers it."""
        if self.env.user.has_group(COORDINATOR):
            return
        for user_input in self.sudo().filtered("am_record_id"):
            if user_input.am_record_id.employee_id.user_id != self.env.user:
                raise AccessError(_("You can only take your own exams."))

    @api.model
    def create(self, vals):
        self._am_check_record_link(vals.get("am_record_id"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "am_record_id" in vals:
            self._am_check_record_link(vals["am_record_id"])
        self._am_check_taker()
        # an attempt is scored once: "done" written again must not rescore
        # (and so retake) a finished one
        newly_done = self.filtered(
            lambda i: i.am_record_id and i.state != "done"
        ) if vals.get("state") == "done" else self.browse()
        res = super().write(vals)
        for user_input in newly_done:
            user_input.am_record_id._register_exam_attempt(user_input)
        return res
