# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_input, am_locks, am_rules

SLA_STATUS = [("on_time", "On time"), ("at_risk", "At risk"), ("breached", "Breached")]
# the priority widget shows a star for each value after the first, which
# means "not rated"
SATISFACTION = [
    ("0", "Not rated"),
    ("1", "Very dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neither satisfied nor dissatisfied"),
    ("4", "Satisfied"),
    ("5", "Very satisfied"),
]
LEADER_GROUP = "account_manager_process.group_team_leader"
# recorded by the stage changes, the buttons and the escalation action only,
# or computed: a plain create()/write() over RPC - whoever calls, superuser
# included - must not backdate a closing (resolved within SLA), reset an
# escalation or forge an SLA status. Workflow code writes them with
# _write_workflow().
AM_WORKFLOW_FIELDS = {
    "am_closed_date", "date_closed", "am_acknowledged_date", "am_escalation_level",
    "am_reopen_count", "am_sla_status", "am_resolved_within_sla", "am_breach_rate",
    "am_resolution_hours", "am_ack_deadline", "am_resolve_deadline", "am_sla_policy_id",
    "am_employee_id", "am_department_id", "am_is_closed", "am_satisfaction_score",
}
# the reception date may be at most this many hours ahead of the server clock
CLAIM_DATE_FUTURE_HOURS = 1


def _dt(value):
    return fields.Datetime.from_string(value)


