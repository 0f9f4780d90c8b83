# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import training_rules
from . import res_config_settings
from . import am_training_category
from . import am_training_course
from . import am_training_record
from . import survey_survey
from . import survey_label
from . import survey_user_input
from . import survey_user_input_line
from . import hr_course
from . import hr_course_attendee
from . import am_qualification_rule
from . import am_employee_qualification
from . import am_certification
from . import hr_employee
