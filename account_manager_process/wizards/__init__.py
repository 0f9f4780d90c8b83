# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import am_ownership_change
from . import am_visit_review
from . import am_spot_check_confirm
