# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.addons.account_manager_process.models import am_mail
from odoo.exceptions import UserError

from . import assessment_rules

LOCKED_STATES = ("confirmed", "approved")
# what users may write on an assessment; figures, ranks, flags, the
# employee/period and the workflow come from the computation and the buttons
# only (readonly is not enforced by the ORM over RPC)
USER_WRITABLE = frozenset(("note", "process_line_ids"))
# the chatter stays open on every assessment
MAIL_PREFIXES = ("message_", "activity_")
# columns written in bulk on the assessment by _compute_figures
FIGURE_COLUMNS = ("results_score", "process_score", "total_score",
                  "penalty_total", "reward_total", "passed")
TEAM_LEADER = "account_manager_process.group_team_leader"
HR_MANAGER = "hr.group_hr_manager"
AM_ADMINISTRATOR = "account_manager_process.group_am_administrator"


def _as_date(value):
    """A date from a database value or an ORM string."""
    if isinstance(value, str):
        return fields.Date.from_string(value)
    return value


def _json_rows(rows):
    """Rows of values as ONE parameter (a JSON array of arrays), read with
    json_array_elements(): psycopg2 sends a Python list as an ARRAY[...]
    of constants, thousands of which PostgreSQL is slow to parse and plan.
    Floats keep their exact value (shortest repr, parsed back exactly)."""
    return json.dumps(rows, allow_nan=False)


def _iso_day(value):
    """A date as its ISO string (ISO strings sort as the dates do)."""
    return value if isinstance(value, str) else fields.Date.to_string(value)


