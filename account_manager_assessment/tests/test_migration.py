# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.account_manager_process.tests.test_migration import RecordRulesNoupdateCase
from odoo.tests.common import SavepointCase


class TestMigrationRecordRulesNoupdate(RecordRulesNoupdateCase, SavepointCase):
    """11.0.2.1.0: the record rules are noupdate data."""

    module = "account_manager_assessment"
    version = "11.0.2.1.0"
    sample_rule = "am_assessment_rule_own"
