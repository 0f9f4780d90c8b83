# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from datetime import timedelta

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.addons.account_manager_process.models import am_rules, am_sql
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from . import assessment_rules

# Built-in indicators read from the process and training addons. Each one
# is a single grouped query over the whole population:
#   model, date field, employee field (hr.employee or res.users), domain,
#   aggregate: count | sum | avg | ratio (percent of rows matching "ratio")
BUILTIN_METRICS = {
    "visits_done": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True)], aggregate="count"),
    "visits_new_customer": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True), ("visit_type", "=", "new_customer")],
        aggregate="count"),
    "visits_return_on_time": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True), ("visit_type", "=", "return"),
                ("is_return_on_time", "=", True)],
        aggregate="count"),
    "visits_weighted_share": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True)], aggregate="ratio",
        ratio=("business_weight", ">", 1.0)),
    # visits verified where they happen (a rejected visit does not count)
    "visits_verified_share": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True)], aggregate="ratio",
        ratio=("checkin_verdict", "=", "verified")),
    "visits_rejected": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("state", "=", "done"), ("review_state", "=", "rejected")],
        aggregate="count"),
    # proof and the customer's own word (visits verified where they happen)
    "visits_photo_missing": dict(
        model="am.visit", date_field="visit_date", employee_field="employee_id",
        domain=[("counts", "=", True), ("purpose_id.photo_required", "=", True),
                ("photo_count", "=", 0)],
        aggregate="count"),
    "customer_confirmed_share": dict(
        model="am.spot.check", date_field="visit_date", employee_field="employee_id",
        domain=[("customer_request_state", "=", "answered")], aggregate="ratio",
        ratio=("result", "=", "confirmed")),
    "customer_rating": dict(
        model="am.spot.check", date_field="visit_date", employee_field="employee_id",
        domain=[("customer_rating_score", ">", 0)], aggregate="avg",
        value_field="customer_rating_score"),
    "customers_registered": dict(
        model="res.partner", date_field="am_registration_date",
        employee_field="am_user_id", domain=[], aggregate="count"),
    "opportunities_qualified": dict(
        model="crm.lead", date_field="date_conversion",
        employee_field="user_id", domain=[("type", "=", "opportunity")],
        aggregate="count"),
    "prospect_numbers": dict(
        model="crm.lead", date_field="create_date",
        employee_field="am_prospect_provider_id", domain=[],
        aggregate="count"),
    "opportunities_won": dict(
        model="crm.lead", date_field="date_closed", employee_field="user_id",
        domain=[("type", "=", "opportunity"), ("probability", "=", 100)],
        aggregate="count"),
    "won_revenue": dict(
        model="crm.lead", date_field="date_closed", employee_field="user_id",
        domain=[("type", "=", "opportunity"), ("probability", "=", 100)],
        aggregate="sum", value_field="planned_revenue"),
    "prospect_deals_won": dict(
        model="crm.lead", date_field="date_closed",
        employee_field="am_prospect_provider_id",
        domain=[("probability", "=", 100), ("am_handover_mode", "=", "number")],
        aggregate="count"),
    "door_to_door_commission": dict(
        model="crm.lead", date_field="date_closed",
        employee_field="am_prospect_provider_id",
        domain=[("probability", "=", 100),
                ("am_handover_mode", "=", "door_to_door")],
        aggregate="sum", value_field="am_salesperson_commission"),
    "claims_within_sla": dict(
        model="crm.claim", date_field="am_closed_date", employee_field="user_id",
        domain=[("am_resolved_within_sla", "=", True)], aggregate="count"),
    "claim_satisfaction": dict(
        model="crm.claim", date_field="am_closed_date", employee_field="user_id",
        domain=[("am_satisfaction_score", ">", 0)], aggregate="avg",
        value_field="am_satisfaction_score"),
    "daily_reports_on_time": dict(
        model="am.work.report", date_field="date_from",
        employee_field="employee_id",
        domain=[("report_type", "=", "daily"), ("is_on_time", "=", True),
                ("state", "in", ("submitted", "reviewed"))],
        aggregate="count"),
    "position_reports": dict(
        model="hr.attendance", date_field="check_in",
        employee_field="employee_id",
        domain=[("am_position_in", "!=", False)], aggregate="count"),
    "spot_check_rate": dict(
        model="am.spot.check", date_field="check_date", employee_field="user_id",
        domain=[("result", "!=", "pending")], aggregate="ratio",
        ratio=("result", "=", "confirmed")),
    "training_hours": dict(
        model="am.training.record", date_field="date_completed",
        employee_field="employee_id", domain=[], aggregate="sum",
        value_field="hours"),
    "courses_passed": dict(
        model="am.training.record", date_field="date_completed",
        employee_field="employee_id", domain=[("state", "=", "passed")],
        aggregate="count"),
    "training_lateness": dict(
        model="am.training.record", date_field="date_completed",
        employee_field="employee_id",
        domain=["|", ("is_late", "=", True), ("left_early", "=", True)],
        aggregate="count"),
    "qualifications_held": dict(
        model="am.employee.qualification", date_field=False,
        employee_field="employee_id",
        domain=[("state", "in", ("qualified", "expiring"))],
        aggregate="count"),
}

