# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

# The settings of the suite: key -> (ir.config_parameter, kind, default).
# Each key is shown in the Settings as the field "am_" + key; the business
# code reads it with res.config.settings._am_value(key), so that code and
# Settings agree on the default of a missing or unreadable parameter. Other
# addons add theirs by extending _am_parameters().
AM_PARAMETERS = {
    "monthly_visit_target": ("account_manager_process.monthly_visit_target", "int", 15),
    "late_entry_days": ("account_manager_process.late_entry_days", "int", 2),
    "return_plan_lead_days": ("account_manager_process.return_plan_lead_days", "int", 3),
    "daily_report_hour": ("account_manager_process.daily_report_hour", "int", 18),
    "report_grace_days": ("account_manager_process.report_grace_days", "int", 1),
    "position_report_hour": ("account_manager_process.position_report_hour", "int", 9),
    "sla_at_risk_percent": ("account_manager_process.sla_at_risk_percent", "int", 75),
    "escalation_level1_hours": ("account_manager_process.escalation_level1_hours", "int", 0),
    "escalation_level2_hours": ("account_manager_process.escalation_level2_hours", "int", 24),
    "spot_check_percent": ("account_manager_process.spot_check_percent", "int", 10),
    "short_visit_minutes": ("account_manager_process.short_visit_minutes", "int", 15),
    "confirm_link_days": ("account_manager_process.confirm_link_days", "int", 7),
    "cockpit_tile_url": ("account_manager_process.cockpit_tile_url", "char", DEFAULT_TILE_URL),
    "leader_digest": ("account_manager_process.leader_digest", "bool", True),
    "leader_digest_hour": ("account_manager_process.leader_digest_hour", "int", 7),
}
# Odoo drops a parameter set to an empty text: an emptied text setting is
# stored as this word (not as nothing, which would mean the default)
EMPTY_TEXT = "none"
FALSE_TEXTS = ("0", "false")
TRUE_TEXTS = ("1", "true")


def parse_setting(kind, stored, default):
    """The value of a setting of ``kind`` (int, bool, char) stored as the
    text ``stored`` (None or empty: missing); ``default`` when it is missing
    or cannot be read (e.g. a number edited into text)."""
    if stored in (None, False, ""):
        return default
    if kind == "int":
        try:
            return int(float(stored))
        except (ValueError, OverflowError):
            return default
    if kind == "bool":
        text = stored.strip().lower()
        if text in FALSE_TEXTS:
            return False
        return True if text in TRUE_TEXTS else default
    return "" if stored == EMPTY_TEXT else stored


