/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * OCA web_responsive 11.0 opens the kanban view first on a phone by changing
 * the type of the action's default view descriptor (the list's) to "kanban":
 * the list descriptor then claims to be a kanban view, and opening the list
 * (its view switcher button, or a link with view_type=list) crashes with
 * "Cannot read property 'arch' of undefined". Same choice here, without
 * touching the descriptors: the kanban view's own descriptor is returned.
 */
odoo.define("account_manager_process.web_responsive_fix", function (require) {
    "use strict";

    require("web_responsive");
    var ViewManager = require("web.ViewManager");

    ViewManager.include({
        get_default_view: function () {
            var types = {};
            _.each(this.views, function (view, key) { types[key] = view && view.type; });
            var chosen = this._super.apply(this, arguments);
            var wanted = chosen && chosen.type;
            _.each(this.views, function (view, key) {
                if (view) { view.type = types[key]; }
            });
            if (wanted === "kanban" && this.views.kanban) {
                return this.views.kanban;
            }
            return chosen;
        },
    });
});
