# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from ..models import am_mail
from .common import AmCommon


class TestScheduleActivities(AmCommon):
    """am_mail.schedule_activities() writes what mail.activity.create() writes."""

    def _rows(self, table, where, params, skipped, order="id"):
        self.env.cr.execute("SELECT * FROM %s WHERE %s ORDER BY %s" % (table, where, order),
                            params)
        return [{k: v for k, v in row.items() if k not in skipped}
                for row in self.env.cr.dictfetchall()]

    def test_rows_equal_the_orm_rows(self):
        customer = self._customer(self.am1, "T Activity customer")
        orm_visit = self._visit(self.am1, customer)
        helper_visit = self._visit(self.am1, customer)
        todo = self.env.ref("mail.mail_activity_data_todo")
        scheduled = [
            {"activity_type_id": todo.id, "summary": "Call back", "date_deadline": self._date(),
             "note": "Bring <b>the contract</b> & <script>alert(1)</script>the prices",
             "user_id": self.leader.id},
            {"summary": "The defaults"},
            {"summary": "Later", "date_deadline": self._date(3), "user_id": self.leader.id},
        ]
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last_bus = self.env.cr.fetchone()[0]
        Activity = self.env["mail.activity"].sudo(self.am1)
        model_id = self.env["ir.model"]._get("am.visit").id
        for values in scheduled:
            Activity.create(dict(values, res_model_id=model_id, res_id=orm_visit.id))
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        orm_bus = self.env.cr.fetchone()[0]
        created = am_mail.schedule_activities(
            helper_visit, [dict(values, res_id=helper_visit.id) for values in scheduled])
        self.assertEqual(len(created), 3)
        self.assertEqual(created.mapped("res_id"), [helper_visit.id] * 3)
        skipped = ("id", "res_id", "res_name", "create_date", "write_date")
        orm_rows, helper_rows = [self._rows(
            "mail_activity", "res_model = 'am.visit' AND res_id = %s", (visit.id,), skipped)
            for visit in (orm_visit, helper_visit)]
        self.assertEqual(len(helper_rows), 3)
        self.assertEqual(orm_rows, helper_rows)
        self.assertEqual(helper_rows[1]["user_id"], self.am1.id)
        self.assertNotIn("script", helper_rows[0]["note"])
        self.assertEqual(set(created.mapped("res_name")), {helper_visit.display_name})
        followers = [(visit.message_follower_ids.mapped("partner_id"),
                      visit.message_follower_ids.mapped("subtype_ids"))
                     for visit in (orm_visit, helper_visit)]
        self.assertEqual(followers[0], followers[1])
        self.assertIn(self.leader.partner_id, followers[1][0])
        self.assertEqual(set(helper_visit.activity_ids.ids), set(created.ids),
                         "the cache is refreshed")
        # the assignees of the activities due today are told on the bus
        bus = [self._rows("bus_bus", where, params, ("id", "create_date", "write_date"))
               for where, params in (("id > %s AND id <= %s", (last_bus, orm_bus)),
                                     ("id > %s", (orm_bus,)))]
        self.assertEqual(len(bus[0]), 2)
        self.assertEqual(bus[0], bus[1])

    def test_only_who_may_write_the_record(self):
        customer = self._customer(self.am1, "T Activity access")
        visit = self._visit(self.am1, customer)
        values = {"res_id": visit.id, "summary": "Not mine", "user_id": self.am2.id}
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            am_mail.schedule_activities(visit.sudo(self.am2), [values])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["mail.activity"].sudo(self.am2).create(dict(
                values, res_model_id=self.env["ir.model"]._get("am.visit").id))
        self.assertFalse(visit.activity_ids)
        self.assertFalse(am_mail.schedule_activities(visit, []))
