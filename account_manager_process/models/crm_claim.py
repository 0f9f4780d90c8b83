# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import am_bulk_insert, am_input, am_leader, am_locks, am_mail, am_rules, claim_rules

SLA_STATUS = [(claim_rules.ON_TIME, "On time"), (claim_rules.AT_RISK, "At risk"),
              (claim_rules.BREACHED, "Breached")]
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
    "am_sla_recheck",
}
# the at-risk share (Settings) the stored moments of the SLA refresh were
# computed with (see _am_refresh_sla_status)
SLA_RECHECK_STAMP = "account_manager_process.sla_recheck_percent"
# the reception date may be at most this many hours ahead of the server clock
CLAIM_DATE_FUTURE_HOURS = 1


def _dt(value):
    return fields.Datetime.from_string(value)


class CrmClaim(models.Model):
    _name = "crm.claim"
    _inherit = ["crm.claim", "am.leader.mixin"]
    _am_leader_source = ("employee", "am_employee_id")

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
        compute="_compute_am_employee_id", store=True, index=True)
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
    am_sla_recheck = fields.Datetime(
        string="SLA status next checked", compute="_compute_am_sla_status", store=True,
        copy=False, index=True, readonly=True)
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
            ack = claim_rules.sla_deadline(start, policy.acknowledge_hours)
            resolve = claim_rules.sla_deadline(start, policy.resolve_hours)
            claim.am_ack_deadline = ack and fields.Datetime.to_string(ack)
            claim.am_resolve_deadline = resolve and fields.Datetime.to_string(resolve)

    @api.depends("am_ack_deadline", "am_resolve_deadline", "am_closed_date",
                 "am_acknowledged_date")
    def _compute_am_sla_status(self):
        now = datetime.utcnow()
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        for claim in self:
            dates = (_dt(claim.date or claim.create_date), _dt(claim.am_resolve_deadline),
                     _dt(claim.am_closed_date), _dt(claim.am_ack_deadline),
                     _dt(claim.am_acknowledged_date))
            status = claim_rules.sla_status(now, *dates, at_risk_percent=at_risk)
            claim.am_sla_status = status
            claim.am_resolved_within_sla, claim.am_breach_rate = claim_rules.sla_figures(
                status, claim.am_closed_date)
            claim.am_sla_recheck = fields.Datetime.to_string(
                claim_rules.sla_next_change(now, *dates, at_risk_percent=at_risk))

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
        am_leader.check_create(vals)
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
        am_leader.check_write(vals)
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
        a complaint is escalated once per level, to its team leader (level 1)
        or to the manager of the parent department (level 2), with an
        activity for him.

        Set-based on purpose: a fixed number of statements whatever the number
        of open or escalated complaints (asserted by the tests). The rows
        equal those the ORM writes (asserted too): the level with its tracking
        message, the activity, the recipient as a follower with the default
        subtypes, the notification of the recipient's activity counter."""
        if not am_locks.try_lock(self.env.cr, "crm.claim._cron_am_escalate"):
            # another run is at work: it escalates the same complaints
            return self.browse()
        settings = self.env["res.config.settings"]
        level1 = settings._am_value("escalation_level1_hours")
        level2 = settings._am_value("escalation_level2_hours")
        now = datetime.utcnow()
        self._am_refresh_sla_status(now)
        cr = self.env.cr
        # the levels of claim_rules.escalation_level(), set-based (the tests
        # assert they are equal)
        cr.execute("""
            WITH due AS (
                SELECT c.id, c.am_escalation_level AS old_level,
                       CASE WHEN l.late >= %(level2)s THEN 2
                            WHEN l.late >= %(level1)s THEN 1 ELSE 0 END AS level,
                       mr.user_id AS leader_id, pmr.user_id AS director_id
                  FROM crm_claim c
                 CROSS JOIN LATERAL (SELECT extract(epoch FROM %(now)s - c.am_resolve_deadline)
                                            / 3600.0 AS late) l
                  LEFT JOIN hr_employee e ON e.id = c.am_employee_id
                  LEFT JOIN hr_department d ON d.id = e.department_id
                  LEFT JOIN hr_employee m ON m.id = d.manager_id
                  LEFT JOIN resource_resource mr ON mr.id = m.resource_id
                  LEFT JOIN hr_department pd ON pd.id = d.parent_id
                  LEFT JOIN hr_employee pm ON pm.id = pd.manager_id
                  LEFT JOIN resource_resource pmr ON pmr.id = pm.resource_id
                 WHERE c.active AND c.am_is_closed IS NOT TRUE
                   AND c.am_resolve_deadline < %(now)s
            )
            UPDATE crm_claim c
               SET am_escalation_level = due.level, write_uid = %(uid)s,
                   write_date = (now() at time zone 'UTC')
              FROM due
             WHERE due.id = c.id AND due.level > coalesce(due.old_level, 0)
         RETURNING c.id, due.level, coalesce(due.old_level, 0),
                   CASE WHEN due.level >= 2 AND due.director_id IS NOT NULL
                        THEN due.director_id ELSE due.leader_id END
        """, {"level1": level1, "level2": level2, "now": now, "uid": self.env.uid})
        rows = sorted(cr.fetchall())
        if not rows:
            return self.browse()
        escalated = self.browse([row[0] for row in rows])
        self.invalidate_cache(["am_escalation_level", "write_uid", "write_date"], escalated.ids)
        names = dict(escalated.sudo().name_get())
        escalated._am_post_escalation_tracking(rows, names)
        escalated._am_insert_escalation_activities(rows)
        self.invalidate_cache(ids=escalated.ids)
        return escalated

    @api.model
    def _am_refresh_sla_status(self, now=None):
        """Store the SLA status the clock has changed. The compute stores
        when the clock may next change it (claim_rules.sla_next_change): one
        statement reads the open complaints whose moment has come (all of
        them once after the at-risk share changed in Settings),
        claim_rules.sla_status() gives their status, and one statement stores
        the status and the next moment of all of them. A fixed number of
        statements, and no record loaded, whatever the number of complaints.
        Returns the complaints whose status changed."""
        now = now or datetime.utcnow()
        at_risk = self.env["res.config.settings"]._am_value("sla_at_risk_percent")
        # the moments stored were computed with the at-risk share of then
        recheck_all = not am_locks.done_for(self.env, SLA_RECHECK_STAMP, str(at_risk))
        self.env.cr.execute("""
            SELECT id, am_sla_status, coalesce(date, create_date), am_resolve_deadline,
                   am_closed_date, am_ack_deadline, am_acknowledged_date
              FROM crm_claim
             WHERE active AND am_is_closed IS NOT TRUE AND am_resolve_deadline IS NOT NULL
               AND am_sla_status IS DISTINCT FROM %s
               AND (am_sla_recheck IS NULL OR am_sla_recheck <= %s OR %s)""",
                            (claim_rules.BREACHED, now, recheck_all))
        rows, changed = [], []
        for row in self.env.cr.fetchall():
            dates = [_dt(value) for value in row[2:]]
            status = claim_rules.sla_status(now, *dates, at_risk_percent=at_risk)
            within_sla, breach_rate = claim_rules.sla_figures(status, dates[2])
            recheck = claim_rules.sla_next_change(now, *dates, at_risk_percent=at_risk)
            rows.append({"id": row[0], "status": status, "within_sla": within_sla,
                         "breach_rate": breach_rate,
                         "recheck": recheck and fields.Datetime.to_string(recheck)})
            if status != row[1]:
                changed.append(row[0])
        if rows:
            # the clock's change, not a user's: the write date stays
            self.env.cr.execute("""
                UPDATE crm_claim c
                   SET am_sla_status = t.status, am_resolved_within_sla = t.within_sla,
                       am_breach_rate = t.breach_rate, am_sla_recheck = t.recheck
                  FROM json_to_recordset(%s::json) AS t(id int, status varchar,
                       within_sla boolean, breach_rate float, recheck timestamp)
                 WHERE c.id = t.id""", (json.dumps(rows),))
            self.invalidate_cache(["am_sla_status", "am_resolved_within_sla", "am_breach_rate",
                                   "am_sla_recheck"], [row["id"] for row in rows])
        if recheck_all:
            am_locks.mark_done(self.env, SLA_RECHECK_STAMP, str(at_risk))
        return sorted(changed)

    def _am_post_escalation_tracking(self, rows, names):
        """The tracking message of the new escalation levels, as the ORM posts
        it when the level is written (its 'always' tracked fields displayed,
        the level's change), in one statement for all ``rows`` (id, level, old
        level, recipient)."""
        ctx = self.env.context
        if ctx.get("tracking_disable") or ctx.get("mail_notrack"):
            return
        tracked = self._get_tracked_fields(["am_escalation_level"])
        always = [name for name in tracked if name != "am_escalation_level" and getattr(
            self._fields[name], "track_visibility", False) == "always"]
        tracking_model = self.env["mail.tracking.value"]
        author, email_from, reply_to, parents = am_mail.message_defaults(self)
        date = fields.Datetime.now()
        messages, trackings = [], []
        claims = {claim.id: claim for claim in self}  # read together
        subtypes = {}
        for claim_id, level, old_level, __ in rows:
            claim = claims[claim_id]
            subtype_xmlid = claim._track_subtype({"am_escalation_level": old_level})
            xmlid = subtype_xmlid or "mail.mt_note"
            if xmlid not in subtypes:
                subtypes[xmlid] = self.env.ref(xmlid, raise_if_not_found=False)
            subtype = subtypes[xmlid]
            if subtype_xmlid and not subtype:
                continue
            values = [tracking_model.create_tracking_values(
                claim[name], claim[name], name, tracked[name]) for name in always]
            values.append(tracking_model.create_tracking_values(
                old_level, level, "am_escalation_level", tracked["am_escalation_level"]))
            messages.append({
                "date": date, "body": "", "model": self._name, "res_id": claim_id,
                "record_name": names.get(claim_id), "message_type": "notification",
                "subtype_id": subtype.id if subtype else False,
                "parent_id": parents.get(claim_id, False), "author_id": author.id,
                "email_from": email_from, "reply_to": reply_to.get(claim_id) or email_from,
                "message_id": self.env["mail.message"]._get_message_id(
                    {"res_id": claim_id, "model": self._name}),
                "no_auto_thread": False,
            })
            for sequence, value in enumerate(v for v in values if v):
                value = dict(value, res_id=claim_id, sequence=sequence)
                trackings.append(value)
        if not messages:
            return
        columns, rows_json = am_bulk_insert.rows_with_defaults(self.env, "mail.message", messages)
        self.env.cr.execute("""
            WITH message AS (%s
             RETURNING id, res_id)
            INSERT INTO mail_tracking_value (field, field_desc, field_type,
                                             old_value_integer, new_value_integer,
                                             old_value_float, new_value_float,
                                             old_value_monetary, new_value_monetary,
                                             old_value_char, new_value_char,
                                             old_value_text, new_value_text,
                                             old_value_datetime, new_value_datetime,
                                             mail_message_id, create_uid, create_date,
                                             write_uid, write_date)
            SELECT t.field, t.field_desc, t.field_type,
                   t.old_value_integer, t.new_value_integer,
                   t.old_value_float, t.new_value_float,
                   t.old_value_monetary, t.new_value_monetary,
                   t.old_value_char, t.new_value_char,
                   t.old_value_text, t.new_value_text,
                   t.old_value_datetime, t.new_value_datetime,
                   message.id, %%(uid)s, (now() at time zone 'UTC'), %%(uid)s,
                   (now() at time zone 'UTC')
              FROM json_to_recordset(%%(trackings)s::json) AS t(
                   res_id int, sequence int, field varchar, field_desc varchar,
                   field_type varchar, old_value_integer int, new_value_integer int,
                   old_value_float float, new_value_float float,
                   old_value_monetary float, new_value_monetary float,
                   old_value_char varchar, new_value_char varchar,
                   old_value_text text, new_value_text text,
                   old_value_datetime timestamp, new_value_datetime timestamp)
              JOIN message ON message.res_id = t.res_id
          ORDER BY t.res_id, t.sequence
        """ % am_bulk_insert.insert_sql(
            "mail_message", columns, now=am_bulk_insert.TRANSACTION_NOW), {
            "rows": rows_json, "uid": self.env.uid,
            "trackings": json.dumps([_json_tracking(t) for t in trackings])})

    def _am_insert_escalation_activities(self, rows):
        """The escalation activity of each complaint with a recipient (rows:
        id, level, old level, recipient), set-based as the mail API would
        create them."""
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        summaries = {level: _("Escalated complaint (level %s): SLA breached") % level
                     for level in {row[1] for row in rows}}
        today = fields.Date.context_today(self)
        am_mail.schedule_activities(self, [{
            "res_id": row[0], "user_id": row[3],
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": summaries[row[1]], "date_deadline": today,
        } for row in rows if row[3]])


def _json_tracking(values):
    """A tracking value of the mail API as the ORM stores it, for
    json_to_recordset: an empty number is 0, an empty text NULL."""
    result = {}
    for key, value in values.items():
        kind = key.rsplit("_", 1)[-1] if key.startswith(("old_value_", "new_value_")) else ""
        if kind == "integer":
            value = int(value or 0)
        elif kind in ("float", "monetary"):
            value = float(value or 0.0)
        elif value is False:
            value = None
        result[key] = value
    return result
