# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Arithmetic of complaints and their SLA, kept free of Odoo (the glue is
crm_claim.py and am_claim_sla_policy.py)."""
from datetime import timedelta

# the SLA status of a complaint (the values of crm.claim's am_sla_status)
ON_TIME = "on_time"
AT_RISK = "at_risk"
BREACHED = "breached"
# a resolution deadline beyond a year is a typo, not a service level
MAX_SLA_HOURS = 24 * 366


def sla_deadline(start, hours):
    if not start or not hours or hours <= 0:
        return None
    return start + timedelta(hours=hours)


def sla_status(now, start, resolve_deadline, closed=None, ack_deadline=None,
               acknowledged=None, at_risk_percent=75.0):
    """on_time / at_risk / breached of a complaint.

    Closed complaints keep the status they closed with. Open ones are
    breached past the resolution deadline, at risk once ``at_risk_percent`` of
    the allowed time has elapsed or while an overdue acknowledgement is missing.
    """
    if not resolve_deadline:
        return ON_TIME
    if closed:
        return BREACHED if closed > resolve_deadline else ON_TIME
    if now > resolve_deadline:
        return BREACHED
    if ack_deadline and not acknowledged and now > ack_deadline:
        return AT_RISK
    if start and resolve_deadline > start:
        elapsed = (now - start).total_seconds()
        allowed = (resolve_deadline - start).total_seconds()
        if elapsed >= allowed * at_risk_percent / 100.0:
            return AT_RISK
    return ON_TIME


def sla_next_change(now, start, resolve_deadline, closed=None, ack_deadline=None,
                    acknowledged=None, at_risk_percent=75.0):
    """The moment from which the clock alone may change sla_status() of a
    complaint left as it is (the earliest of its at-risk threshold, its
    unanswered acknowledgement deadline and its resolution deadline still to
    come), or None when the clock can change it no more (closed, breached, no
    deadline). Up to that moment the status stays what it is ``now``: the
    hourly refresh reads only the complaints whose moment has come."""
    if not resolve_deadline or closed or now > resolve_deadline:
        return None
    moments = [resolve_deadline]
    if ack_deadline and not acknowledged:
        moments.append(ack_deadline)
    if start and resolve_deadline > start:
        moments.append(start + (resolve_deadline - start) * (at_risk_percent / 100.0))
    coming = [moment for moment in moments if moment >= now]
    return min(coming) if coming else None


def sla_figures(status, closed):
    """(resolved within SLA, breach rate in percent) of a complaint with
    this SLA status, closed or not: the breach rate's average over
    complaints is their share breached."""
    return bool(closed) and status != BREACHED, 100.0 if status == BREACHED else 0.0


def escalation_level(now, resolve_deadline, closed, level1_hours, level2_hours):
    """Escalation level an open complaint should have reached by ``now``:
    level 1 ``level1_hours`` after the resolution deadline, level 2 after
    ``level2_hours``."""
    if closed or not resolve_deadline or now <= resolve_deadline:
        return 0
    late_hours = (now - resolve_deadline).total_seconds() / 3600.0
    if late_hours >= level2_hours:
        return 2
    if late_hours >= level1_hours:
        return 1
    return 0
