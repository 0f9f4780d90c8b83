# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import AmCommon


def png(color="red", size=(8, 6)):
    """A small picture, in base64 as the web client sends it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class TestVisitPhoto(AmCommon):
    """Photos taken at a visit: the account manager adds them to his own visit
    while it happens; the server records the time; nobody changes them."""

    @classmethod
    def setup_am_data(cls):
        result = super().setup_am_data()
        cls.customer = cls._customer(cls.am1, "T Photo Customer", phone="021 4444 0101")
        cls.hr_officer = cls._user("t_photo_hr", cls.env.ref("hr.group_hr_user"))
        return result

    def _in_progress(self, user=None, **values):
        visit = self._visit(user or self.am1, self.customer, **values)
        visit.sudo(user or self.am1).with_context(
            am_latitude=31.2304, am_longitude=121.4737).action_checkin()
        return visit

    def test_photo_taken_at_the_visit(self):
        visit = self._in_progress()
        before = fields.Datetime.now()
        photo_id = visit.sudo(self.am1).add_photo(
            png(), "IMG_0001.png", 31.2305, 121.4738, 12.5)
        photo = self.env["am.visit.photo"].browse(photo_id)
        self.assertEqual(photo.visit_id, visit)
        self.assertEqual(photo.user_id, self.am1)
        self.assertGreaterEqual(photo.taken_at, before)
        self.assertTrue(photo.has_position)
        self.assertAlmostEqual(photo.latitude, 31.2305, places=4)
        self.assertAlmostEqual(photo.accuracy, 12.5)
        self.assertEqual(visit.photo_count, 1)
        self.assertEqual(visit.photo_ids, photo)
        attachment = photo.attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), ("am.visit.photo", photo.id))
        self.assertEqual(attachment.mimetype, "image/png")
        self.assertTrue(attachment.name.startswith(visit.name))
        # without a position (permission denied) the photo is still taken
        second = self.env["am.visit.photo"].browse(
            visit.sudo(self.am1).add_photo(png("blue"), "b.png"))
        self.assertFalse(second.has_position)
        self.assertEqual(visit.photo_count, 2)
        # the account manager, his team leader and HR read the photo and its picture
        for user in (self.am1, self.leader, self.hr_officer, self.admin):
            self.assertEqual(photo.sudo(user).read(["taken_at"])[0]["taken_at"], photo.taken_at)
            self.assertTrue(attachment.sudo(user).datas, user.login)
        # another team's account manager and leader do not
        for user in (self.am_other, self.leader_other, self.am2):
            with self.assertRaises(AccessError):
                photo.sudo(user).read(["taken_at"])
            with self.assertRaises(AccessError):
                attachment.sudo(user).read(["datas"])

    def test_photo_rules(self):
        """Only the visit's account manager, while it happens or on the day it
        was done; a clear message otherwise, nothing added."""
        photos = self.env["am.visit.photo"]
        planned = self._visit(self.am1, self.customer)
        with self.assertRaisesRegex(UserError, "not in progress"):
            planned.sudo(self.am1).add_photo(png())
        visit = self._in_progress()
        # the team leader reads the visit but does not take its photos
        with self.assertRaisesRegex(UserError, "Only the account manager"):
            visit.sudo(self.leader).add_photo(png())
        # an account manager of another team cannot reach it at all
        with self.assertRaises(AccessError):
            visit.sudo(self.am_other).with_context(
                active_test=False, am_assessment_internal=True).add_photo(png())
        # what is not a picture, or a position off the earth
        with self.assertRaisesRegex(UserError, "not a photo"):
            visit.sudo(self.am1).add_photo(base64.b64encode(b"<html>x</html>").decode())
        with self.assertRaisesRegex(UserError, "could not be read"):
            visit.sudo(self.am1).add_photo("not base64 !")
        with self.assertRaisesRegex(UserError, "not a position on earth"):
            visit.sudo(self.am1).add_photo(png(), "x.png", 95.0, 10.0)
        self.assertFalse(photos.search([("visit_id", "=", visit.id)]))
        self.assertEqual(visit.photo_count, 0)
        # done today: still; cancelled: no
        visit.sudo(self.am1).write({"outcome_id": self.outcome_won.id, "summary": "Done."})
        visit.sudo(self.am1).action_checkout()
        visit.sudo(self.am1).add_photo(png())
        self.assertEqual(visit.photo_count, 1)
        cancelled = self._in_progress()
        cancelled.sudo(self.am1).action_cancel()
        with self.assertRaisesRegex(UserError, "not in progress"):
            cancelled.sudo(self.am1).add_photo(png())

    def test_photo_cannot_be_forged_or_changed(self):
        """Over the ORM with hostile arguments: no photo typed in, none changed,
        the picture not replaced, nothing deleted - whoever asks."""
        visit = self._in_progress()
        photo = self.env["am.visit.photo"].browse(visit.sudo(self.am1).add_photo(png()))
        taken_at, picture = photo.taken_at, photo.attachment_id.datas
        forged = {"visit_id": visit.id, "attachment_id": photo.attachment_id.id,
                  "user_id": self.am1.id, "taken_at": "2020-01-01 09:00:00",
                  "latitude": 31.2, "longitude": 121.4}
        for user in (self.am1, self.admin):
            with self.assertRaisesRegex(UserError, "Photo button"):
                self.env["am.visit.photo"].sudo(user).with_context(
                    am_workflow=True).create(forged)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            photo.sudo(self.am1).write({"taken_at": "2020-01-01 09:00:00"})
        # the superuser too: no exemption
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            photo.write({"taken_at": "2020-01-01 09:00:00"})
        with self.assertRaises(AccessError):
            photo.sudo(self.am1).unlink()
        attachment = photo.attachment_id
        with self.assertRaises(AccessError):
            attachment.sudo(self.am1).write({"datas": png("green")})
        with self.assertRaises(AccessError):
            attachment.sudo(self.am1).unlink()
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].sudo(self.am1).create({
                "name": "fake.png", "datas": png("green"),
                "res_model": "am.visit.photo", "res_id": photo.id})
        with self.assertRaises(AccessError):
            attachment.sudo(self.leader).write({"datas": png("green")})
        self.assertEqual(photo.taken_at, taken_at)
        self.assertEqual(photo.attachment_id.datas, picture)
        # a visit with photos is kept
        visit.sudo(self.am1).action_cancel()
        with self.assertRaisesRegex(UserError, "proof"):
            visit.sudo(self.am1).unlink()
        self.assertTrue(visit.exists())

    def test_purpose_requiring_a_photo(self):
        purpose = self.env["am.visit.purpose"].sudo(self.admin).create(
            {"name": "T Site inspection", "photo_required": True})
        with self.assertRaises(AccessError):
            purpose.sudo(self.am1).write({"photo_required": False})
        visit = self._in_progress(purpose_id=purpose.id)
        visit.sudo(self.am1).write({"outcome_id": self.outcome_won.id,
                                    "summary": "Inspected the site."})
        with self.assertRaisesRegex(UserError, "requires a photo"):
            visit.sudo(self.am1).with_context(
                am_latitude=31.2, am_longitude=121.4).action_checkout()
        self.assertEqual(visit.state, "in_progress")
        self.assertFalse(visit.checkout_time)
        with self.assertRaisesRegex(UserError, "requires a photo"):
            visit.sudo(self.am1).action_done()
        self.assertEqual(visit.state, "in_progress")
        visit.sudo(self.am1).add_photo(png())
        visit.sudo(self.am1).action_checkout()
        self.assertEqual(visit.state, "done")
        # a purpose without the requirement closes as before
        other = self._in_progress(purpose_id=self.purpose_negotiation.id)
        other.sudo(self.am1).write({"outcome_id": self.outcome_won.id, "summary": "Ok."})
        other.sudo(self.am1).action_checkout()
        self.assertEqual(other.state, "done")
