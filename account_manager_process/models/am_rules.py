# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Business arithmetic of the account manager process, kept free of Odoo.

Every function takes and returns plain Python values (``datetime.date``,
``datetime.datetime``, numbers, strings) so that a port to another Odoo series
only rewrites the glue that calls them.
"""
import binascii
import calendar
import hashlib
import hmac
import math
import os
import re
from datetime import date, datetime, time, timedelta

import phonenumbers
import pytz

# How much each visit result counts for the quality of a visit.
RESULT_FACTORS = {
    "won": 1.0,
    "progress": 0.7,
    "no_progress": 0.3,
    "lost": 0.1,
}
# How a supervision spot check changes the quality of the checked visit.
SPOT_CHECK_FACTORS = {
    "pending": 1.0,
    "confirmed": 1.0,
    "unreachable": 0.5,
    "not_confirmed": 0.0,
}
# A visit entered late is a weaker basis for trace management.
LATE_ENTRY_FACTOR = 0.8


# -- time: Odoo stores naive UTC datetimes; a day is a local day of a time
# zone (the user's). These are the only functions that convert between them.

def tz_zone(tz_name):
    """The pytz zone named ``tz_name``; UTC when it is empty or unknown (the
    one place where an unknown time zone falls back)."""
    try:
        return pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def local_datetime(moment, tz_name):
    """The UTC datetime ``moment`` (naive, as Odoo stores it) as an aware
    datetime of the time zone ``tz_name``."""
    if not moment:
        return None
    return pytz.utc.localize(moment).astimezone(tz_zone(tz_name))


def local_date(moment, tz_name):
    """The day of the UTC datetime ``moment`` (naive, as Odoo stores it) in
    the time zone ``tz_name`` (a user's; UTC when unknown)."""
    local = local_datetime(moment, tz_name)
    return local and local.date()


def local_to_utc(day, hour, tz_name):
    """The naive UTC datetime of ``hour`` o'clock (a float: 9.5 = 09:30) on
    ``day`` in the time zone ``tz_name``."""
    minutes = int(round(hour * 60))
    local = tz_zone(tz_name).localize(
        datetime.combine(day, time(minutes // 60 % 24, minutes % 60)), is_dst=False)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def utc_bounds(date_from, date_to, tz_name):
    """[start, stop) in naive UTC datetimes of the local days date_from to
    date_to (inclusive) in the time zone ``tz_name`` (UTC if unknown)."""
    return (local_to_utc(date_from, 0, tz_name),
            local_to_utc(date_to + timedelta(days=1), 0, tz_name))


def hours_between(start, stop):
    """Hours from ``start`` to ``stop`` (two decimals; 0 when one is missing
    or ``stop`` is before ``start``): a visit's duration, a resolution time."""
    if not start or not stop or stop < start:
        return 0.0
    return round((stop - start).total_seconds() / 3600.0, 2)


# -- periods: the days of a work report, of a leaderboard, of an assessment

def period_bounds(period, day, week_start=0):
    """(first day, last day) of the daily / weekly / monthly / quarterly /
    yearly period containing ``day``. ``week_start``: 0 = Monday ... 6 =
    Sunday."""
    if period == "daily":
        return day, day
    if period == "weekly":
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        return start, start + timedelta(days=6)
    if period == "monthly":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    if period == "quarterly":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last = calendar.monthrange(day.year, first_month + 2)[1]
        return (date(day.year, first_month, 1),
                date(day.year, first_month + 2, last))
    if period == "yearly":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    raise ValueError("Unknown period %r" % (period,))


def previous_period(period, day, week_start=0):
    """Bounds of the last complete period before the one containing day."""
    start, _end = period_bounds(period, day, week_start)
    return period_bounds(period, start - timedelta(days=1), week_start)


def next_due_date(last_date, interval_days):
    """Date the customer is due for its next return visit (or None)."""
    if not last_date or not interval_days or interval_days <= 0:
        return None
    return last_date + timedelta(days=interval_days)


def is_overdue(due_date, today):
    return bool(due_date) and due_date < today


def planning_horizon(today, lead_days):
    """Customers due on or before this date get their return visit planned."""
    return today + timedelta(days=max(lead_days, 0))


def is_late_entry(visit_date, entry_date, allowed_days):
    """A visit recorded more than ``allowed_days`` after it happened is late."""
    if not visit_date or not entry_date:
        return False
    return (entry_date - visit_date).days > allowed_days


def is_return_on_time(visit_type, state, visit_date, due_date):
    """A done return visit made on or before the customer's due date."""
    if visit_type != "return" or state != "done" or not visit_date:
        return False
    return not due_date or visit_date <= due_date


def visit_quality(business_weight, result, spot_check_results=(), late_entry=False):
    """Quality score of a done visit: its business weight scaled by the result,
    by the worst supervision spot check and by a late entry."""
    if not result:
        return 0.0
    score = (business_weight or 0.0) * RESULT_FACTORS.get(result, 0.0)
    if spot_check_results:
        score *= min(SPOT_CHECK_FACTORS.get(r, 1.0) for r in spot_check_results)
    if late_entry:
        score *= LATE_ENTRY_FACTOR
    return round(score, 2)


def target_progress(done_count, target):
    """Percentage of the monthly visit target reached (0 when no target)."""
    if not target or target <= 0:
        return 0.0
    return round(100.0 * done_count / target, 1)


def working_days_left(day, month_end):
    """Weekdays (Monday to Friday) from ``day`` to ``month_end``, both included."""
    if not day or not month_end or day > month_end:
        return 0
    count = 0
    current = day
    while current <= month_end:
        if current.weekday() < 5:
            count += 1
        current += timedelta(days=1)
    return count


def visit_pace(done_count, target, days_left):
    """Done visits still needed per working day to reach the monthly target
    (0 when reached or without target; all of them when no day is left)."""
    missing = max(0, (target or 0) - (done_count or 0))
    if not missing:
        return 0.0
    if days_left <= 0:
        return float(missing)
    return round(float(missing) / days_left, 1)


def share_percent(part, whole):
    """``part`` in percent of ``whole``, one decimal (None without a whole)."""
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def spot_check_sample_size(done_count, share_percent):
    """Number of visits to sample: the share rounded up, at least one visit
    when the manager did any visit and the share is positive."""
    if done_count <= 0 or share_percent <= 0:
        return 0
    return min(done_count, max(1, int(math.ceil(done_count * share_percent / 100.0))))


# -- the customer's confirmation link: a random nonce signed with the
# database's secret; the server keeps only a hash of the whole token
CONFIRM_TOKEN_SCOPE = b"am.spot.check.confirm"
CONFIRM_TOKEN_RE = re.compile(r"^[0-9a-f]{32}-[0-9a-f]{32}$")


def _confirm_signature(secret, nonce):
    return hmac.new(secret.encode("utf-8"), CONFIRM_TOKEN_SCOPE + b"|" + nonce.encode("ascii"),
                    hashlib.sha256).hexdigest()[:32]


def new_confirm_token(secret, nonce=None):
    """A new signed token: 32 hex digits of randomness, a dash, 32 of signature."""
    nonce = nonce or binascii.hexlify(os.urandom(16)).decode("ascii")
    return "%s-%s" % (nonce, _confirm_signature(secret, nonce))


def confirm_token_is_signed(secret, token):
    """Whether ``token`` is well formed and signed with ``secret``."""
    if not isinstance(token, str) or not CONFIRM_TOKEN_RE.match(token):
        return False
    nonce, signature = token.split("-")
    return hmac.compare_digest(signature, _confirm_signature(secret, nonce))


def confirm_token_hash(token):
    """What the server stores of a token (the token itself is never stored)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def confirm_link_state(asked, answered, result_pending, expires, now):
    """What a confirmation link opens: 'form' (it can be answered), or why not:
    'invalid' (not asked), 'answered', 'closed' (the result was recorded
    otherwise, e.g. by phone), 'expired'."""
    if not asked:
        return "invalid"
    if answered:
        return "answered"
    if not result_pending:
        return "closed"
    if not expires or now >= expires:
        return "expired"
    return "form"


def report_is_on_time(date_to, submit_datetime, grace_days):
    """Submitted no later than ``grace_days`` after the end of the period."""
    if not date_to or not submit_datetime:
        return False
    return submit_datetime.date() <= date_to + timedelta(days=grace_days)


# an action of the field app sent this long after it happened on the device
# is a late sync: kept, and shown as such
LATE_SYNC_MINUTES = 30


def sync_gap_seconds(device_time, received_time):
    """Seconds between when an action happened on the device and when the
    server received it (0 when the device time is unknown or ahead)."""
    if not device_time or not received_time:
        return 0
    return max(0, int((received_time - device_time).total_seconds()))


def is_late_sync(gap_seconds, limit_minutes=LATE_SYNC_MINUTES):
    return gap_seconds > limit_minutes * 60


def path_length_m(points):
    """Length in metres of a path through ``points`` [(lat, lon), ...] in
    their order; points without a position (None) are skipped."""
    located = [p for p in points if p]
    return sum(distance_m(a[0], a[1], b[0], b[1])
               for a, b in zip(located, located[1:]))


def normalize_phone(phone, region=None):
    """The phone number in E.164 form (``+862155551017``), so that a domestic
    number and its international form compare equal; ``region`` is the ISO
    country code used for numbers written without a country prefix (the
    customer's country, else the company's). Numbers that cannot be parsed
    keep their digits only."""
    if not (phone or "").strip():
        return False
    try:
        number = phonenumbers.parse(phone, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", phone)
    return digits or False


def is_valid_phone(phone, region=None):
    """Whether ``phone`` looks like a phone number: only the characters people
    write numbers with, a plausible count of digits, and a possible number
    where it is written in international form (+CC ...) or for ``region``."""
    phone = (phone or "").strip()
    if not phone:
        return True
    if not re.match(r"^\+?[0-9 ()./-]+((ext|x|#)\.? *[0-9]+)?$", phone, re.IGNORECASE):
        return False
    digits = re.sub(r"\D", "", phone)
    if not 5 <= len(digits) <= 17:
        return False
    try:
        number = phonenumbers.parse(phone, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        # no country to read a domestic number with: the digits are plausible
        return not phone.startswith("+")
    # a domestic number read with another country's rules may still be right
    # (an international prefix such as 00): only international forms must fit
    return phonenumbers.is_possible_number(number) or not phone.startswith("+")


def is_valid_email(email):
    """Whether ``email`` is one plausible address (``name@domain.tld``)."""
    email = (email or "").strip()
    return not email or bool(re.match(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$", email))


def normalize_email(email):
    email = (email or "").strip().lower()
    return email or False


def normalize_vat(vat):
    vat = re.sub(r"[\W_]", "", vat or "").upper()
    return vat or False


def normalize_name(name):
    """Case-folded, without spaces and punctuation (works for CJK names too)."""
    name = re.sub(r"[\W_]", "", (name or "").casefold())
    return name or False


def working_slot_hour(index, first_hour=9.0, slot_hours=1.5, last_hour=17.0):
    """The start hour of the ``index``-th (0-based) visit planned for one
    account manager on one day: consecutive slots from ``first_hour``, wrapping
    around before ``last_hour`` so that they stay within working hours."""
    slots = max(1, int((last_hour - first_hour) // slot_hours))
    return first_hour + (index % slots) * slot_hours


def is_valid_position(latitude, longitude):
    """Whether (latitude, longitude) is a position on earth."""
    return -90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0


# what a device sends for a value it does not have (0 too: 0 == False)
NO_DEVICE_VALUE = (None, False, "")


def parse_device_position(latitude, longitude):
    """(position, error) of the position a device sent: ``position`` is None
    when it sent none (nothing, or 0, 0: what clients send for no position),
    else (latitude, longitude) as floats; ``error`` is None, "not_numbers"
    or "not_on_earth" (then ``position`` holds the numbers read)."""
    if latitude in NO_DEVICE_VALUE and longitude in NO_DEVICE_VALUE:
        return None, None
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None, "not_numbers"
    if math.isnan(latitude) or math.isnan(longitude) or \
            not is_valid_position(latitude, longitude):
        return (latitude, longitude), "not_on_earth"
    if not latitude and not longitude:
        return None, None
    return (latitude, longitude), None


def parse_device_accuracy(accuracy, max_metres):
    """(accuracy, error) of the accuracy a device reported for its position,
    in metres: 0.0 when unknown; ``error`` is None, "not_number" or
    "out_of_range" (negative or beyond ``max_metres``; then ``accuracy``
    holds the number read)."""
    if accuracy in NO_DEVICE_VALUE:
        return 0.0, None
    try:
        accuracy = float(accuracy)
    except (TypeError, ValueError):
        return None, "not_number"
    if math.isnan(accuracy) or not 0 <= accuracy <= max_metres:
        return accuracy, "out_of_range"
    return accuracy, None


# mean radius of the earth (IUGG), metres
EARTH_RADIUS_M = 6371008.8
VERIFIED = "verified"
OUT_OF_RANGE = "out_of_range"
UNVERIFIED = "unverified"


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance in metres between two positions given in
    degrees (haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + \
        math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def position_verdict(distance, accuracy, radius, max_accuracy, has_position,
                     customer_located):
    """Verdict of a check-in or check-out position.

    ``unverified`` without a position (none given, permission denied), when
    the customer has no coordinates, or when the device's accuracy (metres)
    is unknown (0 or None) or worse than ``max_accuracy``; otherwise
    ``verified`` within ``radius`` metres of the customer, ``out_of_range``
    beyond it."""
    if not has_position or not customer_located:
        return UNVERIFIED
    if not accuracy or accuracy <= 0 or accuracy > max_accuracy:
        return UNVERIFIED
    return VERIFIED if distance <= radius else OUT_OF_RANGE


def spot_check_sample_size_with_risk(done_count, share_percent, risky_count,
                                     flagged=False):
    """Number of a manager's visits of a week to spot check: every risky
    visit (out-of-range or unverified check-in, very short visit) besides the
    random share of the others; a manager flagged for review gets twice the
    share. A share of 0 turns the sampling off."""
    if done_count <= 0 or share_percent <= 0:
        return 0
    risky_count = max(0, min(risky_count, done_count))
    share = min(100, share_percent * 2) if flagged else share_percent
    others = done_count - risky_count
    return risky_count + spot_check_sample_size(others, share)


def is_short_visit(duration_hours, min_minutes):
    """A visit that was checked in and out in less than ``min_minutes``."""
    if not min_minutes or min_minutes <= 0 or duration_hours is None:
        return False
    return duration_hours * 60.0 < min_minutes
