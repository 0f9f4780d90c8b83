# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import training_rules

_logger = logging.getLogger(__name__)

# a concurrent run wrote the same statuses after this transaction's snapshot
CONCURRENT_CODES = (errorcodes.SERIALIZATION_FAILURE, errorcodes.UNIQUE_VIOLATION,
                    errorcodes.DEADLOCK_DETECTED)

QUALIFICATION_STATES = [
    ("qualified", "Qualified"),
    ("not_qualified", "Not qualified"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
]


class AmEmployeeQualification(models.Model):
    """An employee's status for one qualification rule.

    Written only by _recompute_all() (scheduled action, or the rules'
    Recompute button), in a bounded number of set-based queries whatever the
    number of employees.
    """

    _name = "am.employee.qualification"
    _description = "Employee Qualification"
    _order = "employee_id, rule_id"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", readonly=True)
    department_id = fields.Many2one(
        related="employee_id.department_id", readonly=True, string="Department")
    rule_id = fields.Many2one(
        "am.qualification.rule", string="Qualification", required=True, index=True,
        ondelete="cascade", readonly=True)
    state = fields.Selection(
        QUALIFICATION_STATES, required=True, default="not_qualified", index=True,
        readonly=True)
    expiry_date = fields.Date(readonly=True)

    _sql_constraints = [
        ("employee_rule_uniq", "unique (employee_id, rule_id)",
         "An employee has one status per qualification."),
    ]

    @api.model
    def _expiring_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            "account_manager_training.qualification_expiring_days", "30")
        try:
            return int(value)
        except ValueError:
            return 30

    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "Qualification statuses are computed from the training records by the "
            "daily scheduled action: they cannot be created or edited."))

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "Qualification statuses are computed from the training records by the "
            "daily scheduled action: they cannot be created or edited."))

    @api.model
    def _recompute_all(self):
        """Recompute every employee's status for every active rule.

        Safe when two runs overlap: the second one skips while the first holds
        the transaction lock, and a run whose snapshot predates a concurrent
        run's statuses leaves them to it (ON CONFLICT; in Odoo's repeatable
        read the conflict is a serialization failure, rolled back to a
        savepoint) instead of failing or duplicating them. Returns (inserted, updated,
        deleted) counts, None when skipped.
        """
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                   ("am_employee_qualification_recompute",))
        if not cr.fetchone()[0]:
            _logger.info("Qualification statuses are being recomputed by another "
                         "transaction: skipped.")
            return None
        try:
            with cr.savepoint():
                return self._recompute_statuses()
        except psycopg2.Error as error:
            if error.pgcode not in CONCURRENT_CODES:
                raise
            _logger.info("Qualification statuses written by a concurrent run: "
                         "skipped (%s).", error.pgcode)
            return None
        finally:
            self.invalidate_cache()

    @api.model
    def _recompute_statuses(self):
        cr = self.env.cr
        today = fields.Date.from_string(fields.Date.context_today(self))
        expiring_days = self._expiring_days()
        rules = self.env["am.qualification.rule"].sudo().search([("active", "=", True)])
        rule_specs = [{
            "id": rule.id,
            "category_id": rule.category_id.id or None,
            "course_type": rule.course_type or None,
            "min_courses": rule.min_courses,
            "period_months": rule.period_months,
            "required": set(rule.required_course_ids.ids),
            "jobs": set(rule.job_ids.ids),
        } for rule in rules]
        cr.execute("SELECT id, job_id FROM hr_employee WHERE active")
        employees = cr.fetchall()
        cr.execute("""
            SELECT r.employee_id, r.course_id, c.category_id, c.course_type,
                   r.date_completed, r.certificate_expiry
              FROM am_training_record r
              JOIN am_training_course c ON c.id = r.course_id
             WHERE r.state = 'passed' AND r.date_completed IS NOT NULL
        """)
        facts = defaultdict(list)
        to_date = fields.Date.from_string
        for emp_id, course_id, categ_id, ctype, done, expiry in cr.fetchall():
            facts[emp_id].append({
                "course_id": course_id, "category_id": categ_id,
                "course_type": ctype, "date_completed": to_date(done),
                "certificate_expiry": to_date(expiry) if expiry else None,
            })
        cr.execute("SELECT id, employee_id, rule_id, state, expiry_date "
                   "FROM am_employee_qualification")
        existing = {(e, r): (qid, s, x) for qid, e, r, s, x in cr.fetchall()}
        inserts, updates, keep = [], [], set()
        for spec in rule_specs:
            for emp_id, job_id in employees:
                if spec["jobs"] and job_id not in spec["jobs"]:
                    continue
                met_now, met_ever, expiry = training_rules.evaluate_rule(
                    today, facts.get(emp_id, ()), spec["min_courses"],
                    spec["category_id"], spec["course_type"],
                    spec["period_months"], spec["required"])
                state = training_rules.qualification_status(
                    today, met_now, met_ever, expiry, expiring_days)
                expiry = fields.Date.to_string(expiry) if expiry else None
                current = existing.get((emp_id, spec["id"]))
                if current is None:
                    inserts.append((emp_id, spec["id"], state, expiry))
                    continue
                keep.add(current[0])
                if (current[1], current[2] or None) != (state, expiry):
                    updates.append((current[0], state, expiry))
        stale = [v[0] for v in existing.values() if v[0] not in keep]
        uid = self.env.uid
        if inserts:
            cr.execute("""
                INSERT INTO am_employee_qualification
                       (employee_id, rule_id, state, expiry_date,
                        create_uid, write_uid, create_date, write_date)
                SELECT e, r, s, x, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::date[])
                       AS t(e, r, s, x)
                    ON CONFLICT (employee_id, rule_id) DO NOTHING
            """, (uid, uid, [i[0] for i in inserts], [i[1] for i in inserts],
                  [i[2] for i in inserts], [i[3] for i in inserts]),
                log_exceptions=False)
        if updates:
            cr.execute("""
                UPDATE am_employee_qualification q
                   SET state = t.s, expiry_date = t.x, write_uid = %s,
                       write_date = now() at time zone 'UTC'
                  FROM unnest(%s::int[], %s::varchar[], %s::date[]) AS t(i, s, x)
                 WHERE q.id = t.i
            """, (uid, [u[0] for u in updates], [u[1] for u in updates],
                  [u[2] for u in updates]), log_exceptions=False)
        if stale:
            # the rule no longer applies to the employee (archived rule, new job)
            cr.execute("DELETE FROM am_employee_qualification WHERE id = ANY(%s)",
                       (stale,), log_exceptions=False)
        return len(inserts), len(updates), len(stale)

    @api.model
    def _cron_recompute(self):
        self._recompute_all()
