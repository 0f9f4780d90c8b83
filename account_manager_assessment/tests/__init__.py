# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_assessment_rules
from . import test_configuration
from . import test_assessment
from . import test_workflow
from . import test_performance
from . import test_report
from . import test_concurrency
from . import test_review_fixes
