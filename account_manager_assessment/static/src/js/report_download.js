/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_assessment.report_download', function (require) {
'use strict';

/**
 * A report action returned by a wizard's button with the key
 * close_on_report_download closes the wizard once the download started,
 * as the web client does from Odoo 12 on (Odoo 11 keeps the dialog open).
 */
var ActionManager = require('web.ActionManager');

ActionManager.include({
    ir_actions_report: function (action, options) {
        if (!action.close_on_report_download) {
            return this._super.apply(this, arguments);
        }
        var on_close = (options && options.on_close) || function () {};
        var download_options = _.extend({}, options, {on_close: function () {}});
        var result = this._super(action, download_options);
        this.do_action({type: 'ir.actions.act_window_close'}, {on_close: on_close});
        return result;
    },
});

});
