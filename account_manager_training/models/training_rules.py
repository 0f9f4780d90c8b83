# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Training arithmetic as pure functions (no Odoo import).

Attendance discipline, exam scoring, pass decisions, hours earned, certificate
expiry and qualification status live here so that a port to another Odoo
series only rewrites the glue around them.
"""
import calendar
from datetime import date, timedelta

REFUSE_ALREADY = "already_registered"
REFUSE_CLOSED = "not_open"
REFUSE_DEADLINE = "deadline_passed"
REFUSE_FULL = "full"
REFUSE_NOT_REGISTERED = "not_registered"

# bounds of what people type: beyond them an entry is a mistake
NAME_MAX_LENGTH = 200
CODE_MAX_LENGTH = 64
TEXT_MAX_LENGTH = 10000
MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_COURSE_HOURS = 1000.0
MAX_ATTEMPTS = 100
MAX_MONTHS = 600
MAX_COURSES_TO_PASS = 100
MAX_CAPACITY = 10000
MAX_DAYS_SETTING = 3650
MAX_GRACE_MINUTES = 240


def attendance_flags(start, stop, checkin, checkout, grace_minutes):
    """Return (is_late, left_early) for one attendee.

    Late: checked in after start + grace. Left early: checked out before
    stop - grace. Missing times never make anybody late or early.
    """
    grace = timedelta(minutes=max(grace_minutes or 0, 0))
    is_late = bool(start and checkin and checkin > start + grace)
    left_early = bool(stop and checkout and checkout < stop - grace)
    return is_late, left_early


def is_valid_score(score):
    return score is not None and 0.0 <= score <= 100.0


def is_passed(score, pass_mark, absent=False):
    """A course is passed when present and the score reaches the pass mark."""
    if absent or score is None:
        return False
    return score >= (pass_mark or 0.0)


def attendee_result(assessed, score, pass_mark, absent):
    """hr.course.attendee result: absent / passed / failed / pending."""
    if absent:
        return "absent"
    if not assessed:
        return "pending"
    return "passed" if is_passed(score, pass_mark) else "failed"


def exam_max_points(questions):
    """Best reachable quiz points of a survey.

    ``questions`` is an iterable of (question_type, [label marks]): one choice
    questions give their best mark, multiple choice ones every positive mark.
    """
    total = 0.0
    for qtype, marks in questions:
        marks = list(marks or [])
        if not marks:
            continue
        if qtype == "multiple_choice":
            total += sum(m for m in marks if m > 0)
        else:
            total += max(max(marks), 0.0)
    return total


def exam_points(questions, chosen_label_ids):
    """Quiz points of one attempt.

    ``questions`` maps a question id to (question_type, {label id: mark});
    ``chosen_label_ids`` are the answers picked. Only answers of the exam's
    own questions count, each once; a one-answer question answered with
    several choices scores nothing (ticking every choice must not pass).
    """
    owner = {}
    for question_id, (_qtype, marks) in questions.items():
        for label_id in marks:
            owner[label_id] = question_id
    picked = {}
    for label_id in chosen_label_ids:
        question_id = owner.get(label_id)
        if question_id is not None:
            picked.setdefault(question_id, set()).add(label_id)
    total = 0.0
    for question_id, labels in picked.items():
        qtype, marks = questions[question_id]
        if qtype == "multiple_choice":
            total += sum(marks[label_id] for label_id in labels)
        elif len(labels) == 1:
            total += marks[next(iter(labels))]
    return total


def exam_percentage(points, max_points):
    """Quiz points as a 0-100 score (clamped)."""
    if not max_points or max_points <= 0:
        return 0.0
    return round(min(max(points / max_points * 100.0, 0.0), 100.0), 2)


def can_attempt(state, attempts, max_attempts):
    """A new exam attempt is allowed until passed or attempts run out."""
    if state == "passed":
        return False
    return not max_attempts or attempts < max_attempts


def hours_earned(course_type, state, course_hours):
    """Hours credited: a passed course, or an attended offline session."""
    if state == "passed":
        return course_hours or 0.0
    if course_type == "offline" and state == "failed":
        return course_hours or 0.0
    return 0.0


def add_months(day, months):
    """``day`` plus ``months`` calendar months (end of month clamped)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def certificate_expiry(date_completed, validity_months):
    """Expiry of a passed course's certificate; None means it never expires."""
    if not date_completed or not validity_months:
        return None
    return add_months(date_completed, validity_months)


