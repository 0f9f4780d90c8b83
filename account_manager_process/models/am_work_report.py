# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_rules

REPORT_TYPES = [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")]
FIGURE_FIELDS = (
    "new_customer_visit_count", "maintenance_visit_count", "return_visit_count",
    "complaint_visit_count", "visit_count", "new_customer_count",
    "complaint_handled_count", "opportunity_advanced_count",
)
# set only by the buttons after their checks: a plain write() over RPC must
# not submit, review, backdate or inflate a report
WORKFLOW_FIELDS = {"state", "submit_date", "reviewer_id"}.union(FIGURE_FIELDS)


class AmWorkReport(models.Model):
    _name = "am.work.report"
    _description = "Work report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    report_type = fields.Selection(
        REPORT_TYPES, required=True, default="daily", readonly=True,
        states={"draft": [("readonly", False)]})
    date_from = fields.Date(
        required=True, default=fields.Date.context_today, readonly=True,
        states={"draft": [("readonly", False)]})
    date_to = fields.Date(required=True, readonly=True, states={"draft": [("readonly", False)]})
    user_id = fields.Many2one(
        "res.users", string="Account manager", required=True, index=True,
        default=lambda self: self.env.user, readonly=True,
        states={"draft": [("readonly", False)]})
    employee_id = fields.Many2one("hr.employee", index=True)
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    submit_date = fields.Datetime(readonly=True, copy=False)
    is_on_time = fields.Boolean(compute="_compute_is_on_time", store=True)
    line_ids = fields.One2many("am.work.report.line", "report_id", string="Steps", copy=True)
    # figures of the period, filled in from the records (refreshed until submitted)
    new_customer_visit_count = fields.Integer(string="New customer visits", readonly=True)
    maintenance_visit_count = fields.Integer(string="Maintenance visits", readonly=True)
    return_visit_count = fields.Integer(string="Return visits", readonly=True)
    complaint_visit_count = fields.Integer(string="Complaint visits", readonly=True)
    visit_count = fields.Integer(string="Done visits", readonly=True)
    new_customer_count = fields.Integer(string="New customers", readonly=True)
    complaint_handled_count = fields.Integer(string="Complaints handled", readonly=True)
    opportunity_advanced_count = fields.Integer(string="Opportunities advanced", readonly=True)
    leader_comment = fields.Text(track_visibility="onchange", copy=False)
    reviewer_id = fields.Many2one("res.users", readonly=True, copy=False)

    _sql_constraints = [
        ("period_unique", "unique(user_id, report_type, date_from)",
         "There is already a report of this type for this period."),
    ]

    @api.depends("report_type", "date_from", "user_id")
    def _compute_name(self):
        labels = dict(REPORT_TYPES)
        for report in self:
            report.name = "%s %s %s" % (
                labels.get(report.report_type, ""), report.date_from or "",
                report.user_id.name or "")

    @api.depends("submit_date", "date_to")
    def _compute_is_on_time(self):
        grace = self.env["res.config.settings"]._am_value("report_grace_days")
        for report in self:
            report.is_on_time = am_rules.report_is_on_time(
                fields.Date.from_string(report.date_to),
                fields.Datetime.from_string(report.submit_date), grace)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(_("The report period cannot end before it starts."))

    @api.onchange("report_type", "date_from")
    def _onchange_period(self):
        if self.report_type and self.date_from:
            start, stop = am_rules.report_period(
                self.report_type, fields.Date.from_string(self.date_from))
            self.date_from = fields.Date.to_string(start)
            self.date_to = fields.Date.to_string(stop)

    @api.model
    def _step_lines(self, report_type):
        steps = self.env["am.work.report.step"].search([("report_type", "=", report_type)])
        return [(0, 0, {"step_id": s.id, "name": s.name, "sequence": s.sequence})
                for s in steps]

    @api.model
    def create(self, vals):
        if self.env.uid != SUPERUSER_ID:
            if vals.get("state", "draft") != "draft" or vals.get("leader_comment"):
                raise UserError(_(
                    "A report is created as a draft without a leader's comment; "
                    "it is then submitted and reviewed with its buttons."))
            for name in WORKFLOW_FIELDS - {"state"}:
                vals.pop(name, None)
        report_type = vals.get("report_type", "daily")
        day = fields.Date.from_string(vals.get("date_from") or fields.Date.context_today(self))
        start, stop = am_rules.report_period(report_type, day)
        vals["date_from"] = fields.Date.to_string(start)
        vals.setdefault("date_to", fields.Date.to_string(stop))
        user_id = vals.get("user_id", self.env.uid)
        if not vals.get("employee_id"):
            vals["employee_id"] = self.env["hr.employee"].sudo().search(
                [("user_id", "=", user_id)], limit=1).id
        if not vals.get("line_ids"):
            vals["line_ids"] = self._step_lines(report_type)
        report = super().create(vals)
        report.action_refresh_figures()
        return report

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            if WORKFLOW_FIELDS.intersection(vals):
                raise UserError(_(
                    "The state, submission date and figures of a report are only set "
                    "by its buttons (refresh, submit, review)."))
            if "leader_comment" in vals and (
                    not self.env.user.has_group("account_manager_process.group_team_leader")
                    or self.filtered(lambda r: r.user_id == self.env.user)):
                raise UserError(_("Only the team leader comments a report, not its author."))
        return super().write(vals)

    def _write_workflow(self, vals):
        """Write workflow fields after the checks of a button (private: not
        callable over RPC)."""
        return super(AmWorkReport, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def unlink(self):
        if any(report.state != "draft" for report in self):
            raise UserError(_("Only draft reports can be deleted."))
        return super().unlink()

    @api.multi
    def _period_figures(self):
        """Figures of the report's period, with one grouped query per source."""
        self.ensure_one()
        uid = self.user_id.id
        date_from, date_to = self.date_from, self.date_to
        start_dt, stop_dt = date_from + " 00:00:00", date_to + " 23:59:59"
        visits = self.env["am.visit"].sudo().read_group(
            [("user_id", "=", uid), ("state", "=", "done"),
             ("visit_date", ">=", date_from), ("visit_date", "<=", date_to)],
            ["visit_type"], ["visit_type"])
        by_type = {g["visit_type"]: g["visit_type_count"] for g in visits}
        partners = self.env["res.partner"].sudo().search_count(
            [("am_user_id", "=", uid), ("am_registration_date", ">=", start_dt),
             ("am_registration_date", "<=", stop_dt)])
        claims = self.env["crm.claim"].sudo().search_count(
            [("user_id", "=", uid), ("am_closed_date", ">=", start_dt),
             ("am_closed_date", "<=", stop_dt)])
        leads = self.env["crm.lead"].sudo().search_count(
            [("user_id", "=", uid), ("type", "=", "opportunity"),
             ("date_last_stage_update", ">=", start_dt),
             ("date_last_stage_update", "<=", stop_dt)])
        return {
            "new_customer_visit_count": by_type.get("new_customer", 0),
            "maintenance_visit_count": by_type.get("maintenance", 0),
            "return_visit_count": by_type.get("return", 0),
            "complaint_visit_count": by_type.get("complaint", 0),
            "visit_count": sum(by_type.values()),
            "new_customer_count": partners,
            "complaint_handled_count": claims,
            "opportunity_advanced_count": leads,
        }

    @api.multi
    def action_refresh_figures(self):
        for report in self:
            if report.state != "draft":
                raise UserError(_("The figures of a submitted report are frozen."))
            report._write_workflow(report._period_figures())
        return True

    @api.multi
    def action_submit(self):
        for report in self:
            if report.state != "draft":
                raise UserError(_("Report %s is already submitted.") % report.name)
            if report.user_id != self.env.user:
                raise UserError(_("Only %s can submit this report.") % report.user_id.name)
            empty = report.line_ids.filtered(lambda line: not (line.content or "").strip())
            if empty:
                raise UserError(_("Fill in every step before submitting: %s.")
                                % ", ".join(empty.mapped("name")))
        self.action_refresh_figures()
        self._write_workflow({"state": "submitted", "submit_date": fields.Datetime.now()})
        self.activity_unlink_am()
        return True

    @api.multi
    def action_review(self):
        if not self.env.user.has_group("account_manager_process.group_team_leader"):
            raise UserError(_("Only a team leader reviews reports."))
        for report in self:
            if report.state != "submitted":
                raise UserError(_("Only submitted reports can be reviewed."))
            if report.user_id == self.env.user:
                raise UserError(_("You cannot review your own report."))
            if not (report.leader_comment or "").strip():
                raise UserError(_("Write your comment on %s before marking it reviewed.")
                                % report.name)
        self._write_workflow({"state": "reviewed", "reviewer_id": self.env.uid})
        return True

    @api.multi
    def action_back_to_draft(self):
        if any(report.state != "submitted" for report in self):
            raise UserError(_("Only submitted reports can be sent back to draft."))
        self._write_workflow({"state": "draft", "submit_date": False})
        return True

    @api.multi
    def activity_unlink_am(self):
        self.mapped("activity_ids").unlink()

    @api.model
    def _am_manager_users(self):
        group = self.env.ref("account_manager_process.group_account_manager")
        return group.users.filtered(lambda u: u.active and u.id != 1 and u.employee_ids)

    @api.model
    def _cron_remind_daily_report(self):
        """From the configured hour on, every account manager without a submitted
        daily report for today gets a draft report and one reminder activity."""
        now_local = fields.Datetime.context_timestamp(self, datetime.utcnow())
        if now_local.hour < self.env["res.config.settings"]._am_value("daily_report_hour"):
            return self.browse()
        today = fields.Date.to_string(now_local.date())
        users = self._am_manager_users()
        existing = self.search([("report_type", "=", "daily"), ("date_from", "=", today),
                                ("user_id", "in", users.ids)])
        reports = existing.filtered(lambda r: r.state == "draft")
        for user in users - existing.mapped("user_id"):
            reports |= self.create({"report_type": "daily", "date_from": today,
                                    "user_id": user.id})
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        reminded = reports.filtered(lambda r: not r.activity_ids)
        for report in reminded:
            self.env["mail.activity"].create({
                "res_model_id": model_id,
                "res_id": report.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "date_deadline": today,
                "summary": _("Submit your daily report"),
                "user_id": report.user_id.id,
            })
        return reminded
