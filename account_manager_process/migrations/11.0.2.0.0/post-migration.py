# Copyright 2026 Account Manager Process Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.2.0.0: fill the customer satisfaction selection (and its numeric
score) of the complaints from the integer ratings kept aside by the
pre-migration: 1 to 5 stay 1 to 5 stars, 0 and empty become "not rated".
The configured report steps (noupdate data) get the guidance new databases
have, where the administrator left it empty."""
from openupgradelib import openupgrade
from psycopg2 import sql

from odoo.addons.account_manager_process.models import am_sql

LEGACY_COLUMN = openupgrade.get_legacy_name("am_satisfaction")
STEP_GUIDANCE = {
    "report_step_finding": (
        "Where and how you looked for new customers (referrals, lists, cold "
        "visits) and whom you found."),
    "report_step_intent": (
        "Customers you talked with about their needs and intentions: what they "
        "want, what you proposed."),
    "report_step_deal": (
        "Accounts opened or deals moved forward: customer, product, amount, "
        "what is still missing."),
    "report_step_return": (
        "Existing customers visited or called back: business changes, documents"
        " collected, agreements signed."),
    "report_step_summary": (
        "The day's results against your plan, the problems met and what you "
        "learned."),
    "report_step_plan": (
        "Tomorrow's appointments, visits and calls, with the goal of each."),
    "report_step_week_execution": (
        "What of this week's plan was done, what was not, and why."),
    "report_step_week_plan": (
        "The customers to visit next week, with the day and the goal of each "
        "visit."),
    "report_step_week_indicators": (
        "Where your sales indicators stand against the targets, and what the "
        "weekly sales meeting decided."),
    "report_step_month_evaluation": (
        "Your results of the month against the targets, in your own assessment."),
    "report_step_month_analysis": (
        "The month's analysis of your customers, brands, market and service, "
        "with your suggestions."),
    "report_step_month_plan": (
        "Next month's plan: the visit schedule per customer (frequency and "
        "cycle) and the targets."),
}


def fill_satisfaction(cr):
    """Copy the legacy integer ratings into the selection and the score;
    returns the number of rated complaints."""
    if not openupgrade.column_exists(cr, "crm_claim", LEGACY_COLUMN):
        return 0
    openupgrade.logged_query(cr, """
        UPDATE crm_claim
           SET am_satisfaction = CASE WHEN "{legacy}" BETWEEN 1 AND 5
                                      THEN "{legacy}"::varchar ELSE '0' END,
               am_satisfaction_score = CASE WHEN "{legacy}" BETWEEN 1 AND 5
                                            THEN "{legacy}" ELSE 0 END
    """.format(legacy=LEGACY_COLUMN))
    am_sql.execute(cr, sql.SQL("SELECT COUNT(*) FROM crm_claim WHERE {} BETWEEN 1 AND 5").format(
        sql.Identifier(LEGACY_COLUMN)))
    return cr.fetchone()[0]


def fill_step_guidance(env):
    """Guidance for the configured steps that have none; returns the steps."""
    steps = env["am.work.report.step"]
    for xmlid, guidance in STEP_GUIDANCE.items():
        step = env.ref("account_manager_process." + xmlid, raise_if_not_found=False)
        if step and not step.guidance:
            step.guidance = guidance
            steps |= step
    return steps


@openupgrade.migrate()
def migrate(env, version):
    fill_satisfaction(env.cr)
    fill_step_guidance(env)