BUILTIN_SELECTION = [
    ("visits_done", "Visits done"),
    ("visits_new_customer", "New-customer visits"),
    ("visits_return_on_time", "Return visits done on time"),
    ("visits_weighted_share", "Share of business-weighted visits (%)"),
    ("visits_verified_share", "Share of visits verified at the customer (%)"),
    ("visits_rejected", "Visits rejected by the team leader"),
    ("visits_photo_missing", "Visits closed without the photo their purpose requires"),
    ("customer_confirmed_share", "Share of visits the customer confirmed by link (%)"),
    ("customer_rating", "Average rating the customers gave their visits (1-5)"),
    ("customers_registered", "Customers registered (units expanded)"),
    ("opportunities_qualified", "Qualified opportunities (sincere batches)"),
    ("prospect_numbers", "Prospect numbers submitted"),
    ("opportunities_won", "Opportunities won"),
    ("won_revenue", "Won revenue"),
    ("prospect_deals_won", "Won deals from provided prospect numbers"),
    ("door_to_door_commission",
     "Commission of deals brought door to door"),
    ("claims_within_sla", "Complaints resolved within SLA"),
    ("claim_satisfaction", "Average satisfaction"),
    ("daily_reports_on_time", "Daily reports submitted on time"),
    ("position_reports", "Position reports"),
    ("spot_check_rate", "Spot-check confirmation rate (%)"),
    ("training_hours", "Training hours"),
    ("courses_passed", "Courses passed"),
    ("training_lateness", "Training lateness count"),
    ("qualifications_held", "Qualifications held"),
]

NUMERIC_TYPES = ("integer", "float", "monetary")
# the comparisons a built-in ratio condition may use (written in the SQL)
RATIO_OPERATORS = ("=", ">", "<", "!=")

# The records administrators may measure with their own metrics: the
# suite's and the business records its indicators come from. Anything else
# (users, settings, mail, accounting...) is out of reach of a metric.
METRIC_MODELS = (
    "am.visit", "am.work.report", "am.work.report.line", "am.spot.check",
    "am.training.record", "am.employee.qualification", "am.certification",
    "res.partner", "crm.lead", "crm.claim", "calendar.event",
    "hr.attendance", "hr.course.attendee", "survey.user_input",
)
# fields a metric never reads, whatever the model
SECRET_WORDS = ("passw", "pwd", "secret", "token", "crypt", "signup",
                "api_key", "apikey", "totp", "oauth")
DOMAIN_HELP = "[('state', '=', 'done')]"


# what a custom metric reads: changing it makes the user its author
DEFINITION_FIELDS = frozenset((
    "kind", "model_id", "domain", "date_field_id", "employee_field_id",
    "aggregate", "sum_field_id"))


