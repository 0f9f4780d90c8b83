# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# a concurrent run wrote the same statuses after this transaction's snapshot
CONCURRENT_CODES = (errorcodes.SERIALIZATION_FAILURE, errorcodes.UNIQUE_VIOLATION,
                    errorcodes.DEADLOCK_DETECTED)

# every active employee's status for every active rule that applies to him
# (its job positions), from the passed training records: a rule counts the
# distinct passed courses of its category / course type, each valid until
# the end of the rule's window after its completion or its certificate's
# expiry, whichever comes first (the latest of its passes); it needs
# ``min_courses`` of them valid today and every required course's
# certificate valid today. Met once but no longer: expired; the expiry is
# the earliest end among the counted courses needed and the required ones.
# The same arithmetic as training_rules.evaluate_rule and
# qualification_status (see test_sql_statuses_match_the_rules).
STATUS_SQL = """
rule AS (
    SELECT r.id, r.category_id, r.course_type, COALESCE(r.min_courses, 0) AS min_courses,
           COALESCE(r.period_months, 0) AS period_months,
           ARRAY(SELECT rc.course_id FROM am_qualification_rule_course_rel rc
                  WHERE rc.rule_id = r.id) AS required,
           ARRAY(SELECT rj.job_id FROM am_qualification_rule_job_rel rj
                  WHERE rj.rule_id = r.id) AS jobs
      FROM am_qualification_rule r WHERE r.active),
pair AS (
    SELECT rule.*, e.id AS employee_id FROM rule
      JOIN hr_employee e ON e.active
       AND (cardinality(rule.jobs) = 0 OR e.job_id = ANY(rule.jobs))),
fact AS (
    SELECT t.employee_id, t.course_id, c.category_id, c.course_type,
           t.date_completed AS done,
           COALESCE(t.certificate_expiry, 'infinity'::date) AS cert
      FROM am_training_record t JOIN am_training_course c ON c.id = t.course_id
     WHERE t.state = 'passed' AND t.date_completed IS NOT NULL),
counted AS (
    SELECT p.id AS rule_id, p.employee_id, f.course_id,
           max(least(CASE WHEN p.period_months > 0
                          THEN (f.done + p.period_months * interval '1 month')::date
                          ELSE 'infinity'::date END, f.cert)) AS end_date
      FROM pair p JOIN fact f ON f.employee_id = p.employee_id
     WHERE (p.category_id IS NULL OR f.category_id = p.category_id)
       AND (p.course_type IS NULL OR f.course_type = p.course_type)
  GROUP BY 1, 2, 3),
ranked AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.rule_id, c.employee_id
                                   ORDER BY c.end_date DESC) AS n
      FROM counted c),
count_agg AS (
    SELECT r.rule_id, r.employee_id, count(*) AS ever,
           count(*) FILTER (WHERE r.end_date >= %(today)s) AS valid,
           max(r.end_date) FILTER (WHERE r.n = p.min_courses) AS nth_end
      FROM ranked r JOIN rule p ON p.id = r.rule_id GROUP BY 1, 2),
req AS (
    SELECT p.id AS rule_id, p.employee_id, rc.course_id, max(f.cert) AS end_date
      FROM pair p CROSS JOIN unnest(p.required) rc(course_id)
      LEFT JOIN fact f ON f.employee_id = p.employee_id AND f.course_id = rc.course_id
  GROUP BY 1, 2, 3),
req_agg AS (
    SELECT rule_id, employee_id, bool_and(end_date IS NOT NULL) AS ever_ok,
           bool_and(COALESCE(end_date >= %(today)s, false)) AS now_ok,
           min(nullif(end_date, 'infinity')) AS min_end
      FROM req GROUP BY 1, 2),
status AS (
    SELECT p.employee_id, p.id AS rule_id,
           COALESCE(c.valid, 0) >= p.min_courses AND COALESCE(r.now_ok, true) AS met_now,
           COALESCE(c.ever, 0) >= p.min_courses AND COALESCE(r.ever_ok, true) AS met_ever,
           least(CASE WHEN p.min_courses > 0 THEN nullif(c.nth_end, 'infinity') END,
                 r.min_end) AS expiry
      FROM pair p
      LEFT JOIN count_agg c ON c.rule_id = p.id AND c.employee_id = p.employee_id
      LEFT JOIN req_agg r ON r.rule_id = p.id AND r.employee_id = p.employee_id),
wanted AS (
    SELECT employee_id, rule_id,
           CASE WHEN met_now AND expiry <= %(today)s::date + %(expiring)s
                THEN 'expiring'
                WHEN met_now THEN 'qualified'
                WHEN met_ever THEN 'expired'
                ELSE 'not_qualified' END AS state,
           CASE WHEN met_now THEN expiry END AS expiry
      FROM status)"""

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
        return self.env["res.config.settings"]._am_training_value("qualification_expiring_days")

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
        """One statement whatever the number of employees, rules and
        training records: the statuses of STATUS_SQL (the arithmetic of
        training_rules.evaluate_rule and qualification_status, in SQL: see
        test_sql_statuses_match_the_rules) inserted, updated when they
        changed, deleted when the rule no longer applies."""
        cr = self.env.cr
        today = fields.Date.context_today(self)
        cr.execute("""
            WITH """ + STATUS_SQL + """,
            inserted AS (
                INSERT INTO am_employee_qualification
                       (employee_id, rule_id, state, expiry_date,
                        create_uid, write_uid, create_date, write_date)
                SELECT w.employee_id, w.rule_id, w.state, w.expiry, %(uid)s, %(uid)s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM wanted w
                 WHERE NOT EXISTS (SELECT 1 FROM am_employee_qualification q
                                    WHERE q.employee_id = w.employee_id
                                      AND q.rule_id = w.rule_id)
                    ON CONFLICT (employee_id, rule_id) DO NOTHING
             RETURNING 1),
            updated AS (
                UPDATE am_employee_qualification q
                   SET state = w.state, expiry_date = w.expiry, write_uid = %(uid)s,
                       write_date = now() at time zone 'UTC'
                  FROM wanted w
                 WHERE q.employee_id = w.employee_id AND q.rule_id = w.rule_id
                   AND (q.state, q.expiry_date) IS DISTINCT FROM (w.state, w.expiry)
             RETURNING 1),
            deleted AS (
                -- the rule no longer applies to the employee (archived
                -- rule or employee, new job)
                DELETE FROM am_employee_qualification q
                 WHERE NOT EXISTS (SELECT 1 FROM wanted w
                                    WHERE w.employee_id = q.employee_id
                                      AND w.rule_id = q.rule_id)
             RETURNING 1)
            SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM updated),
                   (SELECT count(*) FROM deleted)
        """, {"today": today, "expiring": max(self._expiring_days(), 0),
              "uid": self.env.uid}, log_exceptions=False)
        return tuple(cr.fetchone())

    @api.model
    def _cron_recompute(self):
        self._recompute_all()