def format_setting(kind, value, default):
    """The text storing ``value`` of a setting of ``kind`` (the reverse of
    parse_setting); a cleared choice stores the default."""
    if kind == "bool":
        return "1" if value else "0"
    if kind == "char":
        return (value or "").strip() or EMPTY_TEXT
    if value is False or value is None:
        value = default
    return str(int(value))


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    am_monthly_visit_target = fields.Integer(
        string="Monthly visit target",
        help="Done visits expected from each account manager per month "
             "(about 15 is usual; 44 is the theoretical maximum).",
    )
    am_late_entry_days = fields.Integer(
        string="Late entry after (days)",
        help="A visit recorded more than this many days after it happened is "
             "flagged as a late entry.",
    )
    am_return_plan_lead_days = fields.Integer(
        string="Plan return visits (days ahead)",
        help="The daily scheduled action plans a return visit this many days "
             "before a customer falls due.",
    )
    am_daily_report_hour = fields.Integer(
        string="Daily report reminder hour",
        help="From this hour on, account managers without a submitted daily "
             "report get a reminder.",
    )
    am_report_grace_days = fields.Integer(
        string="Report grace (days)",
        help="A report is on time when submitted at the latest this many days "
             "after the end of its period.",
    )
    am_position_report_hour = fields.Integer(
        string="Position report hour",
        help="Account managers who have not reported their position by this "
             "hour are listed for their team leader.",
    )
    am_sla_at_risk_percent = fields.Integer(
        string="SLA at risk from (%)",
        help="An open complaint is at risk once this share of its resolution "
             "time has elapsed.",
    )
    am_escalation_level1_hours = fields.Integer(
        string="Escalate to team leader after (hours)",
        help="Hours after the resolution deadline before an open complaint is "
             "escalated to the team leader (level 1).",
    )
    am_escalation_level2_hours = fields.Integer(
        string="Escalate to department manager after (hours)",
        help="Hours after the resolution deadline before an open complaint is "
             "escalated to the manager of the parent department (level 2).",
    )
    am_spot_check_percent = fields.Integer(
        string="Spot check share (%)",
        help="Share of each manager's done visits of the past week sampled "
             "for a supervision spot check.",
    )

    am_short_visit_minutes = fields.Integer(
        string="Short visit below (minutes)",
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
        string="Customer confirmation link valid (days)",
        help="How long the link asking a customer to confirm a visit can be used.",
    )

    @api.constrains("am_confirm_link_days")
    def _check_am_confirm_link_days(self):
        for settings in self:
            if not 1 <= settings.am_confirm_link_days <= 90:
                raise ValidationError(_(
                    "A customer confirmation link is valid for 1 to 90 days."))

    def _am_check_range(self, names, low, high, message):
        """Refuse a value of the fields ``names`` outside [low, high] (high
        None: no upper bound) with ``message`` naming the field."""
        for settings in self:
            for name in names:
                if settings[name] < low or (high is not None and settings[name] > high):
                    raise ValidationError(message % settings._fields[name].string)

    @api.constrains(
        "am_monthly_visit_target", "am_late_entry_days", "am_return_plan_lead_days",
        "am_report_grace_days", "am_escalation_level1_hours", "am_escalation_level2_hours")
    def _check_am_not_negative(self):
        self._am_check_range(
            ("am_monthly_visit_target", "am_late_entry_days", "am_return_plan_lead_days",
             "am_report_grace_days", "am_escalation_level1_hours",
             "am_escalation_level2_hours", "am_short_visit_minutes"),
            0, None, _("%s cannot be negative."))
        for settings in self:
            if settings.am_escalation_level2_hours < settings.am_escalation_level1_hours:
                raise ValidationError(_(
                    "The escalation to the department manager cannot come before the "
                    "escalation to the team leader."))

    @api.constrains("am_daily_report_hour", "am_position_report_hour")
    def _check_am_hours(self):
        self._am_check_range(("am_daily_report_hour", "am_position_report_hour"), 0, 23,
                             _("%s must be an hour between 0 and 23."))

    @api.constrains("am_sla_at_risk_percent", "am_spot_check_percent")
    def _check_am_percent(self):
        self._am_check_range(("am_sla_at_risk_percent", "am_spot_check_percent"), 0, 100,
                             _("%s must be a percentage between 0 and 100."))

    # this Odoo 11 build has no ``config_parameter=`` on settings fields, so
    # the parameters are read and written explicitly, all by the table
    @api.model
    def _am_parameters(self):
        """The settings' table (see AM_PARAMETERS); addons extend it."""
        return dict(AM_PARAMETERS)

    @api.model
    def get_values(self):
        res = super().get_values()
        for key in self._am_parameters():
            name = "am_" + key
            value = self._am_value(key)
            # a choice (selection) of numbers is shown as its text
            res[name] = str(value) if self._fields[name].type == "selection" else value
        return res

    @api.multi
    def set_values(self):
        res = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for key, (param, kind, default) in self._am_parameters().items():
            params.set_param(param, format_setting(kind, self["am_" + key], default))
        return res

    @api.model
    def _am_value(self, key):
        """The value of the setting ``key`` (int, bool or text, by the table),
        its default when missing or unreadable."""
        param, kind, default = self._am_parameters()[key]
        return parse_setting(
            kind, self.env["ir.config_parameter"].sudo().get_param(param), default)