class AmAssessmentMetric(models.Model):
    _name = "am.assessment.metric"
    _description = "Assessment metric"
    _order = "sequence, name"

    name = fields.Char(string="Metric", required=True, translate=True)
    code = fields.Char(required=True,
                       help="Technical key, unique.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    unit = fields.Char(translate=True,
                       help="e.g. units, visits, hours, %")
    kind = fields.Selection(
        [("builtin", "Built in"), ("custom", "Defined by administrators")],
        required=True, default="custom")
    builtin_code = fields.Selection(BUILTIN_SELECTION, string="Built-in")
    model_id = fields.Many2one(
        "ir.model", string="Records measured", ondelete="cascade",
        domain=[("model", "in", METRIC_MODELS)],
        help="Visits, reports, spot checks, training records, "
             "qualifications, certifications, customers, opportunities, "
             "complaints, meetings, attendances, course attendances or "
             "survey answers.")
    model_name = fields.Char(related="model_id.model", string="Model name",
                             readonly=True)
    domain = fields.Char(
        string="Records counted", default="[]",
        help="Conditions on the records, e.g. [('state', '=', 'done')]: "
             "plain values only (text, numbers, True/False, lists).")
    date_field_id = fields.Many2one(
        "ir.model.fields", string="Date field", ondelete="cascade",
        domain="[('model_id', '=', model_id), "
               "('ttype', 'in', ('date', 'datetime'))]")
    employee_field_id = fields.Many2one(
        "ir.model.fields", string="Employee field", ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
               "('relation', 'in', ('hr.employee', 'res.users'))]",
        help="The record's employee or user the value is credited to.")
    aggregate = fields.Selection(
        [("count", "Count records"), ("sum", "Sum of a field")],
        string="Value", default="count")
    sum_field_id = fields.Many2one(
        "ir.model.fields", string="Summed field", ondelete="cascade",
        domain="[('model_id', '=', model_id), "
               "('ttype', 'in', ('integer', 'float', 'monetary'))]")
    author_id = fields.Many2one(
        "res.users", string="Defined by", readonly=True, copy=False,
        ondelete="set null",
        help="Who last changed the definition: the metric counts only the "
             "records this user may read.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The metric code must be unique."),
    ]

    # ------------------------------------------------------------------
    # definition
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        vals = dict(vals, author_id=self.env.uid)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "author_id" in vals:
            raise UserError(_("The author of a metric is whoever changes "
                              "its definition; it cannot be set by hand."))
        if DEFINITION_FIELDS.intersection(vals):
            vals = dict(vals, author_id=self.env.uid)
        return super().write(vals)

    @api.multi
    def _get_spec(self):
        """The metric as a plain spec (see BUILTIN_METRICS)."""
        self.ensure_one()
        if self.kind == "builtin":
            if self.builtin_code not in BUILTIN_METRICS:
                raise UserError(_("Metric %s has no built-in indicator.")
                                % self.name)
            return BUILTIN_METRICS[self.builtin_code]
        return dict(
            model=self.model_id.model,
            date_field=self.date_field_id.name,
            employee_field=self.employee_field_id.name,
            domain=self._parse_domain(),
            aggregate=self.aggregate or "count",
            value_field=self.sum_field_id.name if self.aggregate == "sum"
            else False,
        )

    @api.multi
    def _parse_domain(self):
        """The domain as data: a list of conditions with plain values, read
        like ast.literal_eval (no names, no calls, nothing evaluated)."""
        self.ensure_one()
        text = (self.domain or "").strip() or "[]"
        try:
            domain = ast.literal_eval(text)
        except SyntaxError as exc:
            raise ValidationError(
                _("The domain of metric %(metric)s cannot be read: it must "
                  "be a list of conditions such as %(example)s.") % {
                    "metric": self.name, "example": DOMAIN_HELP}) from exc
        except (ValueError, TypeError, MemoryError, RecursionError) as exc:
            raise ValidationError(
                _("The domain of metric %(metric)s may only hold plain "
                  "values (text, numbers, True, False, lists): names and "
                  "function calls such as time.sleep(30) are not "
                  "allowed.") % {"metric": self.name}) from exc
        if not isinstance(domain, (list, tuple)):
            raise ValidationError(
                _("The domain of metric %(metric)s must be a list, e.g. "
                  "%(example)s.") % {"metric": self.name,
                                     "example": DOMAIN_HELP})
        domain = list(domain)
        for term in domain:
            if term in expression.DOMAIN_OPERATORS:
                continue
            if (not isinstance(term, (list, tuple)) or len(term) != 3
                    or term[1] not in expression.TERM_OPERATORS
                    or not (isinstance(term[0], str) or tuple(term) in (
                        expression.TRUE_LEAF, expression.FALSE_LEAF))):
                raise ValidationError(
                    _("Metric %(metric)s: %(term)s is not a condition; "
                      "write each one as ('field', 'operator', value), e.g. "
                      "%(example)s.") % {"metric": self.name,
                                         "term": repr(term),
                                         "example": DOMAIN_HELP})
        return domain

    @api.constrains("kind", "builtin_code", "model_id", "domain",
                    "date_field_id", "employee_field_id", "aggregate",
                    "sum_field_id")
    def _check_definition(self):
        for metric in self:
            if metric.kind == "builtin":
                if not metric.builtin_code:
                    raise ValidationError(
                        _("Choose the built-in indicator of metric %s.")
                        % metric.name)
                continue
            metric._check_readable_by(self.env.user, ValidationError)

    @api.multi
    def _check_readable_by(self, user, error=UserError):
        """A custom metric only reads what ``user`` may read: a model of
        METRIC_MODELS he has read access to, fields neither secret nor
        reserved to groups he lacks (in the domain too, along every path);
        the domain and the fields must be valid for the model."""
        self.ensure_one()
        if not self.model_id or self.model_id.model not in self.env:
            raise error(_("Metric %s: choose the model whose records are "
                          "measured.") % self.name)
        model = self.env[self.model_id.model].sudo(user)
        self._check_model_readable(model, user, error)
        if model._abstract or model._transient or not model._auto:
            raise error(_("Metric %(metric)s: model %(model)s has no table "
                          "to measure.") % {"metric": self.name,
                                            "model": self.model_id.name})
        self._check_field(model, self.date_field_id, ("date", "datetime"),
                          _("date field"), user, error)
        self._check_field(model, self.employee_field_id, ("many2one",),
                          _("employee field"), user, error)
        if self.employee_field_id.relation not in ("hr.employee",
                                                   "res.users"):
            raise error(_("Metric %s: the employee field must point to an "
                          "employee or a user.") % self.name)
        if self.aggregate == "sum":
            self._check_field(model, self.sum_field_id, NUMERIC_TYPES,
                              _("summed field"), user, error)
        domain = self._parse_domain()
        for term in domain:
            if isinstance(term, (list, tuple)) and isinstance(term[0], str):
                self._check_path(model, term[0], user, error)
        try:
            self._domain_query(model, domain).get_sql()
        except AccessError as exc:
            raise error(_("Metric %s: the domain refers to records you are "
                          "not allowed to read.") % self.name) from exc
        except Exception as exc:
            raise error(
                _("The domain of metric %(metric)s is not valid for "
                  "%(model)s: %(error)s") % {
                    "metric": self.name, "model": self.model_id.name,
                    "error": exc}) from exc

    @api.multi
    def _check_model_readable(self, model, user, error):
        if model._name not in METRIC_MODELS:
            raise error(
                _("Metric %(metric)s: %(model)s records cannot be measured; "
                  "a metric counts visits, reports, spot checks, training "
                  "records, qualifications, certifications, customers, "
                  "opportunities, complaints, meetings or attendances.") % {
                    "metric": self.name, "model": model._description})
        if not model.sudo(user).check_access_rights(
                "read", raise_exception=False):
            raise error(
                _("Metric %(metric)s: %(user)s is not allowed to read "
                  "%(model)s records.") % {
                    "metric": self.name, "user": user.name,
                    "model": model._description})

    @api.multi
    def _check_field_readable(self, model, field, user, error):
        """Neither secret nor reserved to groups the user lacks."""
        if field.groups and not model.sudo(user).user_has_groups(
                field.groups):
            raise error(_("Metric %(metric)s: %(user)s is not allowed to "
                          "read the field %(field)s of %(model)s.") % {
                "metric": self.name, "user": user.name,
                "field": field.name, "model": model._description})
        name = field.name.lower()
        if any(word in name for word in SECRET_WORDS):
            raise error(_("Metric %(metric)s: the field %(field)s cannot be "
                          "measured.") % {"metric": self.name,
                                          "field": field.name})

    @api.multi
    def _check_path(self, model, path, user, error):
        """Every field of a dotted path of the domain (and of the related
        fields it goes through) is readable, on models a metric may read."""
        names = path.split(".")
        for index, name in enumerate(names):
            field = model._fields.get(name)
            if field is None:
                raise error(
                    _("The domain of metric %(metric)s is not valid for "
                      "%(model)s: %(field)s is not one of its fields.") % {
                        "metric": self.name, "model": model._description,
                        "field": name})
            self._check_field_readable(model, field, user, error)
            if field.related:
                self._check_path(model, ".".join(field.related), user, error)
            elif not field.store:
                raise error(_("Metric %(metric)s: the field %(field)s is "
                              "not stored and cannot be searched in a "
                              "metric.") % {"metric": self.name,
                                            "field": name})
            if index < len(names) - 1:
                if not field.relational:
                    raise error(
                        _("The domain of metric %(metric)s is not valid: "
                          "%(field)s has no fields of its own.") % {
                            "metric": self.name, "field": name})
                model = self.env[field.comodel_name].sudo(user)
                self._check_model_readable(model, user, error)

    @api.multi
    def _check_field(self, model, field, types, label, user, error):
        self.ensure_one()
        if not field:
            raise error(
                _("Metric %(metric)s: the %(label)s is required.") % {
                    "metric": self.name, "label": label})
        ofield = model._fields.get(field.name)
        if field.model != model._name or not ofield:
            raise error(
                _("Metric %(metric)s: the %(label)s %(field)s is not a "
                  "field of %(model)s.") % {
                    "metric": self.name, "label": label,
                    "field": field.name, "model": self.model_id.name})
        if not ofield.store or ofield.type not in types:
            raise error(
                _("Metric %(metric)s: the %(label)s %(field)s must be a "
                  "stored field of type %(types)s.") % {
                    "metric": self.name, "label": label,
                    "field": field.name, "types": ", ".join(types)})
        self._check_field_readable(model, ofield, user, error)

    @api.multi
    def unlink(self):
        used = self.env["am.assessment.rule"].search(
            [("metric_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(
                _("The metric %(metric)s is used by the scheme %(scheme)s: "
                  "archive it instead.") % {
                    "metric": used.metric_id.name,
                    "scheme": used.scheme_id.name})
        return super().unlink()

    # ------------------------------------------------------------------
    # evaluation
    # ------------------------------------------------------------------
    @api.model
    def _user_employee_map(self, employee_ids):
        """{user id: employee id} of the population, in one query."""
        if not employee_ids:
            return {}
        self.env.cr.execute(
            """SELECT r.user_id, e.id FROM hr_employee e
               JOIN resource_resource r ON r.id = e.resource_id
               WHERE e.id IN %s AND r.user_id IS NOT NULL""",
            (tuple(employee_ids),))
        return dict(self.env.cr.fetchall())

    @api.model
    def _employee_tz_map(self, employee_ids):
        """{employee id: time zone} of the population, in one query: his
        user's days as the process addon counts them (the user's time zone,
        else UTC: res.users._am_tz_name), the company's for an employee
        without a user."""
        if not employee_ids:
            return {}
        self.env.cr.execute(
            """SELECT e.id, CASE WHEN u.id IS NULL THEN cp.tz ELSE up.tz END FROM hr_employee e
               JOIN resource_resource r ON r.id = e.resource_id
               LEFT JOIN res_users u ON u.id = r.user_id
               LEFT JOIN res_partner up ON up.id = u.partner_id
               LEFT JOIN res_company c ON c.id = r.company_id
               LEFT JOIN res_partner cp ON cp.id = c.partner_id
               WHERE e.id IN %s""", (tuple(employee_ids),))
        return {emp: tz or "UTC" for emp, tz in self.env.cr.fetchall()}

    @api.multi
    def _evaluate(self, employee_ids, date_from, date_to, user_map=None,
                  tz_map=None, company=None, reader=None):
        """{employee id: value} over [date_from, date_to] (dates, inclusive)
        for the given employees, in ONE query whatever their number.
        Datetimes (UTC) count on the employee's local day; with a company,
        only its records (and those of no company) count.

        A custom metric counts only what its author may read (his access
        rights, the fields he may see and his record rules, checked again
        now); with a ``reader``, also only what the reader may read."""
        self.ensure_one()
        if not employee_ids:
            return {}
        spec = self._get_spec()
        model = self._measured_model(spec)
        readers = self._evaluation_readers(model, reader)
        self._check_stored_fields(model, spec)
        # {user id: employee id} when the records name users, else None
        employee_of = None
        if model._fields[spec["employee_field"]].comodel_name == "res.users":
            employee_of = (user_map if user_map is not None
                           else self._user_employee_map(employee_ids))
        keys = self._credited_keys(employee_ids, employee_of)
        if not keys:
            return {}
        domain = self._population_domain(model, spec, keys, company)
        domain += self._period_domain(model, spec, date_from, date_to)
        local_days = None
        if self._dated_by_datetime(model, spec):
            if tz_map is None:
                tz_map = self._employee_tz_map(employee_ids)
            local_days = self._local_days_sql(
                model, spec, keys, employee_of, tz_map, date_from, date_to)
        rows = self._aggregate_rows(
            model, spec, self._readable_query(model, domain, readers),
            local_days)
        return assessment_rules.metric_values(spec["aggregate"], rows,
                                              employee_of)

    @api.multi
    def _measured_model(self, spec):
        """The model the spec measures, as superuser (access is checked
        for the readers, and their record rules restrict the query)."""
        if spec["model"] not in self.env:
            raise UserError(
                _("Metric %(metric)s needs the model %(model)s, which is "
                  "not installed.") % {"metric": self.name,
                                       "model": spec["model"]})
        return self.env[spec["model"]].sudo()

    @api.multi
    def _evaluation_readers(self, model, reader=None):
        """The users whose access restricts the evaluation, checked now:
        a custom metric's author and the ``reader``."""
        readers = self.env["res.users"].sudo()
        if self.kind == "custom":
            # metrics defined before authors were recorded: their creator
            author = self.author_id or self.create_uid
            if not author:
                raise UserError(
                    _("Metric %s has no author any more: an administrator "
                      "must save its definition again.") % self.name)
            readers |= author
        if reader:
            readers |= reader
        for user in readers:
            if self.kind == "custom":
                self._check_readable_by(user)
            else:
                self._check_model_readable(model, user, UserError)
        return readers

    @api.multi
    def _check_stored_fields(self, model, spec):
        """Every field the spec reads is a stored field of the model: its
        name then is a column of the model's table (see _column)."""
        needed = [spec["employee_field"], spec.get("value_field"),
                  spec.get("date_field")]
        if spec.get("ratio"):
            needed.append(spec["ratio"][0])
        for fname in filter(None, needed):
            field = model._fields.get(fname)
            if not field or not field.store:
                raise UserError(
                    _("Metric %(metric)s needs the stored field %(field)s "
                      "on %(model)s, which is not installed.") % {
                        "metric": self.name, "field": fname,
                        "model": spec["model"]})

    @api.model
    def _credited_keys(self, employee_ids, employee_of=None):
        """The values of the records' employee field that credit these
        employees: their ids, or their users' (``employee_of``: {user id:
        employee id})."""
        if employee_of is None:
            return list(employee_ids)
        wanted = set(employee_ids)
        return [user_id for user_id, employee_id in employee_of.items()
                if employee_id in wanted]

    @api.model
    def _population_domain(self, model, spec, keys, company=None):
        """The spec's conditions, on the records of these keys (employees
        or users) and, with a company, of it or of no company."""
        domain = list(spec["domain"]) + [(spec["employee_field"], "in", keys)]
        company_field = model._fields.get("company_id")
        if (company and company_field and company_field.store
                and company_field.type == "many2one"
                and company_field.comodel_name == "res.company"):
            domain.append(("company_id", "in", [False, company.id]))
        return domain

    @api.model
    def _dated_by_datetime(self, model, spec):
        return bool(spec.get("date_field")) and model._fields[
            spec["date_field"]].type == "datetime"

    @api.model
    def _period_domain(self, model, spec, date_from, date_to):
        """The period's conditions on the date field: the days themselves,
        or for a datetime UTC bounds one day wider on each side (any time
        zone), the exact local days being kept by _local_days_sql."""
        date_field = spec.get("date_field")
        if not date_field:
            return []
        if self._dated_by_datetime(model, spec):
            return [(date_field, ">=", fields.Date.to_string(
                        date_from - timedelta(days=1)) + " 00:00:00"),
                    (date_field, "<", fields.Date.to_string(
                        date_to + timedelta(days=2)) + " 00:00:00")]
        return [(date_field, ">=", fields.Date.to_string(date_from)),
                (date_field, "<=", fields.Date.to_string(date_to))]

    @api.model
    def _column(self, model, field_name):
        """A column of the model's table as a quoted SQL identifier (the
        field is checked stored by _check_stored_fields)."""
        return sql.SQL("{}.{}").format(sql.Identifier(model._table),
                                       sql.Identifier(field_name))

    @api.model
    def _local_days_sql(self, model, spec, keys, employee_of, tz_map,
                        date_from, date_to):
        """(SQL, params) of the condition keeping the records of each
        employee on his local days [date_from, date_to]: few time zones,
        one index-friendly range per zone."""
        key_column = self._column(model, spec["employee_field"])
        day_column = self._column(model, spec["date_field"])
        time_zones = [(key, tz_map.get(employee_of[key] if employee_of
                                       is not None else key))
                      for key in keys]
        clauses, params = [], []
        for tz_name, tz_keys in assessment_rules.keys_by_time_zone(
                time_zones):
            low, high = am_rules.utc_bounds(
                date_from, date_to, tz_name)
            clauses.append(sql.SQL("({} IN %s AND {} >= %s AND {} < %s)")
                           .format(key_column, day_column, day_column))
            params += [tuple(tz_keys), fields.Datetime.to_string(low),
                       fields.Datetime.to_string(high)]
        return (sql.SQL(" AND ({})").format(sql.SQL(" OR ").join(clauses)),
                params)

    @api.model
    def _domain_query(self, model, domain):
        """The SQL (an odoo.osv.query.Query, not run) of a search of
        ``domain`` on ``model``. Odoo 11 has no public way to get it
        (search() runs it and returns ids) and a metric is one grouped
        query computed by the database: the private _where_calc is used
        here, and only here."""
        return model._where_calc(domain)

    @api.model
    def _readable_query(self, model, domain, readers):
        """(from clause, where clause, params) of the records of ``domain``
        every reader may read: relational conditions are searched as the
        first reader, and every reader's record rules restrict the records
        (private _apply_ir_rules: see _domain_query)."""
        query = self._domain_query(
            model.sudo(readers[0] if readers else None), domain)
        for user in readers:
            model.sudo(user)._apply_ir_rules(query, "read")
        return query.get_sql()

    @api.multi
    def _aggregate_sql(self, model, spec):
        """(value, ratio, params): the SQL of the sum of the spec's value
        field and of the count of the records matching its ratio condition
        (0 when it has none)."""
        value = sql.SQL("0")
        if spec.get("value_field"):
            value = sql.SQL("COALESCE(SUM({}), 0)").format(
                self._column(model, spec["value_field"]))
        if not spec.get("ratio"):
            return value, sql.SQL("0"), []
        field_name, operator, operand = spec["ratio"]
        if operator not in RATIO_OPERATORS:
            raise UserError(
                _("The domain of metric %(metric)s is not valid for "
                  "%(model)s: %(error)s") % {
                    "metric": self.name, "model": spec["model"],
                    "error": repr(spec["ratio"])})
        ratio = sql.SQL("COUNT(*) FILTER (WHERE {} {} %s)").format(
            self._column(model, field_name), sql.SQL(operator))
        return value, ratio, [operand]

    @api.multi
    def _aggregate_rows(self, model, spec, readable_query, local_days=None):
        """[(key, count, sum, ratio count)] of the records of the query
        (from clause, where clause, params), grouped by employee or user,
        in one query; ``local_days``: (SQL, params) of _local_days_sql."""
        from_clause, where_clause, params = readable_query
        value, ratio, ratio_params = self._aggregate_sql(model, spec)
        days, day_params = local_days or (sql.SQL(""), [])
        key = self._column(model, spec["employee_field"])
        # the from and where clauses are the ORM's own (its quoted
        # identifiers, values as parameters)
        am_sql.execute(
            self.env.cr,
            sql.SQL("SELECT {key}, COUNT(*), {value}, {ratio} FROM {tables} "
                    "WHERE ({where}){days} GROUP BY {key}").format(
                key=key, value=value, ratio=ratio,
                tables=sql.SQL(from_clause),
                where=sql.SQL(where_clause or "TRUE"), days=days),
            ratio_params + list(params) + day_params)
        return self.env.cr.fetchall()

    @api.multi
    def action_test_metric(self):
        """Evaluate the metric over the current month for the employees of
        the user's company: a quick check for administrators, on what both
        the metric's author and the user may read. The answer is shown as
        a message (nothing is written)."""
        self.ensure_one()
        if not self.env.user.has_group(
                "account_manager_process.group_am_administrator"):
            raise UserError(_("Only Account Management administrators try "
                              "metrics."))
        today = fields.Date.from_string(fields.Date.context_today(self))
        company = self.env.user.company_id
        employees = self.env["hr.employee"].search(
            [("company_id", "=", company.id)])
        values = self._evaluate(employees.ids, am_rules.period_bounds("monthly", today)[0], today,
                                company=company, reader=self.env.user)
        raise UserError(
            _("%(metric)s this month: %(count)s employees have a value, "
              "total %(total)s.") % {
                "metric": self.name, "count": len(values),
                "total": round(sum(values.values()), 2)})
