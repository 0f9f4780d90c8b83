# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_rules

VISIT_TYPES = [
    ("new_customer", "New customer development"),
    ("maintenance", "Existing customer maintenance"),
    ("return", "Return visit"),
    ("complaint", "Complaint follow-up"),
]
VISIT_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("missed", "Missed"),
]
# set only by the workflow buttons, which check the transition first: a plain
# write() over RPC must not skip them (done without check-out, a late entry
# hidden by a forged entry date)
WORKFLOW_FIELDS = {"state", "entry_date", "next_visit_id"}


class AmVisit(models.Model):
    _name = "am.visit"
    _description = "Customer visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "planned_start desc, id desc"

    def _default_employee(self):
        return self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    user_id = fields.Many2one(
        "res.users", string="Account manager", required=True, index=True,
        default=lambda self: self.env.user, track_visibility="onchange")
    employee_id = fields.Many2one(
        "hr.employee", index=True, default=lambda self: self._default_employee())
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange")
    contact_id = fields.Many2one(
        "res.partner", string="Contact person",
        domain="[('parent_id', '=', partner_id)]")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    visit_type = fields.Selection(
        VISIT_TYPES, required=True, default="maintenance", track_visibility="onchange")
    purpose_id = fields.Many2one("am.visit.purpose")
    business_weight = fields.Float(
        related="purpose_id.business_weight", store=True, readonly=True)
    outcome_id = fields.Many2one(
        "am.visit.outcome", track_visibility="onchange")
    result = fields.Selection(related="outcome_id.result", store=True, readonly=True)
    state = fields.Selection(
        VISIT_STATES, default="planned", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange")
    planned_start = fields.Datetime(
        required=True, default=fields.Datetime.now, track_visibility="onchange")
    planned_stop = fields.Datetime()
    checkin_time = fields.Datetime(
        string="Check-in", copy=False, track_visibility="onchange")
    checkout_time = fields.Datetime(
        string="Check-out", copy=False, track_visibility="onchange")
    checkin_latitude = fields.Float(digits=(10, 7), copy=False)
    checkin_longitude = fields.Float(digits=(10, 7), copy=False)
    checkout_latitude = fields.Float(digits=(10, 7), copy=False)
    checkout_longitude = fields.Float(digits=(10, 7), copy=False)
    duration = fields.Float(
        string="Duration (hours)", compute="_compute_duration", store=True)
    visit_date = fields.Date(compute="_compute_visit_date", store=True, index=True)
    entry_date = fields.Datetime(
        string="Entered on", default=fields.Datetime.now, readonly=True, copy=False,
        help="When the visit's result was recorded.")
    is_late_entry = fields.Boolean(
        string="Late entry", compute="_compute_is_late_entry", store=True,
        help="Recorded more than the allowed number of days after the visit.")
    due_date = fields.Date(
        string="Return due date", copy=False,
        help="The customer's return visit due date when this visit was planned.")
    is_return_on_time = fields.Boolean(
        compute="_compute_is_return_on_time", store=True,
        help="A done return visit made on or before the customer's due date.")
    lead_id = fields.Many2one("crm.lead", string="Opportunity", index=True)
    summary = fields.Text(track_visibility="onchange")
    progress_note = fields.Text(string="Business progress")
    next_step = fields.Char()
    next_visit_date = fields.Date()
    next_visit_id = fields.Many2one("am.visit", string="Next visit", readonly=True, copy=False)
    spot_check_ids = fields.One2many("am.spot.check", "visit_id", string="Spot checks")
    quality_score = fields.Float(
        compute="_compute_quality_score", store=True, group_operator="avg",
        help="Business weight scaled by the outcome, the spot checks and a late entry.")

    @api.depends("checkin_time", "checkout_time")
    def _compute_duration(self):
        for visit in self:
            visit.duration = am_rules.visit_duration_hours(
                fields.Datetime.from_string(visit.checkin_time),
                fields.Datetime.from_string(visit.checkout_time))

    @api.depends("checkin_time", "planned_start")
    def _compute_visit_date(self):
        for visit in self:
            moment = visit.checkin_time or visit.planned_start
            visit.visit_date = moment and fields.Date.to_string(
                fields.Datetime.context_timestamp(
                    visit, fields.Datetime.from_string(moment)).date())

    @api.depends("visit_date", "entry_date", "state")
    def _compute_is_late_entry(self):
        allowed = self.env["res.config.settings"]._am_value("late_entry_days")
        for visit in self:
            visit.is_late_entry = visit.state == "done" and am_rules.is_late_entry(
                fields.Date.from_string(visit.visit_date),
                fields.Datetime.from_string(visit.entry_date) and
                fields.Datetime.from_string(visit.entry_date).date(),
                allowed)

    @api.depends("visit_type", "state", "visit_date", "due_date")
    def _compute_is_return_on_time(self):
        for visit in self:
            visit.is_return_on_time = am_rules.is_return_on_time(
                visit.visit_type, visit.state,
                fields.Date.from_string(visit.visit_date),
                fields.Date.from_string(visit.due_date))

    @api.depends("business_weight", "result", "state", "is_late_entry",
                 "spot_check_ids.result")
    def _compute_quality_score(self):
        for visit in self:
            visit.quality_score = visit.state == "done" and am_rules.visit_quality(
                visit.business_weight, visit.result,
                visit.spot_check_ids.mapped("result"), visit.is_late_entry) or 0.0

    @api.constrains("checkin_time", "checkout_time")
    def _check_checkout_after_checkin(self):
        for visit in self:
            if visit.checkout_time and not visit.checkin_time:
                raise ValidationError(_("Visit %s: check in before checking out.") % visit.name)
            if visit.checkout_time and visit.checkout_time < visit.checkin_time:
                raise ValidationError(_(
                    "Visit %s: the check-out time cannot be before the check-in time."
                ) % visit.name)

    @api.constrains("planned_start", "planned_stop")
    def _check_planned_times(self):
        for visit in self:
            if visit.planned_stop and visit.planned_stop < visit.planned_start:
                raise ValidationError(_(
                    "Visit %s: the planned end cannot be before the planned start."
                ) % visit.name)

    @api.constrains("state", "outcome_id", "summary")
    def _check_done_requirements(self):
        for visit in self:
            if visit.state == "done" and (
                    not visit.outcome_id or not (visit.summary or "").strip()):
                raise ValidationError(_(
                    "Visit %s cannot be done without an outcome and a summary."
                ) % visit.name)

    @api.constrains("user_id", "employee_id")
    def _check_employee_of_user(self):
        # the employee may be outside the user's reach: compare as superuser
        for visit in self.sudo():
            if visit.employee_id.user_id and visit.employee_id.user_id != visit.user_id:
                raise ValidationError(_(
                    "Visit %(visit)s: the employee %(employee)s is not the account "
                    "manager %(user)s.") % {"visit": visit.name,
                                            "employee": visit.employee_id.name,
                                            "user": visit.user_id.name})

    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        for visit in self:
            if visit.contact_id and visit.contact_id.commercial_partner_id != \
                    visit.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "The contact person %(contact)s does not belong to the customer %(customer)s."
                ) % {"contact": visit.contact_id.name, "customer": visit.partner_id.name})

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id:
            self.employee_id = self.env["hr.employee"].search(
                [("user_id", "=", self.user_id.id)], limit=1)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        if self.partner_id and not self.due_date:
            self.due_date = self.partner_id.am_next_visit_due

    @api.model
    def create(self, vals):
        if self.env.uid != SUPERUSER_ID:
            if vals.get("state", "planned") != "planned":
                raise UserError(_(
                    "A visit is created planned; its state then changes with its "
                    "buttons (check in, check out, done, cancel, missed)."))
            # recorded by the buttons, never given by the client
            vals.pop("entry_date", None)
            vals.pop("next_visit_id", None)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("am.visit") or "/"
        if vals.get("user_id") and not vals.get("employee_id"):
            vals["employee_id"] = self.env["hr.employee"].sudo().search(
                [("user_id", "=", vals["user_id"])], limit=1).id
        if vals.get("visit_type") == "return" and vals.get("partner_id") \
                and "due_date" not in vals:
            vals["due_date"] = self.env["res.partner"].browse(
                vals["partner_id"]).am_next_visit_due
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if WORKFLOW_FIELDS.intersection(vals) and self.env.uid != SUPERUSER_ID:
            raise UserError(_(
                "The state of a visit only changes with its buttons (check in, check "
                "out, done, cancel, missed), which also record the entry date."))
        if {"checkin_time", "checkout_time"}.intersection(vals) and \
                self.env.uid != SUPERUSER_ID and \
                self.filtered(lambda visit: visit.state == "done"):
            # the times date the visit (late entry): fixed once it is done
            raise UserError(_("The check-in and check-out times of a done visit "
                              "cannot be changed."))
        res = super().write(vals)
        if "user_id" in vals or "employee_id" in vals:
            # Odoo checks the rules before a write only: a manager must not
            # hand his visits to somebody outside his reach
            self.check_access_rule("write")
        return res

    def _write_workflow(self, vals):
        """Write workflow fields after the checks of a button (private: not
        callable over RPC)."""
        return super(AmVisit, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def unlink(self):
        if any(visit.state not in ("planned", "cancelled") for visit in self):
            raise UserError(_(
                "Only planned or cancelled visits can be deleted; the others are the "
                "basis for trace management. Cancel the visit instead."))
        return super().unlink()

    def _location_from_context(self):
        ctx = self.env.context
        return ctx.get("am_latitude") or 0.0, ctx.get("am_longitude") or 0.0

    @api.multi
    def action_checkin(self):
        for visit in self:
            if visit.state != "planned":
                raise UserError(_("Only a planned visit can be checked in (%s).") % visit.name)
        latitude, longitude = self._location_from_context()
        self._write_workflow({
            "state": "in_progress",
            "checkin_time": fields.Datetime.now(),
            "checkin_latitude": latitude,
            "checkin_longitude": longitude,
        })
        return True

    @api.multi
    def action_checkout(self):
        for visit in self:
            if visit.state != "in_progress" or not visit.checkin_time:
                raise UserError(_("Check in to visit %s before checking out.") % visit.name)
        self._check_can_close()
        latitude, longitude = self._location_from_context()
        self.write({
            "checkout_time": fields.Datetime.now(),
            "checkout_latitude": latitude,
            "checkout_longitude": longitude,
        })
        return self.action_done()

    def _check_can_close(self):
        for visit in self:
            if visit.state not in ("planned", "in_progress"):
                raise UserError(_("Visit %s is not open.") % visit.name)
            if not visit.outcome_id or not (visit.summary or "").strip():
                raise UserError(_(
                    "Record the outcome and a summary of visit %s before closing it."
                ) % visit.name)

    @api.multi
    def action_done(self):
        self._check_can_close()
        self._write_workflow({"state": "done", "entry_date": fields.Datetime.now()})
        self._plan_next_visits()
        return True

    @api.multi
    def action_cancel(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(_("A done visit cannot be cancelled."))
        self._write_workflow({"state": "cancelled"})
        return True

    @api.multi
    def action_missed(self):
        if any(visit.state != "planned" for visit in self):
            raise UserError(_("Only a planned visit can be marked as missed."))
        self._write_workflow({"state": "missed"})
        return True

    @api.multi
    def action_reset(self):
        if any(visit.state not in ("cancelled", "missed") for visit in self):
            raise UserError(_("Only cancelled or missed visits can be planned again."))
        self._write_workflow({"state": "planned"})
        return True

    def _plan_next_visits(self):
        """Plan the visit given as next step and an activity for its owner."""
        activity_type = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        for visit in self.filtered(lambda v: v.next_visit_date and not v.next_visit_id):
            start = fields.Datetime.from_string(visit.next_visit_date) + timedelta(hours=9)
            next_visit = self.create({
                "user_id": visit.user_id.id,
                "employee_id": visit.employee_id.id,
                "partner_id": visit.partner_id.id,
                "contact_id": visit.contact_id.id,
                "visit_type": "maintenance" if visit.visit_type == "new_customer"
                else visit.visit_type,
                "purpose_id": visit.purpose_id.id,
                "lead_id": visit.lead_id.id,
                "planned_start": fields.Datetime.to_string(start),
                "planned_stop": fields.Datetime.to_string(start + timedelta(hours=2)),
                "summary": False,
            })
            visit._write_workflow({"next_visit_id": next_visit.id})
            next_visit.activity_schedule_am(
                activity_type, visit.next_visit_date, visit.next_step or _("Visit %s")
                % visit.partner_id.display_name, visit.user_id)

    @api.multi
    def activity_schedule_am(self, activity_type, date_deadline, summary, user):
        """Schedule one activity per visit (Odoo 11 has no activity_schedule)."""
        model_id = self.env["ir.model"]._get(self._name).id
        for visit in self:
            self.env["mail.activity"].create({
                "res_model_id": model_id,
                "res_id": visit.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "date_deadline": date_deadline,
                "summary": summary,
                "user_id": user.id,
            })

    @api.model
    def _cron_plan_return_visits(self):
        """Plan a return visit (and an activity for the owner) for every customer
        falling due within the lead time that has no open return visit yet,
        then tell the team leaders about their overdue customers.

        Set-based SQL on purpose: the number of queries does not grow with the
        number of customers (asserted by the tests)."""
        settings = self.env["res.config.settings"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        horizon = am_rules.planning_horizon(today, settings._am_value("return_plan_lead_days"))
        cr = self.env.cr
        cr.execute("""
            SELECT p.id, p.am_user_id, p.am_next_visit_due, p.company_id,
                   (SELECT min(e.id) FROM hr_employee e
                      JOIN resource_resource r ON r.id = e.resource_id
                     WHERE r.user_id = p.am_user_id AND r.active) AS employee_id
              FROM res_partner p
             WHERE p.active AND p.am_user_id IS NOT NULL
               AND p.am_next_visit_due IS NOT NULL AND p.am_next_visit_due <= %s
               AND NOT EXISTS (SELECT 1 FROM am_visit v
                                WHERE v.partner_id = p.id AND v.visit_type = 'return'
                                  AND v.state IN ('planned', 'in_progress'))
          ORDER BY p.id
        """, (horizon,))
        rows = cr.fetchall()
        visit_ids = []
        if rows:
            names = self._next_sequence_names(len(rows))
            purpose = self.env.ref(
                "account_manager_process.visit_purpose_return", raise_if_not_found=False)
            now = fields.Datetime.now()
            # planned at 09:00 UTC of the due day (today for overdue customers)
            starts = ["%s 09:00:00" % max(due, fields.Date.to_string(today))
                      for __, __, due, __, __ in rows]
            cr.execute("""
                INSERT INTO am_visit (name, user_id, employee_id, partner_id, company_id,
                                      visit_type, purpose_id, business_weight, state,
                                      planned_start, planned_stop, visit_date, due_date,
                                      entry_date, is_late_entry, is_return_on_time,
                                      duration, quality_score,
                                      create_uid, create_date, write_uid, write_date)
                SELECT t.name, t.user_id, t.employee_id, t.partner_id, t.company_id,
                       'return', %s, %s, 'planned',
                       t.start::timestamp, t.start::timestamp + interval '2 hours',
                       t.start::date, t.due, %s, false, false, 0, 0,
                       %s, %s, %s, %s
                  FROM unnest(%s::varchar[], %s::int[], %s::int[], %s::int[], %s::int[],
                              %s::varchar[], %s::date[])
                       AS t(name, user_id, employee_id, partner_id, company_id, start, due)
             RETURNING id, user_id, partner_id, due_date
            """, (purpose.id if purpose else None, purpose.business_weight if purpose else 0,
                  now, self.env.uid, now, self.env.uid, now,
                  names, [r[1] for r in rows], [r[4] for r in rows], [r[0] for r in rows],
                  [r[3] for r in rows], starts, [r[2] for r in rows]))
            created = cr.fetchall()
            visit_ids = [r[0] for r in created]
            self._insert_return_activities(created, now)
            self.invalidate_cache()
        self._notify_overdue_customers(today)
        return self.browse(visit_ids)

    @api.model
    def _next_sequence_names(self, count):
        """``count`` visit references with one query (standard sequences)."""
        sequence = self.env["ir.sequence"].search([("code", "=", "am.visit")], limit=1)
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard":
            return [sequence.next_by_id() for __ in range(count)]
        self.env.cr.execute(
            "SELECT nextval('ir_sequence_%03d') FROM generate_series(1, %%s)" % sequence.id,
            (count,))
        prefix, suffix = sequence._get_prefix_suffix()
        return ["%s%s%s" % (prefix, "%%0%sd" % sequence.padding % number, suffix)
                for (number,) in self.env.cr.fetchall()]

    @api.model
    def _insert_return_activities(self, created, now):
        activity_type = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        self.env.cr.execute("""
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name,
                                       activity_type_id, summary, date_deadline, user_id,
                                       create_uid, create_date, write_uid, write_date)
            SELECT %s, 'am.visit', v.id, v.name, %s,
                   %s || ' ' || coalesce(p.display_name, p.name), v.due_date, v.user_id,
                   %s, %s, %s, %s
              FROM am_visit v JOIN res_partner p ON p.id = v.partner_id
             WHERE v.id = ANY(%s)
        """, (model_id, activity_type.id if activity_type else None, _("Return visit:"),
              self.env.uid, now, self.env.uid, now, [r[0] for r in created]))

    @api.model
    def _notify_overdue_customers(self, today):
        """Once a day, post to each team leader how many of his team's customers
        are overdue (one grouped query for all customers)."""
        params = self.env["ir.config_parameter"].sudo()
        key = "account_manager_process.overdue_notified_on"
        if params.get_param(key) == fields.Date.to_string(today):
            return
        groups = self.env["res.partner"].sudo().read_group(
            [("am_user_id", "!=", False),
             ("am_next_visit_due", "<", fields.Date.to_string(today))],
            ["am_user_id"], ["am_user_id"])
        counts = {g["am_user_id"][0]: g["am_user_id_count"] for g in groups}
        leaders = self.env["hr.employee"]._am_leader_users(counts)
        per_leader = {}
        for user_id, count in counts.items():
            if leaders.get(user_id):
                per_leader.setdefault(leaders[user_id], []).append((user_id, count))
        users = self.env["res.users"].sudo().browse(list(counts))
        names = {user.id: user.name for user in users}
        for leader_id, items in per_leader.items():
            leader = self.env["res.users"].sudo().browse(leader_id)
            lines = "".join("<li>%s: %s</li>" % (names[uid], count) for uid, count in items)
            leader.partner_id.sudo().message_post(
                body=_("<p>Customers overdue for their return visit:</p><ul>%s</ul>") % lines,
                subject=_("Overdue customers"), partner_ids=[leader.partner_id.id],
                subtype="mail.mt_comment")
        params.set_param(key, fields.Date.to_string(today))
