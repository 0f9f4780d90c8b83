# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PARAM_PREFIX = "account_manager_process."
# Settings of the process and their defaults; read through _am_value() so
# that code and Settings agree on the default of a missing parameter.
AM_DEFAULTS = {
    "monthly_visit_target": 15,
    "late_entry_days": 2,
    "return_plan_lead_days": 3,
    "daily_report_hour": 18,
    "report_grace_days": 1,
    "position_report_hour": 9,
    "sla_at_risk_percent": 75,
    "escalation_level1_hours": 0,
    "escalation_level2_hours": 24,
    "spot_check_percent": 10,
    "short_visit_minutes": 15,
    "confirm_link_days": 7,
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_monthly_visit_target = fields.Integer(
        string="Monthly visit target",
        default=15,
        help="Done visits expected from each account manager per month "
             "(about 15 is usual; 44 is the theoretical maximum).",
    )
    am_late_entry_days = fields.Integer(
        string="Late entry after (days)", default=2,
        help="A visit recorded more than this many days after it happened is "
             "flagged as a late entry.",
    )
    am_return_plan_lead_days = fields.Integer(
        string="Plan return visits (days ahead)", default=3,
        help="The daily scheduled action plans a return visit this many days "
             "before a customer falls due.",
    )
    am_daily_report_hour = fields.Integer(
        string="Daily report reminder hour", default=18,
        help="From this hour on, account managers without a submitted daily "
             "report get a reminder.",
    )
    am_report_grace_days = fields.Integer(
        string="Report grace (days)", default=1,
        help="A report is on time when submitted at the latest this many days "
             "after the end of its period.",
    )
    am_position_report_hour = fields.Integer(
        string="Position report hour", default=9,
        help="Account managers who have not reported their position by this "
             "hour are listed for their team leader.",
    )
    am_sla_at_risk_percent = fields.Integer(
        string="SLA at risk from (%)", default=75,
        help="An open complaint is at risk once this share of its resolution "
             "time has elapsed.",
    )
    am_escalation_level1_hours = fields.Integer(
        string="Escalate to team leader after (hours)", default=0,
        help="Hours after the resolution deadline before an open complaint is "
             "escalated to the team leader (level 1).",
    )
    am_escalation_level2_hours = fields.Integer(
        string="Escalate to department manager after (hours)", default=24,
        help="Hours after the resolution deadline before an open complaint is "
             "escalated to the manager of the parent department (level 2).",
    )
    am_spot_check_percent = fields.Integer(
        string="Spot check share (%)", default=10,
        help="Share of each manager's done visits of the past week sampled "
             "for a supervision spot check.",
    )

    am_short_visit_minutes = fields.Integer(
        string="Short visit below (minutes)", default=15,
        help="A visit checked in and out in less time is preferred by the "
             "spot-check sampling; 0 turns this off.",
    )
    # per company: where the organisation works decides how precise phones are
    am_geofence_radius = fields.Integer(
        related="company_id.am_geofence_radius", readonly=False,
        string="Check-in radius (m)")
    am_max_accuracy = fields.Integer(
        related="company_id.am_max_accuracy", readonly=False,
        string="Maximum position accuracy (m)")
    am_confirm_link_days = fields.Integer(
        string="Customer confirmation link valid (days)", default=7,
        help="How long the link asking a customer to confirm a visit can be used.",
    )

    @api.constrains("am_confirm_link_days")
    def _check_am_confirm_link_days(self):
        for settings in self:
            if not 1 <= settings.am_confirm_link_days <= 90:
                raise ValidationError(_(
                    "A customer confirmation link is valid for 1 to 90 days."))

    @api.constrains(
        "am_monthly_visit_target", "am_late_entry_days", "am_return_plan_lead_days",
        "am_report_grace_days", "am_escalation_level1_hours", "am_escalation_level2_hours")
    def _check_am_not_negative(self):
        for settings in self:
            for name in ("am_monthly_visit_target", "am_late_entry_days",
                         "am_return_plan_lead_days", "am_report_grace_days",
                         "am_escalation_level1_hours", "am_escalation_level2_hours",
                         "am_short_visit_minutes"):
                if settings[name] < 0:
                    raise ValidationError(_("%s cannot be negative.")
                                          % settings._fields[name].string)
            if settings.am_escalation_level2_hours < settings.am_escalation_level1_hours:
                raise ValidationError(_(
                    "The escalation to the department manager cannot come before the "
                    "escalation to the team leader."))

    @api.constrains("am_daily_report_hour", "am_position_report_hour")
    def _check_am_hours(self):
        for settings in self:
            for name in ("am_daily_report_hour", "am_position_report_hour"):
                if not 0 <= settings[name] <= 23:
                    raise ValidationError(_("%s must be an hour between 0 and 23.")
                                          % settings._fields[name].string)

    @api.constrains("am_sla_at_risk_percent", "am_spot_check_percent")
    def _check_am_percent(self):
        for settings in self:
            for name in ("am_sla_at_risk_percent", "am_spot_check_percent"):
                if not 0 <= settings[name] <= 100:
                    raise ValidationError(_("%s must be a percentage between 0 and 100.")
                                          % settings._fields[name].string)

    # this Odoo 11 build has no ``config_parameter=`` on settings fields, so
    # the parameters are read and written explicitly
    @api.model
    def get_values(self):
        res = super().get_values()
        res.update({"am_" + key: self._am_value(key) for key in AM_DEFAULTS})
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for key in AM_DEFAULTS:
            params.set_param(PARAM_PREFIX + key, str(self["am_" + key]))
        return res

    @api.model
    def _am_value(self, key):
        """Integer value of an account manager process setting."""
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + key)
        try:
            return int(float(value)) if value not in (None, False, "") else AM_DEFAULTS[key]
        except ValueError:
            return AM_DEFAULTS[key]
