# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrAttendance(models.Model):
    _inherit = "hr.attendance"

    # 电话报岗: where the account manager is at the start and end of work
    am_position_in = fields.Char(string="Position at start")
    am_position_out = fields.Char(string="Position at end")
    am_department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
