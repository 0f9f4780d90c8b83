# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import am_rules


class AmSpotCheck(models.Model):
    _name = "am.spot.check"
    _description = "Supervision spot check"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "check_date desc, id desc"
    _rec_name = "visit_id"

    visit_id = fields.Many2one("am.visit", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one(
        related="visit_id.user_id", store=True, readonly=True, string="Account manager")
    employee_id = fields.Many2one(
        related="visit_id.employee_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        related="visit_id.partner_id", store=True, readonly=True, string="Customer")
    visit_date = fields.Date(related="visit_id.visit_date", store=True, readonly=True)
    checker_id = fields.Many2one("res.users", index=True)
    check_date = fields.Date(default=fields.Date.context_today)
    period_start = fields.Date(
        help="First day of the week whose visits were sampled.", index=True)
    result = fields.Selection(
        [("pending", "Pending"),
         ("confirmed", "Customer confirmed"),
         ("not_confirmed", "Not confirmed"),
         ("unreachable", "Unreachable")],
        default="pending", required=True, track_visibility="onchange")
    note = fields.Text()

    @api.multi
    def _record_result(self, result):
        if not self.env.user.has_group("account_manager_process.group_team_leader"):
            raise UserError(_("Only a team leader records the result of a spot check."))
        self.write({"result": result, "checker_id": self.env.uid,
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
        """Sample the configured share of each manager's done visits of the
        past week; a week already sampled for a manager is never sampled again."""
        share = self.env["res.config.settings"]._am_value("spot_check_percent")
        today = fields.Date.from_string(fields.Date.context_today(self))
        week_start = today - timedelta(days=today.weekday() + 7)
        week_end = week_start + timedelta(days=6)
        self.env.cr.execute("""
            SELECT v.user_id, array_agg(v.id ORDER BY random())
              FROM am_visit v
             WHERE v.state = 'done' AND v.visit_date BETWEEN %s AND %s
               AND NOT EXISTS (SELECT 1 FROM am_spot_check c
                                WHERE c.user_id = v.user_id AND c.period_start = %s)
          GROUP BY v.user_id
        """, (week_start, week_end, week_start))
        rows = self.env.cr.fetchall()
        leaders = self.env["hr.employee"]._am_leader_users([r[0] for r in rows])
        checks = self.browse()
        for user_id, visit_ids in rows:
            size = am_rules.spot_check_sample_size(len(visit_ids), share)
            for visit_id in visit_ids[:size]:
                checks |= self.create({
                    "visit_id": visit_id,
                    "checker_id": leaders.get(user_id, False),
                    "period_start": fields.Date.to_string(week_start),
                    "check_date": False,
                })
        return checks
