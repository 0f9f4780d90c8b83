# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.addons.survey.controllers.main import WebsiteSurvey
from odoo.http import request


class TrainingSurvey(WebsiteSurvey):

    @http.route()
    def print_survey(self, survey, token=None, **post):
        """The correction shows the answer key: only for survey managers.

        The marks of the answers are not readable by the people answering
        (see survey.label), who review their answers without correction.
        """
        if request.env.user.has_group("survey.group_survey_manager"):
            return super().print_survey(survey, token=token, **post)
        return request.render("survey.survey_print", {
            "survey": survey,
            "token": token,
            "page_nr": 0,
            "quizz_correction": False,
        })
