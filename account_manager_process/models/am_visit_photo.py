# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Photos taken at a visit: proof that it happened where and when it says.

A photo is a record of its own (when the server received it, where the device
said it was, who took it) pointing at the picture, an ``ir.attachment`` of the
photo record. Keeping the picture attached to the photo record rather than to
the visit makes it as immutable as the record: Odoo lets a user change or
delete an attachment when he may write the record it belongs to, and nobody
writes a photo record, while the account manager writes his visits. Reading a
photo (and its picture) follows the photo's own record rules: its account
manager, his team leader, HR and the administrators.
"""
import base64
import binascii
import io

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import am_rules

# a phone camera's picture is 2-8 MB; more is not a photo of a visit
MAX_PHOTO_BYTES = 15 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"),
                 "GIF": ("image/gif", "gif"), "WEBP": ("image/webp", "webp")}


class AmVisitPhoto(models.Model):
    _name = "am.visit.photo"
    _description = "Visit photo"
    _order = "taken_at desc, id desc"
    _rec_name = "name"

    name = fields.Char(readonly=True)
    visit_id = fields.Many2one(
        "am.visit", required=True, readonly=True, index=True,
        ondelete="restrict")
    visit_user_id = fields.Many2one(
        related="visit_id.user_id", store=True, readonly=True, index=True,
        string="Account manager")
    am_leader_user_id = fields.Many2one(
        related="visit_id.am_leader_user_id", store=True, readonly=True, index=True,
        string="Team leader")
    company_id = fields.Many2one(related="visit_id.company_id", store=True, readonly=True)
    partner_id = fields.Many2one(
        related="visit_id.partner_id", store=True, readonly=True, string="Customer")
    attachment_id = fields.Many2one(
        "ir.attachment", string="Picture", required=True, readonly=True,
        ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Taken by", required=True, readonly=True)
    taken_at = fields.Datetime(
        string="Received at", required=True, readonly=True,
        help="When the server received the photo (not the device's clock).")
    has_position = fields.Boolean(string="Position known", readonly=True)
    latitude = fields.Float(digits=(10, 7), readonly=True)
    longitude = fields.Float(digits=(10, 7), readonly=True)
    accuracy = fields.Float(
        string="Accuracy (m)", readonly=True, help="The device's reported accuracy; 0 = unknown.")

    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "Photos are taken with the Photo button of the visit: the server "
            "records when and where they were taken."))

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_(
            "A visit photo is proof of the visit: it cannot be changed."))

    def _create_workflow(self, vals):
        """Create a photo after the checks of am.visit.add_photo (private: not
        callable over RPC)."""
        return super(AmVisitPhoto, self).create(vals)  # pylint: disable=super-method-mismatch

    @api.model
    def _decode_picture(self, data):
        """The picture's bytes and (mimetype, extension), checked."""
        if isinstance(data, str):
            data = data.split(",", 1)[1] if data.startswith("data:") else data
            data = data.encode("ascii", "ignore")
        try:
            raw = base64.b64decode(data or b"", validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise UserError(_("The photo could not be read: send the picture "
                              "as base64.")) from None
        if not raw:
            raise UserError(_("The photo is empty: take the picture again."))
        if len(raw) > MAX_PHOTO_BYTES:
            raise UserError(_("The photo is too large (%(size)s MB; at most %(max)s MB).") % {
                "size": round(len(raw) / 1048576.0, 1),
                "max": MAX_PHOTO_BYTES // 1048576})
        try:
            image = Image.open(io.BytesIO(raw))
            image_format = image.format
            image.verify()
        except Exception:  # pylint: disable=broad-except
            # PIL raises many kinds of errors on what is not a picture
            image_format = None
        if image_format not in IMAGE_FORMATS:
            raise UserError(_("This file is not a photo (JPEG, PNG, GIF or WebP)."))
        return raw, IMAGE_FORMATS[image_format]

    @api.model
    def _position(self, latitude, longitude, accuracy):
        """(has_position, latitude, longitude, accuracy) from what the device sent."""
        if latitude in (None, False, "") or longitude in (None, False, ""):
            return False, 0.0, 0.0, 0.0
        try:
            latitude, longitude = float(latitude), float(longitude)
            accuracy = float(accuracy or 0.0)
        except (TypeError, ValueError):
            raise UserError(_("The position must be given as numbers "
                              "(latitude, longitude, accuracy).")) from None
        if not am_rules.is_valid_position(latitude, longitude) or accuracy < 0:
            raise UserError(_(
                "%(lat)s, %(lon)s is not a position on earth (latitude between -90 "
                "and 90, longitude between -180 and 180).") % {
                "lat": latitude, "lon": longitude})
        return True, latitude, longitude, accuracy
