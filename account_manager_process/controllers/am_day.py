# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The field app: the account manager's day on a phone, online or offline
(/am/day). The JSON routes are Odoo's JSON-RPC (no cross-site form can post
them); every call runs as the logged-in user with his access rights."""
import json
import os

from odoo import http
from odoo.http import request

STATIC = os.path.join(os.path.dirname(os.path.dirname(__file__)), "static", "src", "day")


class AmDay(http.Controller):

    @http.route("/am/day", type="http", auth="user", methods=["GET"])
    def page(self, **kwargs):
        Day = request.env["am.day"]
        Day._check_user()
        config = {
            "labels": Day._am_labels(),
            "lang": request.env.user.lang or "en_US",
            "user_id": request.env.uid,
            "db": request.env.cr.dbname,
        }
        # inside a <script> element: no "</" may end it early
        config_json = json.dumps(config).replace("</", "<\\/")
        response = request.render("account_manager_process.am_day_page", {
            "config_json": config_json,
            "lang": (request.env.user.lang or "en_US").replace("_", "-"),
            "title": config["labels"]["title"],
        })
        response.headers["Cache-Control"] = "no-cache"
        return response

    @http.route("/am/day/sw.js", type="http", auth="public", methods=["GET"])
    def service_worker(self, **kwargs):
        with open(os.path.join(STATIC, "am_day_sw.js"), "rb") as script:
            body = script.read()
        return request.make_response(body, headers=[
            ("Content-Type", "application/javascript; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            # the worker controls the page /am/day itself, above its folder
            ("Service-Worker-Allowed", "/am/day"),
        ])

    @http.route("/am/day/data", type="json", auth="user")
    def data(self, **kwargs):
        return request.env["am.day"].am_day_data()

    @http.route("/am/day/sync", type="json", auth="user")
    def sync(self, actions=None, **kwargs):
        return request.env["am.sync.action"].am_sync(actions)

    @http.route("/am/day/route", type="json", auth="user")
    def route(self, position=None, stops=None, **kwargs):
        return request.env["am.day"].am_route(position, stops or [])
