# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import am_rules
from . import am_leader_mixin
from . import res_company
from . import res_config_settings
# am_visit first: Odoo 11 names a field's external id field_<table>_<field>,
# so am.visit's purpose_id / outcome_id and the id fields of
# am.visit.purpose / am.visit.outcome compete for the same name; the model
# reflected first gets it, the other one a database-specific suffix that
# translation files cannot refer to (Odoo 12 uses field_<table>__<field>).
from . import am_visit
from . import am_visit_purpose
from . import am_visit_outcome
from . import am_customer_tier
from . import am_spot_check
from . import am_visit_photo
from . import res_partner
from . import res_users
from . import res_groups
from . import hr_employee
from . import hr_department
from . import hr_attendance
from . import crm_lead
from . import am_work_report_step
from . import am_work_report
from . import am_work_report_line
# complaints and their SLA (their arithmetic: claim_rules.py)
from . import claim_rules
from . import am_claim_sla_policy
from . import crm_claim_stage
from . import crm_claim
from . import am_demo_generator
from . import am_cockpit
from . import res_config_settings_cockpit
from . import am_sync_action
from . import am_day
