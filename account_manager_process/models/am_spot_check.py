# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import am_leader, am_locks, am_rules

_logger = logging.getLogger(__name__)
# written only by the result buttons and the sampling
WORKFLOW_FIELDS = {"result", "checker_id", "check_date", "period_start"}
# transaction advisory lock of the weekly sampling (two runs at once)
SAMPLING_LOCK = "am.spot.check.sampling"


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


    @api.model
    def create(self, vals):
        vals = dict(vals)
        am_leader.check_create(vals)
        if vals.get("result", "pending") != "pending" or vals.get("checker_id"):
            raise UserError(_(
                "A spot check is created pending; the team leader records its "
                "result with its buttons."))
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

    @api.model
    def _cron_sample_visits(self):
        """Sample each manager's done visits of the past week, risk first:
        every visit whose check-in was out of range or unverified and every
        very short visit (below the Settings minimum), besides the configured
        random share of his other visits (twice the share for a manager
        flagged for review). A week already sampled for a manager is never
        sampled again; one query reads every manager's visits."""
        if not am_locks.try_lock(self.env.cr, SAMPLING_LOCK):
            _logger.info("Visits are being sampled by another run: skipped.")
            return self.browse()
        settings = self.env["res.config.settings"]
        share = settings._am_value("spot_check_percent")
        short_minutes = settings._am_value("short_visit_minutes")
        today = fields.Date.from_string(fields.Date.context_today(self))
        week_start = today - timedelta(days=today.weekday() + 7)
        week_end = week_start + timedelta(days=6)
        self.env.cr.execute("""
            SELECT r.user_id,
                   array_agg(r.id ORDER BY random()) FILTER (WHERE r.risky),
                   array_agg(r.id ORDER BY random()) FILTER (WHERE NOT r.risky),
                   bool_or(r.flagged)
              FROM (SELECT v.id, v.user_id,
                           v.checkin_verdict IN ('out_of_range', 'unverified')
                           OR (%s > 0 AND v.checkin_time IS NOT NULL
                               AND v.checkout_time IS NOT NULL
                               AND v.duration * 60 < %s) AS risky,
                           coalesce(e.am_under_review, false) AS flagged
                      FROM am_visit v
                      LEFT JOIN hr_employee e ON e.id = v.employee_id
                     WHERE v.counts AND v.visit_date BETWEEN %s AND %s
                       AND NOT EXISTS (SELECT 1 FROM am_spot_check c
                                        WHERE c.user_id = v.user_id
                                          AND c.period_start = %s)) r
          GROUP BY r.user_id
        """, (short_minutes, short_minutes, week_start, week_end, week_start))
        rows = self.env.cr.fetchall()
        leaders = self.env["hr.employee"]._am_leader_users([r[0] for r in rows])
        sampled, checkers = [], []
        for user_id, risky, others, flagged in rows:
            risky, others = risky or [], others or []
            size = am_rules.spot_check_sample_size_with_risk(
                len(risky) + len(others), share, len(risky), flagged)
            chosen = (risky + others)[:size]
            sampled += chosen
            checkers += [leaders.get(user_id)] * len(chosen)
        if not sampled:
            return self.browse()
        # one INSERT for all managers (no query per manager or per visit)
        now = fields.Datetime.now()
        self.env.cr.execute("""
            INSERT INTO am_spot_check (visit_id, user_id, employee_id, am_leader_user_id,
                                       partner_id, visit_date, checker_id, period_start,
                                       result, create_uid, create_date, write_uid,
                                       write_date)
            SELECT v.id, v.user_id, v.employee_id, v.am_leader_user_id, v.partner_id,
                   v.visit_date,
                   t.checker_id, %s, 'pending', %s, %s, %s, %s
              FROM unnest(%s::int[], %s::int[]) AS t(visit_id, checker_id)
              JOIN am_visit v ON v.id = t.visit_id
         RETURNING id
        """, (week_start, self.env.uid, now, self.env.uid, now, sampled, checkers))
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_cache()
        self.env["am.visit"].invalidate_cache(["spot_check_ids"], sampled)
        return self.browse(ids)
