/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_process.visit_photo', function (require) {
    "use strict";

    /**
     * "Take a photo" on a visit (widget of its photo count): a file input
     * that opens the phone's camera (capture="environment"; a desktop
     * browser opens its file chooser), sends the picture with the browser's
     * position to am.visit.add_photo and reloads the visit. The server
     * records the time and decides who may add photos.
     */
    var AbstractField = require('web.AbstractField');
    var core = require('web.core');
    var fieldRegistry = require('web.field_registry');
    var session = require('web.session');

    var _t = core._t;
    var GEO_TIMEOUT = 8000;

    var VisitPhoto = AbstractField.extend({
        className: 'o_am_visit_photo',
        supportedFieldTypes: ['integer'],
        events: _.extend({}, AbstractField.prototype.events, {
            'click .o_am_photo_take': '_onTake',
            'change input.o_am_photo_input': '_onFileChosen',
        }),

        /**
         * @override: shown in read and edit mode alike
         */
        isSet: function () {
            return true;
        },

        _render: function () {
            var data = this.recordData;
            var owner = data.user_id && data.user_id.res_id;
            var open = data.state === 'in_progress' || data.state === 'done';
            var canTake = this.res_id && owner === session.uid && open;
            this.$el.empty();
            this.$el.append($('<span class="o_am_photo_count">').text(this.value || 0));
            if (canTake) {
                this.$el.append(
                    $('<button type="button" class="btn btn-sm btn-default o_am_photo_take ml8">')
                        .append($('<i class="fa fa-camera"/>'))
                        .append($('<span class="ml4">').text(_t("Take a photo"))),
                    $('<input type="file" accept="image/*" capture="environment" ' +
                      'class="o_am_photo_input" style="display: none;"/>')
                );
            }
        },

        _onTake: function (ev) {
            ev.preventDefault();
            ev.stopPropagation();
            this.$('input.o_am_photo_input').click();
        },

        _onFileChosen: function (ev) {
            var self = this;
            var file = ev.target.files && ev.target.files[0];
            if (!file) {
                return;
            }
            this.$('.o_am_photo_take').prop('disabled', true);
            var position = $.Deferred();
            if (navigator.geolocation) {
                navigator.geolocation.getCurrentPosition(function (pos) {
                    position.resolve(pos.coords);
                }, function () {
                    position.resolve(null);
                }, {timeout: GEO_TIMEOUT, maximumAge: 60000});
            } else {
                position.resolve(null);
            }
            var reader = new FileReader();
            var content = $.Deferred();
            reader.onload = function () {
                content.resolve(reader.result.split(',')[1]);
            };
            reader.onerror = function () {
                content.reject();
            };
            reader.readAsDataURL(file);
            $.when(content, position).then(function (image, coords) {
                return self._rpc({
                    model: 'am.visit',
                    method: 'add_photo',
                    args: [[self.res_id], image, file.name,
                        coords ? coords.latitude : null,
                        coords ? coords.longitude : null,
                        coords ? coords.accuracy : null],
                });
            }).then(function () {
                self.do_notify(_t("Photo"), _t("The photo was added to the visit."));
                self.trigger_up('reload');
            }, function () {
                self.$('.o_am_photo_take').prop('disabled', false);
            });
        },
    });

    fieldRegistry.add('am_visit_photo', VisitPhoto);

    return VisitPhoto;
});
