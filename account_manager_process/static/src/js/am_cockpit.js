/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('account_manager_process.cockpit', function (require) {
    "use strict";

    /**
     * The cockpits: client actions that draw what ONE server method of
     * am.cockpit computed (every figure with the model and domain of the
     * list it opens). Clicking a figure opens that list.
     *
     * The team leader's map is drawn here: map tiles (a URL template from
     * the Settings, OpenStreetMap by default) as <img> in a positioned div,
     * the check-ins as markers on top. When a tile cannot be loaded (no
     * access to the tile server) or no URL is set, the same check-ins are
     * shown as a list.
     */
    var ControlPanelMixin = require('web.ControlPanelMixin');
    var core = require('web.core');
    var Widget = require('web.Widget');


    var TILE = 256;
    var MAP_HEIGHT = 320;
    var MAX_ZOOM = 16;
    var TILE_TIMEOUT = 8000;

    // -- Web Mercator (what the tile servers use)
    function worldX(lon, zoom) {
        return (lon + 180) / 360 * TILE * Math.pow(2, zoom);
    }
    function worldY(lat, zoom) {
        var rad = Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180;
        return (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2
            * TILE * Math.pow(2, zoom);
    }
    function fitZoom(points, width, height) {
        for (var zoom = MAX_ZOOM; zoom > 1; zoom--) {
            var xs = _.map(points, function (p) { return worldX(p.lon, zoom); });
            var ys = _.map(points, function (p) { return worldY(p.lat, zoom); });
            if (_.max(xs) - _.min(xs) < width - 60 && _.max(ys) - _.min(ys) < height - 60) {
                return zoom;
            }
        }
        return 1;
    }
    function tileUrl(template, zoom, x, y) {
        return template.replace('{z}', zoom).replace('{x}', x).replace('{y}', y)
            .replace('{s}', 'abc'.charAt(Math.abs(x + y) % 3));
    }

    var Cockpit = Widget.extend(ControlPanelMixin, {
        template: 'account_manager_process.Cockpit',
        /** the am.cockpit method that computes the screen */
        method: null,
        events: {
            'click .o_am_figure_link': '_onFigure',
            'click .o_am_sort': '_onSort',
            'click .o_am_period': '_onPeriod',
            'click .o_am_cockpit_action': '_onAction',
            'click .o_am_refresh': '_onRefresh',
        },

        init: function (parent, action) {
            this._super.apply(this, arguments);
            this.action = action || {};
            this.data = null;
            this.sort = null;
            this.period = 'month';
        },

        willStart: function () {
            return $.when(this._super.apply(this, arguments), this._load());
        },

        start: function () {
            var self = this;
            return this._super.apply(this, arguments).then(function () {
                self._render();
                self._updateControlPanel();
            });
        },

        on_reverse_breadcrumb: function () {
            this._updateControlPanel();
            return this._reload();
        },

        /** the map needs the widget in the page (its width) */
        on_attach_callback: function () {
            this._attached = true;
            this._drawMap();
        },

        do_show: function () {
            this._super.apply(this, arguments);
            this._updateControlPanel();
        },

        // -- data
        _args: function () {
            return [];
        },
        _kwargs: function () {
            return {};
        },
        _load: function () {
            var self = this;
            return this._rpc({
                model: 'am.cockpit',
                method: this.method,
                args: this._args(),
                kwargs: this._kwargs(),
            }).then(function (data) {
                self.data = data;
            });
        },
        _reload: function () {
            var self = this;
            return this._load().then(function () {
                self._render();
            });
        },

        // -- drawing
        _updateControlPanel: function () {
            var parent = this.getParent();
            this.update_control_panel({
                breadcrumbs: parent && parent.get_breadcrumbs ? parent.get_breadcrumbs() : [],
                cp_content: {},
            }, {clear: true});
        },
        _rows: function () {
            var table = this.data && this.data.rows;
            if (!table || !this.sort) {
                return table || [];
            }
            var key = this.sort.key, sign = this.sort.asc ? 1 : -1;
            return _.clone(table).sort(function (a, b) {
                var va = key === 'name' ? a.name : (a.cells[key] || {}).value;
                var vb = key === 'name' ? b.name : (b.cells[key] || {}).value;
                if (va === vb) { return a.name < b.name ? -1 : 1; }
                if (va === null || va === undefined) { return 1; }
                if (vb === null || vb === undefined) { return -1; }
                return (va < vb ? -1 : 1) * sign;
            });
        },
        _render: function () {
            this.renderElement();
            this.$el.toggleClass('o_am_ready', !!this.data);
            if (this._attached) {
                this._drawMap();
            }
        },

        // -- the map
        _drawMap: function () {
            var map = this.data && this.data.map;
            var $box = this.$('.o_am_map');
            if (!map || !$box.length) {
                return;
            }
            var points = map.points || [];
            if (!points.length) {
                return;
            }
            if (!map.tile_url) {
                this._mapFallback();
                return;
            }
            var generation = this._mapGeneration = (this._mapGeneration || 0) + 1;
            var width = $box.width() || 600, height = MAP_HEIGHT;
            var zoom = fitZoom(points, width, height);
            var xs = _.map(points, function (p) { return worldX(p.lon, zoom); });
            var ys = _.map(points, function (p) { return worldY(p.lat, zoom); });
            var cx = (_.min(xs) + _.max(xs)) / 2, cy = (_.min(ys) + _.max(ys)) / 2;
            var left = cx - width / 2, top = cy - height / 2;
            var $tiles = $('<div class="o_am_map_tiles"/>').css({height: height});
            var count = Math.pow(2, zoom);
            var self = this, pending = 0, failed = false;
            var fail = function () {
                if (!failed && generation === self._mapGeneration) {
                    failed = true;
                    self._mapFallback();
                }
            };
            for (var tx = Math.floor(left / TILE); tx * TILE < left + width; tx++) {
                for (var ty = Math.floor(top / TILE); ty * TILE < top + height; ty++) {
                    if (ty < 0 || ty >= count) { continue; }
                    var wrapped = ((tx % count) + count) % count;
                    pending++;
                    $('<img class="o_am_map_tile" alt=""/>')
                        .css({left: tx * TILE - left, top: ty * TILE - top})
                        .one('load', function () { pending--; })
                        .one('error', fail)
                        .attr('src', tileUrl(map.tile_url, zoom, wrapped, ty))
                        .appendTo($tiles);
                }
            }
            _.each(points, function (point, index) {
                $('<div class="o_am_map_marker"/>')
                    .addClass(point.tone ? 'o_am_tone_' + point.tone : '')
                    .css({left: xs[index] - left, top: ys[index] - top})
                    .attr('title', point.time + ' ' + point.employee + ' \u2192 ' + point.customer
                          + (point.verdict ? ' (' + point.verdict + ')' : ''))
                    .text(index + 1)
                    .appendTo($tiles);
            });
            $box.find('.o_am_map_canvas').empty().append($tiles).removeClass('hidden');
            setTimeout(function () {
                if (pending > 0) { fail(); }   // the tile server does not answer
            }, TILE_TIMEOUT);
        },
        _mapFallback: function () {
            this.$('.o_am_map_canvas').addClass('hidden').empty();
            this.$('.o_am_map_fallback_note').removeClass('hidden');
        },

        // -- handlers
        _onFigure: function (ev) {
            ev.preventDefault();
            var $el = $(ev.currentTarget);
            var action = this._figureAt($el.data('path'));
            if (!action) {
                return;
            }
            this.do_action({
                type: 'ir.actions.act_window',
                name: action.name || this.data.title,
                res_model: action.model,
                domain: action.domain,
                views: [[false, 'list'], [false, 'form']],
                target: 'current',
            }, {on_reverse_breadcrumb: this.on_reverse_breadcrumb.bind(this)});
        },
        _figureAt: function (path) {
            // "s.<section>.<figure>", "r.<row key>.<column>", "t.<column>", "l.<row>.<column>"
            var parts = String(path).split('.'), data = this.data, item;
            if (parts[0] === 's') {
                item = data.sections[+parts[1]].figures[+parts[2]];
            } else if (parts[0] === 'r') {
                var row = _.find(data.rows, function (r) { return String(r.key) === parts[1]; });
                item = row && row.cells[parts[2]];
            } else if (parts[0] === 'l') {
                var lrow = _.find(data.leaderboard.rows, function (r) {
                    return String(r.key) === parts[1];
                });
                item = lrow && lrow.cells[parts[2]];
            } else if (parts[0] === 'x') {
                item = data.tables[+parts[1]].rows[+parts[2]].cells[parts[3]];
            }
            return item && item.action;
        },
        _onSort: function (ev) {
            var key = $(ev.currentTarget).data('key');
            if (this.sort && this.sort.key === key) {
                this.sort.asc = !this.sort.asc;
            } else {
                this.sort = {key: key, asc: key === 'name'};
            }
            this._render();
        },
        _onPeriod: function (ev) {
            this.period = $(ev.currentTarget).data('period');
            this._reload();
        },
        _onAction: function (ev) {
            ev.preventDefault();
            this.do_action($(ev.currentTarget).data('xmlid'), {
                on_reverse_breadcrumb: this.on_reverse_breadcrumb.bind(this),
            });
        },
        _onRefresh: function () {
            this._reload();
        },
    });

    var MyWork = Cockpit.extend({
        method: 'get_my_work',
    });

    var TeamToday = Cockpit.extend({
        method: 'get_team_today',
        _kwargs: function () {
            return {period: this.period};
        },
    });

    core.action_registry.add('am_cockpit_my_work', MyWork);
    core.action_registry.add('am_cockpit_team', TeamToday);

    return {
        Cockpit: Cockpit,
        MyWork: MyWork,
        TeamToday: TeamToday,
    };
});
