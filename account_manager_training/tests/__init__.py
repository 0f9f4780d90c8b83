# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_training_rules
from . import test_course
from . import test_session
from . import test_online_exam
from . import test_employee_training
from . import test_qualification
from . import test_certification
from . import test_matrix
from . import test_access
from . import test_settings
from . import test_screens
from . import test_answer_key
from . import test_bad_input
from . import test_workflow_fields
from . import test_qualification_concurrency
from . import test_exam_pages
from . import test_migration
