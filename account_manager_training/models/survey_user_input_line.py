# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class SurveyUserInputLine(models.Model):
    """Answers of an exam attempt: only its taker answers, until it is done."""

    _inherit = "survey.user_input_line"

    @api.model
    def _get_mark(self, value_suggested):
        # the answer key is read by the server, not as the person answering;
        # an exam's answers carry no mark (the attempt is scored on the
        # training record): neither the answer lines nor the survey's
        # per-question scores page tell which answers are right
        label = self.env["survey.label"].sudo().browse(int(value_suggested))
        if not label.exists() or label.question_id.survey_id._am_is_exam():
            return 0.0
        return label.quizz_mark

    @api.model
    def _am_check_exam_attempts(self, user_inputs):
        attempts = user_inputs.sudo().filtered("am_record_id")
        if not attempts:
            return
        if attempts.filtered(lambda i: i.state == "done"):
            raise UserError(_("The answers of a finished exam attempt cannot be changed."))
        # as the user writing the answers, not as the superuser reading them
        attempts.with_env(self.env)._am_check_taker()

    @api.model
    def create(self, vals):
        if vals.get("user_input_id"):
            self._am_check_exam_attempts(
                self.env["survey.user_input"].browse(vals["user_input_id"]))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        user_inputs = self.sudo().mapped("user_input_id")
        if vals.get("user_input_id"):
            user_inputs |= self.env["survey.user_input"].browse(vals["user_input_id"])
        self._am_check_exam_attempts(user_inputs)
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._am_check_exam_attempts(self.sudo().mapped("user_input_id"))
        return super().unlink()
