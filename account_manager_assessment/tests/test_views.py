# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os
from datetime import timedelta

from lxml import etree

from odoo.modules.module import get_module_path

from .common import WEEKS, AssessmentCase

ACTIONS = ("am_assessment_action", "am_assessment_action_flagged",
           "am_assessment_line_action", "am_assessment_scheme_action",
           "am_assessment_metric_action")
MODELS = ("am.assessment", "am.assessment.line", "am.assessment.metric",
          "am.assessment.process.item", "am.assessment.process.line",
          "am.assessment.rule", "am.assessment.scheme",
          "am.assessment.export")


class TestViews(AssessmentCase):
    """Every screen works and speaks the user's language."""

    def _action(self, xmlid):
        return self.env.ref("account_manager_assessment." + xmlid)

    def test_hr_officer_reaches_assessments_from_a_menu(self):
        """HR officers are not account managers: the Account Management
        app is hidden from them, the Employees app is not."""
        Menu = self.env["ir.ui.menu"].sudo(self.user_hr)
        for xmlid in ("am_assessment_action", "am_assessment_action_flagged",
                      "am_assessment_line_action",
                      "action_am_assessment_export"):
            action = self._action(xmlid)
            menus = Menu.search([("action", "=", "%s,%s" % (
                action._name, action.id))])
            self.assertTrue(menus, "no menu of %s for HR officers" % xmlid)

    def test_empty_lists_say_what_they_are_for(self):
        for xmlid in ACTIONS:
            help_text = self._action(xmlid).help or ""
            self.assertGreaterEqual(help_text.count("<p"), 2, xmlid)

    def test_generated_records_offer_no_create(self):
        """Assessments (flagged or not) and their lines are generated:
        their lists and forms have no Create button."""
        for model, view_type in (("am.assessment", "tree"),
                                 ("am.assessment", "form"),
                                 ("am.assessment.line", "tree")):
            arch = etree.fromstring(self.env[model].sudo(
                self.user_hr_manager).fields_view_get(
                    view_type=view_type)["arch"])
            self.assertIn(arch.get("create"), ("0", "false"),
                          "%s %s" % (model, view_type))
        action = self._action("am_assessment_action_flagged")
        arch = etree.fromstring(self.env["am.assessment"].fields_view_get(
            view_id=action.view_id.id, view_type="tree")["arch"])
        self.assertIn(arch.get("create"), ("0", "false"))

    def test_ranks_and_weights_are_never_summed(self):
        """Grouped lists and pivots aggregate with the field's operator:
        ranks show the best, weights and targets an average."""
        for model, names in (("am.assessment", ("rank",
                                                "consecutive_failures",
                                                "total_score")),
                             ("am.assessment.line", ("weight", "target",
                                                     "score",
                                                     "achievement")),
                             ("am.assessment.process.line", ("score",))):
            for name in names:
                self.assertNotIn(
                    self.env[model]._fields[name].group_operator,
                    (None, "sum"), "%s.%s" % (model, name))
        self.scheme._generate_period(WEEKS[0], WEEKS[0] + timedelta(days=6))
        groups = self.env["am.assessment"].read_group(
            [("scheme_id", "=", self.scheme.id)], ["scheme_id", "rank"],
            ["scheme_id"])
        self.assertEqual(groups[0]["rank"], 1)

    def test_fields_have_real_labels(self):
        """No label made up from a technical name (Date From, Flagged For
        Review, Is ...): each field of the addon has a string of its
        own."""
        for model in MODELS:
            for name, field in self.env[model]._fields.items():
                if name in ("id", "display_name", "create_uid", "create_date",
                            "write_uid", "write_date", "__last_update") \
                        or name.startswith(("message_", "activity_")):
                    continue
                auto = name.replace("_", " ").title()
                if name.endswith("_id"):
                    auto = name[:-3].replace("_", " ").title()
                elif name.endswith("_ids"):
                    auto = name[:-4].replace("_", " ").title()
                self.assertFalse(field.string.startswith("Is "),
                                 "%s.%s" % (model, name))
                if " " in auto:
                    self.assertNotEqual(field.string, auto,
                                        "%s.%s" % (model, name))

    def test_demo_account_managers_in_the_training_matrix(self):
        """The demo's account managers have the job position of the mandatory
        training courses, so HR finds them in the training matrix."""
        am1 = self.env.ref("account_manager_process.demo_employee_am1",
                           raise_if_not_found=False)
        if not am1:
            self.skipTest("installed without demo data")
        matrix = self.env["am.training.matrix"].sudo(self.user_hr_manager).create({})
        employees, courses, __ = matrix._matrix_data()
        self.assertIn(am1, employees)
        self.assertIn(self.env.ref("account_manager_process.demo_employee_am4"), employees)
        self.assertIn(self.env.ref("account_manager_training.demo_course_wealth_exam"), courses)

    def test_migration_names_the_scheme_label(self):
        """11.0.2.0.0: the scheme field gets the plain external id its zh_CN
        label is found by, also in databases where the scheme's id field had it."""
        path = os.path.join(get_module_path("account_manager_assessment"), "migrations",
                            "11.0.2.0.0", "pre-migration.py")
        spec = importlib.util.spec_from_file_location("am_assessment_pre_2", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        fields_model = self.env["ir.model.fields"]
        scheme = fields_model.search([("model", "=", "am.assessment"), ("name", "=", "scheme_id")])
        id_field = fields_model.search([("model", "=", "am.assessment.scheme"),
                                        ("name", "=", "id")])
        data = self.env["ir.model.data"]
        plain = "field_am_assessment_scheme_id"
        for res_id, name in ((scheme.id, "%s_%d" % (plain, scheme.id)), (id_field.id, plain)):
            data.search([("module", "=", migration.MODULE), ("model", "=", "ir.model.fields"),
                         ("res_id", "=", res_id)]).write({"name": name})
        self.assertEqual(migration.name_field_xmlids(
            self.env.cr, migration.MODULE, migration.FIELD_XMLIDS), 2)
        data.clear_caches()
        self.assertEqual(self.env.ref("account_manager_assessment." + plain), scheme)
