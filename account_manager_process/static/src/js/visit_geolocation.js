/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_process.visit_geolocation', function (require) {
    "use strict";

    /**
     * Check-in and check-out of a visit send the browser's position (when the
     * browser gives it) in the context; the server stores it on the visit.
     * Without a position the buttons work as usual.
     */
    var FormController = require('web.FormController');

    var GEO_BUTTONS = ['action_checkin', 'action_checkout'];
    var GEO_TIMEOUT = 8000;

    FormController.include({
        _callButtonAction: function (attrs, record) {
            var superCall = this._super.bind(this);
            var current = record || this.model.get(this.handle);
            if (!current || current.model !== 'am.visit' ||
                    GEO_BUTTONS.indexOf(attrs.name) < 0 || !navigator.geolocation) {
                return superCall(attrs, record);
            }
            var result = $.Deferred();
            var proceed = function (context) {
                var extended = _.extend({}, attrs, {context: context});
                superCall(extended, record).then(result.resolve, result.reject);
            };
            navigator.geolocation.getCurrentPosition(function (position) {
                proceed({
                    am_latitude: position.coords.latitude,
                    am_longitude: position.coords.longitude,
                });
            }, function () {
                proceed(attrs.context || {});
            }, {timeout: GEO_TIMEOUT, maximumAge: 60000});
            return result;
        },
    });
});
