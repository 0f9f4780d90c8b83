# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo assessments (demo/am_assessment_demo.xml calls them through
am.assessment.scheme._create_demo_assessments)."""
from datetime import timedelta

from odoo import fields


def create_demo_assessments(schemes, scheme_ids):
    """Demo: facts of the key account managers over the last four weeks
    (Zhao Lei fails every week: HR review; Sun Li meets the tasks the
    last two weeks) and the assessments of the last periods."""
    weekly, monthly = schemes.browse(scheme_ids)
    if weekly.assessment_ids:
        return  # demo loaded again on update
    env = schemes.env(context=dict(schemes.env.context, tracking_disable=True,
                                   mail_create_nolog=True, mail_notrack=True))
    kam1 = env.ref("account_manager_assessment.demo_user_kam1")
    kam2 = env.ref("account_manager_assessment.demo_user_kam2")
    today = fields.Date.from_string(fields.Date.context_today(schemes))
    start, _stop = weekly._period_of(today)
    weeks = [start - timedelta(weeks=n) for n in (4, 3, 2, 1)]
    plan = [(kam1, weeks[0], 2, 10, 90), (kam1, weeks[1], 1, 12, 60),
            (kam1, weeks[2], 2, 8, 95), (kam1, weeks[3], 0, 5, 40),
            (kam2, weeks[0], 2, 15, 100), (kam2, weeks[1], 3, 14, 80),
            (kam2, weeks[2], 3, 16, 100), (kam2, weeks[3], 4, 18, 110)]
    Partner, Lead = env["res.partner"], env["crm.lead"]
    for user, week, units, batches, numbers in plan:
        stamp = "%s 10:00:00" % (week + timedelta(days=2))
        partners = Partner
        for i in range(units):
            partners |= Partner.create({
                "name": "%s unit %s-%s" % (user.name, week, i),
                "customer": True, "is_company": True,
                "am_user_id": user.id})
        if partners:
            # registered in the past: the registration date is the
            # system's, back-dated here
            schemes.env.cr.execute(
                "UPDATE res_partner SET am_registration_date = %s "
                "WHERE id IN %s", (stamp, tuple(partners.ids)))
            partners.invalidate_cache()
            partners.modified(["am_registration_date"])
            partners.recompute()
        for i in range(batches):
            Lead.create({
                "name": "%s sincere batch %s-%s" % (user.name, week, i),
                "type": "opportunity", "user_id": user.id,
                "date_conversion": stamp})
        leads = Lead
        for i in range(numbers):
            leads |= Lead.create({
                "name": "%s number %s-%s" % (user.name, week, i),
                "type": "lead", "am_prospect_provider_id": user.id})
        schemes.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id IN %s",
            (stamp, tuple(leads.ids)))
    # the rewards: a set closed by sales from Sun Li's number and a deal
    # she brought door to door
    salesman = env.ref("account_manager_process.demo_user_am1")
    for mode, revenue, commission in (("number", 8000, 400),
                                      ("door_to_door", 30000, 1500)):
        lead = Lead.create({
            "name": "Sun Li %s deal" % mode, "type": "opportunity",
            "user_id": salesman.id, "probability": 100,
            "planned_revenue": revenue, "am_prospect_provider_id": kam2.id,
            "am_handover_mode": mode,
            "am_salesperson_commission": commission})
        lead.write({"date_closed": "%s 16:00:00" % (weeks[3] + timedelta(days=3))})
    Lead.invalidate_cache()
    for week in weeks:
        weekly._generate_period(week, week + timedelta(days=6))
    last_start, _stop = monthly._period_of(today)
    last_start, last_stop = monthly._period_of(
        last_start - timedelta(days=1))
    first_start, first_stop = monthly._period_of(
        last_start - timedelta(days=1))
    # the earlier month: scored and confirmed by the team leader,
    # approved by HR (the administrator)
    leader = env.ref("account_manager_process.demo_user_leader")
    first = monthly._generate_period(first_start, first_stop).sudo(
        leader)
    first.action_submit()
    for index, assessment in enumerate(first):
        for line in assessment.process_line_ids:
            line.score = 60 + (index * 7 + line.item_id.sequence * 5) % 40
    first.action_confirm()
    first.sudo(env.ref("base.user_root")).action_approve()
    # the last month: waiting for the leader's scores
    monthly._generate_period(last_start, last_stop).sudo(
        leader).action_submit()