class CrmClaim(models.Model):
    _inherit = "crm.claim"

    am_channel = fields.Selection(
        [("visit", "Visit"),
         ("phone", "Phone"),
         ("letter", "Letter"),
         ("email", "E-mail"),
         ("walk_in", "Walk-in"),
         ("regulator", "Forwarded by regulator"),
         ("consumer_association", "Forwarded by consumer association")],
        string="Channel", default="phone", track_visibility="onchange")
    am_employee_id = fields.Many2one(
        "hr.employee", string="Responsible employee",
        compute="_compute_am_employee_id", store=True)
    am_department_id = fields.Many2one(
        related="am_employee_id.department_id", store=True, readonly=True, string="Team")
    am_sla_policy_id = fields.Many2one(
        "am.claim.sla.policy", string="SLA policy",
        compute="_compute_am_sla_policy_id", store=True)
    am_ack_deadline = fields.Datetime(
        string="Acknowledge before", compute="_compute_am_deadlines", store=True)
    am_resolve_deadline = fields.Datetime(
        string="Resolve before", compute="_compute_am_deadlines", store=True)
    am_acknowledged_date = fields.Datetime(
        string="Acknowledged on", readonly=True, copy=False)
    am_closed_date = fields.Datetime(
        string="Closed on", readonly=True, copy=False, index=True)
    am_is_closed = fields.Boolean(
        related="stage_id.am_is_closed", store=True, readonly=True, string="Closed")
    am_sla_status = fields.Selection(
        SLA_STATUS, string="SLA status", compute="_compute_am_sla_status", store=True,
        help="Recomputed on every change and by the hourly escalation action.")
    am_resolved_within_sla = fields.Boolean(
        string="Resolved within SLA", compute="_compute_am_sla_status", store=True)
    am_breach_rate = fields.Float(
        string="Breach rate (%)", compute="_compute_am_sla_status", store=True,
        group_operator="avg", help="100 for a breached complaint, 0 otherwise: its "
                                   "average is the breach rate.")
    am_resolution_hours = fields.Float(
        string="Resolution time (hours)", compute="_compute_am_resolution_hours",
        store=True, group_operator="avg")
    am_escalation_level = fields.Integer(
        string="Escalation level", readonly=True, copy=False, track_visibility="onchange")
    am_satisfaction = fields.Selection(
        SATISFACTION, string="Customer satisfaction", copy=False, default="0",
        track_visibility="onchange",
        help="The customer's satisfaction with the handling, from 1 star (very "
             "dissatisfied) to 5 stars (very satisfied), recorded at closing by the "
             "team leader, not by the account manager responsible for the complaint.")
    am_satisfaction_score = fields.Integer(
        string="Satisfaction score", compute="_compute_am_satisfaction_score", store=True,
        group_operator="avg",
        help="The satisfaction as a number from 1 to 5 for averages; 0 when not rated.")
    am_can_rate_satisfaction = fields.Boolean(
        string="Can rate the satisfaction", compute="_compute_am_can_rate_satisfaction")
    am_reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    am_corrective_action = fields.Text(string="Corrective action")
    am_preventive_action = fields.Text(string="Preventive action")
    am_visit_id = fields.Many2one("am.visit", string="Follow-up visit")
    # set when the complaint is closed, never copied to a new complaint
    date_closed = fields.Datetime(copy=False)
    # a copy is a new complaint: received now, its SLA clock starts now
    date = fields.Datetime(copy=False)

    @api.depends("user_id")
    def _compute_am_employee_id(self):
        employees = self.env["hr.employee"].sudo().search(
            [("user_id", "in", self.mapped("user_id").ids)])
        by_user = {e.user_id.id: e.id for e in employees}
        for claim in self:
            claim.am_employee_id = by_user.get(claim.user_id.id, False)

    @api.depends("categ_id", "priority")
    def _compute_am_sla_policy_id(self):
        policy_model = self.env["am.claim.sla.policy"].sudo()
        for claim in self:
            claim.am_sla_policy_id = policy_model._find_policy(claim.categ_id.id, claim.priority)

    @api.depends("date", "am_sla_policy_id.acknowledge_hours", "am_sla_policy_id.resolve_hours")
    def _compute_am_deadlines(self):
        for claim in self:
            start = _dt(claim.date or claim.create_date)
            policy = claim.am_sla_policy_id
            ack = am_rules.sla_deadline(start, policy.acknowledge_hours)
            resolve = am_rules.sla_deadline(start, policy.resolve_hours)
            claim.am_ack_deadline = ack and fields.Datetime.to_string(ack)
            claim.am_resolve_deadline = resolve and fields.Datetime.to_string(resolve)

    @api.depends("am_ack_deadline", "am_resolve_deadline", "am_closed_date",
                 "am_acknowledged_date")
    def _compute_am_sla_status(self):
        now = datetime.utcnow()
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        for claim in self:
            status = am_rules.sla_status(
                now, _dt(claim.date or claim.create_date), _dt(claim.am_resolve_deadline),
                _dt(claim.am_closed_date), _dt(claim.am_ack_deadline),
                _dt(claim.am_acknowledged_date), at_risk)
            claim.am_sla_status = status
            claim.am_resolved_within_sla = bool(claim.am_closed_date) and status != "breached"
            claim.am_breach_rate = 100.0 if status == "breached" else 0.0

    @api.depends("date", "am_closed_date")
    def _compute_am_resolution_hours(self):
        for claim in self:
            claim.am_resolution_hours = am_rules.hours_between(
                _dt(claim.date), _dt(claim.am_closed_date))

    @api.depends("am_satisfaction")
    def _compute_am_satisfaction_score(self):
        for claim in self:
            claim.am_satisfaction_score = int(claim.am_satisfaction or 0)

    @api.depends("user_id")
    def _compute_am_can_rate_satisfaction(self):
        is_leader = self.env.user.has_group(LEADER_GROUP)
        for claim in self:
            claim.am_can_rate_satisfaction = is_leader and claim.user_id != self.env.user

    @api.model
    def _am_normalize_satisfaction(self, value):
        """'0'..'5' from what a client may send (the key, its number, empty)."""
        if value in (False, None, "", 0, "0"):
            return "0"
        key = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if key not in dict(SATISFACTION):
            raise ValidationError(_(
                "Customer satisfaction is rated from 1 (very dissatisfied) to 5 (very "
                "satisfied) stars; leave it empty when the customer did not rate."))
        return key

    def _am_check_can_rate(self, claims_user_ids):
        """Only a team leader records the customer's satisfaction, and never for
        a complaint he is responsible for himself."""
        if not self.env.user.has_group(LEADER_GROUP):
            raise UserError(_(
                "Only the team leader records the customer's satisfaction with a "
                "complaint: the account manager handling it cannot rate his own work."))
        if self.env.user.id in claims_user_ids:
            raise UserError(_(
                "You are responsible for this complaint: the customer's satisfaction "
                "with its handling is recorded by your team leader."))

    def _am_check_input(self, vals):
        """Clear messages for bad input, before anything is written."""
        if "name" in vals:
            vals["name"] = am_input.clean_name(self, vals["name"], _("The subject"))
        for name, label in (("description", _("The description")),
                            ("resolution", _("The resolution")),
                            ("cause", _("The root cause")),
                            ("am_corrective_action", _("The corrective action")),
                            ("am_preventive_action", _("The preventive action"))):
            if name in vals:
                am_input.check_text(self, vals[name], label)
        if vals.get("date"):
            am_input.check_datetime(self, vals["date"], _("The date of the complaint"),
                                    max_future_hours=CLAIM_DATE_FUTURE_HOURS)
        if vals.get("date_deadline"):
            am_input.check_date(self, vals["date_deadline"], _("The deadline"))
        if "am_satisfaction" in vals:
            vals["am_satisfaction"] = self._am_normalize_satisfaction(vals["am_satisfaction"])

    @api.model
    def _am_refuse_workflow_fields(self, vals):
        forged = sorted(AM_WORKFLOW_FIELDS.intersection(vals))
        if forged:
            raise UserError(_(
                "The closing and acknowledgement dates, the SLA deadlines and status, the "
                "escalation level and the reopen count of a complaint are recorded "
                "automatically (%s).") % ", ".join(
                    self._fields[name].string for name in forged))

    @api.model
    def create(self, vals):
        vals = dict(vals)
        # empty values are the defaults (a copy, an import): only values are refused
        for name in AM_WORKFLOW_FIELDS.intersection(vals):
            if not vals[name]:
                del vals[name]
        self._am_refuse_workflow_fields(vals)
        if "name" not in vals and not self.env.context.get("default_name"):
            vals["name"] = False  # mandatory: refused with a clear message
        self._am_check_input(vals)
        if vals.get("am_satisfaction", "0") != "0":
            self._am_check_can_rate({vals.get("user_id", self.env.uid)})
        claim = super().create(vals)
        if claim.stage_id.am_is_closed:
            claim._am_close()
        return claim

    @api.multi
    def write(self, vals):
        self._am_refuse_workflow_fields(vals)
        vals = dict(vals)
        self._am_check_input(vals)
        if "am_satisfaction" in vals and any(
                claim.am_satisfaction != vals["am_satisfaction"] for claim in self):
            self._am_check_can_rate(set(self.mapped("user_id").ids))
        if "date" in vals and not self.env.user.has_group(LEADER_GROUP) and any(
                claim.date != vals["date"] for claim in self):
            # the reception date starts the SLA clock: moving it hides a breach
            raise UserError(_(
                "The date of a complaint starts its SLA deadlines: only a team leader "
                "corrects it."))
        if "stage_id" not in vals:
            return super().write(vals)
        new_stage = self.env["crm.claim.stage"].browse(vals["stage_id"])
        closing = self.filtered(lambda c: not c.stage_id.am_is_closed) \
            if new_stage.am_is_closed else self.browse()
        reopening = self.filtered(lambda c: c.stage_id.am_is_closed) \
            if not new_stage.am_is_closed else self.browse()
        res = super().write(vals)
        closing._am_close()
        for claim in reopening:
            claim._write_workflow({
                "am_reopen_count": claim.am_reopen_count + 1,
                "am_closed_date": False, "date_closed": False,
                "am_satisfaction": "0",
            })
            claim.message_post(body=_("Complaint reopened."))
        return res

    def _am_close(self):
        now = fields.Datetime.now()
        # no stage in the values: write() does not come back here
        self._write_workflow({"am_closed_date": now, "date_closed": now})

    def _write_workflow(self, vals):
        """Write the automatic fields after the checks of the workflow (private:
        not callable over RPC)."""
        return super(CrmClaim, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def action_am_acknowledge(self):
        if any(claim.am_acknowledged_date for claim in self):
            raise UserError(_("This complaint is already acknowledged."))
        self._write_workflow({"am_acknowledged_date": fields.Datetime.now()})
        return True

    def _am_escalation_recipient(self, level):
        """Users a complaint of these responsibles escalates to: level 1 the
        team leader, level 2 the manager of the parent department."""
        department = self.am_employee_id.department_id
        if level >= 2 and department.parent_id.manager_id.user_id:
            return department.parent_id.manager_id.user_id
        return department.manager_id.user_id

    @api.model
    def _cron_am_escalate(self):
        """Refresh the SLA status of open complaints and raise escalation levels;
        a complaint is escalated once per level."""
        if not am_locks.try_lock(self.env.cr, "crm.claim._cron_am_escalate"):
            # another run is at work: it escalates the same complaints
            return self.browse()
        settings = self.env["res.config.settings"]
        level1 = settings._am_value("escalation_level1_hours")
        level2 = settings._am_value("escalation_level2_hours")
        open_claims = self.search([("am_is_closed", "=", False),
                                   ("am_resolve_deadline", "!=", False)])
        open_claims._compute_am_sla_status_write()
        now = datetime.utcnow()
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        escalated = self.browse()
        for claim in open_claims:
            level = am_rules.escalation_level(
                now, _dt(claim.am_resolve_deadline), False, level1, level2)
            if level <= claim.am_escalation_level:
                continue
            recipient = claim._am_escalation_recipient(level)
            claim._write_workflow({"am_escalation_level": level})
            if recipient:
                claim.message_subscribe_users(user_ids=recipient.ids)
                self.env["mail.activity"].create({
                    "res_model_id": model_id,
                    "res_id": claim.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": _("Escalated complaint (level %s): SLA breached") % level,
                    "user_id": recipient.id,
                })
            escalated |= claim
        return escalated

    def _compute_am_sla_status_write(self):
        """Store the time-dependent SLA status, one write per status."""
        now = datetime.utcnow()
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        by_status = {}
        for claim in self:
            status = am_rules.sla_status(
                now, _dt(claim.date or claim.create_date), _dt(claim.am_resolve_deadline),
                None, _dt(claim.am_ack_deadline), _dt(claim.am_acknowledged_date), at_risk)
            if status != claim.am_sla_status:
                by_status.setdefault(status, self.browse())
                by_status[status] |= claim
        for status, claims in by_status.items():
            self.env.cr.execute(
                "UPDATE crm_claim SET am_sla_status = %s, am_breach_rate = %s WHERE id IN %s",
                (status, 100.0 if status == "breached" else 0.0, tuple(claims.ids)))
        if by_status:
            self.invalidate_cache(["am_sla_status", "am_breach_rate"])
