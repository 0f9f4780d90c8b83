/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_process.crash_manager', function (require) {
    "use strict";

    /**
     * When the server refuses something for a business reason (UserError,
     * ValidationError, Warning, or the access and missing-record errors), Odoo
     * 11 shows the message in a warning dialog titled with the JSON-RPC error's
     * technical message, "Odoo Server Error", as if the server had crashed.
     * Those dialogs get a title in the user's words instead ("Warning",
     * "Validation Error", ...); real crashes keep Odoo's error dialog.
     */
    var core = require('web.core');
    var CrashManager = require('web.CrashManager');

    var _t = core._t;

    // the server's exception types (odoo.http.serialize_exception)
    function humanTitle(data) {
        switch (data.exception_type) {
            case 'user_error':
            case 'warning':
                return _t("Warning");
            case 'validation_error':
                return _t("Validation Error");
            case 'access_error':
                return _t("Access Error");
            case 'missing_error':
                return _t("Missing Record");
            case 'access_denied':
                return _t("Access Denied");
            case 'except_orm':
                // rpc_error put the exception's own title there (" - Title")
                return (data.title || '').replace(/^\s*-\s*/, '') || _t("Warning");
            default:
                return null;
        }
    }

    CrashManager.include({
        show_warning: function (error) {
            var data = error && error.data;
            var title = data && !error.type && humanTitle(data);
            if (title) {
                error = _.extend({}, error, {
                    type: title,
                    // rpc_error's subtitle repeated the type (" - Validation Error")
                    data: _.extend({}, data, {title: ''}),
                });
            }
            return this._super(error);
        },
    });
});
