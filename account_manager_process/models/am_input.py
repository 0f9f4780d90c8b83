# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of what users type, shared by the complaints, the working-day
reports and the position reports: each refusal names the field in the user's
terms. The first argument is named ``self`` (a record) so that ``_()``
translates into the user's language."""
from datetime import date, datetime, timedelta

from odoo import _, fields
from odoo.exceptions import ValidationError

# nothing of this suite happened before 2000; later than 2100 is a typo
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)
MAX_NAME_LENGTH = 256
MAX_TEXT_LENGTH = 20000


def clean_name(self, value, label, max_length=MAX_NAME_LENGTH):
    """The stripped text of a mandatory one-line field, or a clear refusal."""
    if value and not isinstance(value, str):
        raise ValidationError(_("%s must be a text.") % label)
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("%s is mandatory: it cannot be empty or only spaces.") % label)
    if len(text) > max_length:
        raise ValidationError(_("%(field)s is too long: at most %(max)s characters "
                                "(%(length)s given).") % {
                                    "field": label, "max": max_length, "length": len(text)})
    return text


def check_text(self, value, label, max_length=MAX_TEXT_LENGTH):
    """An optional text: refused when absurdly long."""
    if value and not isinstance(value, str):
        raise ValidationError(_("%s must be a text.") % label)
    if value and len(value) > max_length:
        raise ValidationError(_("%(field)s is too long: at most %(max)s characters "
                                "(%(length)s given).") % {
                                    "field": label, "max": max_length, "length": len(value)})
    return value


def _parse(self, value, label, is_datetime):
    if isinstance(value, datetime):
        return value if is_datetime else value.date()
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time()) if is_datetime else value
    try:
        parsed = (fields.Datetime if is_datetime else fields.Date).from_string(value)
    except (TypeError, ValueError):
        parsed = None
    if not parsed:
        raise ValidationError(_("%(field)s is not a valid date: %(value)s.") % {
            "field": label, "value": value})
    return parsed


def check_date(self, value, label, max_future_days=None):
    """A date within a sane range (2000 to 2100, or at most ``max_future_days``
    after today); returns it as a date, or None when empty."""
    if not value:
        return None
    day = _parse(self, value, label, False)
    latest = MAX_DATE
    if max_future_days is not None:
        latest = min(latest, fields.Date.from_string(fields.Date.context_today(self))
                     + timedelta(days=max_future_days))
    if not MIN_DATE <= day <= latest:
        raise ValidationError(_(
            "%(field)s must be between %(start)s and %(stop)s, not %(value)s.") % {
                "field": label, "start": fields.Date.to_string(MIN_DATE),
                "stop": fields.Date.to_string(latest), "value": fields.Date.to_string(day)})
    return day


def check_datetime(self, value, label, max_future_hours=None):
    """A date and time within a sane range (from 2000, at most
    ``max_future_hours`` from now); returns it as a datetime, or None."""
    if not value:
        return None
    moment = _parse(self, value, label, True)
    latest = datetime.combine(MAX_DATE, datetime.max.time())
    if max_future_hours is not None:
        latest = min(latest, datetime.utcnow() + timedelta(hours=max_future_hours))
    if not datetime.combine(MIN_DATE, datetime.min.time()) <= moment <= latest:
        raise ValidationError(_(
            "%(field)s must be between %(start)s and %(stop)s, not %(value)s.") % {
                "field": label, "start": fields.Date.to_string(MIN_DATE),
                "stop": fields.Datetime.to_string(latest.replace(microsecond=0)),
                "value": fields.Datetime.to_string(moment)})
    return moment
