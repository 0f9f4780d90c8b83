# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2
from psycopg2 import errorcodes
from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.addons.account_manager_process.models import am_mail, am_rules
from odoo.exceptions import UserError, ValidationError, except_orm

from ..demo import am_assessment_demo_builder
from . import assessment_rules

_logger = logging.getLogger(__name__)

# a concurrent generation of the same period (psycopg2 2.7 has no
# psycopg2.errors: the SQLSTATE tells)
CONCURRENT_CODES = (errorcodes.SERIALIZATION_FAILURE,
                    errorcodes.UNIQUE_VIOLATION)
# where the checks of the rules and process items changed by one create or
# write of their scheme are gathered, to run once at its end (the weights
# sum to 100 only after the last line). The value is a PendingChecks, which
# only this code builds: a client's context (JSON) cannot carry one, so it
# cannot skip a check.
PENDING_CHECKS = "am_assessment_pending_checks"


class PendingChecks(object):
    """Schemes to check at the end of a create/write of a scheme."""

    def __init__(self):
        self.scheme_ids = set()


def check_schemes(env, schemes):
    """Check these schemes now, or at the end of the scheme create/write
    running (see PENDING_CHECKS)."""
    pending = env.context.get(PENDING_CHECKS)
    if isinstance(pending, PendingChecks):
        pending.scheme_ids.update(schemes.ids)
        return
    for scheme in schemes.exists():
        scheme._check_consistency(ValidationError)


PERIOD_SELECTION = assessment_rules.PERIOD_SELECTION


