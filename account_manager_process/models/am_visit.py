# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
from datetime import timedelta

from psycopg2.extensions import TransactionRollbackError

from odoo import SUPERUSER_ID, _, api, fields, models, registry
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from . import am_bulk_insert, am_input, am_leader, am_locks, am_mail, am_rules

_logger = logging.getLogger(__name__)
# transaction advisory lock of the return visit planning (two runs at once)
RETURN_PLANNING_LOCK = "am.visit.return_planning"
# the day the team leaders were last told of their overdue customers
OVERDUE_NOTIFIED_STAMP = "account_manager_process.overdue_notified_on"

VISIT_TYPES = [
    ("new_customer", "New customer development"),
    ("maintenance", "Existing customer maintenance"),
    ("return", "Return visit"),
    ("complaint", "Complaint follow-up"),
]
VISIT_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
    ("missed", "Missed"),
]
# set only by the workflow buttons and scheduled actions, which check the
# transition first (also over RPC, whoever calls: the superuser included):
# done without check-out, a late entry hidden by a forged entry date, a
# check-in typed in instead of recorded, a forged return due date
WORKFLOW_FIELDS = {
    "state", "entry_date", "next_visit_id", "due_date",
    "checkin_time", "checkout_time", "checkin_latitude", "checkin_longitude",
    "checkout_latitude", "checkout_longitude",
    # where the visit happened, as verified at check-in and check-out, and
    # the team leader's review of a visit that could not be verified
    "checkin_accuracy", "checkout_accuracy", "checkin_distance", "checkout_distance",
    "checkin_verdict", "checkout_verdict", "checkin_device_time", "checkout_device_time",
    "review_state", "review_reason", "review_user_id", "review_date",
    "counts", "checkin_verified_rate",
}
VERDICTS = [
    ("verified", "Verified"),
    ("out_of_range", "Out of range"),
    ("unverified", "Unverified"),
]
REVIEW_STATES = [
    ("none", "No review needed"),
    ("to_review", "To review"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
]
# a device's clock may be this many hours ahead of the server's, not more
DEVICE_FUTURE_HOURS = 1
# the largest accuracy a device reports that is still a number (metres)
MAX_ACCURACY_M = 1000000.0
# proof (photos, the customer's signature): the signed time is the server's
WORKFLOW_FIELDS |= {"customer_signed_at"}
SIGNATURE_FIELDS = {"customer_signature", "customer_signer_name"}
# what can still be written on a done visit: it is the closed record of what
# happened; notes on how the business goes on stay open
DONE_WRITABLE_FIELDS = {"progress_note", "next_step"}
# sane bounds of a visit's dates (typing errors such as 0206 or 2206)
VISIT_YEAR_RANGE = (2000, 2100)
TEXT_MAX_LENGTH = 10000


class AmVisit(models.Model):
    _name = "am.visit"
    _description = "Customer visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "am.leader.mixin"]
    _order = "planned_start desc, id desc"
    _am_leader_source = ("employee", "employee_id")

    def _default_employee(self):
        return self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    user_id = fields.Many2one(
        "res.users", string="Account manager", required=True, index=True,
        default=lambda self: self.env.user, track_visibility="onchange")
    employee_id = fields.Many2one(
        "hr.employee", index=True, default=lambda self: self._default_employee())
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Team")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange")
    contact_id = fields.Many2one(
        "res.partner", string="Contact person",
        domain="[('parent_id', '=', partner_id)]")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    visit_type = fields.Selection(
        VISIT_TYPES, required=True, default="maintenance", track_visibility="onchange")
    purpose_id = fields.Many2one("am.visit.purpose")
    business_weight = fields.Float(
        related="purpose_id.business_weight", store=True, readonly=True)
    outcome_id = fields.Many2one(
        "am.visit.outcome", track_visibility="onchange")
    result = fields.Selection(related="outcome_id.result", store=True, readonly=True)
    state = fields.Selection(
        VISIT_STATES, default="planned", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange", group_expand="_expand_states")
    planned_start = fields.Datetime(
        required=True, default=fields.Datetime.now, track_visibility="onchange")
    planned_stop = fields.Datetime()
    checkin_time = fields.Datetime(
        string="Check-in", copy=False, readonly=True, track_visibility="onchange")
    checkout_time = fields.Datetime(
        string="Check-out", copy=False, readonly=True, track_visibility="onchange")
    checkin_latitude = fields.Float(
        string="Check-in latitude", digits=(10, 7), copy=False, readonly=True)
    checkin_longitude = fields.Float(
        string="Check-in longitude", digits=(10, 7), copy=False, readonly=True)
    checkout_latitude = fields.Float(
        string="Check-out latitude", digits=(10, 7), copy=False, readonly=True)
    checkout_longitude = fields.Float(
        string="Check-out longitude", digits=(10, 7), copy=False, readonly=True)
    checkin_accuracy = fields.Float(
        string="Check-in accuracy (m)", digits=(10, 1), copy=False, readonly=True,
        help="The accuracy the device reported for its check-in position (0: unknown).")
    checkout_accuracy = fields.Float(
        string="Check-out accuracy (m)", digits=(10, 1), copy=False, readonly=True,
        help="The accuracy the device reported for its check-out position (0: unknown).")
    checkin_distance = fields.Float(
        string="Check-in distance (m)", digits=(12, 0), copy=False, readonly=True,
        help="Distance from the check-in position to the customer's location "
             "(0 when either is unknown).")
    checkout_distance = fields.Float(
        string="Check-out distance (m)", digits=(12, 0), copy=False, readonly=True,
        help="Distance from the check-out position to the customer's location "
             "(0 when either is unknown).")
    checkin_verdict = fields.Selection(
        VERDICTS, string="Check-in verification", copy=False, readonly=True, index=True,
        track_visibility="onchange",
        help="Verified: within the radius of the customer's location; out of range: "
             "beyond it; unverified: no position, a position too imprecise, or a "
             "customer without location.")
    checkout_verdict = fields.Selection(
        VERDICTS, string="Check-out verification", copy=False, readonly=True, index=True)
    checkin_device_time = fields.Datetime(
        string="Check-in on the device", copy=False, readonly=True,
        help="When the device checked in, for a check-in recorded offline and "
             "synchronised later (the check-in time is the server's).")
    checkout_device_time = fields.Datetime(
        string="Check-out on the device", copy=False, readonly=True,
        help="When the device checked out, for a check-out recorded offline.")
    review_state = fields.Selection(
        REVIEW_STATES, string="Review", default="none", required=True, copy=False,
        readonly=True, index=True, track_visibility="onchange",
        help="A done visit whose check-in was not verified is reviewed by the "
             "team leader: accepted with a reason, or rejected (it then does not "
             "count for targets and assessments).")
    review_reason = fields.Text(string="Review reason", copy=False, readonly=True)
    review_user_id = fields.Many2one(
        "res.users", string="Reviewed by", copy=False, readonly=True)
    review_date = fields.Datetime(string="Reviewed on", copy=False, readonly=True)
    counts = fields.Boolean(
        string="Counts for targets", compute="_compute_counts", store=True, index=True,
        help="A done visit that was not rejected: what targets and assessments count.")
    checkin_verified_rate = fields.Float(
        string="Verified check-ins (%)", compute="_compute_checkin_verified_rate",
        store=True, group_operator="avg",
        help="100 for a visit whose check-in was verified, 0 otherwise: its "
             "average is the share of verified check-ins.")
    duration = fields.Float(
        string="Duration (hours)", compute="_compute_duration", store=True)
    visit_date = fields.Date(
        string="Visit date", compute="_compute_visit_date", store=True, index=True)
    entry_date = fields.Datetime(
        string="Entered on", default=fields.Datetime.now, readonly=True, copy=False,
        help="When the visit's result was recorded.")
    is_late_entry = fields.Boolean(
        string="Late entry", compute="_compute_is_late_entry", store=True,
        help="Recorded more than the allowed number of days after the visit.")
    due_date = fields.Date(
        string="Return due date", copy=False, readonly=True,
        help="The customer's return visit due date when this visit was planned.")
    is_return_on_time = fields.Boolean(
        string="Return visit on time", compute="_compute_is_return_on_time", store=True,
        help="A done return visit made on or before the customer's due date.")
    lead_id = fields.Many2one("crm.lead", string="Opportunity", index=True)
    summary = fields.Text(track_visibility="onchange")
    progress_note = fields.Text(string="Business progress")
    next_step = fields.Char()
    next_visit_date = fields.Date()
    next_visit_id = fields.Many2one("am.visit", string="Next visit", readonly=True, copy=False)
    spot_check_ids = fields.One2many("am.spot.check", "visit_id", string="Spot checks")
    # -- proof: photos taken at the visit, the customer's signature
    photo_ids = fields.One2many("am.visit.photo", "visit_id", string="Photos", readonly=True)
    photo_count = fields.Integer(
        string="Photos taken", compute="_compute_photo_count", store=True,
        help="Photos taken at the visit (with the server's time and the position).")
    photo_required = fields.Boolean(related="purpose_id.photo_required", readonly=True)
    customer_signature = fields.Binary(
        string="Customer's signature", copy=False,
        help="Drawn on the screen by the customer during the visit.")
    customer_signer_name = fields.Char(
        string="Signed by", copy=False, track_visibility="onchange",
        help="Name of the person who signed for the customer.")
    customer_signed_at = fields.Datetime(
        string="Signed at", copy=False, readonly=True, track_visibility="onchange",
        help="When the server received the signature.")
    auto_planned = fields.Boolean(
        string="Planned automatically", readonly=True, copy=False,
        help="Planned by the daily scheduled action for a customer due for a return visit.")
    quality_score = fields.Float(
        compute="_compute_quality_score", store=True, group_operator="avg",
        help="Business weight scaled by the outcome, the spot checks and a late entry.")

    @api.model
    def _expand_states(self, states, domain, order):
        """Kanban columns in workflow order: the open and done states always,
        cancelled and missed when there are such visits."""
        always = ["planned", "in_progress", "done"]
        return [key for key, __ in VISIT_STATES if key in always or key in states]

    @api.model_cr
    def init(self):
        # one open automatically planned return visit per customer, also when
        # two runs of the scheduled action overlap
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS am_visit_one_open_auto_return
                ON am_visit (partner_id)
             WHERE auto_planned AND visit_type = 'return'
               AND state IN ('planned', 'in_progress')
        """)
        # the visits inserted in SQL (return visit planning) have no photos
        self.env.cr.execute("ALTER TABLE am_visit ALTER COLUMN photo_count SET DEFAULT 0")

    @api.depends("state", "review_state")
    def _compute_counts(self):
        for visit in self:
            visit.counts = visit.state == "done" and visit.review_state != "rejected"

    @api.depends("checkin_verdict")
    def _compute_checkin_verified_rate(self):
        for visit in self:
            visit.checkin_verified_rate = 100.0 if visit.checkin_verdict == "verified" else 0.0

    @api.depends("checkin_time", "checkout_time")
    def _compute_duration(self):
        for visit in self:
            visit.duration = am_rules.hours_between(
                fields.Datetime.from_string(visit.checkin_time),
                fields.Datetime.from_string(visit.checkout_time))

    @api.depends("checkin_time", "planned_start", "user_id")
    def _compute_visit_date(self):
        # the day of the visit where the account manager works, whoever computes
        for visit in self:
            moment = visit.checkin_time or visit.planned_start
            day = am_rules.local_date(
                fields.Datetime.from_string(moment), visit.user_id.sudo().tz)
            visit.visit_date = day and fields.Date.to_string(day)

    @api.depends("visit_date", "entry_date", "state")
    def _compute_is_late_entry(self):
        allowed = self.env["res.config.settings"]._am_value("late_entry_days")
        for visit in self:
            visit.is_late_entry = visit.state == "done" and am_rules.is_late_entry(
                fields.Date.from_string(visit.visit_date),
                am_rules.local_date(fields.Datetime.from_string(visit.entry_date),
                                    visit.user_id.sudo().tz),
                allowed)

    @api.depends("visit_type", "state", "visit_date", "due_date")
    def _compute_is_return_on_time(self):
        for visit in self:
            visit.is_return_on_time = am_rules.is_return_on_time(
                visit.visit_type, visit.state,
                fields.Date.from_string(visit.visit_date),
                fields.Date.from_string(visit.due_date))

    @api.depends("photo_ids")
    def _compute_photo_count(self):
        for visit in self:
            visit.photo_count = len(visit.sudo().photo_ids)

    @api.depends("business_weight", "result", "state", "is_late_entry",
                 "spot_check_ids.result")
    def _compute_quality_score(self):
        for visit in self:
            visit.quality_score = visit.state == "done" and am_rules.visit_quality(
                visit.business_weight, visit.result,
                visit.spot_check_ids.mapped("result"), visit.is_late_entry) or 0.0

    @api.constrains("checkin_time", "checkout_time")
    def _check_checkout_after_checkin(self):
        for visit in self:
            if visit.checkout_time and not visit.checkin_time:
                raise ValidationError(_("Visit %s: check in before checking out.") % visit.name)
            if visit.checkout_time and visit.checkout_time < visit.checkin_time:
                raise ValidationError(_(
                    "Visit %s: the check-out time cannot be before the check-in time."
                ) % visit.name)

    @api.constrains("planned_start", "planned_stop")
    def _check_planned_times(self):
        for visit in self:
            for moment in (visit.planned_start, visit.planned_stop):
                if moment and not VISIT_YEAR_RANGE[0] <= int(moment[:4]) <= VISIT_YEAR_RANGE[1]:
                    raise ValidationError(_(
                        "Visit %(visit)s: %(date)s is not a plausible date for a visit "
                        "(years %(first)s to %(last)s).") % {
                        "visit": visit.name, "date": moment[:10],
                        "first": VISIT_YEAR_RANGE[0], "last": VISIT_YEAR_RANGE[1]})
            if visit.planned_stop and visit.planned_stop < visit.planned_start:
                raise ValidationError(_(
                    "Visit %s: the planned end cannot be before the planned start."
                ) % visit.name)

    @api.constrains("summary", "progress_note", "next_step")
    def _check_text_lengths(self):
        for visit in self:
            for field_name in ("summary", "progress_note", "next_step"):
                if len(visit[field_name] or "") > TEXT_MAX_LENGTH:
                    raise ValidationError(_(
                        "Visit %(visit)s: the %(field)s is limited to %(max)s characters.") % {
                        "visit": visit.name, "max": TEXT_MAX_LENGTH,
                        "field": self._fields[field_name].get_description(
                            self.env)["string"].lower()})

    @api.constrains("state", "outcome_id", "summary")
    def _check_done_requirements(self):
        for visit in self:
            if visit.state == "done" and (
                    not visit.outcome_id or not (visit.summary or "").strip()):
                raise ValidationError(_(
                    "Visit %s cannot be done without an outcome and a summary."
                ) % visit.name)

    @api.constrains("user_id", "employee_id")
    def _check_employee_of_user(self):
        # the employee may be outside the user's reach: compare as superuser
        for visit in self.sudo():
            if visit.employee_id.user_id and visit.employee_id.user_id != visit.user_id:
                raise ValidationError(_(
                    "Visit %(visit)s: the employee %(employee)s is not the account "
                    "manager %(user)s.") % {"visit": visit.name,
                                            "employee": visit.employee_id.name,
                                            "user": visit.user_id.name})

    @api.constrains("contact_id", "partner_id")
    def _check_contact(self):
        for visit in self:
            if visit.contact_id and visit.contact_id.commercial_partner_id != \
                    visit.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "The contact person %(contact)s does not belong to the customer %(customer)s."
                ) % {"contact": visit.contact_id.name, "customer": visit.partner_id.name})

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id:
            self.employee_id = self.env["hr.employee"].search(
                [("user_id", "=", self.user_id.id)], limit=1)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("state", "planned") != "planned":
            raise UserError(_(
                "A visit is created planned; its state then changes with its "
                "buttons (check in, check out, done, cancel, missed)."))
        if vals.get("review_state") == "none":
            vals.pop("review_state")
        forged = sorted(f for f in WORKFLOW_FIELDS - {"state", "due_date"} if vals.get(f))
        if forged:
            raise UserError(_(
                "Check-in and check-out are recorded by their buttons when they "
                "happen; they cannot be typed in (%s).") % ", ".join(forged))
        if any(vals.get(f) for f in SIGNATURE_FIELDS):
            raise UserError(_("The customer signs during the visit, once it is in progress."))
        for field_name in WORKFLOW_FIELDS:
            vals.pop(field_name, None)
        am_leader.check_create(vals)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("am.visit") or "/"
        if vals.get("user_id") and not vals.get("employee_id"):
            vals["employee_id"] = self.env["hr.employee"].sudo().search(
                [("user_id", "=", vals["user_id"])], limit=1).id
        if vals.get("partner_id"):
            # the customer's due date when the visit is planned: a return visit
            # made by then is on time (never given by the client)
            vals["due_date"] = self.env["res.partner"].sudo().browse(
                vals["partner_id"]).am_next_visit_due
        return super().create(vals)

    @api.multi
    def write(self, vals):
        am_leader.check_write(vals)
        if WORKFLOW_FIELDS.intersection(vals):
            raise UserError(_(
                "The state, check-in and check-out of a visit only change with its "
                "buttons (check in, check out, done, cancel, missed), which also "
                "record the time, the position and the entry date."))
        if "partner_id" in vals and self.filtered(
                lambda visit: visit.checkin_time and visit.partner_id.id != vals["partner_id"]):
            # the check-in was verified against this customer's location
            raise UserError(_(
                "The customer of a visit cannot be changed once it is checked in: its "
                "check-in was verified at this customer's location. Plan a visit of "
                "the other customer instead."))
        frozen = set(vals) - DONE_WRITABLE_FIELDS
        frozen = {f for f in frozen if not f.startswith(("message_", "activity_"))}
        done = self.filtered(lambda visit: visit.state == "done")
        if frozen and done:
            raise UserError(_(
                "Visit %(visit)s is done: it is the record of what happened and "
                "can no longer be changed (%(fields)s). Add to its business "
                "progress or its chatter instead.") % {
                "visit": done[0].name,
                "fields": ", ".join(
                    self._fields[f].get_description(self.env)["string"]
                    for f in sorted(frozen) if f in self._fields)})
        signing = SIGNATURE_FIELDS.intersection(vals)
        if signing:
            self._check_signature_write(vals)
        res = super().write(vals)
        if signing:
            self._write_workflow({"customer_signed_at": fields.Datetime.now()
                                  if vals.get("customer_signature") else False})
        if "partner_id" in vals:
            for visit in self:
                visit._write_workflow({"due_date": visit.partner_id.sudo().am_next_visit_due})
        if "user_id" in vals or "employee_id" in vals:
            # Odoo checks the rules before a write only: a manager must not
            # hand his visits to somebody outside his reach
            self.check_access_rule("write")
        return res

    def _write_workflow(self, vals):
        """Write workflow fields after the checks of a button or a scheduled
        action (private: not callable over RPC)."""
        return super(AmVisit, self).write(vals)  # pylint: disable=super-method-mismatch

    # -- proof: photos and the customer's signature
    def _check_signature_write(self, vals):
        """The customer signs on the spot: during the visit, on the account
        manager's device, once."""
        for visit in self:
            if visit.state != "in_progress":
                raise UserError(_(
                    "The customer signs during the visit: visit %s is not in progress."
                ) % visit.name)
            if visit.user_id != self.env.user:
                raise UserError(_(
                    "Only the account manager at visit %s collects the customer's "
                    "signature.") % visit.name)
            if visit.customer_signed_at:
                raise UserError(_(
                    "Visit %(visit)s was signed by %(name)s: a signature cannot be "
                    "changed.") % {"visit": visit.name, "name": visit.customer_signer_name})
            name = vals.get("customer_signer_name", visit.customer_signer_name)
            if vals.get("customer_signature") and not (name or "").strip():
                raise UserError(_(
                    "Visit %s: enter the name of the person who signs for the customer."
                ) % visit.name)

    def _am_photo_allowed(self):
        """Photos are proof of the visit: taken while it is in progress, or on
        the day it was done."""
        self.ensure_one()
        if self.state == "in_progress":
            return True
        today = am_rules.local_date(
            fields.Datetime.from_string(fields.Datetime.now()), self.user_id.sudo().tz)
        return self.state == "done" and self.visit_date == fields.Date.to_string(today)

    @api.multi
    def add_photo(self, image, filename=None, latitude=None, longitude=None, accuracy=None):
        """Web client and RPC clients: attach a photo taken at the visit
        (``image`` in base64) with the device's position; the server records
        its own time. Returns the photo's id."""
        if len(self) != 1:
            raise UserError(_("A photo belongs to one visit."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        if self.user_id != self.env.user:
            raise UserError(_("Only the account manager of visit %s takes its photos.")
                            % self.name)
        if not self._am_photo_allowed():
            raise UserError(_(
                "Photos are taken during the visit: visit %s is not in progress "
                "(or done today).") % self.name)
        photos = self.env["am.visit.photo"]
        raw, (mimetype, extension) = photos._decode_picture(image)
        has_position, latitude, longitude, accuracy = photos._position(
            latitude, longitude, accuracy)
        name = "%s-%s.%s" % (self.name, self.photo_count + 1, extension)
        # the picture belongs to the photo record, which nobody writes
        attachment = self.env["ir.attachment"].sudo().create({
            "name": name, "datas_fname": name, "mimetype": mimetype,
            "datas": base64.b64encode(raw), "res_model": "am.visit.photo",
        })
        # the photo's fields are the server's: written as superuser after the checks
        photo = photos.sudo()._create_workflow({
            "name": name, "visit_id": self.id, "attachment_id": attachment.id,
            "user_id": self.env.uid, "taken_at": fields.Datetime.now(),
            "has_position": has_position, "latitude": latitude,
            "longitude": longitude, "accuracy": accuracy,
        })
        attachment.write({"res_id": photo.id})
        return photo.id

    def _check_photo_proof(self):
        """A visit whose purpose asks for a photo is closed with one."""
        for visit in self:
            if visit.purpose_id.photo_required and not visit.photo_count:
                raise UserError(_(
                    "The purpose of visit %(visit)s (%(purpose)s) requires a photo "
                    "taken at the visit: take one with the Photo button before "
                    "closing it.") % {"visit": visit.name,
                                      "purpose": visit.purpose_id.display_name})

    @api.multi
    def unlink(self):
        if any(visit.state not in ("planned", "cancelled") for visit in self):
            raise UserError(_(
                "Only planned or cancelled visits can be deleted; the others are the "
                "basis for trace management. Cancel the visit instead."))
        if self.filtered("photo_count"):
            raise UserError(_("A visit with photos is kept: they are proof of the visit."))
        return super().unlink()

    def _position(self, latitude, longitude):
        """The device's position given to a check-in or check-out, checked;
        None when the device gave none (no geolocation, permission denied;
        0, 0 is what clients send for no position)."""
        position, error = am_rules.parse_device_position(latitude, longitude)
        if error == "not_numbers":
            raise UserError(_("The position must be given as two numbers "
                              "(latitude, longitude)."))
        if error:
            raise UserError(_(
                "%(lat)s, %(lon)s is not a position on earth (latitude between -90 "
                "and 90, longitude between -180 and 180).") % {
                "lat": position[0], "lon": position[1]})
        return position

    def _accuracy(self, accuracy):
        """The accuracy the device reported (metres), checked; 0 when unknown."""
        accuracy, error = am_rules.parse_device_accuracy(accuracy, MAX_ACCURACY_M)
        if error == "not_number":
            raise UserError(_("The accuracy of the position must be a number of "
                              "metres."))
        if error:
            raise UserError(_(
                "%s is not an accuracy: it is a number of metres, not negative.")
                % accuracy)
        return accuracy

    def _device_time(self, device_time):
        """When the device did the action (naive UTC), checked; False when not given."""
        if not device_time:
            return False
        moment = am_input.check_datetime(
            self, device_time, _("The time on the device"),
            max_future_hours=DEVICE_FUTURE_HOURS)
        return fields.Datetime.to_string(moment)

    def _am_device_input(self, latitude, longitude, accuracy=None, device_time=None):
        """(position, accuracy, device time) a device sent with a check-in,
        a check-out or a position report, checked (see _position, _accuracy
        and _device_time)."""
        return (self._position(latitude, longitude), self._accuracy(accuracy),
                self._device_time(device_time))

    def _am_check_write(self):
        """The current user may change these visits (whoever calls)."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _am_verify_position(self, position, accuracy, prefix):
        """The values a check-in or check-out (``prefix``) stores for this
        visit: the position, its accuracy, the distance to the customer's
        location and the verdict, under the company's radius and maximum
        accuracy."""
        self.ensure_one()
        company = (self.company_id or self.env.user.company_id).sudo()
        customer = self.partner_id.commercial_partner_id.sudo()
        located = bool(customer.partner_latitude or customer.partner_longitude)
        distance = 0.0
        if position and located:
            distance = am_rules.distance_m(position[0], position[1],
                                           customer.partner_latitude,
                                           customer.partner_longitude)
        verdict = am_rules.position_verdict(
            distance, accuracy, company.am_geofence_radius or 500,
            company.am_max_accuracy or 200, bool(position), located)
        return {
            prefix + "_latitude": position[0] if position else 0.0,
            prefix + "_longitude": position[1] if position else 0.0,
            prefix + "_accuracy": accuracy,
            prefix + "_distance": round(distance, 1),
            prefix + "_verdict": verdict,
        }

    @api.multi
    def action_checkin(self):
        """Button: check in now, at the browser's position (the web client
        sends it in the context; it passes the context as the last positional
        argument of a button, so buttons take no position arguments)."""
        ctx = self.env.context
        return self._checkin(ctx.get("am_latitude"), ctx.get("am_longitude"),
                             ctx.get("am_accuracy"))

    @api.multi
    def checkin_with_position(self, latitude, longitude, accuracy=None):
        """RPC clients (mobile): check in now at the device's position,
        ``am.visit.checkin_with_position([id], latitude, longitude, accuracy)``
        (accuracy in metres, as the device reports it)."""
        return self._checkin(latitude, longitude, accuracy)

    def _checkin(self, latitude, longitude, accuracy=None, device_time=None):
        """Check in now; ``device_time`` (naive UTC) is when the device did it
        when it was offline (the field app's synchronisation)."""
        self._am_check_write()
        for visit in self:
            if visit.state != "planned":
                raise UserError(_("Only a planned visit can be checked in (%s).") % visit.name)
        position, accuracy, device_time = self._am_device_input(
            latitude, longitude, accuracy, device_time)
        now = fields.Datetime.now()
        for visit in self:
            vals = visit._am_verify_position(position, accuracy, "checkin")
            vals.update({"state": "in_progress", "checkin_time": now,
                         "checkin_device_time": device_time})
            visit._write_workflow(vals)
            if position and accuracy and accuracy <= (
                    visit.company_id or self.env.user.company_id).sudo().am_max_accuracy:
                visit.partner_id.commercial_partner_id._am_propose_location(
                    position, visit)
        return True

    @api.multi
    def action_checkout(self):
        """Button: check out now and close the visit (outcome and summary
        first), at the browser's position."""
        ctx = self.env.context
        return self._checkout(ctx.get("am_latitude"), ctx.get("am_longitude"),
                              ctx.get("am_accuracy"))

    @api.multi
    def checkout_with_position(self, latitude, longitude, accuracy=None):
        """RPC clients (mobile): check out now at the device's position."""
        return self._checkout(latitude, longitude, accuracy)

    def _checkout(self, latitude, longitude, accuracy=None, device_time=None):
        self._am_check_write()
        for visit in self:
            if visit.state != "in_progress" or not visit.checkin_time:
                raise UserError(_("Check in to visit %s before checking out.") % visit.name)
        self._check_can_close()
        position, accuracy, device_time = self._am_device_input(
            latitude, longitude, accuracy, device_time)
        now = fields.Datetime.now()
        for visit in self:
            vals = visit._am_verify_position(position, accuracy, "checkout")
            vals.update({"checkout_time": now, "checkout_device_time": device_time})
            visit._write_workflow(vals)
        return self.action_done()

    def _check_can_close(self):
        now = fields.Datetime.now()
        for visit in self:
            if visit.state not in ("planned", "in_progress"):
                raise UserError(_("Visit %s is not open.") % visit.name)
            if not visit.outcome_id or not (visit.summary or "").strip():
                raise UserError(_(
                    "Record the outcome and a summary of visit %s before closing it."
                ) % visit.name)
            if not visit.checkin_time and visit.planned_start > now:
                start = self.env["res.users"]._am_local_datetime(visit.planned_start)
                raise UserError(_(
                    "Visit %(visit)s is planned for %(start)s: a visit is recorded "
                    "as done once it has happened.") % {
                    "visit": visit.name, "start": start.strftime("%Y-%m-%d %H:%M")})
        self._check_photo_proof()

    @api.multi
    def action_done(self):
        self._am_check_write()
        self._check_can_close()
        now = fields.Datetime.now()
        # a visit recorded as done without a check-in has no verified place
        unchecked = self.filtered(lambda visit: not visit.checkin_verdict)
        if unchecked:
            unchecked._write_workflow({"checkin_verdict": "unverified"})
        verified = self.filtered(lambda visit: visit.checkin_verdict == "verified")
        if verified:
            verified._write_workflow({"state": "done", "entry_date": now, "review_state": "none"})
        if self - verified:
            (self - verified)._write_workflow(
                {"state": "done", "entry_date": now, "review_state": "to_review"})
        self.env["res.partner"]._am_add_done_visits(self)
        self._plan_next_visits()
        self._am_close_return_activities()
        return True

    def _am_close_return_activities(self):
        """The activities planned with a visit (e.g. "Return visit") are done
        when the visit is: mark them done, which logs them in the chatter."""
        activities = self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)])
        if activities:
            # marked done by the user who closed the visit (the chatter says who)
            activities.sudo(self.env.uid).action_feedback(feedback=_("Visit done."))

    # -- review of the visits whose check-in was not verified (team leader)

    def _am_check_reviewer(self):
        """Only the visit's team leader decides (an administrator for a visit
        without team leader), never on his own visit, and only a visit waiting
        for its review (whoever calls, whatever the context)."""
        user = self.env.user
        if not user.has_group("account_manager_process.group_team_leader"):
            raise AccessError(_("Only the team leader reviews the visits of his team."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        is_admin = user.has_group("account_manager_process.group_am_administrator")
        for visit in self:
            if visit.user_id == user:
                raise UserError(_("You cannot review your own visit (%s).") % visit.name)
            # a visit whose account manager has no team leader is reviewed by
            # an Account Management administrator
            if visit.am_leader_user_id != user and (visit.am_leader_user_id or not is_admin):
                raise AccessError(_(
                    "Visit %s is reviewed by the team leader of its account manager.")
                    % visit.name)
            if visit.state != "done" or visit.review_state != "to_review":
                raise UserError(_(
                    "Visit %s is not waiting for a review: only done visits whose "
                    "check-in was out of range or unverified are reviewed, once.")
                    % visit.name)

    def _am_review(self, decision, reason):
        """Accept or reject these visits (checks first; the wizard and the
        RPC methods call it)."""
        if decision not in ("accepted", "rejected"):
            raise UserError(_("A review accepts or rejects the visit."))
        if reason is not None and not isinstance(reason, str):
            raise UserError(_("The reason of a review must be a text."))
        reason = (reason or "").strip()
        if decision == "accepted" and not reason:
            raise UserError(_(
                "Give the reason to accept a visit whose check-in was not verified "
                "(e.g. met at the customer's other office)."))
        if len(reason) > TEXT_MAX_LENGTH:
            raise UserError(_("The reason of a review is limited to %s characters.")
                            % TEXT_MAX_LENGTH)
        self._am_check_reviewer()
        self._write_workflow({
            "review_state": decision, "review_reason": reason or False,
            "review_user_id": self.env.uid, "review_date": fields.Datetime.now()})
        label = _("accepted") if decision == "accepted" else _("rejected")
        for visit in self:
            body = _("Review: %(decision)s by %(user)s.") % {
                "decision": label, "user": self.env.user.name}
            if reason:
                body += " " + _("Reason: %s") % reason
            visit.message_post(body=html_escape(body))
        if decision == "rejected":
            self.env["res.partner"]._am_remove_done_visits(self)
        return True

    @api.multi
    def review_accept(self, reason):
        """RPC clients: accept these visits with a reason."""
        return self._am_review("accepted", reason)

    @api.multi
    def review_reject(self, reason=None):
        """RPC clients: reject these visits (they then do not count)."""
        return self._am_review("rejected", reason)

    def _am_review_wizard(self, decision):
        self._am_check_reviewer()
        return {
            "type": "ir.actions.act_window",
            "name": _("Accept the visit") if decision == "accepted"
            else _("Reject the visit"),
            "res_model": "am.visit.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_visit_ids": [(6, 0, self.ids)],
                        "default_decision": decision},
        }

    @api.multi
    def action_review_accept(self):
        """Button: accept the visit, with a reason (opens the review wizard)."""
        return self._am_review_wizard("accepted")

    @api.multi
    def action_review_reject(self):
        """Button: reject the visit (opens the review wizard)."""
        return self._am_review_wizard("rejected")

    @api.multi
    def action_cancel(self):
        if any(visit.state == "done" for visit in self):
            raise UserError(_("A done visit cannot be cancelled."))
        self._write_workflow({"state": "cancelled"})
        return True

    @api.multi
    def action_missed(self):
        if any(visit.state != "planned" for visit in self):
            raise UserError(_("Only a planned visit can be marked as missed."))
        self._write_workflow({"state": "missed"})
        return True

    @api.multi
    def action_reset(self):
        if any(visit.state not in ("cancelled", "missed") for visit in self):
            raise UserError(_("Only cancelled or missed visits can be planned again."))
        self._write_workflow({"state": "planned"})
        return True

    def _plan_next_visits(self):
        """Plan the visit given as next step and an activity for its owner."""
        activity_type = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        for visit in self.filtered(lambda v: v.next_visit_date and not v.next_visit_id):
            start = am_rules.local_to_utc(
                fields.Date.from_string(visit.next_visit_date), 9, visit.user_id.sudo().tz)
            next_visit = self.create({
                "user_id": visit.user_id.id,
                "employee_id": visit.employee_id.id,
                "partner_id": visit.partner_id.id,
                "contact_id": visit.contact_id.id,
                "visit_type": "maintenance" if visit.visit_type == "new_customer"
                else visit.visit_type,
                "purpose_id": visit.purpose_id.id,
                "lead_id": visit.lead_id.id,
                "planned_start": fields.Datetime.to_string(start),
                "planned_stop": fields.Datetime.to_string(start + timedelta(hours=2)),
                "summary": False,
            })
            visit._write_workflow({"next_visit_id": next_visit.id})
            next_visit._am_schedule_activity(
                activity_type, visit.next_visit_date, visit.next_step or _("Visit %s")
                % visit.partner_id.display_name, visit.user_id)

    def _am_schedule_activity(self, activity_type, date_deadline, summary, user):
        """Schedule one activity per visit."""
        return am_mail.schedule_activities(self, [{
            "res_id": visit.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "date_deadline": date_deadline,
            "summary": summary,
            "user_id": user.id,
        } for visit in self])

    @api.model
    def _cron_plan_return_visits(self):
        """Plan a return visit (and an activity for the owner) for every customer
        falling due within the lead time that has no open return visit yet,
        then tell the team leaders about their overdue customers.

        Set-based SQL on purpose: the number of queries does not grow with the
        number of customers (asserted by the tests); the rows equal those the
        ORM writes (asserted too). Safe when two runs overlap: the second one
        waits for nothing and plans nothing twice."""
        cr = self.env.cr
        if not am_locks.try_lock(cr, RETURN_PLANNING_LOCK):
            _logger.info("Return visits are being planned by another run: skipped.")
            return self.browse()
        settings = self.env["res.config.settings"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        horizon = am_rules.planning_horizon(today, settings._am_value("return_plan_lead_days"))
        cr.execute("""
            SELECT p.id, p.am_user_id, p.am_next_visit_due, p.company_id,
                   (SELECT min(e.id) FROM hr_employee e
                      JOIN resource_resource r ON r.id = e.resource_id
                     WHERE r.user_id = p.am_user_id AND r.active) AS employee_id,
                   up.tz
              FROM res_partner p
              JOIN res_users u ON u.id = p.am_user_id
              JOIN res_partner up ON up.id = u.partner_id
             WHERE p.active AND p.am_next_visit_due IS NOT NULL
               AND p.am_next_visit_due <= %s
               AND NOT EXISTS (SELECT 1 FROM am_visit v
                                WHERE v.partner_id = p.id AND v.visit_type = 'return'
                                  AND v.state IN ('planned', 'in_progress'))
          ORDER BY p.am_user_id, p.am_next_visit_due, p.id
        """, (horizon,))
        rows = cr.fetchall()
        visit_ids = []
        if rows:
            try:
                with cr.savepoint():
                    created = self._insert_return_visits(rows, today)
            except TransactionRollbackError:
                # a run that started before ours committed the same visits
                _logger.info("Return visits were planned by a concurrent run: skipped.")
                return self.browse()
            visit_ids = [r[0] for r in created]
            self._insert_return_activities(created)
            self.invalidate_cache()
        self._notify_overdue_customers(today)
        return self.browse(visit_ids)

    @api.model
    def _insert_return_visits(self, rows, today):
        """Insert the planned return visits of ``rows`` (partner, owner, due
        date, company, employee, owner's time zone) in one statement: each on
        its due day (today for overdue customers) at a working hour where its
        account manager works, his visits of one day in consecutive slots."""
        purpose = self.env.ref(
            "account_manager_process.visit_purpose_return", raise_if_not_found=False)
        names = self._next_sequence_names(len(rows))
        now = fields.Datetime.now()
        slots = {}
        starts, days = [], []
        for __, user_id, due, __, __, tz in rows:
            day = max(fields.Date.from_string(due), today)
            index = slots[(user_id, day)] = slots.get((user_id, day), -1) + 1
            start = am_rules.local_to_utc(day, am_rules.working_slot_hour(index), tz)
            starts.append(fields.Datetime.to_string(start))
            days.append(fields.Date.to_string(am_rules.local_date(start, tz)))
        vals_list = [self._prepare_return_visit_vals({
            "name": name, "partner_id": partner_id, "user_id": user_id,
            "employee_id": employee_id, "company_id": company_id, "due_date": due,
            "planned_start": start, "visit_date": day,
            "purpose_id": purpose.id if purpose else None,
            "business_weight": purpose.business_weight if purpose else 0,
            "entry_date": now,
        }) for name, (partner_id, user_id, due, company_id, employee_id, __), start, day
            in zip(names, rows, starts, days)]
        columns, rows_json = am_bulk_insert.json_rows(vals_list)
        # the team and the team leader are the employee's (unless the rows say)
        self.env.cr.execute(am_bulk_insert.insert_sql(
            "am_visit", columns,
            derived=[("department_id", "e.department_id"), ("am_leader_user_id", "l.leader_id")],
            joins="LEFT JOIN hr_employee e ON e.id = t.employee_id "
                  "LEFT JOIN (%s) l ON l.employee_id = t.employee_id"
                  % am_leader.EMPLOYEE_LEADER_SQL,
            suffix="ON CONFLICT DO NOTHING RETURNING id, user_id, partner_id, due_date"),
            {"rows": rows_json, "uid": self.env.uid, "now": now})
        return self.env.cr.fetchall()

    @api.model
    def _prepare_return_visit_vals(self, candidate):
        """The columns of the return visit the planning cron inserts for
        ``candidate`` (a dict: name, partner_id, user_id, employee_id,
        company_id, due_date, planned_start, visit_date, purpose_id,
        business_weight, entry_date), as the ORM would write them. Called
        once per visit, and must run no query (the cron's queries do not grow
        with the number of customers): an addon overrides it to add or change
        stored columns, given as the SQL row holds them (ids, None for NULL);
        the team and the team leader are the employee's unless it gives them."""
        stop = fields.Datetime.from_string(candidate["planned_start"]) + timedelta(hours=1)
        vals = dict(candidate)
        vals.update({
            "visit_type": "return", "state": "planned",
            "planned_stop": fields.Datetime.to_string(stop),
            "is_late_entry": False, "is_return_on_time": False, "duration": 0,
            "quality_score": 0, "auto_planned": True, "review_state": "none",
            "counts": False, "checkin_verified_rate": 0,
        })
        return vals

    @api.model
    def _next_sequence_names(self, count):
        """``count`` visit references with one query (standard sequences)."""
        sequence = self.env["ir.sequence"].search([("code", "=", "am.visit")], limit=1)
        if not sequence:
            return ["/"] * count
        if sequence.implementation != "standard":
            return [sequence.next_by_id() for __ in range(count)]
        self.env.cr.execute(
            "SELECT nextval('ir_sequence_%03d') FROM generate_series(1, %%s)" % sequence.id,
            (count,))
        prefix, suffix = sequence._get_prefix_suffix()
        return ["%s%s%s" % (prefix, "%%0%sd" % sequence.padding % number, suffix)
                for (number,) in self.env.cr.fetchall()]

    @api.model
    def _insert_return_activities(self, created):
        """The "Return visit" activity of each planned visit, set-based as the
        mail API would create them (the assigned user follows the visit)."""
        activity_type = self.env.ref("mail.mail_activity_data_meeting", raise_if_not_found=False)
        self.env.cr.execute("""
            SELECT v.id, v.user_id, v.visit_date, coalesce(p.display_name, p.name)
              FROM am_visit v JOIN res_partner p ON p.id = v.partner_id
             WHERE v.id = ANY(%s) ORDER BY v.id
        """, ([r[0] for r in created],))
        am_mail.schedule_activities(self, [{
            "res_id": visit_id, "user_id": user_id, "date_deadline": visit_date,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": "%s %s" % (_("Return visit:"), partner_name),
        } for visit_id, user_id, visit_date, partner_name in self.env.cr.fetchall()])

    @api.model
    def _notify_overdue_customers(self, today):
        """Once a day, post to each team leader how many of his team's customers
        are overdue: one grouped query for the counts per leader with the
        names, one statement for the messages of all leaders with their
        notifications (inbox, or a queued e-mail for the leaders who get their
        notifications by e-mail), whatever the number of customers and leaders."""
        day = fields.Date.to_string(today)
        if am_locks.done_for(self.env, OVERDUE_NOTIFIED_STAMP, day):
            return
        cr = self.env.cr
        cr.execute("""
            SELECT lu.partner_id, op.name, count(*)
              FROM res_partner p
              JOIN ({leaders}) l ON l.user_id = p.am_user_id
              JOIN res_users lu ON lu.id = l.leader_id
              JOIN res_users o ON o.id = p.am_user_id
              JOIN res_partner op ON op.id = o.partner_id
             WHERE p.active AND p.am_next_visit_due < %s
          GROUP BY lu.partner_id, o.id, op.name, o.login
          ORDER BY lu.partner_id, op.name, o.login
        """.replace("{leaders}", am_leader.USER_LEADER_SQL), (fields.Date.to_string(today),))
        per_leader = {}
        for partner_id, name, count in cr.fetchall():
            per_leader.setdefault(partner_id, []).append((name, count))
        if per_leader:
            self._am_post_to_leaders({
                partner_id: _("<p>Customers overdue for their return visit:</p><ul>%s</ul>")
                % "".join("<li>%s: %s</li>" % (html_escape(name), count)
                          for name, count in items)
                for partner_id, items in per_leader.items()}, _("Overdue customers"))
        am_locks.mark_done(self.env, OVERDUE_NOTIFIED_STAMP, day)

    @api.model
    def _am_post_to_leaders(self, bodies, subject):
        """What ``leader_partner.message_post(body=..., subject=...,
        partner_ids=[leader_partner], subtype="mail.mt_comment")`` writes for
        each {leader's partner: body} - the message on his partner, him as its
        recipient, the notification of the recipients (him and the followers of
        his partner for discussions) - in one statement for all leaders. The
        leaders who get their notifications by e-mail get a queued e-mail of
        the message (its body, without Odoo's notification frame)."""
        partners = self.env["res.partner"].sudo().browse(sorted(bodies))
        author, email_from, reply_to, parents = am_mail.message_defaults(partners)
        names = dict(partners.name_get())
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        subtype = self.env.ref("mail.mt_comment")
        date = fields.Datetime.now()
        messages = [{
            "subject": subject, "date": date, "body": bodies[partner_id],
            "model": "res.partner", "res_id": partner_id,
            "record_name": names.get(partner_id), "message_type": "notification",
            "subtype_id": subtype.id, "parent_id": parents.get(partner_id, False),
            "author_id": author.id, "email_from": email_from,
            "reply_to": reply_to.get(partner_id),
            "message_id": self.env["mail.message"]._get_message_id(
                {"res_id": partner_id, "model": "res.partner"}),
            "no_auto_thread": False,
        } for partner_id in partners.ids]
        columns, rows_json = am_bulk_insert.rows_with_defaults(self.env, "mail.message", messages)
        mails = [{
            "res_id": partner_id, "body_html": bodies[partner_id],
            "headers": repr({"X-Odoo-Objects": "res.partner-%s" % partner_id,
                             "X-Odoo-db-uuid": uuid}),
            "notification": True, "state": "outgoing",
            "auto_delete": self.env.context.get("mail_auto_delete", True),
        } for partner_id in partners.ids]
        mail_columns, mails_json = am_bulk_insert.rows_with_defaults(self.env, "mail.mail", mails)
        mail_columns = [c for c in mail_columns if c not in ("mail_message_id", "references")]
        self.env.cr.execute("""
            WITH message AS ({message}
             RETURNING id, res_id, parent_id),
            m AS (SELECT (x.value ->> 'res_id')::int AS res_id, x.value AS mail
                    FROM json_array_elements(%(mails)s::json) AS x),
            recipient AS (
                INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)
                SELECT id, res_id FROM message),
            notified AS (
                -- the recipient and the followers of his partner for discussions,
                -- never the author; by e-mail unless the user wants his inbox
                SELECT n.message_id, n.partner_id,
                       NOT coalesce(bool_or(u.notification_type = 'inbox'), false)
                       AND (pn.email IS NULL OR pn.email != %(author_email)s) AS by_email
                  FROM (SELECT message.id AS message_id, message.res_id AS partner_id
                          FROM message
                         UNION
                        SELECT message.id, f.partner_id
                          FROM message
                          JOIN mail_followers f ON f.res_model = 'res.partner'
                                               AND f.res_id = message.res_id
                          JOIN mail_followers_mail_message_subtype_rel r
                               ON r.mail_followers_id = f.id
                              AND r.mail_message_subtype_id = %(subtype)s
                         WHERE f.partner_id IS NOT NULL) n
                  JOIN res_partner pn ON pn.id = n.partner_id
                  LEFT JOIN res_users u ON u.partner_id = n.partner_id AND u.active
                 WHERE n.partner_id IS DISTINCT FROM %(author)s
              GROUP BY n.message_id, n.partner_id, pn.email),
            notification AS (
                INSERT INTO mail_message_res_partner_needaction_rel
                       (mail_message_id, res_partner_id, is_read, is_email, email_status)
                SELECT message_id, partner_id, CASE WHEN by_email THEN true END,
                       CASE WHEN by_email THEN true END, CASE WHEN by_email THEN 'ready' END
                  FROM notified),
            mail AS (
                INSERT INTO mail_mail (mail_message_id, "references", {mail_columns},
                                       create_uid, create_date, write_uid, write_date)
                SELECT message.id, parent.message_id, {mail_values},
                       %(uid)s, (now() at time zone 'UTC'), %(uid)s, (now() at time zone 'UTC')
                  FROM message JOIN m ON m.res_id = message.res_id
                 CROSS JOIN LATERAL json_populate_record(NULL::mail_mail, m.mail) AS r
                  LEFT JOIN mail_message parent ON parent.id = message.parent_id
                 WHERE EXISTS (SELECT 1 FROM notified
                                WHERE notified.message_id = message.id AND notified.by_email)
              ORDER BY message.id
             RETURNING id, mail_message_id)
            INSERT INTO mail_mail_res_partner_rel (mail_mail_id, res_partner_id)
            SELECT mail.id, notified.partner_id
              FROM mail JOIN notified ON notified.message_id = mail.mail_message_id
             WHERE notified.by_email
         RETURNING mail_mail_id
        """.replace("{message}", am_bulk_insert.insert_sql(
            "mail_message", columns, now=am_bulk_insert.TRANSACTION_NOW)).replace(
            "{mail_columns}", ", ".join('"%s"' % c for c in mail_columns)).replace(
            "{mail_values}", ", ".join('r."%s"' % c for c in mail_columns)), {
            "rows": rows_json, "mails": mails_json,
            "subtype": subtype.id, "author": author.id or None,
            "author_email": author.email or email_from or "", "uid": self.env.uid})
        mail_ids = sorted({row[0] for row in self.env.cr.fetchall()})
        partners.invalidate_cache(["message_ids"])
        if mail_ids and self.env.context.get("mail_notify_force_send", True):
            # as message_post(): the e-mails leave once the transaction is committed
            dbname, context = self.env.cr.dbname, dict(self.env.context)

            def send_notifications():
                with api.Environment.manage(), registry(dbname).cursor() as cr:
                    api.Environment(cr, SUPERUSER_ID, context)["mail.mail"].browse(
                        mail_ids).send()
            self.env.cr.after("commit", send_notifications)
