# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import assessment_rules
from . import res_config_settings
from . import am_assessment_metric
# am_assessment before am_assessment_scheme (and importing nothing from it):
# Odoo 11 names a field's external id field_<table>_<field>, so the
# scheme_id of am.assessment and the id of am.assessment.scheme compete for
# the same name; the model reflected first gets it, the other one a
# database-specific suffix that translation files cannot refer to.
from . import am_assessment
from . import am_assessment_scheme
from . import am_assessment_scheme_part
from . import am_assessment_rule
from . import am_assessment_process_item
from . import am_assessment_line
from . import am_assessment_process_line
from . import hr_employee
from . import am_cockpit
