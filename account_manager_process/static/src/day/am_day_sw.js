/* Copyright 2026 Account Manager Process Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * Service worker of "My day" (/am/day): keeps the page and its assets on the
 * phone so that it opens without a network after one online visit. Network
 * first (an online phone always gets the current page), the cache when the
 * network fails. Only GET requests of the page and its own assets; the JSON
 * calls are never cached (the page keeps its data in IndexedDB).
 */
"use strict";
var CACHE = "am-day-v1";
var PAGE = "/am/day";
var ASSETS = [
    "/account_manager_process/static/src/day/am_day.js",
    "/account_manager_process/static/src/day/am_day.css",
];

function cached(request) {
    return caches.open(CACHE).then(function (cache) {
        return cache.match(request, {ignoreSearch: true});
    });
}

self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
        // the page needs the session: fetched with its cookies, kept only when
        // it is the page itself (not the login form it redirects to)
        return Promise.all([PAGE].concat(ASSETS).map(function (url) {
            return fetch(url, {credentials: "same-origin"}).then(function (response) {
                if (response.ok && !response.redirected) {
                    return cache.put(url, response);
                }
                return null;
            }).catch(function () { return null; });
        }));
    }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) {
            return key.indexOf("am-day-") === 0 && key !== CACHE;
        }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") { return; }
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) { return; }
    var isPage = url.pathname === PAGE || url.pathname === PAGE + "/";
    if (!isPage && ASSETS.indexOf(url.pathname) < 0) { return; }
    var key = isPage ? PAGE : url.pathname;
    event.respondWith(fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
            return response;
        }
        if (response.redirected) {
            // logged out: the login form, not an old page
            return response;
        }
        return cached(key).then(function (hit) { return hit || response; });
    }, function () {
        return cached(key).then(function (hit) {
            return hit || new Response("offline", {status: 503, statusText: "offline"});
        });
    }));
});
