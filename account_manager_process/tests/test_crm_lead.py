# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os

from lxml import etree

from odoo.modules.module import get_module_path

from .common import AmCommon

PROSPECT_FIELDS = ("am_prospect_provider_id", "am_handover_mode", "am_salesperson_commission")


class TestProspectFields(AmCommon):
    """Who provided a prospect, how it was handed over and the salesperson's
    commission belong to the opportunity (this addon) and are on its form."""

    def test_opportunity_form_shows_the_prospect_fields(self):
        arch = self.env["crm.lead"].sudo(self.leader).fields_view_get(
            view_id=self.env.ref("crm.crm_case_form_view_oppor").id, view_type="form")["arch"]
        names = set(etree.fromstring(arch).xpath("//page[@name='am_prospect']//field/@name"))
        self.assertEqual(names & set(PROSPECT_FIELDS), set(PROSPECT_FIELDS))

    def test_account_manager_records_the_prospect_on_his_opportunity(self):
        lead = self.env["crm.lead"].sudo(self.am1).create({
            "name": "T prospect", "type": "opportunity", "user_id": self.am1.id,
            "am_prospect_provider_id": self.am2.id, "am_handover_mode": "door_to_door",
            "am_salesperson_commission": 1200.0})
        self.assertEqual((lead.am_prospect_provider_id, lead.am_handover_mode,
                          lead.am_salesperson_commission),
                         (self.am2, "door_to_door", 1200.0))

    def test_migration_moves_the_external_ids_from_the_assessment_addon(self):
        """11.0.3.0.0: the fields' external ids follow them into this addon,
        so that updating the assessment addon does not drop their columns."""
        path = os.path.join(get_module_path("account_manager_process"), "migrations",
                            "11.0.3.0.0", "pre-migration.py")
        spec = importlib.util.spec_from_file_location("am_migration_3_pre", path)
        pre = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(pre)
        cr = self.env.cr
        names = tuple("field_crm_lead_%s" % name for name in PROSPECT_FIELDS)
        # the old shape: the assessment addon owns them
        cr.execute("UPDATE ir_model_data SET module = 'account_manager_assessment' "
                   "WHERE module = 'account_manager_process' AND name IN %s", (names,))
        self.assertEqual(cr.rowcount, 3)
        self.assertEqual(pre.move_prospect_field_xmlids(cr), 3)
        self.assertEqual(pre.move_prospect_field_xmlids(cr), 0)  # once only
        cr.execute("SELECT module, count(*) FROM ir_model_data WHERE name IN %s "
                   "AND model = 'ir.model.fields' GROUP BY module", (names,))
        self.assertEqual(dict(cr.fetchall()), {"account_manager_process": 3})
