/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * "My day": the account manager's day on a phone, online or offline.
 * Plain JavaScript, no framework. The day's data is kept in IndexedDB; every
 * action is queued there with a unique key (whether online or not), applied
 * to the local copy at once and sent to /am/day/sync when the network allows.
 * The server applies each key once, so sending the queue again is harmless.
 */
(function () {
    "use strict";

    var config = JSON.parse(document.getElementById("am-day-config").textContent);
    var L = config.labels;
    var root = document.getElementById("am-day");
    var DB_NAME = "am_day_" + config.db + "_" + config.user_id;
    var SYNC_EVERY_MS = 30000;
    var REFRESH_EVERY_MS = 300000;

    var state = {
        day: null, notices: [], order: null, proposal: null, queued: 0,
        online: navigator.onLine, position: null, flushing: false, lastSync: null,
        message: "",
    };

    // -- IndexedDB --------------------------------------------------------
    var dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
            var db = request.result;
            db.createObjectStore("kv");
            db.createObjectStore("queue", {keyPath: "key"});
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
    });

    function withStore(name, mode, work) {
        return dbPromise.then(function (db) {
            return new Promise(function (resolve, reject) {
                var transaction = db.transaction(name, mode);
                var request = work(transaction.objectStore(name));
                transaction.oncomplete = function () {
                    resolve(request ? request.result : undefined);
                };
                transaction.onerror = function () { reject(transaction.error); };
                transaction.onabort = function () { reject(transaction.error); };
            });
        });
    }
    function kvGet(key) { return withStore("kv", "readonly", function (s) { return s.get(key); }); }
    function kvSet(key, value) {
        return withStore("kv", "readwrite", function (s) { return s.put(value, key); });
    }
    function queueAll() {
        return withStore("queue", "readonly", function (s) { return s.getAll(); })
            .then(function (rows) { return rows.sort(function (a, b) { return a.seq - b.seq; }); });
    }
    function queuePut(action) {
        return withStore("queue", "readwrite", function (s) { return s.put(action); });
    }
    function queueDelete(keys) {
        return withStore("queue", "readwrite", function (s) {
            keys.forEach(function (key) { s.delete(key); });
        });
    }

    // -- helpers ------------------------------------------------------------
    function uuid() {
        var bytes = new Uint8Array(16);
        crypto.getRandomValues(bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(bytes, function (b) {
            return (b + 0x100).toString(16).slice(1);
        }).join("");
        return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
                hex.slice(20)].join("-");
    }
    function esc(value) {
        return String(value === undefined || value === null || value === false ? "" : value)
            .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    }
    function fmt(template, value) { return String(template).replace("%s", value); }
    function utc(text) { return text ? new Date(String(text).replace(" ", "T") + "Z") : null; }
    function hhmm(date) {
        if (!date) { return ""; }
        return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
    }
    function localDate(date) {
        return date.getFullYear() + "-" + ("0" + (date.getMonth() + 1)).slice(-2) + "-" +
            ("0" + date.getDate()).slice(-2);
    }
    function distance(a, b) {
        var rad = Math.PI / 180;
        var dphi = (b.latitude - a.latitude) * rad;
        var dlmb = (b.longitude - a.longitude) * rad;
        var h = Math.pow(Math.sin(dphi / 2), 2) + Math.cos(a.latitude * rad) *
            Math.cos(b.latitude * rad) * Math.pow(Math.sin(dlmb / 2), 2);
        return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
    function metres(m) {
        return m < 1000 ? Math.round(m) + " m" : (m / 1000).toFixed(1) + " km";
    }
    function customer(id) {
        var list = (state.day && state.day.customers) || [];
        for (var i = 0; i < list.length; i++) {
            if (String(list[i].id) === String(id)) { return list[i]; }
        }
        return {id: id, name: "?", phone: "", address: ""};
    }
    function visitById(id) {
        var list = (state.day && state.day.visits) || [];
        for (var i = 0; i < list.length; i++) {
            if (String(list[i].id) === String(id)) { return list[i]; }
        }
        return null;
    }
    function located(partner) {
        return partner && (partner.latitude || partner.longitude) ?
            {latitude: partner.latitude, longitude: partner.longitude} : null;
    }
    function navigateUrl(partner) {
        var ios = /iPhone|iPad|iPod/.test(navigator.userAgent);
        var where = located(partner);
        if (where) {
            var ll = where.latitude + "," + where.longitude;
            return ios ? "https://maps.apple.com/?daddr=" + ll :
                "geo:" + ll + "?q=" + ll + "(" + encodeURIComponent(partner.name) + ")";
        }
        if (partner && partner.address) {
            var q = encodeURIComponent(partner.address);
            return ios ? "https://maps.apple.com/?daddr=" + q : "geo:0,0?q=" + q;
        }
        return "";
    }
    function optionList(items, selected) {
        return '<option value="">' + esc(L.choose) + "</option>" + items.map(function (item) {
            return '<option value="' + esc(item.id) + '"' +
                (String(item.id) === String(selected) ? " selected" : "") + ">" +
                esc(item.name) + "</option>";
        }).join("");
    }

    // -- position -------------------------------------------------------------
    function locate(fresh) {
        // an action records where it happens: a fresh position; the list's
        // distances may use one a minute old
        return new Promise(function (resolve) {
            if (!navigator.geolocation) { resolve(state.position); return; }
            navigator.geolocation.getCurrentPosition(function (pos) {
                state.position = {latitude: pos.coords.latitude, longitude: pos.coords.longitude,
                                  accuracy: pos.coords.accuracy};
                resolve(state.position);
            }, function () { resolve(state.position); },
            {enableHighAccuracy: true, timeout: 10000, maximumAge: fresh === false ? 60000 : 0});
        });
    }
    function positionPayload(extra) {
        var payload = {};
        if (state.position) {
            payload.latitude = state.position.latitude;
            payload.longitude = state.position.longitude;
            payload.accuracy = Math.round(state.position.accuracy || 0);
        }
        Object.keys(extra || {}).forEach(function (k) { payload[k] = extra[k]; });
        return payload;
    }

    // -- server -------------------------------------------------------------------
    function rpc(url, params) {
        return fetch(url, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json"},
            body: JSON.stringify({jsonrpc: "2.0", method: "call", params: params || {},
                                  id: Date.now()}),
        }).then(function (response) {
            if (!response.ok) {
                var failed = new Error("HTTP " + response.status);
                failed.network = response.status >= 502;
                throw failed;
            }
            return response.json();
        }, function (error) {
            error.network = true;
            throw error;
        }).then(function (answer) {
            if (answer.error) {
                var data = answer.error.data || {};
                var refused = new Error(data.message || answer.error.message);
                refused.sessionExpired = answer.error.code === 100;
                throw refused;
            }
            return answer.result;
        });
    }
    function setOnline(online) {
        state.online = online;
        renderStatus();
    }

    // -- the queue ------------------------------------------------------------
    var lastSeq = 0;
    function enqueue(type, payload, quiet) {
        // quiet: the view stays as it is (a photo taken while filling the sheet)
        var action = {
            key: uuid(), type: type, payload: payload, device_time: new Date().toISOString(),
            seq: lastSeq = Math.max(Date.now(), lastSeq + 1),
        };
        applyLocally(action);
        if (!quiet) { state.dirty = false; }
        return queuePut(action).then(function () {
            return kvSet("day", state.day);
        }).then(function () {
            state.queued += 1;
            if (quiet) {
                renderStatus();
            } else {
                state.message = L.queued;
                render();
            }
            return flush();
        }).then(function () { return action; });
    }

    function applyLocally(action) {
        var day = state.day;
        var p = action.payload;
        var now = new Date().toISOString().slice(0, 19).replace("T", " ");
        var visit = p.visit_id !== undefined ? visitById(p.visit_id) : null;
        switch (action.type) {
        case "position_start": day.day.started = now; break;
        case "position_end": day.day.ended = now; break;
        case "checkin":
            if (visit) { visit.state = "in_progress"; visit.checkin_time = now; }
            break;
        case "outcome":
            if (visit) {
                Object.keys(p).forEach(function (k) { if (k !== "visit_id") { visit[k] = p[k]; } });
            }
            break;
        case "checkout": if (visit) { visit.state = "done"; } break;
        case "photo": if (visit) { visit.photos = (visit.photos || 0) + 1; } break;
        case "register_prospect":
            day.customers.push({id: "key:" + action.key, name: p.name, phone: p.phone || "",
                                address: [p.street, p.city].filter(Boolean).join(", "),
                                latitude: p.latitude || false, longitude: p.longitude || false,
                                local: true, registered_today: true});
            break;
        case "unplanned_visit":
            var purpose = (day.purposes.filter(function (x) { return x.id === p.purpose_id; })[0]
                           || {}).name || "";
            day.visits.push({id: "key:" + action.key, name: "", state: "in_progress",
                             visit_type: p.visit_type, partner_id: p.partner_id,
                             purpose_id: p.purpose_id || false, purpose: purpose,
                             planned_start: now, checkin_time: now, summary: "",
                             progress_note: "", next_step: "", outcome_id: false, local: true});
            break;
        case "report":
            day.report.steps.forEach(function (step) {
                if (p.lines[step.id] !== undefined) { step.content = p.lines[step.id]; }
            });
            if (p.submit) { day.report.state = "submitted"; }
            break;
        }
    }

    function flush() {
        if (state.flushing) { return Promise.resolve(); }
        state.flushing = true;
        var sentKeys = [];
        return queueAll().then(function (actions) {
            state.queued = actions.length;
            if (!actions.length) { return null; }
            sentKeys = actions.map(function (a) { return a.key; });
            return rpc("/am/day/sync", {actions: actions.map(function (a) {
                return {key: a.key, type: a.type, payload: a.payload,
                        device_time: a.device_time};
            })});
        }).then(function (answer) {
            if (!answer) { return null; }
            setOnline(true);
            var finished = [];
            answer.results.forEach(function (result) {
                if (result.state === "pending" || sentKeys.indexOf(result.key) < 0) { return; }
                finished.push(result.key);
                if (result.state !== "done") {
                    state.notices.push({key: result.key, state: result.state,
                                        type: result.type, message: result.message});
                }
            });
            state.lastSync = new Date();
            return queueDelete(finished).then(function () {
                return kvSet("notices", state.notices);
            });
        }).then(function () {
            return queueAll();
        }).then(function (left) {
            state.queued = left.length;
            state.flushing = false;
            if (!left.length) {
                if (state.message === L.queued) { state.message = ""; }
                return refresh();
            }
            return null;
        }).catch(function (error) {
            state.flushing = false;
            if (error.network) {
                setOnline(false);
            } else if (error.sessionExpired) {
                state.message = error.message;
            } else {
                state.message = error.message;
            }
            render();
        });
    }

    function refresh() {
        return rpc("/am/day/data").then(function (data) {
            setOnline(true);
            if (state.queued) { return; }   // never overwrite what waits to be sent
            if (state.day && state.day.today !== data.today) { state.order = null; }
            state.day = data;
            state.refreshed = Date.now();
            return kvSet("day", data).then(function () {
                return kvSet("order", state.order);
            }).then(render);
        }, function (error) {
            if (error.network) { setOnline(false); } else { state.message = error.message; }
            render();
        });
    }

    // -- views --------------------------------------------------------------------
    function statusHtml() {
        return '<span class="am-status ' + (state.online ? "am-online" : "am-offline") +
            '" id="am-status"><span class="am-dot"></span>' +
            esc(state.online ? L.online : L.offline) + ' · <b id="am-pending">' +
            state.queued + "</b> " + esc(L.pending) + "</span>";
    }
    function renderStatus() {
        var node = document.getElementById("am-status");
        if (node) { node.outerHTML = statusHtml(); }
        var button = document.getElementById("am-sync");
        if (button) { button.disabled = !state.queued; }
    }

    function header(title, back) {
        return '<header class="am-bar">' +
            (back ? '<a class="am-back" href="#">‹ ' + esc(L.back) + "</a>" : "") +
            "<h1>" + esc(title) + "</h1>" + statusHtml() +
            '<button type="button" class="am-btn am-small" id="am-sync" data-action="sync"' +
            (state.queued ? "" : " disabled") + ">" + esc(L.sync_now) + "</button></header>" +
            (state.message ? '<p class="am-message">' + esc(state.message) + "</p>" : "");
    }

    function orderedVisits() {
        var visits = state.day.visits.slice();
        if (state.order) {
            var rank = {};
            state.order.forEach(function (id, i) { rank[String(id)] = i; });
            visits.sort(function (a, b) {
                var ra = rank[String(a.id)], rb = rank[String(b.id)];
                return (ra === undefined ? 999 : ra) - (rb === undefined ? 999 : rb);
            });
        }
        return visits;
    }

    function visitCard(visit) {
        var partner = customer(visit.partner_id);
        var start = utc(visit.planned_start), stop = utc(visit.planned_stop);
        var where = located(partner);
        var away = where && state.position ? fmt(L.away, metres(distance(state.position, where)))
            : "";
        var nav = navigateUrl(partner);
        return '<li class="am-card am-' + esc(visit.state) + '" data-visit="' + esc(visit.id) + '">' +
            '<div class="am-card-title"><span class="am-time">' + esc(hhmm(start)) +
            (stop ? "–" + esc(hhmm(stop)) : "") + "</span> " + esc(partner.name) + "</div>" +
            '<div class="am-meta">' + esc(visit.purpose) +
            ' <span class="am-badge">' + esc(L["state_" + visit.state] || visit.state) + "</span>" +
            (visit.overdue ? ' <span class="am-badge am-warn">' + esc(L.overdue) + "</span>" : "") +
            (visit.return_visit ? ' <span class="am-badge">' + esc(L.return_visit) + "</span>" : "") +
            (visit.checkin_verdict && visit.checkin_verdict !== "verified" ?
             ' <span class="am-badge am-warn">' + esc(visit.checkin_verdict_label) + "</span>" : "") +
            (away ? ' <span class="am-away">' + esc(away) + "</span>" : "") + "</div>" +
            '<div class="am-buttons">' +
            (nav ? '<a class="am-btn" href="' + esc(nav) + '">' + esc(L.navigate) + "</a>" : "") +
            (partner.phone ? '<a class="am-btn" href="tel:' + esc(partner.phone.replace(/\s/g, "")) +
             '">' + esc(L.call) + "</a>" : "") +
            '<a class="am-btn am-primary" href="#visit/' + esc(visit.id) + '">' + esc(L.open) +
            "</a></div></li>";
    }

    function routeHtml() {
        var route = state.day.route || {};
        var html = '<section class="am-route"><h2>' + esc(L.route) + "</h2>";
        if (!route.available) {
            return html + '<p class="am-note" id="am-route-reason">' + esc(route.reason) +
                "</p></section>";
        }
        if (state.proposal) {
            var p = state.proposal;
            html += '<p id="am-route-compare">' + esc(L.route_compare
                .replace("%(planned)s", metres(p.planned_m))
                .replace("%(proposed)s", metres(p.proposed_m))) + "</p>" +
                (p.reason ? '<p class="am-note">' + esc(p.reason) + "</p>" : "") +
                '<div class="am-buttons"><button type="button" class="am-btn am-primary" ' +
                'data-action="route-use">' + esc(L.use_order) + '</button><button type="button" ' +
                'class="am-btn" data-action="route-keep">' + esc(L.keep_order) + "</button></div>";
        } else {
            html += '<button type="button" class="am-btn" data-action="route" ' +
                (state.online ? "" : "disabled") + ">" + esc(L.optimise) + "</button>";
        }
        return html + "</section>";
    }

    function noticesHtml() {
        if (!state.notices.length) { return ""; }
        return '<section class="am-notices" id="am-notices"><h2>' + esc(L.conflicts) + "</h2><ul>" +
            state.notices.map(function (n, i) {
                return '<li class="am-notice am-' + esc(n.state) + '"><span>' + esc(n.message) +
                    '</span><button type="button" class="am-btn am-small" data-action="dismiss" ' +
                    'data-index="' + i + '">' + esc(L.dismiss) + "</button></li>";
            }).join("") + "</ul></section>";
    }

    function homeView() {
        var day = state.day;
        var started = day.day.started, ended = day.day.ended;
        var visits = orderedVisits();
        return header(L.title) + noticesHtml() +
            '<section class="am-daybox">' +
            (started ? '<p id="am-started">' + esc(fmt(L.day_started, hhmm(utc(started)))) + "</p>"
             : '<button type="button" class="am-btn am-primary am-wide" data-action="start">' +
               esc(L.start_day) + "</button>") +
            (ended ? '<p id="am-ended">' + esc(fmt(L.day_ended, hhmm(utc(ended)))) + "</p>" : "") +
            "</section>" + routeHtml() +
            "<h2>" + esc(L.visits_today) + " (" + visits.length + ")</h2>" +
            (visits.length ? '<ol class="am-visits">' + visits.map(visitCard).join("") + "</ol>"
             : '<p class="am-note">' + esc(L.no_visits) + "</p>") +
            '<nav class="am-grid">' +
            '<a class="am-btn" href="#prospect">' + esc(L.register_prospect) + "</a>" +
            '<a class="am-btn" href="#unplanned">' + esc(L.unplanned_visit) + "</a>" +
            '<a class="am-btn" href="#report">' + esc(L.daily_report) + "</a>" +
            (started && !ended ? '<button type="button" class="am-btn" data-action="end">' +
             esc(L.end_day) + "</button>" : "") +
            "</nav>" +
            '<p class="am-foot"><a href="/web">' + esc(L.backend) + "</a></p>";
    }

    function missingAnswers(form) {
        var missing = [];
        if (!form.outcome_id.value) { missing.push(L.outcome); }
        if (!form.summary.value.trim()) { missing.push(L.summary); }
        return missing;
    }

    function visitView(id) {
        var visit = visitById(id);
        if (!visit) { return header(L.title, true) + '<p class="am-note">?</p>'; }
        var partner = customer(visit.partner_id);
        var nav = navigateUrl(partner);
        var history = (state.day.history || {})[visit.partner_id] || [];
        var complaints = (state.day.complaints || {})[visit.partner_id] || [];
        var open = visit.state === "planned" || visit.state === "in_progress";
        var html = header(partner.name, true) +
            '<section class="am-customer"><p>' + esc(partner.address) + "</p>" +
            '<div class="am-buttons">' +
            (nav ? '<a class="am-btn" href="' + esc(nav) + '">' + esc(L.navigate) + "</a>" : "") +
            (partner.phone ? '<a class="am-btn" href="tel:' + esc(partner.phone.replace(/\s/g, "")) +
             '">' + esc(L.call) + "</a>" : "") + "</div>" +
            '<p class="am-meta"><span class="am-badge" id="am-visit-state">' +
            esc(L["state_" + visit.state] || visit.state) + "</span> " + esc(visit.purpose) +
            "</p></section>";
        if (visit.state === "planned") {
            html += '<button type="button" class="am-btn am-primary am-wide" data-action="checkin" ' +
                'data-visit="' + esc(visit.id) + '">' + esc(L.check_in) + "</button>";
        } else if (visit.checkin_time) {
            html += '<p id="am-checked-in">' + esc(fmt(L.checked_in_at, hhmm(utc(visit.checkin_time)))) +
                "</p>";
        }
        var dis = open ? "" : " disabled";
        html += '<form class="am-sheet" id="am-sheet" data-visit="' + esc(visit.id) + '">' +
            "<label>" + esc(L.outcome) + ' *<select name="outcome_id"' + dis + ">" +
            optionList(state.day.outcomes, visit.outcome_id) + "</select></label>" +
            "<label>" + esc(L.purpose) + '<select name="purpose_id"' + dis + ">" +
            optionList(state.day.purposes, visit.purpose_id) + "</select></label>" +
            "<label>" + esc(L.summary) + ' *<textarea name="summary" rows="3"' + dis + ">" +
            esc(visit.summary) + "</textarea></label>" +
            "<label>" + esc(L.progress) + '<textarea name="progress_note" rows="2"' + dis + ">" +
            esc(visit.progress_note) + "</textarea></label>" +
            "<label>" + esc(L.next_step) + '<input name="next_step" value="' + esc(visit.next_step) +
            '"' + dis + "/></label>" +
            "<label>" + esc(L.next_visit_date) + '<input type="date" name="next_visit_date" value="' +
            esc(visit.next_visit_date) + '"' + dis + "/></label>" +
            (open ? '<div class="am-missing" id="am-missing"></div><div class="am-buttons">' +
             '<button type="button" class="am-btn" data-action="save-outcome">' + esc(L.save) +
             "</button>" + '<button type="button" class="am-btn am-primary" data-action="checkout"' +
             (visit.state === "in_progress" ? "" : " disabled") + ">" + esc(L.check_out) +
             "</button></div>" : "") + "</form>";
        if (open) {
            html += '<div class="am-buttons am-photos"><label class="am-btn">' + esc(L.take_photo) +
                '<input type="file" accept="image/*" capture="environment" id="am-photo-input" ' +
                'data-visit="' + esc(visit.id) + '" hidden/></label><span class="am-note" ' +
                'id="am-photo-count">' + esc(fmt(L.photos, visit.photos || 0)) + "</span></div>";
        }
        html += "<h2>" + esc(L.last_visits) + "</h2>" + (history.length ? '<ul class="am-list">' +
            history.map(function (h) {
                return "<li><b>" + esc(h.date) + "</b> " + esc(h.purpose) + " · " + esc(h.outcome) +
                    "<br/>" + esc(h.summary) + "</li>";
            }).join("") + "</ul>" : '<p class="am-note">' + esc(L.none) + "</p>");
        html += "<h2>" + esc(L.open_complaints) + "</h2>" + (complaints.length ?
            '<ul class="am-list">' + complaints.map(function (c) {
                return "<li><b>" + esc(c.name) + "</b> " + esc(c.stage) + "</li>";
            }).join("") + "</ul>" : '<p class="am-note">' + esc(L.none) + "</p>");
        return html;
    }

    function prospectView() {
        function field(name, label, type, required) {
            return "<label>" + esc(label) + (required ? " *" : "") + '<input name="' + name +
                '" type="' + (type || "text") + '"' + (required ? " required" : "") + "/></label>";
        }
        return header(L.register_prospect, true) + '<form class="am-sheet" id="am-prospect">' +
            field("name", L.name, "text", true) + field("phone", L.phone, "tel") +
            field("mobile", L.mobile, "tel") + field("email", L.email, "email") +
            field("street", L.street) + field("city", L.city) +
            '<button type="submit" class="am-btn am-primary am-wide">' + esc(L.register) +
            "</button></form>";
    }

    function unplannedView() {
        return header(L.unplanned_visit, true) + '<form class="am-sheet" id="am-unplanned">' +
            "<label>" + esc(L.customer) + ' *<select name="partner_id" required>' +
            optionList(state.day.customers, "") + "</select></label>" +
            "<label>" + esc(L.visit_type) + '<select name="visit_type">' +
            optionList(state.day.visit_types, "maintenance") + "</select></label>" +
            "<label>" + esc(L.purpose) + '<select name="purpose_id">' +
            optionList(state.day.purposes, "") + "</select></label>" +
            '<button type="submit" class="am-btn am-primary am-wide">' + esc(L.start_visit) +
            "</button></form>";
    }

    function prefill(steps) {
        // the day's figures, written into empty steps (the manager edits them)
        var day = state.day;
        var done = day.visits.filter(function (v) { return v.state === "done"; });
        var texts = {};
        var n = steps.length;
        if (!n) { return texts; }
        if (day.day.started) {
            texts[0] = fmt(L.report_prefill_start, hhmm(utc(day.day.started)));
        }
        var prospects = day.customers.filter(function (c) { return c.registered_today; });
        if (prospects.length && n > 1) {
            texts[1] = fmt(L.report_prefill_prospects,
                           prospects.map(function (c) { return c.name; }).join(", "));
        }
        var lines = done.map(function (v) {
            var outcome = (day.outcomes.filter(function (o) {
                return String(o.id) === String(v.outcome_id);
            })[0] || {}).name || "";
            return "- " + customer(v.partner_id).name + ": " + outcome +
                (v.summary ? " – " + v.summary : "");
        });
        var summaryIndex = n >= 7 ? 5 : n - 1;
        texts[summaryIndex] = fmt(L.report_prefill_visits, done.length) +
            (lines.length ? "\n" + lines.join("\n") : "");
        var returns = done.filter(function (v) { return v.visit_type === "return"; });
        if (n >= 7 && returns.length) {
            texts[4] = returns.map(function (v) { return "- " + customer(v.partner_id).name; })
                .join("\n");
        }
        if (n >= 7) {
            texts[6] = fmt(L.report_prefill_plan, day.visits.filter(function (v) {
                return v.state === "planned";
            }).length);
        }
        return texts;
    }

    function reportView() {
        var report = state.day.report;
        var texts = prefill(report.steps);
        var submitted = report.state !== "draft";
        return header(L.daily_report, true) + '<form class="am-sheet" id="am-report">' +
            (submitted ? '<p class="am-badge" id="am-report-state">' + esc(L.report_submitted) +
             "</p>" : "") +
            report.steps.map(function (step, i) {
                return "<label>" + (i + 1) + ". " + esc(step.name) + ' *<small>' +
                    esc(step.guidance) + '</small><textarea rows="3" name="step_' + step.id + '"' +
                    (submitted ? " disabled" : "") + ">" + esc(step.content || texts[i] || "") +
                    "</textarea></label>";
            }).join("") +
            (submitted ? "" : '<div class="am-missing" id="am-missing"></div>' +
             '<div class="am-buttons"><button type="button" class="am-btn" data-action="report-save">' +
             esc(L.save_report) + '</button><button type="button" class="am-btn am-primary" ' +
             'data-action="report-submit">' + esc(L.submit_report) + "</button></div>") +
            "</form>";
    }

    function render() {
        if (!state.day) {
            root.innerHTML = header(L.title) + '<p class="am-note" id="am-not-loaded">' +
                esc(L.not_loaded) + "</p>";
            return;
        }
        var hash = location.hash.replace(/^#/, "");
        var html;
        if (hash.indexOf("visit/") === 0) {
            html = visitView(decodeURIComponent(hash.slice(6)));
        } else if (hash === "prospect") {
            html = prospectView();
        } else if (hash === "unplanned") {
            html = unplannedView();
        } else if (hash === "report") {
            html = reportView();
        } else {
            html = homeView();
        }
        var active = document.activeElement;
        var keepForm = state.dirty || (active && active.form && root.contains(active));
        if (keepForm) { renderStatus(); return; }   // never disturb a form being filled in
        root.innerHTML = html;
        root.setAttribute("data-view", hash.split("/")[0] || "home");
        updateMissing();
    }

    function updateMissing() {
        var sheet = document.getElementById("am-sheet");
        var box = document.getElementById("am-missing");
        if (sheet && box) {
            var missing = missingAnswers(sheet);
            box.innerHTML = missing.length ? esc(L.missing) + " <b>" + esc(missing.join(", ")) +
                "</b>" : "";
            var checkout = sheet.querySelector('[data-action="checkout"]');
            var visit = visitById(sheet.getAttribute("data-visit"));
            if (checkout) {
                checkout.disabled = !!missing.length || !visit || visit.state !== "in_progress";
            }
        }
        var report = document.getElementById("am-report");
        if (report && box) {
            var empty = state.day.report.steps.filter(function (step) {
                var area = report.elements["step_" + step.id];
                return area && !area.value.trim();
            }).map(function (step) { return step.name; });
            box.innerHTML = empty.length ? esc(L.missing) + " <b>" + esc(empty.join(", ")) +
                "</b>" : "";
            var submit = report.querySelector('[data-action="report-submit"]');
            if (submit) { submit.disabled = !!empty.length; }
        }
    }

    // -- actions ----------------------------------------------------------------------
    function outcomePayload(form, visitId) {
        var payload = {visit_id: visitId};
        ["outcome_id", "purpose_id"].forEach(function (name) {
            if (form[name].value) { payload[name] = parseInt(form[name].value, 10); }
        });
        ["summary", "progress_note", "next_step", "next_visit_date"].forEach(function (name) {
            payload[name] = form[name].value || false;
        });
        return payload;
    }
    function visitRef(id) { return /^key:/.test(String(id)) ? String(id) : parseInt(id, 10); }
    function blurActive() {
        if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    }

    function reportPayload(form, submit) {
        var lines = {};
        state.day.report.steps.forEach(function (step) {
            var area = form.elements["step_" + step.id];
            if (area) { lines[step.id] = area.value; }
        });
        return {date: state.day.today || localDate(new Date()), lines: lines, submit: submit};
    }

    function onClick(event) {
        var target = event.target.closest("[data-action]");
        if (!target || target.disabled) { return; }
        var action = target.getAttribute("data-action");
        event.preventDefault();
        blurActive();
        var sheet = document.getElementById("am-sheet");
        switch (action) {
        case "sync": flush(); break;
        case "start":
            locate().then(function () { enqueue("position_start", positionPayload()); });
            break;
        case "end":
            locate().then(function () { enqueue("position_end", positionPayload()); });
            break;
        case "checkin":
            var id = target.getAttribute("data-visit");
            locate().then(function () {
                enqueue("checkin", positionPayload({visit_id: visitRef(id)}));
            });
            break;
        case "save-outcome":
            enqueue("outcome", outcomePayload(sheet, visitRef(sheet.getAttribute("data-visit"))));
            break;
        case "checkout":
            if (missingAnswers(sheet).length) { updateMissing(); return; }
            var ref = visitRef(sheet.getAttribute("data-visit"));
            var outcome = outcomePayload(sheet, ref);
            locate().then(function () {
                return enqueue("outcome", outcome);
            }).then(function () {
                return enqueue("checkout", positionPayload({visit_id: ref}));
            }).then(function () { location.hash = ""; });
            break;
        case "dismiss":
            state.notices.splice(parseInt(target.getAttribute("data-index"), 10), 1);
            kvSet("notices", state.notices).then(render);
            break;
        case "route": proposeRoute(); break;
        case "route-use":
            state.order = state.proposal.order;
            state.proposal = null;
            kvSet("order", state.order).then(render);
            break;
        case "route-keep":
            state.proposal = null;
            render();
            break;
        case "report-save":
        case "report-submit":
            var form = document.getElementById("am-report");
            enqueue("report", reportPayload(form, action === "report-submit")).then(function () {
                if (action === "report-submit") { location.hash = ""; }
            });
            break;
        }
    }

    function onSubmit(event) {
        var form = event.target;
        event.preventDefault();
        blurActive();
        if (form.id === "am-prospect") {
            var payload = {};
            ["name", "phone", "mobile", "email", "street", "city"].forEach(function (name) {
                if (form[name].value.trim()) { payload[name] = form[name].value.trim(); }
            });
            locate().then(function () {
                return enqueue("register_prospect", positionPayload(payload));
            }).then(function () { location.hash = ""; });
        } else if (form.id === "am-unplanned") {
            if (!form.partner_id.value) { return; }
            var unplanned = {partner_id: visitRef(form.partner_id.value),
                             visit_type: form.visit_type.value || "maintenance"};
            if (form.purpose_id.value) { unplanned.purpose_id = parseInt(form.purpose_id.value, 10); }
            locate().then(function () {
                return enqueue("unplanned_visit", positionPayload(unplanned));
            }).then(function (action) {
                location.hash = "visit/key:" + action.key;
            });
        }
    }

    function proposeRoute() {
        var now = Date.now();
        var visits = orderedVisits().filter(function (v) {
            return v.state === "planned" || v.state === "in_progress";
        });
        locate().then(function () {
            var stops = visits.map(function (v) {
                var where = located(customer(v.partner_id)) || {};
                var start = utc(v.planned_start), stop = utc(v.planned_stop);
                return {id: v.id, latitude: where.latitude, longitude: where.longitude,
                        start: start ? Math.max(0, Math.round((start - now) / 60000) - 30) : null,
                        stop: stop ? Math.max(0, Math.round((stop - now) / 60000)) : null};
            });
            return rpc("/am/day/route", {position: state.position, stops: stops});
        }).then(function (result) {
            state.proposal = result;
            render();
        }, function (error) {
            state.message = error.message;
            render();
        });
    }

    // -- start ----------------------------------------------------------------------
    root.addEventListener("click", onClick);
    root.addEventListener("submit", onSubmit);
    function photoData(file) {
        // scaled down on the phone (at most 1280 px, JPEG): light to keep and send
        return new Promise(function (resolve, reject) {
            var reader = new FileReader();
            reader.onload = function () {
                var img = new Image();
                img.onload = function () {
                    var scale = Math.min(1, 1280 / Math.max(img.width, img.height));
                    var canvas = document.createElement("canvas");
                    canvas.width = Math.max(1, Math.round(img.width * scale));
                    canvas.height = Math.max(1, Math.round(img.height * scale));
                    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
                    resolve(canvas.toDataURL("image/jpeg", 0.7).split(",")[1]);
                };
                img.onerror = reject;
                img.src = reader.result;
            };
            reader.onerror = reject;
            reader.readAsDataURL(file);
        });
    }
    function onPhoto(input) {
        var file = input.files && input.files[0];
        if (!file) { return; }
        var ref = visitRef(input.getAttribute("data-visit"));
        photoData(file).then(function (data) {
            return enqueue("photo", {visit_id: ref, mimetype: "image/jpeg", data: data}, true);
        }).then(function () {
            input.value = "";
            var count = document.getElementById("am-photo-count");
            var visit = visitById(ref);
            if (count && visit) { count.textContent = fmt(L.photos, visit.photos); }
        }, function (error) {
            state.message = error && error.message || String(error);
            renderStatus();
        });
    }
    function edited(event) {
        if (event.target && event.target.id === "am-photo-input") {
            if (event.type === "change") { onPhoto(event.target); }
            return;
        }
        state.dirty = true;
        updateMissing();
    }
    root.addEventListener("input", edited);
    root.addEventListener("change", edited);
    window.addEventListener("hashchange", function () {
        state.message = "";
        state.dirty = false;
        blurActive();
        render();
        window.scrollTo(0, 0);
    });
    window.addEventListener("online", function () { setOnline(true); flush(); });
    window.addEventListener("offline", function () { setOnline(false); });
    setInterval(function () {
        if (state.queued) {
            flush();
        } else if (state.online && !state.dirty && !location.hash.replace("#", "") &&
                   Date.now() - (state.refreshed || 0) > REFRESH_EVERY_MS) {
            refresh();   // the leader may have planned or cancelled visits
        }
    }, SYNC_EVERY_MS);

    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("/am/day/sw.js", {scope: "/am/day"}).catch(function () {
            // without a worker the page still works online
        });
    }

    Promise.all([kvGet("day"), kvGet("notices"), kvGet("order"), queueAll()])
        .then(function (stored) {
            state.day = stored[0] || null;
            state.notices = stored[1] || [];
            state.order = stored[2] || null;
            state.queued = stored[3].length;
            stored[3].forEach(function (a) { lastSeq = Math.max(lastSeq, a.seq); });
            render();
            locate(false).then(render);
            return flush();
        });

    // for the browser test and the curious: the page's state and its queue
    window.amDay = {state: state, flush: flush, queueAll: queueAll, refresh: refresh};
}());
