# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape
from odoo.tools.misc import format_date

from . import am_bulk_insert, am_leader, am_locks, am_rules

_logger = logging.getLogger(__name__)
# written only by the result buttons and the sampling
WORKFLOW_FIELDS = {"result", "checker_id", "check_date", "period_start"}
# the customer's confirmation by link: written by the leader's request and the
# customer's answer only
CONFIRM_FIELDS = {
    "customer_request_state", "customer_asked_partner_id", "customer_asked_at",
    "customer_asked_by", "customer_asked_channel", "customer_link_expires",
    "customer_token_hash", "customer_answered_at", "customer_rating", "customer_comment",
}
WORKFLOW_FIELDS |= CONFIRM_FIELDS
CUSTOMER_COMMENT_MAX = 2000
# transaction advisory lock of the weekly sampling (two runs at once)
SAMPLING_LOCK = "am.spot.check.sampling"
# the spot check's stored fields related to its visit, as the sampling copies them
VISIT_COLUMNS = ("user_id", "employee_id", "am_leader_user_id", "partner_id", "visit_date")


class AmSpotCheck(models.Model):
    _name = "am.spot.check"
    _description = "Supervision spot check"
    _inherit = ["mail.thread", "mail.activity.mixin", "am.leader.mixin"]
    _order = "check_date desc, id desc"
    _rec_name = "visit_id"
    _am_leader_source = ("employee", "employee_id")

    visit_id = fields.Many2one("am.visit", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one(
        related="visit_id.user_id", store=True, readonly=True, string="Account manager")
    employee_id = fields.Many2one(
        related="visit_id.employee_id", store=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        related="visit_id.partner_id", store=True, readonly=True, string="Customer")
    visit_date = fields.Date(related="visit_id.visit_date", store=True, readonly=True)
    checker_id = fields.Many2one("res.users", string="Checked by", index=True, readonly=True)
    check_date = fields.Date(readonly=True)
    period_start = fields.Date(
        string="Week sampled", readonly=True,
        help="First day of the week whose visits were sampled.", index=True)
    result = fields.Selection(
        [("pending", "Pending"),
         ("confirmed", "Customer confirmed"),
         ("not_confirmed", "Not confirmed"),
         ("unreachable", "Unreachable")],
        default="pending", required=True, track_visibility="onchange")
    note = fields.Text()
    # -- the customer's confirmation by link (no phone call)
    customer_request_state = fields.Selection(
        [("none", "Not asked"), ("asked", "Asked"), ("answered", "Answered")],
        string="Customer confirmation", default="none", required=True, readonly=True,
        copy=False, index=True, track_visibility="onchange")
    customer_asked_partner_id = fields.Many2one(
        "res.partner", string="Customer contact asked", readonly=True, copy=False)
    customer_asked_at = fields.Datetime(string="Asked at", readonly=True, copy=False)
    customer_asked_by = fields.Many2one(
        "res.users", string="Asked by", readonly=True, copy=False)
    customer_asked_channel = fields.Selection(
        [("email", "E-mail"), ("text", "Text message (copied)")],
        string="Sent by", readonly=True, copy=False)
    customer_link_expires = fields.Datetime(
        string="Link valid until", readonly=True, copy=False)
    # a hash of the link's token: the link itself is never stored
    customer_token_hash = fields.Char(
        readonly=True, copy=False, index=True)
    customer_answered_at = fields.Datetime(string="Answered at", readonly=True, copy=False)
    customer_rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        string="Customer rating", readonly=True, copy=False, group_operator=None,
        help="How useful the visit was, 1 (not at all) to 5 (very), in the customer's words.")
    customer_comment = fields.Text(readonly=True, copy=False)
    # the rating as a number: what an average (the assessment's metric, the
    # analysis) can be taken of; 0 when the customer gave none
    customer_rating_score = fields.Integer(
        string="Customer rating (1-5)", compute="_compute_customer_rating_score", store=True,
        group_operator="avg")

    @api.model_cr
    def init(self):
        # the spot checks inserted in SQL by the sampling are not asked yet
        # and have no rating
        self.env.cr.execute("""
            ALTER TABLE am_spot_check ALTER COLUMN customer_request_state SET DEFAULT 'none';
            ALTER TABLE am_spot_check ALTER COLUMN customer_rating_score SET DEFAULT 0
        """)

    @api.depends("customer_rating")
    def _compute_customer_rating_score(self):
        for check in self:
            check.customer_rating_score = int(check.customer_rating or 0)

    @api.model
    def create(self, vals):
        vals = dict(vals)
        am_leader.check_create(vals)
        if vals.get("result", "pending") != "pending" or vals.get("checker_id"):
            raise UserError(_(
                "A spot check is created pending; the team leader records its "
                "result with its buttons."))
        if vals.get("customer_request_state", "none") != "none" or any(
                vals.get(f) for f in CONFIRM_FIELDS - {"customer_request_state"}):
            raise UserError(_(
                "A customer's confirmation is asked with the spot check's button and "
                "recorded from the customer's answer."))
        vals = dict(vals)
        vals.pop("period_start", None)
        vals.pop("check_date", None)
        visit = self.env["am.visit"].browse(vals.get("visit_id"))
        if visit.exists() and visit.sudo().user_id == self.env.user:
            raise UserError(_("You cannot spot check your own visit."))
        # who creates a spot check by hand is the one who will call the customer
        vals["checker_id"] = self.env.uid
        return super().create(vals)

    @api.multi
    def write(self, vals):
        am_leader.check_write(vals)
        self.check_access_rights("write")
        if "visit_id" in vals and self.filtered(lambda c: c.visit_id.id != vals["visit_id"]):
            raise UserError(_("The visit of a spot check cannot be changed; "
                              "create a spot check of the other visit."))
        if WORKFLOW_FIELDS.intersection(vals):
            raise UserError(_("The result of a spot check is recorded with its buttons."))
        return super().write(vals)

    def _write_workflow(self, vals):
        """Write the result after the checks of _record_result (private: not
        callable over RPC)."""
        return super(AmSpotCheck, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def _record_result(self, result):
        if not self.env.user.has_group("account_manager_process.group_team_leader"):
            raise UserError(_("Only a team leader records the result of a spot check."))
        # a leader's own visits are in the team he manages: he must not
        # confirm them himself (effect supervision is a cross-check)
        if self.filtered(lambda check: check.user_id == self.env.user):
            raise UserError(_("You cannot record the spot check of your own visit."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._write_workflow({"result": result, "checker_id": self.env.uid,
                              "check_date": fields.Date.context_today(self)})
        return True

    @api.multi
    def action_confirmed(self):
        return self._record_result("confirmed")

    @api.multi
    def action_not_confirmed(self):
        return self._record_result("not_confirmed")

    @api.multi
    def action_unreachable(self):
        return self._record_result("unreachable")

    # -- the customer's confirmation by link
    @api.multi
    def action_ask_customer(self):
        """Button: ask the customer to confirm the visit by link."""
        self.ensure_one()
        self._am_check_can_ask()
        visit = self.visit_id
        return {
            "type": "ir.actions.act_window", "res_model": "am.spot.check.confirm",
            "view_mode": "form", "target": "new", "name": _("Ask the customer"),
            "context": {"default_spot_check_id": self.id,
                        "default_partner_id": (visit.contact_id or visit.partner_id).id},
        }

    def _am_check_can_ask(self):
        """A team leader asks the customer, while the spot check is pending."""
        if not self.env.user.has_group("account_manager_process.group_team_leader"):
            raise UserError(_("Only a team leader asks a customer to confirm a visit."))
        if self.result != "pending":
            raise UserError(_(
                "The spot check of %s already has its result: there is nothing left "
                "to ask the customer.") % self.visit_id.display_name)

    def _am_new_confirm_link(self, partner, channel):
        """Start (or restart) asking ``partner`` to confirm the visit: a new
        signed single-use link valid for the configured days, replacing any
        earlier one. Returns the link (shown once to the leader who asks, or
        sent to the customer; never stored)."""
        self.ensure_one()
        self._am_check_can_ask()
        if self.user_id == self.env.user:
            raise UserError(_("You cannot spot check your own visit."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        if not partner or partner.commercial_partner_id != \
                self.visit_id.sudo().partner_id.commercial_partner_id:
            raise UserError(_("Ask the visited customer or one of its contacts."))
        params = self.env["ir.config_parameter"].sudo()
        token = am_rules.new_confirm_token(params.get_param("database.secret"))
        days = self.env["res.config.settings"]._am_value("confirm_link_days")
        now = fields.Datetime.from_string(fields.Datetime.now())
        self._write_workflow({
            "customer_request_state": "asked",
            "customer_asked_partner_id": partner.id,
            "customer_asked_at": fields.Datetime.to_string(now),
            "customer_asked_by": self.env.uid,
            "customer_asked_channel": channel,
            "customer_link_expires": fields.Datetime.to_string(now + timedelta(days=days)),
            "customer_token_hash": am_rules.confirm_token_hash(token),
            "checker_id": self.env.uid,
        })
        return "%s/am/confirm/%s" % (params.get_param("web.base.url", "").rstrip("/"), token)

    @api.model
    def _am_from_confirm_token(self, token):
        """(spot check, what its link opens) for a token from a link: see
        am_rules.confirm_link_state; a token that is not signed, or not the
        spot check's latest one, finds nothing ('invalid')."""
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        if not am_rules.confirm_token_is_signed(secret, token):
            return self.browse(), "invalid"
        check = self.sudo().search(
            [("customer_token_hash", "=", am_rules.confirm_token_hash(token))], limit=1)
        if not check:
            return check, "invalid"
        return check, am_rules.confirm_link_state(
            check.customer_request_state in ("asked", "answered"),
            check.customer_request_state == "answered", check.result == "pending",
            fields.Datetime.from_string(check.customer_link_expires),
            fields.Datetime.from_string(fields.Datetime.now()))

    def _am_confirm_page_values(self):
        """What the customer's page shows, in the language of the context:
        the organisation, and the question with the account manager's name and
        the day of the visit (nothing else of the visit)."""
        self.ensure_one()
        values = {
            "manager": self.user_id.name,
            "company": self.visit_id.company_id.name,
            "date": format_date(self.env, self.visit_date, lang_code=self.env.lang),
        }
        values["question"] = _("Did %(manager)s visit you on %(date)s?") % values
        return values

    def _record_customer_answer(self, token, visited, rating, comment):
        """The customer's answer through his link: the spot check's result,
        his rating and comment. Single use: the link is claimed in one
        statement, so a second (or simultaneous) answer changes nothing.
        Returns whether the answer was recorded."""
        self.ensure_one()
        self.env.cr.execute("""
            UPDATE am_spot_check SET customer_request_state = 'answered'
             WHERE id = %s AND customer_request_state = 'asked' AND result = 'pending'
               AND customer_token_hash = %s
               AND customer_link_expires > (now() at time zone 'UTC')
         RETURNING id
        """, (self.id, am_rules.confirm_token_hash(token)))
        if not self.env.cr.fetchone():
            return False
        self.invalidate_cache()
        self._write_workflow({
            "result": "confirmed" if visited else "not_confirmed",
            "check_date": fields.Date.context_today(self),
            "customer_answered_at": fields.Datetime.now(),
            "customer_rating": rating or False,
            "customer_comment": (comment or "").strip()[:CUSTOMER_COMMENT_MAX] or False,
        })
        self.message_post(body=_(
            "%(name)s answered the confirmation link: %(answer)s.") % {
            "name": html_escape(self.customer_asked_partner_id.display_name),
            "answer": _("the visit took place") if visited else _("no such visit")})
        return True

    @api.model
    def _cron_sample_visits(self):
        """Sample each manager's done visits of the past week, risk first:
        every visit whose check-in was out of range or unverified, every
        very short visit (below the Settings minimum) and every visit without
        the photo its purpose requires, besides the configured
        random share of his other visits (twice the share for a manager
        flagged for review). A week already sampled for a manager is never
        sampled again; one query reads every manager's visits."""
        if not am_locks.try_lock(self.env.cr, SAMPLING_LOCK):
            _logger.info("Visits are being sampled by another run: skipped.")
            return self.browse()
        today = fields.Date.from_string(fields.Date.context_today(self))
        week_start, week_end = am_rules.previous_period("weekly", today)
        candidates = self._sampling_candidates(week_start, week_end)
        sampled, checkers = self._sample_per_manager(candidates)
        if not sampled:
            return self.browse()
        return self._insert_sampled_checks(sampled, checkers, week_start)

    @api.model
    def _sampling_candidates(self, week_start, week_end):
        """Each manager's counted visits of the week not sampled yet, in one
        query: rows (user id, risky visit ids, other visit ids, flagged for
        review), each list in random order."""
        short_minutes = self.env["res.config.settings"]._am_value("short_visit_minutes")
        self.env.cr.execute("""
            SELECT r.user_id,
                   array_agg(r.id ORDER BY random()) FILTER (WHERE r.risky),
                   array_agg(r.id ORDER BY random()) FILTER (WHERE NOT r.risky),
                   bool_or(r.flagged)
              FROM (SELECT v.id, v.user_id,
                           v.checkin_verdict IN ('out_of_range', 'unverified')
                           OR (%s > 0 AND v.checkin_time IS NOT NULL
                               AND v.checkout_time IS NOT NULL
                               AND v.duration * 60 < %s)
                           OR (coalesce(p.photo_required, false)
                               AND coalesce(v.photo_count, 0) = 0) AS risky,
                           coalesce(e.am_under_review, false) AS flagged
                      FROM am_visit v
                      LEFT JOIN hr_employee e ON e.id = v.employee_id
                      LEFT JOIN am_visit_purpose p ON p.id = v.purpose_id
                     WHERE v.counts AND v.visit_date BETWEEN %s AND %s
                       AND NOT EXISTS (SELECT 1 FROM am_spot_check c
                                        WHERE c.user_id = v.user_id
                                          AND c.period_start = %s)) r
          GROUP BY r.user_id
        """, (short_minutes, short_minutes, week_start, week_end, week_start))
        return self.env.cr.fetchall()

    @api.model
    def _sample_per_manager(self, candidates):
        """The visits sampled of each manager's ``candidates`` (risky ones
        first, up to his sample size) and, for each, the checker (his
        leader's user): two parallel lists."""
        share = self.env["res.config.settings"]._am_value("spot_check_percent")
        leaders = self.env["hr.employee"]._am_leader_users([row[0] for row in candidates])
        sampled, checkers = [], []
        for user_id, risky, others, flagged in candidates:
            risky, others = risky or [], others or []
            size = am_rules.spot_check_sample_size_with_risk(
                len(risky) + len(others), share, len(risky), flagged)
            chosen = (risky + others)[:size]
            sampled += chosen
            checkers += [leaders.get(user_id)] * len(chosen)
        return sampled, checkers

    @api.model
    def _insert_sampled_checks(self, sampled, checkers, week_start):
        """The spot checks of the ``sampled`` visits, by their ``checkers``,
        for the week of ``week_start``."""
        # one INSERT for all managers (no query per manager or per visit)
        vals_list = [self._prepare_spot_check_vals({
            "visit_id": visit_id, "checker_id": checker_id, "period_start": week_start})
            for visit_id, checker_id in zip(sampled, checkers)]
        columns, rows_json = am_bulk_insert.json_rows(vals_list)
        self.env.cr.execute(am_bulk_insert.insert_sql(
            "am_spot_check", columns,
            # the visit's figures (the related stored fields)
            derived=[(name, "v.%s" % name) for name in VISIT_COLUMNS],
            joins="JOIN am_visit v ON v.id = t.visit_id", suffix="RETURNING id"),
            {"rows": rows_json, "uid": self.env.uid, "now": fields.Datetime.now()})
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_cache()
        self.env["am.visit"].invalidate_cache(["spot_check_ids"], sampled)
        return self.browse(ids)

    @api.model
    def _prepare_spot_check_vals(self, candidate):
        """The columns of the spot check the weekly sampling inserts for
        ``candidate`` (a dict: visit_id, checker_id, period_start), as the
        SQL row holds them (ids, None for NULL). Called once per sampled
        visit, and must run no query (the sampling's queries do not grow with
        the number of managers): an addon overrides it to add or change
        stored columns; the visit's figures (account manager, customer, day,
        ...) are the visit's unless it gives them."""
        vals = dict(candidate)
        vals["result"] = "pending"
        return vals
