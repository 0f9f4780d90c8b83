# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

MARK_GROUP = "survey.group_survey_manager"


def _mentions_mark(terms):
    for term in terms or ():
        name = term[0] if isinstance(term, (list, tuple)) and term else term
        if isinstance(name, str) and name.strip().split(":")[0].split(".")[0] \
                .split(" ")[0] == "quizz_mark":
            return True
    return False


class SurveyLabel(models.Model):
    """The marks of the answers are the answer key of an exam.

    Only those who write surveys (survey managers, training coordinators)
    read, search, group or sort on them; the people answering render the
    survey pages without them, and exams are scored server-side.
    """

    _inherit = "survey.label"

    quizz_mark = fields.Float(groups=MARK_GROUP)

    @api.model
    def _am_check_mark_access(self, *term_lists):
        if any(_mentions_mark(terms) for terms in term_lists) \
                and not self.env.user.has_group(MARK_GROUP):
            raise AccessError(_(
                "The marks of the answers are the answer key of the survey: only "
                "survey managers may use them."))

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        self._am_check_mark_access(args, (order or "").split(","))
        return super()._search(args, offset=offset, limit=limit, order=order,
                               count=count, access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        groupby_list = [groupby] if isinstance(groupby, str) else groupby
        self._am_check_mark_access(domain, fields, groupby_list,
                                   (orderby or "").split(","))
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit,
                                  orderby=orderby, lazy=lazy)
