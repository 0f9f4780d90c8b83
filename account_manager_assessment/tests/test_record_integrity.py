# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import AccessError, UserError

from ..models.am_assessment import AmAssessment
from ..models.am_assessment_line import AmAssessmentLine
from ..models.am_assessment_process_line import AmAssessmentProcessLine
from .common import WEEKS, AssessmentCase

# the context key that used to unlock every write
UNLOCK = {"am_assessment_internal": True}
METADATA = ("id", "create_uid", "create_date", "write_uid", "write_date")


def orm_create(cls, model, vals):
    """What the ORM writes, below the addon's create (which refuses)."""
    return super(cls, model).create(vals)  # pylint: disable=super-method-mismatch


class TestRecordIntegrity(AssessmentCase):
    """What HR reads is what the indicators and the buttons produced:
    nobody writes figures, states or lines by hand, whatever the context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.week = (WEEKS[0], WEEKS[0] + timedelta(days=6))
        cls.scheme._generate_period(*cls.week)
        cls.kam = cls._assessment(cls.scheme, cls.emp_kam)
        cls.am2 = cls._assessment(cls.scheme, cls.emp_am2)

    @classmethod
    def _assessment(cls, scheme, employee, week=None):
        return cls.env["am.assessment"].search([
            ("scheme_id", "=", scheme.id), ("employee_id", "=", employee.id),
            ("date_from", "=", str(week or WEEKS[0]))])

    def _approve(self, assessment):
        assessment.sudo(self.user_leader).action_submit()
        assessment.sudo(self.user_leader).action_confirm()
        assessment.sudo(self.user_hr_manager).action_approve()
        self.assertEqual(assessment.state, "approved")

    def _row(self, table, record_id):
        self.env.cr.execute("SELECT * FROM %s WHERE id = %%s" % table,
                            (record_id,))
        row = self.env.cr.dictfetchone()
        for column in METADATA:
            row.pop(column, None)
        return row

    def test_figures_cannot_be_written_by_hand(self):
        """readonly is not enforced over RPC, and a context is whatever the
        client sends: a leader, an HR manager or the superuser cannot pass
        a failed draft, approve it or hide a flag."""
        self.assertFalse(self.kam.passed)
        for env_user in (self.user_leader, self.user_hr_manager, None):
            kam = self.kam.sudo(env_user) if env_user else self.kam
            for vals in ({"passed": True}, {"total_score": 100.0},
                         {"penalty_total": 0.0}, {"rank": 1},
                         {"flagged_for_review": True},
                         {"employee_id": self.emp_am2.id},
                         {"confirmed_by_id": self.user_leader.id},
                         {"state": "approved"},
                         {"state": "approved", "passed": True,
                          "total_score": 100.0}):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    kam.with_context(**UNLOCK).write(vals)
        self.kam.invalidate_cache()
        self.assertEqual(self.kam.state, "draft")
        self.assertFalse(self.kam.passed)
        self.assertEqual(self.kam.penalty_total, 300 + 160 + 100)
        self.assertEqual(self.kam.employee_id, self.emp_kam)
        # the note stays the leader's to write
        self.kam.sudo(self.user_leader).write({"note": "talked to him"})
        self.kam.invalidate_cache()
        self.assertEqual(self.kam.note, "talked to him")

    def test_approved_assessment_cannot_be_rewritten(self):
        self._approve(self.kam)
        for vals in ({"note": "changed"}, {"total_score": 100.0},
                     {"passed": True}, {"state": "draft"}):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.kam.sudo(self.user_hr_manager).with_context(
                    **UNLOCK).write(vals)
        self.kam.invalidate_cache()
        self.assertEqual(self.kam.state, "approved")
        self.assertFalse(self.kam.note)
        self.assertFalse(self.kam.passed)
        # the chatter stays open
        self.kam.sudo(self.user_hr_manager).message_post(body="Seen")

    def test_assessments_and_lines_are_not_forged(self):
        """An administrator (create access) or the superuser cannot create
        an approved assessment or add lines to one."""
        vals = {"name": "Forged", "scheme_id": self.scheme.id,
                "employee_id": self.emp_other.id,
                "date_from": str(WEEKS[1]), "date_to": str(WEEKS[2]),
                "state": "approved", "passed": True, "total_score": 100.0}
        Assessment = self.env["am.assessment"]
        before = Assessment.search_count([])
        for user in (self.user_admin, None):
            with self.assertRaises((UserError, AccessError)), \
                    self.env.cr.savepoint():
                (Assessment.sudo(user) if user else Assessment).with_context(
                    **UNLOCK).create(dict(vals))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.kam.copy()
        self.assertEqual(Assessment.search_count([]), before)
        Line = self.env["am.assessment.line"]
        line = self.kam.line_ids[0]
        lines = Line.search_count([])
        with self.assertRaises(UserError), self.env.cr.savepoint():
            Line.with_context(**UNLOCK).create({
                "assessment_id": self.kam.id, "name": "Bonus",
                "reward": 10000.0})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            line.with_context(**UNLOCK).write({"penalty": 0.0})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            line.with_context(**UNLOCK).unlink()
        self.assertEqual(Line.search_count([]), lines)
        self.assertEqual(line.penalty, 300.0)

    def test_process_score_cannot_be_moved(self):
        """A leader scores process items; he cannot move a score to an
        assessment of another scheme, even an approved one."""
        monthly = self.env["am.assessment.scheme"].create({
            "name": "Monthly T", "period": "monthly",
            "employee_ids": [(6, 0, (self.emp_kam | self.emp_am2).ids)],
            "results_weight": 50, "process_weight": 50,
            "rule_ids": [(0, 0, {
                "metric_id": self.metric["customers_registered"].id,
                "target": 1, "weight": 100})],
            "process_item_ids": [(0, 0, {"name": "Attitude",
                                         "weight": 100})]})
        monthly._generate_period(WEEKS[0].replace(day=1),
                                 WEEKS[0].replace(day=31))
        mine = self._assessment(monthly, self.emp_kam,
                                WEEKS[0].replace(day=1))
        approved = self._assessment(monthly, self.emp_am2,
                                    WEEKS[0].replace(day=1))
        self._approve(approved)
        line = mine.process_line_ids.sudo(self.user_leader)
        for vals in ({"assessment_id": approved.id, "score": 100},
                     {"item_id": approved.process_line_ids.item_id.id}):
            with self.assertRaisesRegex(UserError, "Only the score"), \
                    self.env.cr.savepoint():
                line.with_context(**UNLOCK).write(vals)
        with self.assertRaises((UserError, AccessError)), \
                self.env.cr.savepoint():
            self.env["am.assessment.process.line"].sudo(
                self.user_leader).with_context(**UNLOCK).create({
                    "assessment_id": approved.id,
                    "item_id": approved.process_line_ids.item_id.id,
                    "score": 100})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            approved.process_line_ids.with_context(**UNLOCK).unlink()
        line.write({"score": 70})
        approved.invalidate_cache()
        self.assertEqual(mine.process_line_ids.score, 70)
        self.assertEqual(len(approved.process_line_ids), 1)
        self.assertFalse(approved.process_line_ids.score)

    def test_locked_assessment_is_not_recomputed(self):
        """Recomputing the drafts of a period leaves an approved assessment
        as it was approved: its lines, figures and rank."""
        self._approve(self.kam)
        penalty, rank = self.kam.penalty_total, self.kam.rank
        lines = self.kam.line_ids
        self._facts(self.user_am2, WEEKS[0], units=3, batches=16,
                    numbers=100)
        self._facts(self.user_kam, WEEKS[0], units=3)
        self.am2.sudo(self.user_leader).action_recompute()
        self.assertEqual(self.am2.rank, 1)
        # even the computation itself (private) skips it
        self.kam.sudo()._compute_figures(evaluate_metrics=True)
        self.kam.invalidate_cache()
        self.assertEqual((self.kam.penalty_total, self.kam.rank),
                         (penalty, rank))
        self.assertEqual(self.kam.line_ids, lines)

    def test_sql_rows_equal_orm_rows(self):
        """Assessments, their lines and process scores are written in SQL
        (one statement for a whole population): every stored column is
        what the ORM would have written."""
        monthly = self.env["am.assessment.scheme"].create({
            "name": "Rows T", "period": "monthly",
            "employee_ids": [(6, 0, self.emp_kam.ids)],
            "results_weight": 50, "process_weight": 50,
            "rule_ids": [(0, 0, {
                "metric_id": self.metric["customers_registered"].id,
                "target": 3, "weight": 100, "penalty_per_unit": 10})],
            "process_item_ids": [(0, 0, {"name": "Attitude",
                                         "weight": 100})]})
        Assessment = self.env["am.assessment"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True,
            tracking_disable=True)
        start, stop = WEEKS[0].replace(day=1), WEEKS[0].replace(day=31)
        # the assessment and its process line as inserted
        sql_id = Assessment._insert_missing(monthly, self.emp_kam, start,
                                            stop)[0]
        sql_row = self._row("am_assessment", sql_id)
        self.env.cr.execute("SELECT id FROM am_assessment_process_line "
                            "WHERE assessment_id = %s", (sql_id,))
        sql_process = self._row("am_assessment_process_line",
                                self.env.cr.fetchone()[0])
        self.env.cr.execute("DELETE FROM am_assessment WHERE id = %s",
                            (sql_id,))
        orm = orm_create(AmAssessment, Assessment, {
            key: sql_row[key] for key in (
                "name", "scheme_id", "period", "date_from", "date_to",
                "employee_id", "user_id", "department_id", "job_id",
                "company_id")})
        self.assertEqual(self._row("am_assessment", orm.id), sql_row)
        process = orm_create(
            AmAssessmentProcessLine, self.env["am.assessment.process.line"],
            {"assessment_id": orm.id, "item_id": sql_process["item_id"]})
        sql_process["assessment_id"] = orm.id
        self.assertEqual(self._row("am_assessment_process_line", process.id),
                         sql_process)
        # a computed line
        orm._compute_figures(evaluate_metrics=True)
        sql_line = self._row("am_assessment_line", orm.line_ids.id)
        line = orm_create(
            AmAssessmentLine, self.env["am.assessment.line"],
            {key: value for key, value in sql_line.items()
             if key not in ("employee_id", "scheme_id", "date_from",
                            "department_id", "company_id")})
        self.assertEqual(self._row("am_assessment_line", line.id), sql_line)

    def test_analysis_lines_carry_employee_scheme_and_period(self):
        """The lines are inserted in SQL: the stored related fields of the
        analysis (pivot by employee, scheme, period, team) must be set."""
        lines = self.kam.line_ids
        self.assertTrue(lines)
        for line in lines:
            self.assertEqual(line.employee_id, self.emp_kam)
            self.assertEqual(line.scheme_id, self.scheme)
            self.assertEqual(line.date_from, str(WEEKS[0]))
            self.assertEqual(line.department_id, self.dept)
            self.assertEqual(line.company_id, self.kam.company_id)
        groups = self.env["am.assessment.line"].sudo(self.user_hr).read_group(
            [("scheme_id", "=", self.scheme.id)], ["employee_id"],
            ["employee_id"])
        self.assertEqual({g["employee_id"][0] for g in groups},
                         {self.emp_kam.id, self.emp_am2.id})
