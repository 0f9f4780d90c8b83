# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_am_rules
from . import test_visit
from . import test_access
from . import test_leader
from . import test_ownership
from . import test_return_cron
from . import test_work_report
from . import test_position
from . import test_claim
from . import test_spot_check
from . import test_views_and_demo
from . import test_sql_log
from . import test_sync