class AmAssessmentScheme(models.Model):
    _name = "am.assessment.scheme"
    _description = "Assessment scheme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"

    name = fields.Char(string="Scheme", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.user.company_id,
        help="Only employees of this company are assessed, on the records "
             "of this company.")
    period = fields.Selection(PERIOD_SELECTION,
                              required=True, default="monthly")
    job_ids = fields.Many2many(
        "hr.job", string="Job positions",
        help="Employees holding one of these positions (within the "
             "departments, if departments are chosen too).")
    department_ids = fields.Many2many(
        "hr.department", string="Departments",
        help="Employees of these departments and their sub-departments, "
             "except the departments' managers (choose them by position "
             "or by name to assess them too).")
    employee_ids = fields.Many2many(
        "hr.employee", string="Employees",
        help="Employees assessed in any case. With no position, department "
             "or employee, every employee of the company is assessed.")
    pass_threshold = fields.Float(
        string="Pass threshold", default=60.0,
        help="Total score (0-100) needed to pass a period.")
    results_weight = fields.Float(string="Results weight (%)", default=100.0)
    process_weight = fields.Float(string="Process weight (%)", default=0.0)
    rule_ids = fields.One2many("am.assessment.rule", "scheme_id",
                               string="Rules", copy=True)
    process_item_ids = fields.One2many(
        "am.assessment.process.item", "scheme_id", string="Process items",
        copy=True)
    assessment_ids = fields.One2many("am.assessment", "scheme_id",
                                     string="Assessments")
    assessment_count = fields.Integer(string="Number of assessments",
                                      compute="_compute_assessment_count")
    note = fields.Text(string="Notes", translate=True)

    @api.multi
    def _compute_assessment_count(self):
        data = self.env["am.assessment"].read_group(
            [("scheme_id", "in", self.ids)], ["scheme_id"], ["scheme_id"])
        counts = {d["scheme_id"][0]: d["scheme_id_count"] for d in data}
        for scheme in self:
            scheme.assessment_count = counts.get(scheme.id, 0)

    @api.model
    def create(self, vals):
        pending = PendingChecks()
        scheme = super(AmAssessmentScheme, self.with_context(
            **{PENDING_CHECKS: pending})).create(vals)
        pending.scheme_ids.add(scheme.id)
        self.browse(sorted(pending.scheme_ids))._check_pending()
        return self.browse(scheme.id)

    @api.multi
    def write(self, vals):
        pending = PendingChecks()
        res = super(AmAssessmentScheme, self.with_context(
            **{PENDING_CHECKS: pending})).write(vals)
        if pending.scheme_ids:
            self.browse(sorted(pending.scheme_ids))._check_pending()
        return res

    @api.multi
    def _check_pending(self):
        for scheme in self.exists():
            scheme._check_consistency(ValidationError)

    @api.constrains("results_weight", "process_weight", "pass_threshold",
                    "rule_ids", "process_item_ids")
    def _check_weights(self):
        for scheme in self:
            scheme._check_consistency(ValidationError)

    @api.multi
    def _check_consistency(self, error=UserError):
        self.ensure_one()
        if min(self.results_weight, self.process_weight) < 0 or round(
                self.results_weight + self.process_weight, 2) != 100:
            raise error(
                _("Scheme %(scheme)s: the weights of results and process "
                  "must sum to 100 (now %(results)s + %(process)s).") % {
                    "scheme": self.name, "results": self.results_weight,
                    "process": self.process_weight})
        if not 0 <= self.pass_threshold <= 100:
            raise error(_("Scheme %s: the pass threshold is a score between "
                          "0 and 100.") % self.name)
        scored = self.rule_ids.filtered(lambda r: r.rule_type == "score")
        total = round(sum(scored.mapped("weight")), 2)
        if scored and total != 100:
            raise error(
                _("Scheme %(scheme)s: the weights of the scored rules must "
                  "sum to 100 (now %(total)s).") % {
                    "scheme": self.name, "total": total})
        total = round(sum(self.process_item_ids.mapped("weight")), 2)
        if self.process_item_ids and total != 100:
            raise error(
                _("Scheme %(scheme)s: the weights of the process items "
                  "must sum to 100 (now %(total)s).") % {
                    "scheme": self.name, "total": total})
        if self.process_weight and not self.process_item_ids:
            raise error(_("Scheme %s: a process weight needs process items "
                          "for the team leader to score.") % self.name)

    @api.multi
    def unlink(self):
        if self.mapped("assessment_ids"):
            raise UserError(_("A scheme with assessments cannot be deleted "
                              "(they would be lost): archive it instead."))
        return super().unlink()

    @api.multi
    def _get_employees(self):
        """Employees the scheme applies to, in its company: those holding
        one of its positions and (if departments are chosen) in one of its
        departments, but not the departments' managers unless a position
        or their name includes them; and the employees chosen by name. With
        no position, department or employee: every employee."""
        self.ensure_one()
        Employee = self.env["hr.employee"].sudo()
        company = ([("company_id", "=", self.company_id.id)]
                   if self.company_id else [])
        criteria = []
        if self.job_ids:
            criteria.append(("job_id", "in", self.job_ids.ids))
        if self.department_ids:
            criteria.append(("department_id", "child_of",
                             self.department_ids.ids))
            if not self.job_ids:
                managers = self.env["hr.department"].sudo().search([
                    ("id", "child_of", self.department_ids.ids)]).mapped(
                        "manager_id")
                criteria.append(("id", "not in", managers.ids))
        if not criteria and not self.employee_ids:
            return Employee.search(company)
        employees = Employee.browse()
        if criteria:
            employees = Employee.search(criteria + company)
        if self.employee_ids:
            employees |= Employee.search(
                [("id", "in", self.employee_ids.ids)] + company)
        return employees

    @api.model
    def _week_start(self):
        return self.env["res.config.settings"]._am_value("assessment_week_start") % 7

    @api.multi
    def _period_of(self, day):
        """Bounds (dates) of this scheme's period containing ``day``."""
        self.ensure_one()
        if isinstance(day, str):
            day = fields.Date.from_string(day)
        return am_rules.period_bounds(self.period, day, self._week_start())

    @api.multi
    def _generate_period(self, date_from, date_to):
        """Create the missing assessments of [date_from, date_to] and
        compute them. Safe when run twice, even at once: the unique index
        and ON CONFLICT DO NOTHING leave each assessment to the one
        transaction that inserted it. Returns the new assessments."""
        self.ensure_one()
        if isinstance(date_from, str):
            date_from = fields.Date.from_string(date_from)
            date_to = fields.Date.from_string(date_to)
        self._check_consistency()
        employees = self._get_employees()
        Assessment = self.env["am.assessment"].sudo()
        if not employees:
            return Assessment
        try:
            with self.env.cr.savepoint():
                new_ids = Assessment._insert_missing(
                    self, employees, date_from, date_to)
        except (psycopg2.IntegrityError, TransactionRollbackError) as exc:
            if exc.pgcode not in CONCURRENT_CODES:
                raise
            # a concurrent run inserted (some of) them after our snapshot:
            # they are its to compute, nothing is duplicated
            _logger.info("Assessments of %s from %s generated by a "
                         "concurrent run; skipped.", self.name, date_from)
            return Assessment
        new = Assessment.browse(new_ids)
        new._compute_figures(evaluate_metrics=True)
        return new

    @api.multi
    def action_generate_previous(self):
        """Button: generate the last complete period of each scheme."""
        if not (self.env.user.has_group(
                "account_manager_process.group_am_administrator")
                or self.env.user.has_group("hr.group_hr_manager")):
            raise UserError(_("Only administrators and HR managers generate "
                              "assessments."))
        # the schemes the caller may read (company rules)
        self.check_access_rule("read")
        today = fields.Date.from_string(fields.Date.context_today(self))
        for scheme in self:
            start, stop = am_rules.previous_period(
                scheme.period, today, scheme._week_start())
            scheme.sudo()._generate_period(start, stop)
        return self.action_view_assessments()

    @api.model
    def _cron_generate_assessments(self):
        """Daily: generate each active scheme's last complete period. A
        weekly scheme gets its week on the configured first weekday, a
        monthly one on the 1st..., later runs find nothing missing. A
        scheme that cannot be assessed is skipped and its administrators
        are told (an activity on the scheme)."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        for scheme in self.search([("active", "=", True)]):
            start, stop = am_rules.previous_period(
                scheme.period, today, scheme._week_start())
            try:
                with self.env.cr.savepoint():
                    scheme._generate_period(start, stop)
            except (except_orm, psycopg2.Error) as exc:
                # one misconfigured scheme must not stop the others
                reason = (exc.name if isinstance(exc, except_orm)
                          else str(exc))
                _logger.warning("Assessments of scheme %s not generated: %s",
                                scheme.name, reason)
                scheme._notify_skipped(reason)

    @api.multi
    def _notify_skipped(self, reason):
        """A to-do for each Account Management administrator on the scheme,
        once while it stays open."""
        self.ensure_one()
        admins = self.env.ref(
            "account_manager_process.group_am_administrator").users.filtered(
                lambda u: u.active and not u.share)
        summary = _("Assessments of %s not generated") % self.name
        open_for = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "=", self.id),
            ("summary", "=", summary)]).mapped("user_id")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        note = _("The daily generation skipped this scheme: "
                 "%s Correct the scheme; the next run generates "
                 "the period.") % reason
        am_mail.schedule_activities(self.sudo(), [{
            "res_id": self.id, "activity_type_id": activity_type.id,
            "user_id": admin.id, "summary": summary, "note": note,
        } for admin in admins - open_for])

    @api.multi
    def action_view_assessments(self):
        action = self.env.ref(
            "account_manager_assessment.am_assessment_action").read()[0]
        action["domain"] = [("scheme_id", "in", self.ids)]
        action["context"] = {"search_default_group_period": 1}
        return action

    @api.model
    def _create_demo_assessments(self, scheme_ids):
        """Demo data (demo/am_assessment_demo.xml): see
        demo/am_assessment_demo_builder.py."""
        return am_assessment_demo_builder.create_demo_assessments(self, scheme_ids)