def registration_refusal(now, state_open, deadline, capacity, registered,
                         already_registered):
    """Why a self-registration is refused, or None when it is accepted."""
    if already_registered:
        return REFUSE_ALREADY
    if not state_open:
        return REFUSE_CLOSED
    if deadline and now > deadline:
        return REFUSE_DEADLINE
    if capacity and registered >= capacity:
        return REFUSE_FULL
    return None


def unregistration_refusal(now, state_open, deadline, registered):
    """Why cancelling one's own registration is refused, or None."""
    if not registered:
        return REFUSE_NOT_REGISTERED
    if not state_open:
        return REFUSE_CLOSED
    if deadline and now > deadline:
        return REFUSE_DEADLINE
    return None


def text_problem(value, max_length, required=True):
    """'empty', 'too_long' or None for a typed name or code."""
    text = (value or "").strip()
    if not text:
        return "empty" if required else None
    if len(text) > max_length:
        return "too_long"
    return None


def in_range(value, low, high):
    return value is not None and low <= value <= high


def year_in_range(day):
    """A date (or datetime) within the years people plan training in."""
    return day is None or MIN_YEAR <= day.year <= MAX_YEAR


def rule_has_criteria(min_courses, required_course_ids):
    """A qualification rule asks for some courses or some required exams."""
    return bool(min_courses) or bool(required_course_ids)


def evaluate_rule(today, facts, min_courses=0, category_id=None,
                  course_type=None, period_months=12, required_course_ids=()):
    """Evaluate one qualification rule for one employee.

    ``facts`` are the employee's passed courses: dicts with course_id,
    category_id, course_type, date_completed (date), certificate_expiry
    (date or None). Returns (met_now, met_ever, expiry_date or None).
    """
    far = date.max
    # a counted course stays valid until the end of the period window or its
    # certificate expiry, whichever comes first
    counted_end = {}
    counted_ever = set()
    required_end = {}
    for fact in facts:
        done = fact["date_completed"]
        if not done:
            continue
        cert_end = fact.get("certificate_expiry") or far
        if fact["course_id"] in required_course_ids:
            required_end[fact["course_id"]] = max(
                required_end.get(fact["course_id"], date.min), cert_end)
        if category_id and fact.get("category_id") != category_id:
            continue
        if course_type and fact.get("course_type") != course_type:
            continue
        counted_ever.add(fact["course_id"])
        window_end = add_months(done, period_months) if period_months else far
        end = min(window_end, cert_end)
        counted_end[fact["course_id"]] = max(
            counted_end.get(fact["course_id"], date.min), end)
    met_ever = (len(counted_ever) >= (min_courses or 0)
                and all(c in required_end for c in required_course_ids))
    valid_ends = sorted((e for e in counted_end.values() if e >= today),
                        reverse=True)
    count_ok = len(valid_ends) >= (min_courses or 0)
    required_ok = all(required_end.get(c, date.min) >= today
                      for c in required_course_ids)
    met_now = count_ok and required_ok
    expiry = None
    if met_now:
        ends = []
        if min_courses:
            ends.append(valid_ends[min_courses - 1])
        ends.extend(required_end[c] for c in required_course_ids)
        ends = [e for e in ends if e != far]
        expiry = min(ends) if ends else None
    return met_now, met_ever, expiry


def qualification_status(today, met_now, met_ever, expiry_date,
                         expiring_days):
    """qualified / expiring / expired / not_qualified."""
    if met_now:
        if expiry_date and expiry_date <= today + timedelta(
                days=max(expiring_days or 0, 0)):
            return "expiring"
        return "qualified"
    if met_ever:
        return "expired"
    return "not_qualified"


def certification_state(today, expiry_date, expiring_days):
    """valid / expiring / expired for an external certification."""
    if not expiry_date:
        return "valid"
    if expiry_date < today:
        return "expired"
    if expiry_date <= today + timedelta(days=max(expiring_days or 0, 0)):
        return "expiring"
    return "valid"


def matrix_cell(is_mandatory, state, certificate_expiry_date, today):
    """Status shown in one training matrix cell."""
    if state == "passed":
        if certificate_expiry_date and certificate_expiry_date < today:
            return "expired"
        return "passed"
    if state:
        return state
    return "missing" if is_mandatory else ""


def add_days(day, days):
    return day + timedelta(days=days or 0)
