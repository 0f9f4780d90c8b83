# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Manager Assessment",
    "summary": "Configurable assessment schemes of results and process, "
               "penalties, rewards, escalation and HR reports in XLSX",
    "version": "11.0.2.1.0",
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
        "security/account_manager_assessment_security.xml",
        "security/ir.model.access.csv",
        "data/am_assessment_metric_data.xml",
        "data/ir_cron_data.xml",
        "views/assets.xml",
        "views/am_assessment_export_views.xml",
        "views/am_assessment_metric_views.xml",
        "views/am_assessment_scheme_views.xml",
        "views/am_assessment_views.xml",
        "views/am_assessment_line_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_manager_assessment_menus.xml",
        "views/am_cockpit_views.xml",
        "report/am_assessment_report.xml",
    ],
    "demo": [
        "demo/am_assessment_demo.xml",
    ],
}
