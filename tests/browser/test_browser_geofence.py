# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser test of the verified check-in: the account manager checks in on a
visit form in headless Chromium whose position is emulated over the DevTools
protocol (``Emulation.setGeolocationOverride``, ``Browser.setPermission``).

The customer is placed in Shanghai for the test (restored afterwards); a
check-in 80 m from it is verified, 3 km away out of range, and with the
position refused by the browser the check-in still happens, unverified.
"""
import pytest

from .driver import (
    SCREENSHOTS,
    _click_check_in,
    _delete_visit,
    _log_in,
    _open_visit_form,
    _planned_visit_of,
    _user_exists,
    start_browser,
    start_server,
)

CUSTOMER = (31.2304, 121.4737)
METRES_PER_DEGREE = 111195.0
CASES = [
    # (name, metres north of the customer or None for a refused position, verdict)
    ("near", 80, "verified"),
    ("far", 3000, "out_of_range"),
    ("denied", None, "unverified"),
]


@pytest.fixture(scope="module")
def geo_server(request):
    return start_server(request)


@pytest.fixture
def geo_browser(request):
    return start_browser(request)


def _env(database):
    import odoo

    registry = odoo.registry(database)
    return registry


def _place_customer(database, visit_id, position):
    """Put the visit's customer at ``position`` (committed); returns its id
    and former coordinates."""
    import odoo

    with odoo.api.Environment.manage(), _env(database).cursor() as cr:
        cr.execute("SELECT p.id, p.partner_latitude, p.partner_longitude FROM am_visit v"
                   " JOIN res_partner p ON p.id = v.partner_id WHERE v.id = %s", (visit_id,))
        former = cr.fetchone()
        cr.execute("UPDATE res_partner SET partner_latitude = %s, partner_longitude = %s"
                   " WHERE id = %s", (position[0], position[1], former[0]))
        cr.commit()
        return former


def _restore_customer(database, former):
    with _env(database).cursor() as cr:
        cr.execute("UPDATE res_partner SET partner_latitude = %s, partner_longitude = %s"
                   " WHERE id = %s", (former[1], former[2], former[0]))
        cr.commit()


def _checkin_of(database, visit_id):
    with _env(database).cursor() as cr:
        cr.execute("SELECT state, checkin_verdict, checkin_distance, checkin_accuracy"
                   " FROM am_visit WHERE id = %s", (visit_id,))
        return cr.fetchone()


def _check_in(browser, server, visit_id):
    _open_visit_form(browser, server, visit_id)
    _click_check_in(browser)
    browser.wait_until(lambda: _checkin_of(server.database, visit_id)[0] == "in_progress",
                       30, "the check-in")
    return _checkin_of(server.database, visit_id)


def test_check_in_is_verified_at_the_customer(geo_server, geo_browser):
    odoo_server, browser = geo_server, geo_browser
    database = odoo_server.database
    if not _user_exists(database, "am1"):
        pytest.skip("no demo account manager am1 in database %s" % database)
    visits = [_planned_visit_of(database, "am1") for __ in CASES]
    if not all(visits):
        pytest.skip("am1 has no visit to copy in database %s" % database)
    former = _place_customer(database, visits[0], CUSTOMER)
    try:
        _log_in(browser, odoo_server, "am1", "am1")
        for (name, metres, verdict), visit_id in zip(CASES, visits, strict=True):
            if metres is None:
                # the user refuses to share the position
                browser.send("Emulation.clearGeolocationOverride")
                browser.send("Browser.setPermission", origin=odoo_server.url,
                             permission={"name": "geolocation"}, setting="denied")
            else:
                browser.share_position(odoo_server.url,
                                       latitude=CUSTOMER[0] + metres / METRES_PER_DEGREE,
                                       longitude=CUSTOMER[1], accuracy=10)
            shot = SCREENSHOTS / ("visit_checkin_%s_am1.png" % name)
            try:
                state, got, distance, accuracy = _check_in(browser, odoo_server, visit_id)
            finally:
                browser.screenshot_if_possible(shot)
            assert got == verdict, (name, got, distance, accuracy)
            if metres is None:
                assert (distance, accuracy) == (0, 0), (name, distance, accuracy)
            else:
                assert abs(distance - metres) < max(2, metres * 0.01), (name, distance)
                assert accuracy == 10, (name, accuracy)
        browser.assert_no_errors(odoo_server)
    finally:
        _restore_customer(database, former)
        for visit_id in visits:
            if visit_id:
                _delete_visit(database, visit_id)
