# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The actions of the field app ("My day", /am/day), done on the phone - often
without a network - and sent later in batches. Each is applied exactly once:
its key (a uuid made by the device) is unique per user; a replay returns the
stored result and changes nothing. Each is applied as the user who sent it,
with his access rights, in a savepoint of its own: a refused action changes
nothing and does not stop the others."""
import base64
import binascii
import inspect
import json
import logging
import re
from datetime import datetime, timedelta

from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError

from . import am_input, am_rules

_logger = logging.getLogger(__name__)

ACTION_TYPES = [
    ("position_start", "Start of work"),
    ("checkin", "Check-in"),
    ("outcome", "Visit outcome"),
    ("photo", "Photo"),
    ("checkout", "Check-out"),
    ("register_prospect", "Prospect registration"),
    ("unplanned_visit", "Unplanned visit"),
    ("report", "Daily report"),
    ("position_end", "End of work"),
]
RESULT_STATES = [
    ("pending", "Being applied"),
    ("done", "Applied"),
    ("conflict", "Conflict"),
    ("error", "Refused"),
]
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$")
# a reference to the record made by an earlier action of the same device
REF_PATTERN = re.compile(r"^key:([A-Za-z0-9][A-Za-z0-9_-]{7,63})$")
MAX_BATCH = 200
# the device's clock may be this much ahead of the server's
DEVICE_FUTURE_HOURS = 1
# an action older than this is not accepted from a device's queue
DEVICE_PAST_DAYS = 31
OUTCOME_FIELDS = ("outcome_id", "purpose_id", "summary", "progress_note", "next_step",
                  "next_visit_date")
PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
# the page sends photos scaled down to about 200 kB; a whole camera picture
# at most
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PROSPECT_FIELDS = ("name", "phone", "mobile", "email", "vat", "street", "city", "zip",
                   "comment")


class SyncConflict(UserError):
    """The action is valid but the world changed meanwhile (the visit was
    cancelled, the customer registered by a colleague first): shown to the
    user, never silently dropped."""


class AmSyncAction(models.Model):
    _name = "am.sync.action"
    _description = "Field app action"
    _order = "received_time desc, id desc"
    _rec_name = "key"

    key = fields.Char(required=True, readonly=True, index=True,
                      help="Unique key the device gave the action.")
    user_id = fields.Many2one("res.users", string="Account manager", required=True,
                              readonly=True, index=True, ondelete="cascade")
    action_type = fields.Selection(ACTION_TYPES, string="Action", readonly=True)
    device_time = fields.Datetime(readonly=True, help="When the action happened on the device.")
    received_time = fields.Datetime(string="Received on", readonly=True,
                                    help="When the server received the action.")
    gap_seconds = fields.Integer(string="Sync delay (s)", readonly=True)
    is_late = fields.Boolean(string="Late sync", readonly=True, index=True,
                             help="Received long after it happened on the device.")
    state = fields.Selection(RESULT_STATES, readonly=True, index=True)
    message = fields.Text(readonly=True)
    res_model = fields.Char(string="Record model", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)
    result = fields.Text(readonly=True, help="The answer given to the device (JSON).")

    _sql_constraints = [
        ("key_user_unique", "unique(user_id, key)",
         "An action of the field app is applied only once."),
    ]

    # -- the journal is written by the sync only
    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The actions of the field app are recorded by their synchronisation "
                          "only."))

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("The actions of the field app are a journal: they cannot be changed."))

    def _write_journal(self, vals):
        return super(AmSyncAction, self.sudo()).write(vals)  # pylint: disable=super-method-mismatch

    def _claim_key(self, key, action_type, received):
        """Insert the journal row of (user, key) unless it exists; returns the
        row, or None when another transaction holds or committed the key."""
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute("""
                    INSERT INTO am_sync_action (key, user_id, action_type, state, received_time,
                                                create_uid, create_date, write_uid, write_date)
                    VALUES (%s, %s, %s, 'pending', %s, %s, %s, %s, %s)
                    ON CONFLICT (user_id, key) DO NOTHING
                 RETURNING id
                """, (key, self.env.uid, action_type, received, self.env.uid, received,
                      self.env.uid, received), log_exceptions=False)
                row = cr.fetchone()
        except TransactionRollbackError:
            return None
        return row and self.browse(row[0])

    # -- entry point
    @api.model
    def am_sync(self, actions):
        """Apply a batch of queued actions of the current user, in order:
        ``[{key, type, device_time, payload}, ...]`` ->
        ``{"results": [{key, state, message, res_model, res_id, data, replayed, late}],
        "server_time": ...}``."""
        if not self.env.user.has_group("account_manager_process.group_account_manager"):
            raise AccessError(_("Only account managers use the field app."))
        if not isinstance(actions, list):
            raise UserError(_("The field app sends its actions as a list."))
        if len(actions) > MAX_BATCH:
            raise UserError(_("At most %s actions are sent at once.") % MAX_BATCH)
        results = [self._am_sync_one(action) for action in actions]
        return {"results": results, "server_time": fields.Datetime.now()}

    def _am_sync_one(self, action):
        if not isinstance(action, dict):
            return {"key": None, "state": "error",
                    "message": _("An action of the field app must be an object.")}
        key = action.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            return {"key": key if isinstance(key, str) else None, "state": "error",
                    "message": _("An action needs a unique key of 8 to 64 letters, digits "
                                 "or dashes.")}
        existing = self.search([("user_id", "=", self.env.uid), ("key", "=", key)], limit=1)
        if existing:
            return existing._answer(replayed=True)
        action_type = action.get("type")
        if action_type not in dict(ACTION_TYPES):
            action_type = False
        received = fields.Datetime.now()
        journal = self._claim_key(key, action_type, received)
        if not journal:
            return {"key": key, "state": "pending",
                    "message": _("This action is being applied by another request; it "
                                 "will be confirmed at the next synchronisation.")}
        vals = {"state": "error"}
        try:
            if not action_type:
                raise UserError(_("Unknown action %(type)r: the field app sends %(types)s.") % {
                    "type": action.get("type"),
                    "types": ", ".join(k for k, __ in ACTION_TYPES)})
            device_time = self._device_time(action.get("device_time"))
            vals["device_time"] = device_time and fields.Datetime.to_string(device_time)
            gap = am_rules.sync_gap_seconds(
                device_time, fields.Datetime.from_string(received))
            vals.update(gap_seconds=gap, is_late=am_rules.is_late_sync(gap))
            payload = action.get("payload") or {}
            if not isinstance(payload, dict):
                raise UserError(_("The details of an action must be an object."))
            with self.env.cr.savepoint():
                applied = getattr(self, "_apply_%s" % action_type)(
                    payload, vals["device_time"] or received)
            vals.update(state="done", message=applied.get("message") or False,
                        res_model=applied.get("res_model") or False,
                        res_id=applied.get("res_id") or 0,
                        result=json.dumps(applied.get("data") or {}))
        except SyncConflict as error:
            vals.update(state="conflict", message=error.name)
            self.env.clear()   # the savepoint is rolled back: so are the cached values
        except (UserError, ValidationError, AccessError, MissingError) as error:
            vals.update(state="error", message=error.name)
            self.env.clear()
        journal._write_journal(vals)
        return journal._answer()

    def _answer(self, replayed=False):
        self.ensure_one()
        return {
            "key": self.key, "type": self.action_type, "state": self.state,
            "message": self.message or "", "res_model": self.res_model or "",
            "res_id": self.res_id or False, "data": json.loads(self.result or "{}"),
            "device_time": self.device_time or False, "received_time": self.received_time,
            "gap_seconds": self.gap_seconds, "late": self.is_late, "replayed": replayed,
        }

    def _device_time(self, value):
        """The device's time of the action (naive UTC), checked."""
        if not value:
            return None
        if isinstance(value, str):
            # ISO 8601 from JavaScript (2026-11-25T09:30:00.000Z)
            value = value.strip().replace("T", " ").rstrip("Z")[:19]
        moment = am_input.check_datetime(self, value, _("The time of the action on the phone"),
                                         max_future_hours=DEVICE_FUTURE_HOURS)
        if moment < datetime.utcnow() - timedelta(days=DEVICE_PAST_DAYS):
            raise UserError(_(
                "This action happened on %(time)s, more than %(days)s days ago: it is no "
                "longer accepted from the phone; record it in Odoo instead.") % {
                "time": fields.Datetime.to_string(moment), "days": DEVICE_PAST_DAYS})
        return moment

    # -- what the payloads refer to
    def _ref_id(self, value, model, label):
        """A record id given as a number or as ``key:<key>`` of an earlier
        action of this user that created the record."""
        if isinstance(value, bool) or value in (None, ""):
            raise UserError(_("%s is missing.") % label)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
        match = isinstance(value, str) and REF_PATTERN.match(value)
        if not match:
            raise UserError(_("%(label)s is not a record: %(value)r.") % {
                "label": label, "value": value})
        origin = self.search([("user_id", "=", self.env.uid), ("key", "=", match.group(1))],
                             limit=1)
        if not origin or origin.state != "done" or origin.res_model != model:
            raise UserError(_(
                "%s was not recorded: the action that created it on the phone was refused "
                "or has not been sent.") % label)
        return origin.res_id

    def _own_visit(self, payload):
        visit_id = self._ref_id(payload.get("visit_id"), "am.visit", _("The visit"))
        # searched as the user: his record rules apply; and only his own visits
        visit = self.env["am.visit"].search(
            [("id", "=", visit_id), ("user_id", "=", self.env.uid)], limit=1)
        if not visit:
            raise UserError(_("Visit %s is not one of your visits.") % visit_id)
        return visit

    def _own_customer(self, payload):
        partner_id = self._ref_id(payload.get("partner_id"), "res.partner", _("The customer"))
        partner = self.env["res.partner"].search([("id", "=", partner_id)], limit=1)
        if not partner or partner.am_user_id not in (self.env.user, self.env["res.users"]):
            raise UserError(_("Customer %s is not one of your customers.") % partner_id)
        return partner

    def _position_args(self, payload):
        for name in ("latitude", "longitude", "accuracy"):
            value = payload.get(name)
            if value not in (None, "") and (isinstance(value, bool) or not isinstance(
                    value, (int, float))):
                raise UserError(_("The position must be given as numbers (%(name)s: "
                                  "%(value)r).") % {"name": name, "value": value})
        return payload.get("latitude"), payload.get("longitude"), payload.get("accuracy")

    @staticmethod
    def _call_hook(method, latitude, longitude, accuracy, device_time):
        """Call a check-in/out hook with the accuracy and the device time when
        it takes them (visits verified where they happen), else without."""
        params = inspect.signature(method).parameters
        kwargs = {}
        if "accuracy" in params:
            kwargs["accuracy"] = accuracy
        if "device_time" in params:
            kwargs["device_time"] = device_time
        return method(latitude, longitude, **kwargs)

    def _visit_data(self, visit):
        data = {"state": visit.state, "name": visit.name}
        for name in ("checkin_verdict", "checkout_verdict", "checkin_distance",
                     "review_state"):
            if name in visit._fields:
                data[name] = visit[name]
        return data

    def _check_open(self, visit, what):
        if visit.state == "cancelled":
            raise SyncConflict(_(
                "Visit %(visit)s at %(customer)s was cancelled meanwhile: your %(what)s "
                "was not recorded.") % {"visit": visit.name,
                                        "customer": visit.partner_id.display_name,
                                        "what": what})
        if visit.state in ("done", "missed"):
            raise SyncConflict(_(
                "Visit %(visit)s at %(customer)s is already closed (%(state)s): your "
                "%(what)s was not recorded.") % {
                "visit": visit.name, "customer": visit.partner_id.display_name,
                "what": what, "state": dict(visit._fields["state"]._description_selection(
                    self.env))[visit.state]})

    # -- the actions
    def _apply_checkin(self, payload, device_time):
        visit = self._own_visit(payload)
        self._check_open(visit, _("check-in"))
        if visit.state != "planned":
            raise SyncConflict(_("Visit %s was already checked in.") % visit.name)
        latitude, longitude, accuracy = self._position_args(payload)
        self._call_hook(visit._checkin, latitude, longitude, accuracy, device_time)
        return {"res_model": "am.visit", "res_id": visit.id, "data": self._visit_data(visit)}

    def _apply_outcome(self, payload, device_time):
        visit = self._own_visit(payload)
        self._check_open(visit, _("outcome"))
        unknown = set(payload) - set(OUTCOME_FIELDS) - {"visit_id"}
        if unknown:
            raise UserError(_("An outcome has only these answers: %s.") % ", ".join(
                OUTCOME_FIELDS))
        vals = {}
        for name in ("outcome_id", "purpose_id"):
            if payload.get(name):
                model = visit._fields[name].comodel_name
                record_id = payload[name]
                if isinstance(record_id, bool) or not isinstance(record_id, int) or \
                        not self.env[model].search([("id", "=", record_id)]):
                    raise UserError(_("%(field)s %(value)r does not exist.") % {
                        "field": visit._fields[name].get_description(self.env)["string"],
                        "value": record_id})
                vals[name] = record_id
        for name in ("summary", "progress_note", "next_step"):
            if name in payload:
                am_input.check_text(self, payload[name], visit._fields[name].get_description(
                    self.env)["string"])
                vals[name] = payload[name] or False
        if payload.get("next_visit_date"):
            day = am_input.check_date(self, payload["next_visit_date"], _("The next visit date"))
            vals["next_visit_date"] = fields.Date.to_string(day)
        visit.write(vals)
        return {"res_model": "am.visit", "res_id": visit.id, "data": self._visit_data(visit)}

    def _apply_checkout(self, payload, device_time):
        visit = self._own_visit(payload)
        self._check_open(visit, _("check-out"))
        latitude, longitude, accuracy = self._position_args(payload)
        self._call_hook(visit._checkout, latitude, longitude, accuracy, device_time)
        if device_time < visit.entry_date:
            # the late-entry rule applies to when the visit was recorded on the phone
            visit._write_workflow({"entry_date": max(device_time, visit.checkin_time)})
        return {"res_model": "am.visit", "res_id": visit.id, "data": self._visit_data(visit)}

    def _apply_photo(self, payload, device_time):
        """A photo taken at the customer: an attachment of the visit."""
        visit = self._own_visit(payload)
        if visit.state in ("cancelled", "missed"):
            self._check_open(visit, _("photo"))
        mimetype = payload.get("mimetype")
        if mimetype not in PHOTO_TYPES:
            raise UserError(_("A photo is a JPEG, PNG or WebP image, not %r.") % (mimetype,))
        data = payload.get("data")
        try:
            content = base64.b64decode(data or "", validate=True) if isinstance(
                data, str) else b""
        except (binascii.Error, ValueError):
            content = b""
        if not content:
            raise UserError(_("The photo is empty or not readable."))
        if len(content) > PHOTO_MAX_BYTES:
            raise UserError(_("The photo is too large: at most %s MB.")
                            % (PHOTO_MAX_BYTES // (1024 * 1024)))
        name = payload.get("name") or ""
        if not isinstance(name, str):
            raise UserError(_("The name of a photo must be a text."))
        moment = self.env["res.users"]._am_local_datetime(device_time).strftime("%Y%m%d-%H%M%S")
        name = am_input.clean_name(self, name or "%s %s" % (visit.name, moment),
                                   _("The name of a photo"))
        attachment = self.env["ir.attachment"].create({
            "name": name, "datas_fname": name + PHOTO_TYPES[mimetype],
            "datas": base64.b64encode(content), "mimetype": mimetype,
            "res_model": "am.visit", "res_id": visit.id,
        })
        return {"res_model": "ir.attachment", "res_id": attachment.id,
                "data": self._visit_data(visit)}

    def _apply_unplanned_visit(self, payload, device_time):
        partner = self._own_customer(payload)
        visit_type = payload.get("visit_type") or "maintenance"
        types = dict(self.env["am.visit"]._fields["visit_type"]._description_selection(
            self.env))
        if visit_type not in types:
            raise UserError(_("%(value)r is not a visit type (%(types)s).") % {
                "value": visit_type, "types": ", ".join(types.values())})
        vals = {"partner_id": partner.id, "user_id": self.env.uid, "visit_type": visit_type,
                "planned_start": device_time,
                "planned_stop": fields.Datetime.to_string(
                    fields.Datetime.from_string(device_time) + timedelta(hours=1))}
        if payload.get("purpose_id"):
            purpose = payload["purpose_id"]
            if isinstance(purpose, bool) or not isinstance(purpose, int) or \
                    not self.env["am.visit.purpose"].search([("id", "=", purpose)]):
                raise UserError(_("Purpose %r does not exist.") % (purpose,))
            vals["purpose_id"] = purpose
        visit = self.env["am.visit"].create(vals)
        latitude, longitude, accuracy = self._position_args(payload)
        self._call_hook(visit._checkin, latitude, longitude, accuracy, device_time)
        return {"res_model": "am.visit", "res_id": visit.id, "data": self._visit_data(visit)}

    def _apply_register_prospect(self, payload, device_time):
        unknown = set(payload) - set(PROSPECT_FIELDS) - {"latitude", "longitude", "accuracy"}
        if unknown:
            raise UserError(_("A prospect has only these details: %s.") % ", ".join(
                PROSPECT_FIELDS))
        vals = {"is_company": True, "customer": True, "am_user_id": self.env.uid}
        for name in PROSPECT_FIELDS:
            value = payload.get(name)
            if value not in (None, ""):
                if not isinstance(value, str):
                    raise UserError(_("%s must be a text.") % name)
                vals[name] = value.strip()
        vals["name"] = am_input.clean_name(self, payload.get("name"), _("The prospect's name"))
        Partner = self.env["res.partner"]
        # where the prospect was met stays in the journal: the customer's
        # location comes from the first check-in, confirmed by the team leader
        self._position_args(payload)
        if Partner._am_find_registered_duplicate(Partner._am_norm_keys(vals), set()):
            try:
                Partner._am_check_registration(Partner._am_norm_keys(vals), set(), vals["name"])
            except UserError as error:
                # first registration wins, by the server time of registration
                raise SyncConflict(error.name) from None
        partner = Partner.create(vals)
        return {"res_model": "res.partner", "res_id": partner.id,
                "data": {"name": partner.display_name}}

    def _employee(self):
        employee = self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)
        if not employee:
            raise UserError(_("Your user is not linked to an employee: ask HR to link it "
                              "before reporting your position."))
        return employee

    def _position_text(self, payload):
        place = payload.get("place")
        if place and not isinstance(place, str):
            raise UserError(_("The place must be a text."))
        latitude, longitude, accuracy = self._position_args(payload)
        text = (place or "").strip()
        if latitude is not None and longitude is not None:
            coords = "%.6f, %.6f" % (latitude, longitude)
            if accuracy:
                coords += " (±%d m)" % accuracy
            text = "%s %s" % (text, coords) if text else coords
        return text or False

    def _record_device_position(self, attendance, payload, suffix):
        """The device's position on the position report, through the
        report's own checks (a position report's coordinates are never typed)."""
        latitude, longitude, accuracy = self._position_args(payload)
        if latitude is None or longitude is None:
            return
        if suffix == "in":
            attendance._am_record_start(latitude, longitude, accuracy)
        else:
            attendance._am_record_end(latitude, longitude, accuracy)

    def _apply_position_start(self, payload, device_time):
        employee = self._employee()
        Attendance = self.env["hr.attendance"]
        open_attendance = Attendance.search(
            [("employee_id", "=", employee.id), ("check_out", "=", False)], limit=1)
        if open_attendance:
            raise SyncConflict(_("You already started your day at %s (UTC) and did not end "
                                 "it.") % open_attendance.check_in)
        attendance = Attendance.create({"employee_id": employee.id, "check_in": device_time,
                                        "am_position_in": self._position_text(payload)})
        self._record_device_position(attendance, payload, "in")
        return {"res_model": "hr.attendance", "res_id": attendance.id, "data": {}}

    def _apply_position_end(self, payload, device_time):
        employee = self._employee()
        attendance = self.env["hr.attendance"].search(
            [("employee_id", "=", employee.id), ("check_out", "=", False)],
            order="check_in desc", limit=1)
        if not attendance:
            raise SyncConflict(_("Your day was not started: there is no start of work to end."))
        attendance.write({"check_out": max(device_time, attendance.check_in),
                          "am_position_out": self._position_text(payload)})
        self._record_device_position(attendance, payload, "out")
        return {"res_model": "hr.attendance", "res_id": attendance.id, "data": {}}

    def _apply_report(self, payload, device_time):
        day = am_input.check_date(self, payload.get("date"), _("The day of the report"),
                                  max_future_days=1)
        if not day:
            raise UserError(_("The day of the report is missing."))
        lines = payload.get("lines") or {}
        if not isinstance(lines, dict):
            raise UserError(_("The steps of a report are sent as {step: notes}."))
        contents = {}
        for step_id, content in lines.items():
            if not str(step_id).isdigit():
                raise UserError(_("%r is not a report step.") % (step_id,))
            am_input.check_text(self, content, _("The notes of a step"))
            contents[int(step_id)] = content or False
        Report = self.env["am.work.report"]
        report = Report.search([("user_id", "=", self.env.uid), ("report_type", "=", "daily"),
                                ("date_from", "=", fields.Date.to_string(day))], limit=1)
        if report and report.state != "draft":
            raise SyncConflict(_("Your daily report of %s is already submitted.")
                               % fields.Date.to_string(day))
        if not report:
            report = Report.create({
                "report_type": "daily", "date_from": fields.Date.to_string(day),
                "line_ids": [(0, 0, {"step_id": step_id, "content": content})
                             for step_id, content in contents.items()]})
        else:
            for line in report.line_ids:
                if line.step_id.id in contents:
                    line.write({"content": contents[line.step_id.id]})
            unknown = set(contents) - set(report.line_ids.mapped("step_id").ids)
            if unknown:
                raise UserError(_("The steps of your report are: %s.") % ", ".join(
                    report.line_ids.mapped("name")))
        if payload.get("submit"):
            report.action_submit()
        return {"res_model": "am.work.report", "res_id": report.id,
                "data": {"state": report.state, "name": report.name}}
