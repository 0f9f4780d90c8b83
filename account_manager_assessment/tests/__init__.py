# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_assessment_rules
from . import test_configuration
from . import test_metrics
from . import test_population
from . import test_assessment
from . import test_workflow
from . import test_record_integrity
from . import test_multi_company
from . import test_cron
from . import test_settings
from . import test_views
from . import test_performance
from . import test_report
from . import test_concurrency
from . import test_cockpit
from . import test_migration
