# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Manager Process",
    "summary": "Customer visits, return-visit schedules, customer ownership, "
               "the seven-step working day, complaints and supervision",
    "version": "11.0.1.0.0",
    "development_status": "Beta",
    "category": "Account Management",
    "website": "https://github.com/account-manager-suite/account-manager-process",
    "author": "Account Manager Process Suite contributors",
    "license": "AGPL-3",
    "application": True,
    "depends": [
        "crm",
        "hr",
        "mail",
        "calendar",
        "hr_attendance",
        "crm_claim",
    ],
    "data": [
        "security/account_manager_security.xml",
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/account_manager_menus.xml",
    ],
}
