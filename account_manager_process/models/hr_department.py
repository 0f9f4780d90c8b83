# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    def _am_member_ids(self):
        if not self.ids:
            return []
        self.env.cr.execute("SELECT id FROM hr_employee WHERE department_id = ANY(%s)",
                            (self.ids,))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "manager_id" in vals:
            # the new manager's user is the team leader of the department at once
            self.env["hr.employee"]._am_refresh_leader_users(self._am_member_ids())
        return res

    @api.multi
    def unlink(self):
        members = self._am_member_ids()
        res = super().unlink()
        # their department is gone (set empty by the database): no team leader
        self.env["hr.employee"]._am_refresh_leader_users(members)
        return res
