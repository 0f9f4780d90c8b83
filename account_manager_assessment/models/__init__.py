# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import assessment_rules
from . import res_config_settings
from . import crm_lead
from . import am_assessment_metric
from . import am_assessment_scheme
from . import am_assessment_rule
from . import am_assessment_process_item
from . import am_assessment
from . import am_assessment_line
from . import am_assessment_process_line
from . import hr_employee
