# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest
from datetime import datetime, timedelta

from odoo.addons.account_manager_process.models import claim_rules


class TestClaimRules(unittest.TestCase):
    """The pure arithmetic of complaints and their SLA, without a database."""

    def test_sla_deadline_and_status_on_time_at_risk_breached(self):
        start = datetime(2026, 3, 1, 8, 0)
        deadline = claim_rules.sla_deadline(start, 24)
        self.assertEqual(deadline, datetime(2026, 3, 2, 8, 0))
        self.assertIsNone(claim_rules.sla_deadline(start, 0))
        ack = claim_rules.sla_deadline(start, 2)
        status = claim_rules.sla_status
        self.assertEqual(status(start + timedelta(hours=1), start, deadline), "on_time")
        self.assertEqual(status(start + timedelta(hours=19), start, deadline), "at_risk")
        self.assertEqual(status(start + timedelta(hours=25), start, deadline), "breached")
        self.assertEqual(status(start + timedelta(hours=3), start, deadline, None, ack, None),
                         "at_risk")
        self.assertEqual(status(start + timedelta(hours=3), start, deadline, None, ack,
                                start + timedelta(hours=1)), "on_time")
        closed_late = start + timedelta(hours=30)
        self.assertEqual(status(start + timedelta(hours=50), start, deadline, closed_late),
                         "breached")
        self.assertEqual(status(start + timedelta(hours=50), start, deadline,
                                start + timedelta(hours=5)), "on_time")
        self.assertEqual(status(start, start, None), "on_time")
        self.assertEqual((claim_rules.ON_TIME, claim_rules.AT_RISK, claim_rules.BREACHED),
                         ("on_time", "at_risk", "breached"))
        closed = start + timedelta(hours=5)
        self.assertEqual(claim_rules.sla_figures("on_time", closed), (True, 0.0))
        self.assertEqual(claim_rules.sla_figures("breached", closed), (False, 100.0))
        self.assertEqual(claim_rules.sla_figures("at_risk", None), (False, 0.0))
        self.assertEqual(claim_rules.sla_figures("breached", None), (False, 100.0))

    def test_escalation_level(self):
        deadline = datetime(2026, 3, 2, 8, 0)
        level = claim_rules.escalation_level
        self.assertEqual(level(deadline - timedelta(hours=1), deadline, None, 0, 24), 0)
        self.assertEqual(level(deadline + timedelta(hours=1), deadline, None, 0, 24), 1)
        self.assertEqual(level(deadline + timedelta(hours=25), deadline, None, 0, 24), 2)
        self.assertEqual(level(deadline + timedelta(hours=1), deadline, None, 4, 24), 0)
        self.assertEqual(level(deadline + timedelta(hours=30), deadline, deadline, 0, 24), 0)

    def test_sla_status_stays_until_its_next_change(self):
        """Up to sla_next_change() the clock leaves sla_status() as it is,
        and the status differs soon after the moment (or never changes when
        there is none), for every kind of complaint and moment of the day."""
        start = datetime(2026, 3, 1, 8, 0)
        resolve = start + timedelta(hours=24)
        ack = start + timedelta(hours=2)
        cases = [(start, resolve, None, ack, None),                      # not acknowledged
                 (start, resolve, None, ack, start + timedelta(hours=1)),  # acknowledged
                 (start, resolve, None, None, None),                     # no ack deadline
                 (start, resolve, resolve, ack, None),                   # closed
                 (start, None, None, None, None)]                        # no deadline
        step = timedelta(minutes=7)
        for dates in cases:
            for percent in (50.0, 75.0, 100.0):
                now = start - timedelta(hours=1)
                while now < start + timedelta(hours=30):
                    status = claim_rules.sla_status(now, *dates, at_risk_percent=percent)
                    moment = claim_rules.sla_next_change(now, *dates, at_risk_percent=percent)
                    later = now + step
                    limit = moment if moment is not None else now + timedelta(days=3)
                    while later < limit:
                        self.assertEqual(claim_rules.sla_status(
                            later, *dates, at_risk_percent=percent), status,
                            (dates, percent, now, later, moment))
                        later += step
                    if moment is not None:
                        self.assertGreaterEqual(moment, now)
                    now += step
        # the moments of an open complaint: acknowledgement, at risk, breached
        nxt = claim_rules.sla_next_change
        self.assertEqual(nxt(start, start, resolve, None, ack, None, 75.0), ack)
        # at risk already (acknowledgement overdue): looked at again at the
        # at-risk share, where it stays at risk, then at the deadline
        self.assertEqual(nxt(ack + step, start, resolve, None, ack, None, 75.0),
                         start + timedelta(hours=18))
        self.assertEqual(nxt(start, start, resolve, None, ack, ack, 75.0),
                         start + timedelta(hours=18))
        self.assertEqual(nxt(start + timedelta(hours=19), start, resolve, None, ack, ack, 75.0),
                         resolve)
        self.assertIsNone(nxt(resolve + step, start, resolve, None, ack, ack, 75.0))
        self.assertIsNone(nxt(start, start, resolve, resolve, ack, None, 75.0))
