# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Manager Assessment",
    "summary": "Configurable assessment schemes of results and process, "
               "penalties, rewards, escalation and HR reports in XLSX",
    "version": "11.0.1.0.0",
    "development_status": "Beta",
    "category": "Account Management",
    "website": "https://github.com/account-manager-suite/account-manager-process",
    "author": "Account Manager Process Suite contributors",
    "license": "AGPL-3",
    "depends": [
        "account_manager_process",
        "account_manager_training",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/account_manager_assessment_menus.xml",
    ],
}
