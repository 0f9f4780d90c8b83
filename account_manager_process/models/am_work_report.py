# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_input, am_leader, am_locks, am_mail, am_rules

REPORT_TYPES = [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")]
FIGURE_FIELDS = (
    "new_customer_visit_count", "maintenance_visit_count", "return_visit_count",
    "complaint_visit_count", "visit_count", "new_customer_count",
    "complaint_handled_count", "opportunity_advanced_count",
)
# set only by the buttons after their checks, or computed: a plain create() or
# write() over RPC - whoever calls, superuser included - must not submit,
# review, backdate, inflate or mark a report on time
WORKFLOW_FIELDS = {
    "state", "submit_date", "reviewer_id", "is_on_time", "name", "department_id",
    "employee_id",
}.union(FIGURE_FIELDS)
LEADER_GROUP = "account_manager_process.group_team_leader"


class AmWorkReport(models.Model):
    _name = "am.work.report"
    _description = "Work report"
    _inherit = ["mail.thread", "mail.activity.mixin", "am.leader.mixin"]
    _order = "date_from desc, id desc"
    _am_leader_source = ("employee", "employee_id")

    name = fields.Char(string="Report", compute="_compute_name", store=True)
    report_type = fields.Selection(
        REPORT_TYPES, string="Report type", required=True, default="daily", readonly=True,
        states={"draft": [("readonly", False)]},
        help="A daily report covers one day, a weekly report one week from Monday to "
             "Sunday, a monthly report one calendar month.")
    date_from = fields.Date(
        string="Period start", required=True, default=fields.Date.context_today,
        readonly=True, states={"draft": [("readonly", False)]},
        help="Any day of the period: the report covers the day, the week (Monday to "
             "Sunday) or the month holding it.")
    date_to = fields.Date(
        string="Period end", required=True, readonly=True, copy=False,
        help="Follows from the report type and the period start.")
    user_id = fields.Many2one(
        "res.users", string="Account manager", required=True, index=True,
        default=lambda self: self.env.user, readonly=True)
    employee_id = fields.Many2one("hr.employee", index=True, readonly=True, copy=False)
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        string="Status", default="draft", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange")
    submit_date = fields.Datetime(string="Submitted on", readonly=True, copy=False)
    is_on_time = fields.Boolean(
        string="On time", compute="_compute_is_on_time", store=True,
        help="Submitted no later than the allowed number of days after the period.")
    # the form gets the configured steps from _onchange_report_type_lines(),
    # create() from _add_steps()
    line_ids = fields.One2many("am.work.report.line", "report_id", string="Steps", copy=True)
    # figures of the period, filled in from the records (refreshed until submitted)
    new_customer_visit_count = fields.Integer(
        string="New customer visits", readonly=True, copy=False)
    maintenance_visit_count = fields.Integer(string="Maintenance visits", readonly=True, copy=False)
    return_visit_count = fields.Integer(string="Return visits", readonly=True, copy=False)
    complaint_visit_count = fields.Integer(string="Complaint visits", readonly=True, copy=False)
    visit_count = fields.Integer(string="Done visits", readonly=True, copy=False)
    new_customer_count = fields.Integer(string="New customers", readonly=True, copy=False)
    complaint_handled_count = fields.Integer(string="Complaints handled", readonly=True, copy=False)
    opportunity_advanced_count = fields.Integer(
        string="Opportunities advanced", readonly=True, copy=False)
    leader_comment = fields.Text(
        string="Leader's comment", track_visibility="onchange", copy=False)
    reviewer_id = fields.Many2one("res.users", string="Reviewed by", readonly=True, copy=False)

    _sql_constraints = [
        ("period_unique", "unique(user_id, report_type, date_from)",
         "There is already a report of this type for this period."),
    ]


    @api.depends("report_type", "date_from", "user_id")
    def _compute_name(self):
        labels = dict(self._fields["report_type"]._description_selection(self.env))
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

    @api.constrains("report_type", "date_from", "date_to")
    def _check_dates(self):
        for report in self:
            start, stop = am_rules.period_bounds(
                report.report_type, fields.Date.from_string(report.date_from))
            if (report.date_from, report.date_to) != (
                    fields.Date.to_string(start), fields.Date.to_string(stop)):
                raise ValidationError(self._period_message(report.report_type, start, stop))

    @api.model
    def _period_message(self, report_type, start, stop):
        labels = dict(self._fields["report_type"]._description_selection(self.env))
        return _("A %(type)s report covers %(start)s to %(stop)s.") % {
            "type": labels.get(report_type, report_type).lower(),
            "start": fields.Date.to_string(start), "stop": fields.Date.to_string(stop)}

    @api.onchange("report_type", "date_from")
    def _onchange_period(self):
        if self.report_type and self.date_from:
            start, stop = am_rules.period_bounds(
                self.report_type, fields.Date.from_string(self.date_from))
            self.date_from = fields.Date.to_string(start)
            self.date_to = fields.Date.to_string(stop)

    @api.onchange("report_type")
    def _onchange_report_type_lines(self):
        """The steps of the report type, with their guidance, in the form of a
        new report before its first save (the type of a saved report does not
        change)."""
        origin = getattr(self, "_origin", None)
        if not self.report_type or (origin and origin.id):
            return
        steps = self._steps(self.report_type)
        if self.line_ids.mapped("step_id") != steps:
            self.line_ids = [(5, 0, 0)] + self._step_lines(self.report_type)

    @api.model
    def _steps(self, report_type):
        return self.env["am.work.report.step"].search([("report_type", "=", report_type)])

    @api.model
    def _step_lines(self, report_type):
        return [(0, 0, {"step_id": s.id, "name": s.name, "sequence": s.sequence})
                for s in self._steps(report_type)]

    @api.model
    def _refuse_workflow_fields(self, vals):
        forged = sorted(WORKFLOW_FIELDS.intersection(vals))
        if forged:
            raise UserError(_(
                "The state, submission date, reviewer, on-time flag and figures of a "
                "report are only set by its buttons (refresh, submit, review) (%s).")
                % ", ".join(self._fields[name].string for name in forged))

    @api.model
    def _normalize_period(self, report_type, date_from, date_to=None):
        """(date_from, date_to) strings of the period holding ``date_from``;
        refuses an unknown type, a date out of range, a period that has not
        started or an end that is not the period's."""
        labels = dict(self._fields["report_type"]._description_selection(self.env))
        if report_type not in labels:
            raise ValidationError(_("The report type must be one of: %s.")
                                  % ", ".join(labels.values()))
        day = am_input.check_date(self, date_from, _("The period start"))
        if not day:
            raise ValidationError(_("The period start of a report is mandatory."))
        start, stop = am_rules.period_bounds(report_type, day)
        today = fields.Date.from_string(fields.Date.context_today(self))
        if start > today:
            raise ValidationError(_(
                "A report covers a period that has started: the %(type)s report of "
                "%(start)s can be written from %(start)s on.") % {
                    "type": labels[report_type].lower(),
                    "start": fields.Date.to_string(start)})
        if date_to and am_input.check_date(self, date_to, _("The period end")) != stop:
            raise ValidationError(self._period_message(report_type, start, stop) + " " +
                                  _("It cannot end on %s.") % date_to)
        return fields.Date.to_string(start), fields.Date.to_string(stop)

    @api.model
    def _check_unique_period(self, user_id, report_type, date_from, exclude_ids=()):
        existing = self.sudo().search([
            ("user_id", "=", user_id), ("report_type", "=", report_type),
            ("date_from", "=", date_from), ("id", "not in", list(exclude_ids))], limit=1)
        if existing:
            raise ValidationError(_(
                "%(user)s already has this report: %(report)s. Open it instead of "
                "creating another.") % {"user": existing.user_id.name,
                                        "report": existing.name})

    @api.model
    def create(self, vals):
        vals = dict(vals)
        for name in WORKFLOW_FIELDS.intersection(vals):
            if not vals[name] or (name == "state" and vals[name] == "draft"):
                del vals[name]  # empty values are the defaults
        self._refuse_workflow_fields(vals)
        am_leader.check_create(vals)
        if vals.get("leader_comment"):
            raise UserError(_(
                "A report is created as a draft without a leader's comment; "
                "it is then submitted and reviewed with its buttons."))
        if (vals.get("user_id") or self.env.uid) != self.env.uid:
            raise UserError(_(
                "A report is written by its author: you cannot create a report for "
                "somebody else."))
        vals, contents = self._prepare_report(vals)
        report = super().create(vals)
        report._add_steps(contents)
        return report

    @api.model
    def _create_report(self, vals):
        """Create a draft report for any user (private: the reminder action
        creates the reports of others)."""
        vals, contents = self._prepare_report(vals)
        report = super(AmWorkReport, self).create(vals)  # pylint: disable=super-method-mismatch
        report._add_steps(contents)
        return report

    @api.model
    def _prepare_report(self, vals):
        """(values, {step id: content}) of a new draft report: the period
        normalized, the author's employee, the steps set aside."""
        vals = dict(vals)
        report_type = vals.get("report_type") or \
            self.env.context.get("default_report_type") or "daily"
        vals["report_type"] = report_type
        vals["date_from"], vals["date_to"] = self._normalize_period(
            report_type,
            vals.get("date_from") or self.env.context.get("default_date_from") or
            fields.Date.context_today(self),
            vals.get("date_to"))
        user_id = vals["user_id"] = vals.get("user_id") or self.env.uid
        self._check_unique_period(user_id, report_type, vals["date_from"])
        vals["employee_id"] = self.env["hr.employee"].sudo().search(
            [("user_id", "=", user_id)], limit=1).id
        contents = self.env["am.work.report.line"]._contents_from_commands(
            vals.get("line_ids") or [])
        vals["line_ids"] = []  # no default lines: _add_steps() creates them
        return vals, contents

    def _add_steps(self, contents):
        """The configured steps of the new report, with what the form sent."""
        self.env["am.work.report.line"]._create_steps(
            self, self._steps(self.report_type), contents)
        self.action_refresh_figures()

    @api.multi
    def write(self, vals):
        self._refuse_workflow_fields(vals)
        am_leader.check_write(vals)
        vals = dict(vals)
        if "leader_comment" in vals:
            am_input.check_text(self, vals["leader_comment"], _("The leader's comment"))
            if not self.env.user.has_group(LEADER_GROUP) or \
                    self.filtered(lambda r: r.user_id == self.env.user):
                raise UserError(_("Only the team leader comments a report, not its author."))
            if self.filtered(lambda r: r.state == "reviewed"):
                raise UserError(_("The comment of a reviewed report is final."))
        if "user_id" in vals and any(r.user_id.id != vals["user_id"] for r in self):
            raise UserError(_("The author of a report cannot be changed."))
        if "report_type" in vals and any(r.report_type != vals["report_type"] for r in self):
            raise UserError(_(
                "The type of a saved report cannot change: delete the draft and create "
                "a report of the other type."))
        vals.pop("user_id", None)
        vals.pop("report_type", None)
        if "date_from" in vals or "date_to" in vals:
            if self.filtered(lambda r: r.state != "draft"):
                raise UserError(_("The period of a submitted report cannot change."))
            if "date_from" in vals and not vals["date_from"]:
                raise ValidationError(_("The period start of a report is mandatory."))
            for report in self:
                period = dict(vals)
                period["date_from"], period["date_to"] = self._normalize_period(
                    report.report_type, vals.get("date_from") or report.date_from,
                    vals.get("date_to") or None)
                self._check_unique_period(report.user_id.id, report.report_type,
                                          period["date_from"], exclude_ids=report.ids)
                super(AmWorkReport, report).write(period)
            self.action_refresh_figures()
            return True
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
        # the owner's local days, as his visits' visit_date and the assessments count them
        start_dt, stop_dt = (fields.Datetime.to_string(moment) for moment in am_rules.utc_bounds(
            fields.Date.from_string(date_from), fields.Date.from_string(date_to),
            self.user_id.sudo().tz))
        visits = self.env["am.visit"].sudo().read_group(
            [("user_id", "=", uid), ("state", "=", "done"),
             ("visit_date", ">=", date_from), ("visit_date", "<=", date_to)],
            ["visit_type"], ["visit_type"])
        by_type = {g["visit_type"]: g["visit_type_count"] for g in visits}
        partners = self.env["res.partner"].sudo().search_count(
            [("am_user_id", "=", uid), ("am_registration_date", ">=", start_dt),
             ("am_registration_date", "<", stop_dt)])
        claims = self.env["crm.claim"].sudo().search_count(
            [("user_id", "=", uid), ("am_closed_date", ">=", start_dt),
             ("am_closed_date", "<", stop_dt)])
        leads = self.env["crm.lead"].sudo().search_count(
            [("user_id", "=", uid), ("type", "=", "opportunity"),
             ("date_last_stage_update", ">=", start_dt),
             ("date_last_stage_update", "<", stop_dt)])
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
        self._am_unlink_activities()
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
        """The team leader sends a submitted report back to its author."""
        if not self.env.user.has_group(LEADER_GROUP):
            raise UserError(_("Only the team leader sends a submitted report back to "
                              "its author."))
        for report in self:
            if report.state != "submitted":
                raise UserError(_("Only submitted reports can be sent back to draft."))
            if report.user_id == self.env.user:
                raise UserError(_("You cannot send your own report back to draft: your "
                                  "team leader reviews it."))
        self._write_workflow({"state": "draft", "submit_date": False})
        return True

    def _am_unlink_activities(self):
        self.mapped("activity_ids").unlink()

    @api.model
    def _am_manager_users(self):
        group = self.env.ref("account_manager_process.group_account_manager")
        return group.users.filtered(lambda u: u.active and u.id != 1 and u.employee_ids)

    @api.model
    def _cron_remind_daily_report(self):
        """From the configured hour on, every account manager without a submitted
        daily report for today gets a draft report and one reminder activity."""
        now_local = self.env["res.users"]._am_local_now()
        if now_local.hour < self.env["res.config.settings"]._am_value("daily_report_hour"):
            return self.browse()
        if not am_locks.try_lock(self.env.cr, "am.work.report._cron_remind_daily_report"):
            # another run is at work: it creates the same reports
            return self.browse()
        today = fields.Date.to_string(now_local.date())
        users = self._am_manager_users()
        existing = self.search([("report_type", "=", "daily"), ("date_from", "=", today),
                                ("user_id", "in", users.ids)])
        reports = existing.filtered(lambda r: r.state == "draft")
        for user in users - existing.mapped("user_id"):
            reports |= self._create_report({"report_type": "daily", "date_from": today,
                                            "user_id": user.id})
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        reminded = reports.filtered(lambda r: not r.activity_ids)
        am_mail.schedule_activities(reminded, [{
            "res_id": report.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "date_deadline": today,
            "summary": _("Submit your daily report"),
            "user_id": report.user_id.id,
        } for report in reminded])
        return reminded
