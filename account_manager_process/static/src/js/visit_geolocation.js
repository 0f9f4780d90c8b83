/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_process.visit_geolocation', function (require) {
    "use strict";

    /**
     * Check-in and check-out of a visit, and the start and end of a position
     * report, send the browser's position and its accuracy (metres) in the
     * context (am_latitude, am_longitude, am_accuracy); the server verifies
     * them. Without a position (no geolocation, permission denied, timeout)
     * the buttons work as usual: the server records the action as unverified.
     */
    var BasicController = require('web.BasicController');

    var GEO_BUTTONS = {
        'am.visit': ['action_checkin', 'action_checkout'],
        'hr.attendance': ['action_am_position_in', 'action_am_position_out'],
    };
    // a fresh position (a cached one may be from elsewhere); a phone needs a
    // few seconds for an accurate fix
    var GEO_TIMEOUT = 15000;

    BasicController.include({
        _callButtonAction: function (attrs, record) {
            var superCall = this._super.bind(this);
            var current = record || (this.handle && this.model.get(this.handle));
            var buttons = current && GEO_BUTTONS[current.model];
            if (!buttons || buttons.indexOf(attrs.name) < 0 || !navigator.geolocation) {
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
                    am_accuracy: position.coords.accuracy,
                });
            }, function () {
                proceed(attrs.context || {});
            }, {timeout: GEO_TIMEOUT, maximumAge: 0, enableHighAccuracy: true});
            return result;
        },
    });
});
