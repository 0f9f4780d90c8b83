# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo data of the account manager process, built relative to today
(demo/am_demo_data.xml calls it through the am.demo.generator model)."""
import random
from datetime import datetime, timedelta

from odoo import fields

from ..models import am_rules

CUSTOMER_NAMES = [
    "Huaxin Trading", "Jinghua Foods", "Mingde Logistics", "Tianyi Textiles", "Hengtong Steel",
    "Ruifeng Pharmacy", "Lianhe Electronics", "Dongfang Printing", "Xinyuan Furniture",
    "Changjiang Shipping", "Baoli Ceramics", "Fuxing Hotels", "Anda Auto Parts", "Kangmei Clinic",
    "Shengshi Media", "Hongda Construction", "Yongle Tea House", "Guangming Dairy",
    "Haitian Seafood", "Jiahe Property", "Zhongxin Software", "Longma Machinery",
    "Tongren Bookstore", "Wanjia Supermarket", "Qingshan Paper", "Huamei Cosmetics",
    "Dahua Garments", "Kaiyuan Energy", "Xingye Packaging", "Ronghua Jewelry",
    "Meilin Florist", "Jinlong Restaurant", "Yida Education", "Shunfeng Couriers",
    "Tianma Travel", "Hexie Healthcare", "Pengcheng Hardware", "Lvyuan Agriculture",
    "Chuangxin Labs", "Fuhai Imports",
]
TIER_XMLIDS = ["customer_tier_key", "customer_tier_a", "customer_tier_a", "customer_tier_b",
               "customer_tier_b", "customer_tier_c"]


def _ref(env, xmlid):
    return env.ref("account_manager_process." + xmlid)


def generate(env):
    """Demo data relative to today; deterministic (seeded) and cheap."""
    rnd = random.Random(2026)
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True))
    users = [_ref(env, "demo_user_am%s" % i) for i in range(1, 5)]
    today = datetime.utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    customers = _generate_customers(env, users, today)
    leads = _generate_leads(env, customers)
    _generate_visits(env, rnd, customers, leads, today)
    env["res.partner"]._am_recompute_visit_stats()
    _generate_reports(env, users, today)
    _generate_positions(env, users, today)
    _generate_claims(env, users, customers, today)
    env["am.spot.check"]._cron_sample_visits()
    checks = env["am.spot.check"].search([], limit=3)
    results = ["confirmed", "not_confirmed", "unreachable"]
    for index, check in enumerate(checks):
        check._write_workflow({
            "result": results[index], "checker_id": _ref(env, "demo_user_leader").id,
            "check_date": fields.Date.to_string(today)})
    return True


def _generate_customers(env, users, today):
    customers = []
    registered = fields.Datetime.to_string(today - timedelta(days=120))
    for index, name in enumerate(CUSTOMER_NAMES):
        user = users[index % 4]
        partner = env["res.partner"].sudo(user).create({
            "name": "%s Co., Ltd." % name,
            "is_company": True,
            "customer": True,
            "phone": "+86 21 5555 %04d" % (1000 + index),
            "email": "contact@%s.example.com" % name.lower().replace(" ", ""),
            "city": "Shanghai",
            "am_user_id": user.id,
            "am_tier_id": _ref(env, TIER_XMLIDS[index % len(TIER_XMLIDS)]).id,
        })
        location = {"am_registration_date": registered}
        if index % 7 != 6:
            # located customers around Shanghai; a few have no location yet
            location.update({"partner_latitude": round(31.15 + (index % 10) * 0.02, 5),
                             "partner_longitude": round(121.40 + (index // 10) * 0.03, 5)})
        partner._write_workflow(location)
        env["res.partner"].create({
            "name": "Contact of %s" % name, "parent_id": partner.id,
            "function": "Finance manager"})
        customers.append(partner)
    return customers


def _generate_leads(env, customers):
    leads = {}
    for partner in customers[::5]:
        leads[partner.id] = env["crm.lead"].create({
            "name": "Cash management for %s" % partner.name,
            "type": "opportunity",
            "partner_id": partner.id,
            "user_id": partner.am_user_id.id,
            "planned_revenue": 50000,
        })
    return leads


def _generate_visits(env, rnd, customers, leads, today):
    visit_model = env["am.visit"]
    purposes = env["am.visit.purpose"].search([("active", "=", True)])
    outcomes = env["am.visit.outcome"].search([("active", "=", True)])
    types = ["new_customer", "maintenance", "return", "complaint"]
    for index, partner in enumerate(customers):
        interval = partner.am_tier_id.return_interval_days
        step = max(10, min(interval, 40))
        day = 90 - rnd.randint(0, 9)
        count = 0
        while day > 2:
            start = today - timedelta(days=day) + timedelta(hours=1 + rnd.randint(0, 6))
            late = rnd.random() < 0.1
            state = "done" if rnd.random() < 0.85 else rnd.choice(["missed", "cancelled"])
            vals = {
                "user_id": partner.am_user_id.id,
                "partner_id": partner.id,
                "contact_id": partner.child_ids[:1].id,
                "visit_type": "new_customer" if count == 0 else types[(index + count) % 4],
                "purpose_id": purposes[(index + count) % len(purposes)].id,
                "planned_start": fields.Datetime.to_string(start),
                "planned_stop": fields.Datetime.to_string(start + timedelta(hours=2)),
                "lead_id": leads.get(partner.id, env["crm.lead"]).id,
            }
            workflow = {"state": state}
            if state == "done":
                vals.update({
                    "outcome_id": outcomes[rnd.randint(0, len(outcomes) - 1)].id,
                    "summary": "Discussed the customer's business changes and needs.",
                    "progress_note": "Follow-up agreed.",
                })
                workflow.update({
                    "checkin_time": fields.Datetime.to_string(start),
                    "checkout_time": fields.Datetime.to_string(
                        start + timedelta(minutes=60 + rnd.randint(0, 120))),
                    "entry_date": fields.Datetime.to_string(
                        start + timedelta(days=4 if late else 0, hours=3)),
                })
                workflow.update(_demo_verification(rnd, partner, day))
            # the demo's past, written as the buttons would have written it
            visit_model.create(vals)._write_workflow(workflow)
            count += 1
            day -= step + rnd.randint(-3, 3)
    # the near future and today: planned and in-progress visits
    for index, partner in enumerate(customers[:12]):
        start = today + timedelta(days=index % 6, hours=2)
        visit = visit_model.create({
            "user_id": partner.am_user_id.id,
            "partner_id": partner.id,
            "visit_type": types[index % 4],
            "purpose_id": purposes[index % len(purposes)].id,
            "planned_start": fields.Datetime.to_string(start),
            "planned_stop": fields.Datetime.to_string(start + timedelta(hours=2)),
        })
        if index < 4:
            visit.sudo(partner.am_user_id).action_checkin()


def _demo_verification(rnd, partner, days_ago):
    """Check-in verification of a demo visit: most verified at the
    customer, some out of range or unverified; the team leader accepted
    the older ones and rejected a few, the recent ones wait for him."""
    located = bool(partner.partner_latitude or partner.partner_longitude)
    draw = rnd.random()
    if located and draw < 0.8:
        verdict, metres, accuracy = "verified", rnd.randint(10, 300), rnd.randint(5, 60)
    elif located and draw < 0.9:
        verdict, metres, accuracy = "out_of_range", rnd.randint(1500, 6000), rnd.randint(5, 60)
    else:
        verdict, metres, accuracy = "unverified", 0, rnd.choice([0, 800])
    latitude = (partner.partner_latitude or 31.2) + metres / 111195.0
    values = {
        "checkin_verdict": verdict, "checkin_distance": metres if located else 0,
        "checkin_accuracy": accuracy,
        "checkin_latitude": latitude if accuracy else 0.0,
        "checkin_longitude": (partner.partner_longitude or 121.45) if accuracy else 0.0,
        "review_state": "none",
    }
    if verdict != "verified":
        if days_ago <= 14:
            values["review_state"] = "to_review"
        else:
            values["review_state"] = "rejected" if rnd.random() < 0.2 else "accepted"
            values["review_reason"] = "Checked with the customer by phone."
            values["review_user_id"] = partner.am_leader_user_id.id
    return values


def _generate_reports(env, users, today):
    report_model = env["am.work.report"]
    leader = _ref(env, "demo_user_leader")
    for user in users:
        periods = [("daily", today - timedelta(days=d)) for d in (1, 2, 3, 4, 5)]
        periods += [("weekly", today - timedelta(days=7 * w)) for w in (1, 2)]
        periods += [("monthly", am_rules.previous_period("monthly", today)[0])]
        for number, (report_type, day) in enumerate(periods):
            report = report_model.sudo(user).create({
                "report_type": report_type, "date_from": fields.Date.to_string(day),
                "user_id": user.id})
            for line in report.line_ids:
                line.sudo(user).content = "Done as planned: %s." % line.name.lower()
            if number % 4 == 3:
                continue  # a draft left behind
            report.sudo(user).action_submit()
            submitted = day + timedelta(days=1 if number % 3 else 3, hours=10)
            report._write_workflow({"submit_date": fields.Datetime.to_string(submitted)})
            if number % 2 == 0:
                report.sudo(leader).write({"leader_comment": "Good work, keep the pace."})
                report.sudo(leader).action_review()


def _generate_positions(env, users, today):
    attendance = env["hr.attendance"]
    places = ["Branch office", "Customer site, Pudong", "Head office", "Customer site, Xuhui"]
    for index, user in enumerate(users):
        employee = env["hr.employee"].search([("user_id", "=", user.id)], limit=1)
        for days_ago in (5, 4, 3, 2, 1):
            start = today - timedelta(days=days_ago) + timedelta(hours=0, minutes=30 + index)
            attendance.create({
                "employee_id": employee.id,
                "check_in": fields.Datetime.to_string(start),
                "am_position_in": places[(index + days_ago) % 4],
                "check_out": fields.Datetime.to_string(start + timedelta(hours=9)),
                "am_position_out": places[(index + days_ago + 1) % 4],
            })
        if index < 2:  # am3 and am4 have not reported their position today
            attendance.create({
                "employee_id": employee.id,
                "check_in": fields.Datetime.to_string(today + timedelta(minutes=30)),
                "am_position_in": places[index],
            })


def _generate_claims(env, users, customers, today):
    claim_model = env["crm.claim"]
    new = env.ref("crm_claim.stage_claim1")
    progress = env.ref("crm_claim.stage_claim5")
    settled = env.ref("crm_claim.stage_claim2")
    categories = env["crm.claim.category"].search([], limit=10)
    now = datetime.utcnow()
    # (hours ago, priority, channel, stage, closed after hours, satisfaction)
    scenarios = [
        (5, "1", "phone", new, None, 0),            # on time
        (60, "1", "visit", progress, None, 0),      # at risk (75% of 72 h)
        (100, "1", "letter", progress, None, 0),    # breached, escalated
        (20, "2", "regulator", new, None, 0),       # at risk, high priority
        (200, "1", "email", settled, 48, 5),        # closed on time
        (300, "2", "consumer_association", settled, 60, 2),  # closed, breached
        (150, "1", "walk_in", settled, 30, 4),      # closed on time
        (40, "0", "phone", progress, None, 0),      # on time
    ]
    for index, (hours, priority, channel, stage, closed_after, rating) in enumerate(scenarios):
        user = users[index % 4]
        partner = customers[index * 4]
        date = now - timedelta(hours=hours)
        claim = claim_model.create({
            "name": "Complaint %s: %s" % (index + 1, partner.name),
            "partner_id": partner.id,
            "user_id": user.id,
            "date": fields.Datetime.to_string(date),
            "priority": priority,
            "am_channel": channel,
            "categ_id": categories[index % len(categories)].id if categories else False,
            "description": "The customer reports a problem with the service.",
            "stage_id": new.id,
        })
        if hours > 10:
            claim.action_am_acknowledge()
        if stage != new:
            claim.write({"stage_id": stage.id})
        if closed_after:
            claim.write({
                "am_satisfaction": str(rating),
                "cause": "Information given at account opening was incomplete.",
                "resolution": "Explained the fees and refunded the difference.",
            })
            # the demo's past, as the closing would have recorded it
            claim._write_workflow({"am_closed_date": fields.Datetime.to_string(
                date + timedelta(hours=closed_after))})
    reopened = claim_model.search([("am_channel", "=", "walk_in")], limit=1)
    reopened.write({"stage_id": progress.id})
    reopened.write({"stage_id": settled.id})
    claim_model._cron_am_escalate()
