/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_assessment.cockpit_hr', function (require) {
    "use strict";

    /** HR's cockpit "Assessments and qualification": drawn by the cockpit
     * widget of account_manager_process from am.cockpit.get_hr_cockpit(). */
    var core = require('web.core');
    var cockpit = require('account_manager_process.cockpit');

    var HrCockpit = cockpit.Cockpit.extend({
        method: 'get_hr_cockpit',
    });

    core.action_registry.add('am_cockpit_hr', HrCockpit);

    return HrCockpit;
});
