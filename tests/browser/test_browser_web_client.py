# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser test of the web client: a real Odoo server and a headless Chromium.

The test starts its own Odoo server on a free port of 127.0.0.1, logs in through
the real login form, opens the "Account Management" app from the top menu and
waits for its first action to render, then saves a screenshot under
artifacts/screenshots/.  It fails on any JavaScript error, any console or log
error, any HTTP response >= 500 and any ERROR or traceback in the server log.
The server and the browser are the suite's browser driver (driver.py).
"""
import time

import pytest

from .driver import (
    ACTION_TIMEOUT,
    ERROR_DIALOGS,
    SCREENSHOTS,
    SETTLE_SECONDS,
    _click_check_in,
    _delete_visit,
    _log_in,
    _open_app,
    _open_visit_form,
    _planned_visit_of,
    _user_exists,
    start_browser,
    start_server,
)


@pytest.fixture(scope="module")
def odoo_server(request):
    return start_server(request)


@pytest.fixture
def browser(request):
    return start_browser(request)


@pytest.mark.parametrize("login", ["admin", "am1"])
def test_account_management_app_opens_without_errors(odoo_server, browser, login):
    if login != "admin" and not _user_exists(odoo_server.database, login):
        pytest.skip("no user %r in database %s" % (login, odoo_server.database))
    try:
        _log_in(browser, odoo_server, login, login)
        _open_app(browser)
    except (AssertionError, pytest.fail.Exception) as error:
        browser.screenshot_if_possible(SCREENSHOTS / ("account_management_%s_failed.png" % login))
        alarms = odoo_server.new_log_alarms()
        if not alarms:
            raise
        pytest.fail("%s\n\nserver log %s shows errors:\n%s" % (
            error, odoo_server.logfile, "\n".join(alarms[:40])))
    browser.pump(SETTLE_SECONDS)
    shot = browser.screenshot(SCREENSHOTS / ("account_management_%s.png" % login))

    title = browser.evaluate(
        "(document.querySelector('.o_main_content .o_control_panel .breadcrumb') || {})"
        ".textContent")
    assert title and title.strip(), "the action rendered no breadcrumb (%s)" % shot
    dialogs = browser.evaluate(ERROR_DIALOGS)
    assert not dialogs, "error dialogs shown: %s (screenshot %s)" % (dialogs, shot)
    assert not browser.problems, "browser errors (screenshot %s):\n%s" % (
        shot, "\n".join(browser.problems))
    alarms = odoo_server.new_log_alarms()
    assert not alarms, "server log %s shows errors:\n%s" % (
        odoo_server.logfile, "\n".join(alarms[:40]))


BAD_IMAGE_URL = "/web/image?model=res.partner&id=not-an-id&field=image"


def test_error_detection_catches_injected_errors(odoo_server, browser):
    """The detectors above are the test: prove each one reports a real failure."""
    browser.navigate("%s/web/login?db=%s" % (odoo_server.url, odoo_server.database))
    deadline = time.monotonic() + 60
    while not browser.evaluate("document.readyState === 'complete'"
                               " && !!document.querySelector('form.oe_login_form')"):
        assert time.monotonic() < deadline, "the login page did not load"
        browser.pump(0.25)
    browser.pump(0.5)
    # only what is injected below counts here (the page itself is checked above)
    browser.problems.clear()
    odoo_server.new_log_alarms()
    browser.evaluate("setTimeout(() => { throw new Error('am-injected-exception'); })")
    browser.evaluate("console.error('am-injected-console-error')")
    # Odoo 11's image route answers 500 (and logs a traceback) for a bad record id
    browser.evaluate("fetch('%s').then(r => r.status)" % BAD_IMAGE_URL)
    deadline = time.monotonic() + 15
    while len(browser.problems) < 4 and time.monotonic() < deadline:
        browser.pump(0.25)
    report = "\n".join(browser.problems)
    assert "am-injected-exception" in report, report
    assert "console.error: am-injected-console-error" in report, report
    assert "HTTP 500: %s%s" % (odoo_server.url, BAD_IMAGE_URL) in report, report
    assert "log error:" in report, report
    # the server may write its traceback just after the response
    alarms, deadline = [], time.monotonic() + 5
    while not any("Traceback" in line for line in alarms) and time.monotonic() < deadline:
        time.sleep(0.2)
        alarms += odoo_server.new_log_alarms()
    assert any("Traceback" in line for line in alarms), alarms


SHANGHAI = {"latitude": 31.2304, "longitude": 121.4737}


def _visit_position(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("SELECT state, checkin_latitude, checkin_longitude FROM am_visit"
                   " WHERE id = %s", (visit_id,))
        return cr.fetchone()


def test_visit_check_in_records_the_browser_position(odoo_server, browser):
    """Check in on a visit form: the browser's geolocation lands on the visit."""
    database = odoo_server.database
    if not _user_exists(database, "am1"):
        pytest.skip("no demo account manager am1 in database %s" % database)
    visit_id = _planned_visit_of(database, "am1")
    if not visit_id:
        pytest.skip("am1 has no visit to copy in database %s" % database)
    shot = SCREENSHOTS / "visit_checked_in_am1.png"
    try:
        browser.share_position(odoo_server.url, accuracy=10, **SHANGHAI)
        _log_in(browser, odoo_server, "am1", "am1")
        _open_visit_form(browser, odoo_server, visit_id)
        _click_check_in(browser)
        browser.wait_until(lambda: _visit_position(database, visit_id)[0] == "in_progress",
                           30, "the check-in")
        state, latitude, longitude = _visit_position(database, visit_id)
        assert (round(latitude, 4), round(longitude, 4)) == (
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        browser.assert_no_errors(odoo_server)
    finally:
        browser.screenshot_if_possible(shot)
        _delete_visit(database, visit_id)


def _in_progress_visit_of(database, login):
    """An in-progress visit of that account manager, made for this test
    (committed: the server sees it); returns its id."""
    import odoo

    visit_id = _planned_visit_of(database, login)
    if not visit_id:
        return None
    with odoo.api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        env["am.visit"].sudo(user).browse(visit_id).checkin_with_position(
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        cr.commit()
    return visit_id


def _visit_photos(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("""SELECT p.id, p.latitude, p.longitude, p.has_position, a.res_model,
                             a.res_id, a.mimetype, v.photo_count
                        FROM am_visit_photo p
                        JOIN ir_attachment a ON a.id = p.attachment_id
                        JOIN am_visit v ON v.id = p.visit_id
                       WHERE p.visit_id = %s""", (visit_id,))
        return cr.fetchall()


def _delete_visit_with_photos(database, visit_id):
    import odoo

    with odoo.registry(database).cursor() as cr:
        cr.execute("""WITH p AS (DELETE FROM am_visit_photo WHERE visit_id = %s
                                 RETURNING attachment_id)
                      DELETE FROM ir_attachment WHERE id IN (SELECT attachment_id FROM p)""",
                   (visit_id,))
        cr.execute("DELETE FROM am_visit WHERE id = %s", (visit_id,))
        cr.commit()


def test_visit_photo_taken_through_the_file_input(odoo_server, browser, tmp_path):
    """Take a photo on a visit form: the picture chosen in the camera's file
    input is attached to the visit with the browser's position."""
    database = odoo_server.database
    if not _user_exists(database, "am1"):
        pytest.skip("no demo account manager am1 in database %s" % database)
    visit_id = _in_progress_visit_of(database, "am1")
    if not visit_id:
        pytest.skip("am1 has no visit to copy in database %s" % database)
    # a real picture, as a phone's camera would hand it over
    picture = tmp_path / "IMG_0001.png"
    from PIL import Image

    Image.new("RGB", (64, 48), "orange").save(str(picture), format="PNG")
    shot = SCREENSHOTS / "visit_photo_am1.png"
    try:
        browser.share_position(odoo_server.url, accuracy=15, **SHANGHAI)
        _log_in(browser, odoo_server, "am1", "am1")
        _open_visit_form(browser, odoo_server, visit_id)
        take = "document.querySelector('.o_am_visit_photo .o_am_photo_take')"
        browser.wait_for("!!(%s) && (%s).getBoundingClientRect().width > 0" % (take, take),
                         ACTION_TIMEOUT, "the Take a photo button")
        capture = browser.evaluate(
            "(() => { const i = document.querySelector('input.o_am_photo_input');"
            " return [i.accept, i.getAttribute('capture')]; })()")
        assert capture == ["image/*", "environment"], capture
        # the phone's camera hands the picture to the file input
        root = browser.send("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = browser.send("DOM.querySelector", nodeId=root,
                            selector="input.o_am_photo_input")["nodeId"]
        browser.send("DOM.setFileInputFiles", nodeId=node, files=[str(picture)])
        browser.wait_until(lambda: _visit_photos(database, visit_id), 30, "the photo upload")
        ((__, latitude, longitude, has_position, res_model, res_id, mimetype, count),) = \
            _visit_photos(database, visit_id)
        assert (res_model, mimetype, count) == ("am.visit.photo", "image/png", 1)
        assert res_id
        assert has_position and (round(latitude, 4), round(longitude, 4)) == (
            SHANGHAI["latitude"], SHANGHAI["longitude"])
        # the form shows the new count once reloaded
        browser.wait_for("(document.querySelector('.o_am_visit_photo .o_am_photo_count')"
                         " || {}).textContent === '1'", 30, "the photo count")
        browser.assert_no_errors(odoo_server)
    finally:
        browser.screenshot_if_possible(shot)
        _delete_visit_with_photos(database, visit_id)
