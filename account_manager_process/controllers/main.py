# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer confirms a visit without a phone call: a public page (no login,
no website module) reached by the signed single-use link a team leader sent.
The page shows only the account manager's name, the visit's day and the
organisation's name; the answer goes through the spot check's private
workflow method."""
from odoo import http
from odoo.http import request

from ..models.am_spot_check import CUSTOMER_COMMENT_MAX

TEMPLATE = "account_manager_process.customer_confirm_page"
LANGS = ("zh_CN", "en_US")
HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    # the token is in the address: never sent along to another site
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
    ("X-Frame-Options", "DENY"),
]


def _lang(check):
    """The customer's language; without a spot check, the browser's."""
    lang = check.customer_asked_partner_id.lang if check else None
    if not lang:
        best = request.httprequest.accept_languages.best_match(["zh-CN", "zh", "en-US", "en"])
        lang = "zh_CN" if best and best.startswith("zh") else "en_US"
    return "zh_CN" if lang.startswith("zh") else "en_US"


class CustomerConfirmation(http.Controller):

    @http.route("/am/confirm/<string:token>", type="http", auth="public",
                methods=["GET", "POST"])
    def confirm(self, token, **post):
        checks = request.env["am.spot.check"].sudo()
        check, state = checks._am_from_confirm_token(token)
        lang = _lang(check)
        values = {"state": state, "lang": lang, "error": None,
                  "csrf_token": request.csrf_token(), "post": post}
        if state == "form":
            values.update(check.with_context(lang=lang)._am_confirm_page_values())
            if request.httprequest.method == "POST":
                answer = self._read_answer(post)
                if answer is None:
                    values["error"] = "incomplete"
                elif check._record_customer_answer(token, *answer):
                    values["state"] = "thanks"
                else:
                    # used or closed meanwhile (a second tab, the leader's call)
                    values["state"] = "answered"
        elif state == "invalid" and check:
            check = checks.browse()
        html = request.env["ir.ui.view"].sudo().with_context(lang=lang).render_template(
            TEMPLATE, values)
        status = {"form": 200, "thanks": 200, "answered": 410, "closed": 410,
                  "expired": 410}.get(values["state"], 404)
        response = request.make_response(html, headers=HEADERS)
        response.status_code = status
        return response

    @staticmethod
    def _read_answer(post):
        """(visited, rating, comment) from the form, or None when incomplete."""
        visited = post.get("visited")
        rating = post.get("rating") or False
        if visited not in ("yes", "no"):
            return None
        if rating and rating not in ("1", "2", "3", "4", "5"):
            return None
        if visited == "yes" and not rating:
            return None
        comment = (post.get("comment") or "")[:CUSTOMER_COMMENT_MAX]
        return visited == "yes", rating if visited == "yes" else False, comment