class AmAssessment(models.Model):
    _name = "am.assessment"
    _description = "Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, scheme_id, rank, id"

    name = fields.Char(string="Assessment", readonly=True, required=True)
    scheme_id = fields.Many2one(
        "am.assessment.scheme", required=True,
        readonly=True, index=True, ondelete="restrict")
    period = fields.Selection(assessment_rules.PERIOD_SELECTION,
                              readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True,
                            index=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True,
        index=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", readonly=True,
                              index=True)
    department_id = fields.Many2one("hr.department",
                                    readonly=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job position", readonly=True)
    company_id = fields.Many2one("res.company",
                                 readonly=True, index=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"),
         ("confirmed", "Confirmed"), ("approved", "Approved")],
        string="Status", default="draft", required=True, readonly=True,
        index=True, track_visibility="onchange")
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed by", readonly=True, copy=False,
        track_visibility="onchange",
        help="Who confirmed the assessment; someone else approves it.")
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False,
        track_visibility="onchange")
    line_ids = fields.One2many("am.assessment.line", "assessment_id",
                               string="Rules", readonly=True)
    process_line_ids = fields.One2many(
        "am.assessment.process.line", "assessment_id", string="Process")
    results_score = fields.Float(string="Results score", readonly=True,
                                 digits=(16, 2), group_operator="avg")
    process_score = fields.Float(string="Process score", readonly=True,
                                 digits=(16, 2), group_operator="avg",
                                 track_visibility="onchange")
    total_score = fields.Float(string="Score", readonly=True,
                               digits=(16, 2), group_operator="avg",
                               track_visibility="onchange")
    penalty_total = fields.Float(string="Penalties", readonly=True,
                                 digits=(16, 2), track_visibility="onchange")
    reward_total = fields.Float(string="Rewards", readonly=True,
                                digits=(16, 2), track_visibility="onchange")
    passed = fields.Boolean(readonly=True,
                            track_visibility="onchange")
    rank = fields.Integer(readonly=True, group_operator="min",
                          help="Rank within the scheme and period.")
    consecutive_failures = fields.Integer(
        string="Failed periods in a row", readonly=True,
        group_operator="max",
        help="Failed periods in a row of this scheme, this one included.")
    flagged_for_review = fields.Boolean(
        string="Flagged for HR review", readonly=True, index=True,
        track_visibility="onchange",
        help="The consecutive failures reached the threshold of Settings.")
    review_notified = fields.Boolean(string="HR review requested",
                                     readonly=True, copy=False)
    note = fields.Text(string="Notes", track_visibility="onchange")

    _sql_constraints = [
        ("employee_scheme_period_uniq",
         "unique(scheme_id, employee_id, date_from)",
         "An employee has one assessment per scheme and period."),
    ]

    # ------------------------------------------------------------------
    # locking: the public create/write refuse the workflow and figures,
    # whoever calls and whatever the context
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "Assessments are generated from their scheme (Generate last "
            "period, or the daily scheduled action); they cannot be created "
            "by hand."))

    @api.multi
    def write(self, vals):
        business = [key for key in vals if not key.startswith(MAIL_PREFIXES)]
        if business:
            if "state" in vals:
                raise UserError(_("Use the buttons to change the state of "
                                  "an assessment."))
            computed = sorted(set(business) - USER_WRITABLE)
            if computed:
                raise UserError(
                    _("The figures of an assessment are computed from the "
                      "indicators and cannot be changed by hand (%s).")
                    % ", ".join(computed))
            self._check_unlocked()
            self._check_not_own()
        return super().write(vals)

    @api.multi
    def _write_workflow(self, vals):
        """Write the workflow fields after the checks of a button or the
        computation (private: not callable over RPC)."""
        return super(AmAssessment, self).write(vals)  # pylint: disable=super-method-mismatch

    @api.multi
    def unlink(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(_("Only draft assessments can be deleted."))
        return super().unlink()

    @api.multi
    def _check_unlocked(self):
        locked = self.filtered(lambda a: a.state in LOCKED_STATES)
        if locked:
            raise UserError(
                _("The assessment %(name)s is %(state)s: it can no longer "
                  "be changed.") % {
                    "name": locked[0].name,
                    "state": dict(self._fields["state"]._description_selection(
                        self.env))[locked[0].state]})

    @api.multi
    def _check_not_own(self):
        """Nobody scores, submits, confirms, approves or annotates his own
        assessment."""
        user = self.env.user
        for assessment in self.sudo():
            if user in (assessment.user_id | assessment.employee_id.user_id):
                raise UserError(
                    _("%s is your own assessment: someone else handles it.")
                    % assessment.name)

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    @api.multi
    def _check_transition(self, from_states, state):
        """The state, the caller's write access (record rules) and that the
        assessment is not his own."""
        for assessment in self:
            if assessment.state not in from_states:
                raise UserError(
                    _("The assessment %(name)s cannot go to %(state)s from "
                      "its current state.") % {
                        "name": assessment.name,
                        "state": dict(
                            self._fields["state"]._description_selection(
                                self.env))[state]})
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_not_own()

    @api.multi
    def _check_group(self, *groups):
        user = self.env.user
        if not any(user.has_group(g) for g in groups):
            raise UserError(_("You are not allowed to do this on "
                              "assessments."))

    @api.multi
    def action_submit(self):
        self._check_group(TEAM_LEADER, HR_MANAGER)
        self._check_transition(("draft",), "submitted")
        self._write_workflow({"state": "submitted"})
        return True

    @api.multi
    def action_confirm(self):
        self._check_group(TEAM_LEADER, HR_MANAGER)
        self._check_transition(("submitted",), "confirmed")
        # the process scores were entered since the draft: the totals are
        # refreshed before the assessment is locked
        self.sudo()._compute_figures(evaluate_metrics=False)
        self._write_workflow({"state": "confirmed",
                              "confirmed_by_id": self.env.uid})
        return True

    @api.multi
    def action_approve(self):
        self._check_group(HR_MANAGER)
        self._check_transition(("confirmed",), "approved")
        user = self.env.user
        for assessment in self.sudo():
            if assessment.confirmed_by_id == user:
                raise UserError(
                    _("You confirmed the assessment %s: another HR manager "
                      "approves it.") % assessment.name)
        self._write_workflow({"state": "approved",
                              "approved_by_id": self.env.uid})
        return True

    @api.multi
    def action_reset_draft(self):
        self._check_group(HR_MANAGER, AM_ADMINISTRATOR)
        self._check_transition(("submitted", "confirmed"), "draft")
        self._write_workflow({"state": "draft", "confirmed_by_id": False})
        return True

    @api.multi
    def action_recompute(self):
        """Recompute from the indicators: only drafts."""
        self._check_group(TEAM_LEADER, HR_MANAGER, AM_ADMINISTRATOR)
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(_("Only draft assessments can be recomputed."))
        self._check_transition(("draft",), "draft")
        self.sudo()._compute_figures(evaluate_metrics=True)
        return True

    # ------------------------------------------------------------------
    # set-based generation and computation
    # ------------------------------------------------------------------
    @api.model
    def _insert_missing(self, scheme, employees, date_from, date_to):
        """Insert the missing assessments of a scheme and period in one
        statement; returns the ids this transaction inserted."""
        cr = self.env.cr
        start = fields.Date.to_string(date_from)
        stop = fields.Date.to_string(date_to)
        label = "%s %s" % (scheme.name, start if scheme.period != "weekly"
                           else "%s/W%02d" % (date_from.isocalendar()[0],
                                              date_from.isocalendar()[1]))
        # the columns the ORM would write (the figures stay NULL until the
        # computation, booleans are False): see test_sql_rows
        cr.execute(
            """INSERT INTO am_assessment (name, scheme_id, period, date_from,
                   date_to, employee_id, user_id, department_id, job_id,
                   company_id, state, passed, flagged_for_review,
                   review_notified, create_uid, create_date, write_uid,
                   write_date)
               SELECT %s, %s, %s, %s, %s, e.id, r.user_id, e.department_id,
                   e.job_id, %s, 'draft', false, false, false, %s,
                   now() at time zone 'UTC', %s, now() at time zone 'UTC'
               FROM hr_employee e
               JOIN resource_resource r ON r.id = e.resource_id
               WHERE e.id IN %s
               ON CONFLICT (scheme_id, employee_id, date_from) DO NOTHING
               RETURNING id""",
            (label, scheme.id, scheme.period, start, stop,
             scheme.company_id.id or None, self.env.uid, self.env.uid,
             tuple(employees.ids)))
        new_ids = [row[0] for row in cr.fetchall()]
        if new_ids and scheme.process_item_ids:
            cr.execute(
                """INSERT INTO am_assessment_process_line (assessment_id,
                       item_id, create_uid, create_date, write_uid,
                       write_date)
                   SELECT a.id, i.id, %s, now() at time zone 'UTC', %s,
                       now() at time zone 'UTC'
                   FROM am_assessment a, am_assessment_process_item i
                   WHERE a.id IN %s AND i.scheme_id = %s
                   ORDER BY a.id, i.sequence, i.id""",
                (self.env.uid, self.env.uid, tuple(new_ids), scheme.id))
        return new_ids

    @api.multi
    def _compute_figures(self, evaluate_metrics=True):
        """Lines, totals, ranks and consecutive failures of these
        assessments. The number of queries depends on the number of rules
        of their schemes, never on the number of employees. Confirmed and
        approved assessments are locked: never rewritten here."""
        if not self:
            return
        groups = defaultdict(list)
        # plain SQL: one query whatever the number of assessments
        self.env.cr.execute(
            """SELECT id, scheme_id, date_from, date_to, employee_id
               FROM am_assessment
               WHERE id IN %s AND state NOT IN %s ORDER BY id""",
            (tuple(self.ids), LOCKED_STATES))
        for row in self.env.cr.dictfetchall():
            groups[(row["scheme_id"], row["date_from"],
                    row["date_to"])].append(row)
        updated = set()
        for (scheme_id, date_from, date_to), rows in groups.items():
            updated.update(row["id"] for row in rows)
            updated.update(self._compute_group(
                self.env["am.assessment.scheme"].browse(scheme_id),
                _as_date(date_from), _as_date(date_to), rows,
                evaluate_metrics))
        self.invalidate_cache()
        if updated:
            self.browse(sorted(updated))._notify_reviews()

    @api.model
    def _compute_group(self, scheme, date_from, date_to, rows,
                       evaluate_metrics):
        """Lines and figures of the assessments ``rows`` of one scheme and
        period; returns the ids whose failures were updated."""
        ids = tuple(row["id"] for row in rows)
        emp_of = {row["id"]: row["employee_id"] for row in rows}
        rule_dicts = scheme.rule_ids._as_dict()
        if evaluate_metrics:
            actuals = self._evaluated_actuals(scheme, date_from, date_to,
                                              emp_of)
        else:
            actuals = self._stored_actuals(ids)
        line_rows, totals = self._assessment_rows(
            scheme, rule_dicts, ids, actuals, self._process_scores(ids))
        self._replace_lines(ids, line_rows)
        return self._write_figures(scheme, date_from, emp_of, totals)

    @api.model
    def _evaluated_actuals(self, scheme, date_from, date_to, emp_of):
        """{assessment id: {rule id: value}} from the indicators: each
        metric of the scheme evaluated once, for the whole population
        (``emp_of``: {assessment id: employee id})."""
        actuals = defaultdict(dict)
        employee_ids = list(set(emp_of.values()))
        Metric = self.env["am.assessment.metric"]
        user_map = Metric._user_employee_map(employee_ids)
        tz_map = Metric._employee_tz_map(employee_ids)
        values_by_metric = {}
        for rule in scheme.rule_ids:
            metric = rule.metric_id
            if metric.id not in values_by_metric:
                values_by_metric[metric.id] = metric._evaluate(
                    employee_ids, date_from, date_to, user_map=user_map,
                    tz_map=tz_map, company=scheme.company_id)
            values = values_by_metric[metric.id]
            for assessment_id, employee_id in emp_of.items():
                actuals[assessment_id][rule.id] = values.get(
                    employee_id, 0.0)
        return actuals

    @api.model
    def _stored_actuals(self, ids):
        """{assessment id: {rule id: value}} as the lines hold them (the
        totals are refreshed without evaluating the indicators again)."""
        actuals = defaultdict(dict)
        self.env.cr.execute("""SELECT assessment_id, rule_id, actual
                               FROM am_assessment_line
                               WHERE assessment_id IN %s""", (ids,))
        for assessment_id, rule_id, actual in self.env.cr.fetchall():
            actuals[assessment_id][rule_id] = actual or 0.0
        return actuals

    @api.model
    def _process_scores(self, ids):
        """{assessment id: [(score, weight)]} of the process items."""
        process = defaultdict(list)
        self.env.cr.execute(
            """SELECT l.assessment_id, l.score, i.weight
               FROM am_assessment_process_line l
               JOIN am_assessment_process_item i ON i.id = l.item_id
               WHERE l.assessment_id IN %s""", (ids,))
        for assessment_id, score, weight in self.env.cr.fetchall():
            process[assessment_id].append((score or 0.0, weight or 0.0))
        return process

    @api.model
    def _assessment_rows(self, scheme, rule_dicts, ids, actuals, process):
        """(line rows, totals) of these assessments computed by
        assessment_rules.compute_assessment: the rows of the lines as
        _replace_lines inserts them, and {id: FIGURE_COLUMNS values}."""
        scheme_dict = {"results_weight": scheme.results_weight,
                       "process_weight": scheme.process_weight,
                       "pass_threshold": scheme.pass_threshold}
        names = {rule.id: rule.name or rule.metric_id.name
                 for rule in scheme.rule_ids}
        line_rows, totals = [], {}
        line_cache = {}
        for assessment_id in ids:
            res = assessment_rules.compute_assessment(
                rule_dicts, actuals[assessment_id], process[assessment_id],
                scheme_dict, line_cache)
            for rule, line in zip(rule_dicts, res["lines"]):
                line_rows.append((
                    assessment_id, rule["id"], names[rule["id"]],
                    rule["rule_type"], rule["direction"], rule["target"],
                    rule["weight"], line["actual"], line["achievement"],
                    line["score"], line["shortfall"], line["surplus"],
                    line["penalty"], line["reward"]))
            totals[assessment_id] = tuple(res[col] for col in FIGURE_COLUMNS)
        return line_rows, totals

    @api.model
    def _replace_lines(self, ids, line_rows):
        """Replace the lines of these assessments by ``line_rows`` (see
        _assessment_rows): one DELETE, one INSERT."""
        cr = self.env.cr
        cr.execute("DELETE FROM am_assessment_line WHERE assessment_id IN %s",
                   (ids,))
        if not line_rows:
            return
        # one statement for all lines, one JSON parameter; the stored
        # related fields of the analysis views come from the assessment
        # (the same columns as the ORM: see test_sql_rows)
        cr.execute(
            """INSERT INTO am_assessment_line (assessment_id, rule_id,
                   name, rule_type, direction, target, weight, actual,
                   achievement, score, shortfall, surplus, penalty,
                   reward, employee_id, scheme_id, date_from,
                   department_id, company_id, create_uid, create_date,
                   write_uid, write_date)
               SELECT a.id, (v->>1)::int, v->>2, v->>3, v->>4,
                   (v->>5)::float, (v->>6)::float, (v->>7)::float,
                   (v->>8)::float, (v->>9)::float, (v->>10)::float,
                   (v->>11)::float, (v->>12)::float, (v->>13)::float,
                   a.employee_id, a.scheme_id, a.date_from,
                   a.department_id, a.company_id, %s,
                   now() at time zone 'UTC', %s, now() at time zone 'UTC'
               FROM json_array_elements(%s::json) WITH ORDINALITY
                   AS j(v, ord)
               JOIN am_assessment a ON a.id = (j.v->>0)::int
               ORDER BY j.ord""",
            (self.env.uid, self.env.uid, _json_rows(line_rows)))

    @api.model
    def _write_figures(self, scheme, date_from, emp_of, totals):
        """Write in ONE statement the totals of these assessments
        (``totals``: {id: FIGURE_COLUMNS values}), the rank of every
        assessment of the scheme and period (among all of them; the locked
        ones keep the rank they were confirmed with), the consecutive failed
        periods of these assessments and of the later periods of their
        employees (a recomputed or confirmed period changes the runs after
        it) and the flag for HR review; locked assessments keep theirs.
        Returns the ids whose failures were updated."""
        start = fields.Date.to_string(date_from)
        employee_ids = set(emp_of.values())
        rows = self._scheme_history(scheme, start, employee_ids)
        ranks = self._period_ranks(rows, totals, start)
        failures = self._failure_runs(rows, totals, start, employee_ids)
        threshold = self._review_threshold()
        values = []
        for assessment_id, _emp, _day, _passed, _total, rank, state in rows:
            if state in LOCKED_STATES:
                continue
            new_rank = ranks.get(assessment_id, rank)
            if (assessment_id not in totals and assessment_id not in failures
                    and new_rank == rank):
                continue
            count = failures.get(assessment_id)
            values.append((assessment_id, assessment_id in totals)
                          + tuple(totals.get(assessment_id, (None,) * len(
                              FIGURE_COLUMNS)))
                          + (new_rank, count is not None, count or 0,
                             bool(threshold) and (count or 0) >= threshold))
        return self._update_figures(values)

    @api.model
    def _scheme_history(self, scheme, start, employee_ids):
        """(id, employee, date_from, passed, total_score, rank, state) of
        the scheme's assessments of these employees (their history) and of
        the period starting on ``start`` (for the ranks), in one query, by
        employee and date."""
        self.env.cr.execute(
            """SELECT id, employee_id, date_from, passed, total_score, rank,
                   state
               FROM am_assessment
               WHERE scheme_id = %s AND (employee_id IN %s OR date_from = %s)
               ORDER BY employee_id, date_from""",
            (scheme.id, tuple(employee_ids), start))
        return self.env.cr.fetchall()

    @api.model
    def _period_ranks(self, rows, totals, start):
        """{id: rank} of the assessments of the period starting on
        ``start``, with the new totals: rank() by score, highest first, no
        score last; a score is compared as stored (numeric, 15 significant
        digits)."""
        total_index = FIGURE_COLUMNS.index("total_score")
        scores = {}
        for assessment_id, _emp, day, _passed, total, _rank, _state in rows:
            if _iso_day(day) == start:
                if assessment_id in totals:
                    total = totals[assessment_id][total_index]
                scores[assessment_id] = (None if total is None
                                         else float("%.15g" % total))
        return assessment_rules.ranks(scores)

    @api.model
    def _failure_runs(self, rows, totals, start, employee_ids):
        """{id: failed periods in a row} of these employees' assessments
        from the period starting on ``start`` on, from their history with
        the new results."""
        passed_index = FIGURE_COLUMNS.index("passed")
        history = defaultdict(list)
        failures = {}
        for assessment_id, employee_id, day, passed, _t, _r, _s in rows:
            if employee_id not in employee_ids:
                continue
            if assessment_id in totals:
                passed = totals[assessment_id][passed_index]
            history[employee_id].append(passed)
            if _iso_day(day) >= start:
                failures[assessment_id] = assessment_rules.consecutive_failures(
                    history[employee_id])
        return failures

    @api.model
    def _update_figures(self, values):
        """The one UPDATE of the figures, ranks, failures and flags of the
        rows ``values`` (see _write_figures), unless locked; returns the ids
        whose failures were updated."""
        if not values:
            return []
        cr = self.env.cr
        cr.execute(
            """UPDATE am_assessment a SET
                   results_score = CASE WHEN v.figures THEN v.r
                                   ELSE a.results_score END,
                   process_score = CASE WHEN v.figures THEN v.p
                                   ELSE a.process_score END,
                   total_score = CASE WHEN v.figures THEN v.t
                                 ELSE a.total_score END,
                   penalty_total = CASE WHEN v.figures THEN v.pen
                                   ELSE a.penalty_total END,
                   reward_total = CASE WHEN v.figures THEN v.rew
                                  ELSE a.reward_total END,
                   passed = CASE WHEN v.figures THEN v.ok ELSE a.passed END,
                   write_uid = CASE WHEN v.figures THEN %s
                               ELSE a.write_uid END,
                   write_date = CASE WHEN v.figures
                                THEN now() at time zone 'UTC'
                                ELSE a.write_date END,
                   rank = v.rank,
                   consecutive_failures = CASE WHEN v.history THEN v.n
                                          ELSE a.consecutive_failures END,
                   flagged_for_review = CASE WHEN v.history THEN v.flag
                                        ELSE a.flagged_for_review END
               FROM (SELECT (j->>0)::int AS id, (j->>1)::boolean AS figures,
                       (j->>2)::float AS r, (j->>3)::float AS p,
                       (j->>4)::float AS t, (j->>5)::float AS pen,
                       (j->>6)::float AS rew, (j->>7)::boolean AS ok,
                       (j->>8)::int AS rank, (j->>9)::boolean AS history,
                       (j->>10)::int AS n, (j->>11)::boolean AS flag
                     FROM json_array_elements(%s::json) j) v
               WHERE a.id = v.id AND a.state NOT IN %s
               RETURNING a.id, v.history""",
            (self.env.uid, _json_rows(values), LOCKED_STATES))
        return [assessment_id for assessment_id, history in cr.fetchall()
                if history]

    @api.model
    def _review_threshold(self):
        return self.env["res.config.settings"]._am_value("consecutive_failures_review")

    @api.multi
    def _notify_reviews(self):
        """An activity for the HR managers and a message on the employee,
        once per run of failures reaching the threshold (and its
        multiples). Only flagged employees cost queries here."""
        if not self:
            return
        threshold = self._review_threshold()
        self.env.cr.execute(
            """SELECT id, consecutive_failures FROM am_assessment
               WHERE id IN %s AND flagged_for_review
                 AND NOT COALESCE(review_notified, false)""",
            (tuple(self.ids),))
        due = self.browse([
            assessment_id for assessment_id, failures in self.env.cr.fetchall()
            if assessment_rules.is_review_due(failures, threshold)])
        if not due:
            return
        managers = self.env.ref(HR_MANAGER).users.filtered(
            lambda u: u.active and not u.share)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        activities = []
        for assessment in due:
            summary = _("HR review: %(employee)s failed %(count)s periods "
                        "in a row") % {
                "employee": assessment.employee_id.name,
                "count": assessment.consecutive_failures}
            note = _("Scheme %s: consider dismissal or other "
                     "measures.") % assessment.scheme_id.name
            activities.extend({
                "res_id": assessment.id, "activity_type_id": activity_type.id,
                "user_id": manager.id, "summary": summary, "note": note,
            } for manager in managers)
            assessment.employee_id.message_post(body=_(
                "%(scheme)s: %(count)s consecutive failed periods (last: "
                "%(name)s). Flagged for HR review.") % {
                    "scheme": assessment.scheme_id.name,
                    "count": assessment.consecutive_failures,
                    "name": assessment.name})
        am_mail.schedule_activities(due, activities)
        due._write_workflow({"review_notified": True})
