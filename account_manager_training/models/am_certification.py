# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import training_rules, validation

# follow the expiry date (through _write_workflow), never written by a client
WORKFLOW_FIELDS = {"state", "reminder_sent"}

CERTIFICATION_STATES = [
    ("valid", "Valid"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
]


class AmCertification(models.Model):
    """An external certification (securities qualification, AFP, CFP...)."""

    _name = "am.certification"
    _description = "Certification"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "expiry_date, id"

    name = fields.Char(required=True, track_visibility="onchange")
    number = fields.Char(track_visibility="onchange")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict",
        track_visibility="onchange")
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True,
        string="Department")
    issuer = fields.Char()
    issue_date = fields.Date(track_visibility="onchange")
    expiry_date = fields.Date(track_visibility="onchange", index=True)
    state = fields.Selection(
        CERTIFICATION_STATES, default="valid", readonly=True, index=True,
        track_visibility="onchange")
    reminder_sent = fields.Boolean(
        string="Renewal reminder sent", readonly=True,
        help="A renewal reminder activity has been scheduled.")

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        for cert in self:
            if cert.issue_date and cert.expiry_date and cert.expiry_date < cert.issue_date:
                raise ValidationError(_(
                    "%s: the expiry date cannot be before the issue date.") % cert.name)
            if cert.issue_date and cert.issue_date > fields.Date.context_today(cert):
                raise ValidationError(_(
                    "%s: the issue date cannot be in the future.") % cert.name)
        validation.check_dates(self, ("issue_date", "expiry_date"),
                               _("The issue and expiry dates"))

    @api.constrains("name", "number", "issuer")
    def _check_texts(self):
        validation.check_text(self, "name", _("The certification name"))
        validation.check_text(self, "number", _("The certification number"),
                              training_rules.CODE_MAX_LENGTH, required=False)
        validation.check_text(self, "issuer", _("The issuer"), required=False)

    @api.model
    def _reminder_days(self):
        return self.env["res.config.settings"]._am_training_value("certification_reminder_days")

    def _state_for(self, expiry_date):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return training_rules.certification_state(
            today, fields.Date.from_string(expiry_date) if expiry_date else None,
            self._reminder_days())

    @api.model
    def _check_workflow_vals(self, vals):
        if WORKFLOW_FIELDS & set(vals):
            raise UserError(_(
                "The status of a certification follows its expiry date, and the "
                "renewal reminder is sent by the scheduled action: they cannot be "
                "edited."))

    @api.model
    def create(self, vals):
        self._check_workflow_vals(vals)
        vals = dict(vals, state=self._state_for(vals.get("expiry_date")))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_workflow_vals(vals)
        if "expiry_date" in vals:
            vals = dict(vals, state=self._state_for(vals["expiry_date"]),
                        reminder_sent=False)
        return super().write(vals)

    @api.multi
    def _write_workflow(self, vals):
        """Status and reminder flag, from the scheduled action (private: not
        callable over RPC)."""
        return super(AmCertification, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.model
    def _cron_update_states(self):
        """Refresh states (one search and write per state) and remind."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        limit = training_rules.add_days(today, self._reminder_days())
        to_s = fields.Date.to_string
        domains = {
            "expired": [("expiry_date", "<", to_s(today))],
            "expiring": [("expiry_date", ">=", to_s(today)),
                         ("expiry_date", "<=", to_s(limit))],
            "valid": ["|", ("expiry_date", "=", False),
                      ("expiry_date", ">", to_s(limit))],
        }
        for state, domain in domains.items():
            stale = self.search(domain + [("state", "!=", state)])
            if stale:
                stale._write_workflow({"state": state})
        self._schedule_reminders()

    @api.model
    def _schedule_reminders(self):
        """One renewal activity per certification entering its reminder window."""
        to_remind = self.search([("state", "=", "expiring"), ("reminder_sent", "=", False)])
        if not to_remind:
            return to_remind
        # the training addon's one place scheduling activities (it does not
        # depend on account_manager_process and its set-based helper)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        for cert in to_remind:
            self.env["mail.activity"].create({
                "res_model_id": model_id,
                "res_id": cert.id,
                "activity_type_id": activity_type.id,
                "summary": _("Renew %s") % cert.name,
                "note": _("%(name)s expires on %(date)s.") % {
                    "name": cert.name, "date": cert.expiry_date},
                "date_deadline": cert.expiry_date,
                "user_id": cert.employee_id.user_id.id or self.env.uid,
            })
        to_remind._write_workflow({"reminder_sent": True})
        return to_remind
