# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Account Manager Training",
    "summary": "Online courses with exams, offline sessions with attendance "
               "discipline, qualifications and certifications",
    "version": "11.0.2.1.0",
    "development_status": "Beta",
    "category": "Account Management",
    "website": "https://github.com/account-manager-suite/account-manager-process",
    "author": "Account Manager Process Suite contributors",
    "license": "AGPL-3",
    "depends": [
        "hr",
        "mail",
        "hr_course",
        "survey",
        "report_xlsx",
    ],
    "data": [
        "security/account_manager_training_security.xml",
        "security/ir.model.access.csv",
        "security/account_manager_training_rules.xml",
        "data/am_training_cron.xml",
        "report/training_matrix_report.xml",
        "views/res_config_settings_views.xml",
        "views/am_training_category_views.xml",
        "views/am_training_course_views.xml",
        "views/am_training_record_views.xml",
        "views/hr_course_views.xml",
        "views/hr_course_attendee_views.xml",
        "views/am_qualification_rule_views.xml",
        "views/am_employee_qualification_views.xml",
        "views/am_certification_views.xml",
        "views/hr_employee_views.xml",
        "views/am_training_matrix_views.xml",
        "views/survey_templates.xml",
        "views/account_manager_training_menus.xml",
    ],
    "demo": [
        "demo/am_training_demo.xml",
    ],
}
