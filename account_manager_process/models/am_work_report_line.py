# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import am_input

# what the author writes in a step; the step itself (name, order, report)
# comes from the configured report steps
AUTHOR_FIELDS = {"content"}


class AmWorkReportLine(models.Model):
    _name = "am.work.report.line"
    _description = "Work report step"
    _order = "sequence, id"

    report_id = fields.Many2one(
        "am.work.report", required=True, ondelete="cascade", index=True, readonly=True)
    step_id = fields.Many2one("am.work.report.step", string="Configured step", readonly=True)
    sequence = fields.Integer(default=10, readonly=True)
    name = fields.Char(string="Step", required=True, readonly=True)
    guidance = fields.Text(related="step_id.guidance", readonly=True)
    content = fields.Text(
        string="Notes", help="What you did (or plan) in this step of your working day.")

    @api.model
    def _contents_from_commands(self, commands):
        """{step id: content} from the lines a client sends with a new report
        (the default lines of the form); anything but new lines of configured
        steps is refused."""
        contents = {}
        for command in commands:
            if not isinstance(command, (list, tuple)) or not command:
                raise UserError(_("The steps of a report are a list of steps."))
            if command[0] == 5 or (command[0] == 6 and not command[2]):
                continue  # "no lines yet": the configured steps are added anyway
            values = command[2] if command[0] == 0 and len(command) > 2 else None
            if not isinstance(values, dict) or not values.get("step_id"):
                raise UserError(_(
                    "The steps of a report come from the configured report steps: "
                    "a step cannot be added, removed or taken from another report."))
            am_input.check_text(self, values.get("content"), _("The notes of a step"))
            contents[values["step_id"]] = values.get("content") or False
        return contents

    @api.model
    def _create_steps(self, report, steps, contents=None):
        """The lines of a new report, one per configured step (private: the
        steps are created with their report only)."""
        contents = contents or {}
        unknown = set(contents) - set(steps.ids)
        if unknown:
            labels = dict(report._fields["report_type"]._description_selection(self.env))
            raise UserError(_("The steps of a %(type)s report are: %(steps)s.") % {
                "type": labels.get(report.report_type, report.report_type).lower(),
                "steps": ", ".join(steps.mapped("name"))})
        lines = self.browse()
        for step in steps:
            lines |= super(AmWorkReportLine, self).create({  # pylint: disable=super-method-mismatch
                "report_id": report.id, "step_id": step.id, "name": step.name,
                "sequence": step.sequence, "content": contents.get(step.id, False)})
        return lines

    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "The steps of a report come from the configured report steps: they are "
            "created with the report and cannot be added one by one."))

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        if "report_id" in vals and all(line.report_id.id == vals["report_id"] for line in self):
            del vals["report_id"]  # the client restating the report of the lines
        if set(vals) - AUTHOR_FIELDS:
            raise UserError(_(
                "Only the notes of a step can be written; the steps themselves come "
                "from the configured report steps."))
        reports = self.mapped("report_id")
        if any(report.state != "draft" for report in reports):
            # what was submitted is what the leader reviews
            raise UserError(_("The steps of a submitted report cannot be changed; "
                              "the team leader can send it back to draft."))
        others = reports.filtered(lambda report: report.user_id != self.env.user)
        if others:
            raise UserError(_("Only %s writes the steps of this report.")
                            % others[0].user_id.name)
        am_input.check_text(self, vals.get("content"), _("The notes of a step"))
        return super().write(vals)

    @api.multi
    def unlink(self):  # pylint: disable=method-required-super
        if not self:
            return True
        raise UserError(_(
            "The steps of a report cannot be removed: write what was done in each step "
            "(\"nothing today\" is an answer too)."))
