# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Clear refusals of typed values, shared by the training models."""
from odoo import _, fields
from odoo.exceptions import ValidationError

from . import training_rules


def check_text(self, fname, what, max_length=training_rules.NAME_MAX_LENGTH,
               required=True):
    """Refuse an empty (or blank) or overlong text field on ``self``.

    ``what`` names the field for the user, e.g. _("The course name").
    """
    for record in self:
        problem = training_rules.text_problem(record[fname], max_length, required)
        if problem == "empty":
            raise ValidationError(_("%s cannot be empty.") % what)
        if problem == "too_long":
            raise ValidationError(_(
                "%(what)s is too long: at most %(max)s characters.") % {
                    "what": what, "max": max_length})


def check_range(self, fname, what, low, high):
    """Refuse a number outside [low, high]."""
    for record in self:
        if not training_rules.in_range(record[fname], low, high):
            raise ValidationError(_(
                "%(what)s must be between %(low)s and %(high)s.") % {
                    "what": what, "low": low, "high": high})


def check_dates(self, fnames, what):
    """Refuse dates or times outside the years training is planned in."""
    for record in self:
        for fname in fnames:
            value = record[fname]
            if not value:
                continue
            field = record._fields[fname]
            day = (fields.Datetime.from_string(value) if field.type == "datetime"
                   else fields.Date.from_string(value))
            if not training_rules.year_in_range(day):
                raise ValidationError(_(
                    "%(what)s must be between the years %(low)s and %(high)s.") % {
                        "what": what, "low": training_rules.MIN_YEAR,
                        "high": training_rules.MAX_YEAR})
